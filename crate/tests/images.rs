//! Image networks: the shipped data is intact, networks whose shapes do not fit are refused with
//! a message naming the layer, and the image presets learn real handwritten digits.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::{Activation, DatasetKind, LayerSpec, LossKind};
use neural_kitchen::data::images::{read_shipped, ImageSet};
mod common;

use common::train_preset;
use neural_kitchen::nn::network::Network;
use neural_kitchen::presets::preset;
use neural_kitchen::{Config, Trainer};
use sha2::{Digest, Sha256};

#[test]
fn the_shipped_data_files_match_their_checksums() {
    let sums = String::from_utf8(read_shipped("SHA256SUMS").unwrap()).unwrap();
    let mut checked = 0;
    for line in sums.lines() {
        let (hash, file) = line.split_once("  ").unwrap();
        let digest = Sha256::digest(read_shipped(file).unwrap());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, hash, "{file}");
        checked += 1;
    }
    // Five image files, and the train and test text of names, poems and dishes.
    assert_eq!(checked, 11);
}

#[test]
fn the_shipped_sets_decode_to_the_documented_sizes() {
    for (file, count, side) in [
        ("digits8.nkimg.gz", 1797, 8),
        ("mnist-train.nkimg.gz", 5000, 28),
        ("mnist-test.nkimg.gz", 1000, 28),
        ("fashion-train.nkimg.gz", 5000, 28),
        ("fashion-test.nkimg.gz", 1000, 28),
    ] {
        let set = ImageSet::decode(&read_shipped(file).unwrap()).unwrap();
        assert_eq!(
            (set.len(), set.height, set.width, set.classes),
            (count, side, side, 10),
            "{file}"
        );
        let ink = set.pixels.iter().filter(|&&p| p > 0).count();
        assert!(ink > set.pixels.len() / 20, "{file} has ink");
    }
}

fn conv(channels: u32, kernel: u32, padding: u32) -> LayerSpec {
    LayerSpec::Conv2d {
        channels,
        kernel,
        stride: 1,
        padding,
        activation: Activation::Relu,
    }
}

/// The error of validating a config and building its network (where shapes are checked).
fn error_of(dataset: DatasetKind, layers: Vec<LayerSpec>) -> String {
    let config = Config {
        dataset,
        layers,
        ..Config::default()
    };
    let built = config.validate().and_then(|()| Network::new(&config));
    built.unwrap_err().to_string()
}

#[test]
fn networks_whose_shapes_do_not_fit_are_refused_naming_the_layer() {
    use DatasetKind::*;
    let pool = |size| LayerSpec::MaxPool2d { size, stride: None };
    let cases = [
        (
            Digits8,
            vec![pool(2), conv(4, 3, 0), conv(4, 5, 0)],
            "layer 3: kernel 5×5 is larger than its 2×2 input",
        ),
        (
            Digits8,
            vec![conv(4, 3, 0), pool(2), conv(4, 5, 0)],
            "layer 3: kernel 5×5 is larger than its 3×3 input",
        ),
        (
            Mnist,
            vec![pool(4), pool(4), pool(4)],
            "layer 3: window 4×4 is larger than its 1×1 input",
        ),
        (
            Mnist,
            vec![conv(0, 3, 0)],
            "layers[0].channels must be between 1 and 64, got 0",
        ),
        (
            Mnist,
            vec![conv(4, 3, 3)],
            "layers[0].padding must be between 0 and 2, got 3",
        ),
        (
            Mnist,
            vec![LayerSpec::Dropout { rate: 1.0 }],
            "layers[0].rate must be between 0 and 0.9, got 1",
        ),
        (
            Mnist,
            vec![LayerSpec::Dense {
                units: 5000,
                activation: Activation::Relu,
            }],
            "layers[0].units must be between 1 and 1024, got 5000",
        ),
        (
            Circle,
            vec![conv(4, 3, 1)],
            "layers must be empty for a point dataset",
        ),
    ];
    for (dataset, layers, expected) in cases {
        let message = error_of(dataset, layers);
        assert!(
            message.starts_with(expected),
            "got \"{message}\", expected \"{expected}…\""
        );
    }
    let ten_class_bce = Config {
        dataset: Mnist,
        loss: LossKind::BinaryCrossEntropy,
        ..Config::default()
    };
    assert!(ten_class_bce
        .validate()
        .unwrap_err()
        .to_string()
        .starts_with("loss must be crossEntropy or mse for the 10 classes of mnist"));
}

