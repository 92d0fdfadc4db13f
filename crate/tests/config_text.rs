//! A config file as the native trainer reads it (`Config::from_json`, which
//! `examples/train.rs` calls): only a JSON object is a config, a byte-order mark is skipped, a
//! model file is named as one; and a diverged run is recognised (`Trainer::diverged`, on which
//! the native trainer exits with an error).
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::{Activation, DatasetKind, HiddenLayer, LossKind, OptimizerKind};
use neural_kitchen::presets::preset;
use neural_kitchen::{Config, Trainer};

#[test]
fn a_config_that_is_not_a_json_object_is_refused_saying_what_it_is() {
    for (text, kind) in [
        ("[]", "an array"),
        ("[1, 2]", "an array"),
        ("42", "a number"),
        ("\"spiral\"", "a string"),
        ("null", "null"),
        ("true", "a boolean"),
    ] {
        let e = Config::from_json(text).unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "config: must be a JSON object of fields ({{\"dataset\": \"spiral\", ...}}), \
                 got {kind}"
            ),
            "{text}"
        );
    }
}

#[test]
fn a_byte_order_mark_before_the_config_is_skipped() {
    let config = Config::from_json("\u{feff}{\"dataset\": \"xor\"}").unwrap();
    assert_eq!(config.dataset, DatasetKind::Xor);
    assert_eq!(Config::from_json("\u{feff}{}").unwrap(), Config::default());
}

#[test]
fn a_model_file_given_as_a_config_is_named_as_one() {
    let mut t = Trainer::new(preset("xor").unwrap().config).unwrap();
    t.step(2);
    let model = t.to_json().unwrap();
    let e = Config::from_json(&model).unwrap_err().to_string();
    assert!(e.starts_with("this is a model file, not a config; "), "{e}");
}

#[test]
fn a_run_whose_loss_is_no_longer_finite_has_diverged() {
    let mut healthy = Trainer::new(preset("xor").unwrap().config).unwrap();
    healthy.epoch();
    assert!(!healthy.diverged());
    // Least squares on a regression set with the largest learning rate blows up.
    let config = Config {
        dataset: DatasetKind::Plane,
        loss: LossKind::Mse,
        optimizer: OptimizerKind::Sgd,
        learning_rate: 10.0,
        hidden: vec![HiddenLayer {
            units: 8,
            activation: Activation::Relu,
        }],
        ..Config::default()
    };
    let mut t = Trainer::new(config).unwrap();
    let mut epochs = 0;
    while !t.diverged() && epochs < 20 {
        t.epoch();
        epochs += 1;
    }
    assert!(t.diverged(), "still finite after {epochs} epochs");
}