#[test]
fn an_image_layer_spec_reads_from_json_with_defaults() {
    let config = Config::from_json(
        r#"{"dataset":"mnist","layers":[{"kind":"conv2d","channels":4,"kernel":3,"activation":"relu"},{"kind":"maxPool2d","size":2},{"kind":"flatten"},{"kind":"dropout","rate":0.2}]}"#,
    )
    .unwrap();
    assert_eq!(
        config.layers[0],
        LayerSpec::Conv2d {
            channels: 4,
            kernel: 3,
            stride: 1,
            padding: 0,
            activation: Activation::Relu
        }
    );
    let bad = Config::from_json(r#"{"dataset":"mnist","layers":[{"kind":"conv3d"}]}"#).unwrap_err();
    assert!(
        bad.to_string()
            .starts_with("config field layers[0].kind: unknown variant `conv3d`"),
        "{bad}"
    );
}

#[test]
fn digits_cnn_reaches_95_percent_on_the_mnist_test_images_in_6_epochs() {
    assert_eq!(preset("digits-cnn").unwrap().epochs, 6);
    let mut t = train_preset("digits-cnn");
    let accuracy = t.metrics().test_accuracy.unwrap();
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
}

#[test]
fn digits8_mlp_reaches_95_percent_on_held_out_8x8_digits() {
    let mut t = train_preset("digits8-mlp");
    let (train, test) = t.data().images().unwrap();
    assert_eq!(train.len() + test.len(), 1797);
    let accuracy = t.metrics().test_accuracy.unwrap();
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
}

#[test]
fn an_image_model_with_dropout_saves_loads_and_trains_on_identically() {
    let mut config = preset("digits8-mlp").unwrap().config;
    config.layers.push(LayerSpec::Dropout { rate: 0.25 });
    let mut t = Trainer::new(config).unwrap();
    t.step(17);
    let mut copy = Trainer::from_json(&t.to_json().unwrap()).unwrap();
    t.step(30);
    copy.step(30);
    assert_eq!(copy.params(), t.params());
    let pixels = vec![0.5; 64];
    assert_eq!(
        copy.probe_image(&pixels).unwrap(),
        t.probe_image(&pixels).unwrap()
    );
    assert!(t.probe_image(&[0.5; 10]).is_err());
    assert!(t.grid(10).is_err(), "no decision boundary over images");
}

#[test]
fn a_drawn_digit_joins_the_training_set_and_bad_images_are_refused() {
    let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
    let before = t.data().train().len();
    let steps_before = t.steps_per_epoch();
    t.add_training_image(&[0.5; 64], 3).unwrap();
    assert_eq!(t.data().train().len(), before + 1);
    assert_eq!(t.data().images().unwrap().0.labels.last(), Some(&3));
    assert!(t.steps_per_epoch() >= steps_before);
    assert!(t.add_training_image(&[0.5; 63], 3).is_err());
    assert!(t.add_training_image(&[1.5; 64], 3).is_err());
    let e = t
        .add_training_image(&[0.5; 64], 10)
        .unwrap_err()
        .to_string();
    assert_eq!(e, "label must be between 0 and 9, got 10");
    assert_eq!(
        t.data().train().len(),
        before + 1,
        "refused images change nothing"
    );
    t.epoch();
    assert_eq!(
        t.progress().examples_seen as usize,
        before + 1,
        "the epoch included it"
    );
}

#[test]
fn the_history_keeps_each_weight_layers_gradient_size_per_epoch() {
    let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
    t.epoch();
    t.epoch();
    let norms = &t.history().grad_norms;
    assert_eq!(norms.len(), 2, "hidden and output layer");
    for layer in norms {
        assert_eq!(layer.len(), 3);
        assert_eq!(layer[0], 0.0, "no gradient before training");
        assert!(layer[1] > 0.0 && layer[2] > 0.0);
    }
}

#[test]
fn the_confusion_matrix_of_a_trained_digit_model_is_mostly_diagonal() {
    let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
    for _ in 0..5 {
        t.epoch();
    }
    let m = t.confusion();
    assert_eq!(m.len(), 100);
    let diagonal: u32 = (0..10).map(|c| m[c * 10 + c]).sum();
    let total: u32 = m.iter().sum();
    assert_eq!(total as usize, t.data().test().len());
    assert!(diagonal as f32 > 0.85 * total as f32, "{diagonal}/{total}");
}

#[test]
fn an_epochs_measurement_spread_over_later_steps_equals_the_one_made_at_once() {
    let config = preset("digits8-mlp").unwrap().config;
    let mut at_once = Trainer::new(config.clone()).unwrap();
    let mut spread = Trainer::new(config).unwrap();
    let per_epoch = spread.steps_per_epoch();
    at_once.epoch();
    assert_eq!(spread.metrics().steps_left_in_epoch, per_epoch);
    spread.step(per_epoch - 1);
    assert_eq!(spread.metrics().steps_left_in_epoch, 1);
    spread.step(1);
    assert_eq!(spread.metrics().steps_left_in_epoch, per_epoch);
    assert_eq!(spread.history().len(), 1, "still measuring");
    assert!(spread.metrics().measuring);
    // 32 images a step: the 1,000 train and ~900 test images take 60 steps.
    spread.step(60);
    at_once.step(60);
    assert_eq!(spread.history(), at_once.history());
    assert_eq!(
        spread.history().step[1],
        per_epoch,
        "the entry belongs to the epoch's end"
    );
    assert_eq!(spread.params(), at_once.params());
}

#[test]
fn a_paused_page_can_finish_the_measurement_a_little_at_a_time() {
    let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
    t.step(t.steps_per_epoch());
    let mut calls = 0;
    while t.advance_evaluation() {
        calls += 1;
    }
    assert!(calls > 5, "{calls} calls");
    assert!(!t.metrics().measuring);
    assert_eq!(t.history().len(), 2);
}
