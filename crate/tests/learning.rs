//! Training works: every classification preset learns its data, and the lesson's "one gram of
//! every seasoning" (constant initialisation) never breaks the symmetry of a layer.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::{Config, Init};
use neural_kitchen::nn::network::Layer;
mod common;

use common::train_preset;
use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

#[test]
fn every_classification_preset_reaches_95_percent_test_accuracy_in_its_epochs() {
    for name in ["spiral", "circle", "xor", "gaussian", "moons"] {
        let mut t = train_preset(name);
        let m = t.metrics();
        let accuracy = m.test_accuracy.unwrap();
        assert!(accuracy >= 0.95, "{name}: test accuracy {accuracy}");
        assert!(
            m.train_loss < t.history().train_loss[0] / 4.0,
            "{name}: loss fell"
        );
    }
}

#[test]
fn regression_presets_lower_their_error() {
    for name in ["plane", "bumps"] {
        let mut t = train_preset(name);
        let first = t.history().test_quality[0];
        let rmse = t.metrics().test_rmse.unwrap();
        assert!(
            rmse < first / 2.0 && rmse < 0.2,
            "{name}: rmse {first} -> {rmse}"
        );
    }
}

/// Rows of each hidden dense layer (weights of one neuron, with its bias).
fn hidden_rows(t: &Trainer) -> Vec<Vec<Vec<f32>>> {
    let params = t.params();
    let dense: Vec<_> = t
        .network()
        .layers()
        .iter()
        .filter_map(|l| match l {
            Layer::Dense(d) => Some(d.clone()),
            _ => None,
        })
        .collect();
    dense[..dense.len() - 1]
        .iter()
        .map(|d| {
            let w = d.weights.of(params);
            let b = d.biases.of(params);
            (0..d.outputs)
                .map(|r| {
                    let mut row = w[r * d.inputs..(r + 1) * d.inputs].to_vec();
                    row.push(b[r]);
                    row
                })
                .collect()
        })
        .collect()
}

#[test]
fn constant_initialisation_keeps_every_neuron_of_a_layer_identical_after_training() {
    for init in [Init::Ones, Init::Zeros] {
        let mut config = preset("circle").unwrap().config;
        config.init = init;
        let mut t = Trainer::new(config).unwrap();
        let before = t.params().to_vec();
        for _ in 0..20 {
            t.epoch();
        }
        assert_ne!(
            t.params(),
            &before[..],
            "{init:?}: training changed the parameters"
        );
        let after = hidden_rows(&t);
        for layer in &after {
            assert!(
                layer.iter().all(|row| row == &layer[0]),
                "{init:?}: {layer:?}"
            );
        }
    }
}

#[test]
fn random_initialisation_breaks_the_symmetry() {
    let t = Trainer::new(preset("circle").unwrap().config).unwrap();
    for layer in hidden_rows(&t) {
        assert!(layer.iter().any(|row| row != &layer[0]));
    }
}

#[test]
fn every_optimizer_and_loss_learns_the_circle() {
    use neural_kitchen::config::{LossKind, OptimizerKind};
    for optimizer in [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
        OptimizerKind::Rmsprop,
    ] {
        for loss in [
            LossKind::CrossEntropy,
            LossKind::BinaryCrossEntropy,
            LossKind::Mse,
        ] {
            let config = Config {
                optimizer,
                loss,
                learning_rate: if optimizer == OptimizerKind::Sgd {
                    0.1
                } else {
                    0.01
                },
                ..preset("circle").unwrap().config
            };
            let mut t = Trainer::new(config).unwrap();
            for _ in 0..40 {
                t.epoch();
            }
            let accuracy = t.metrics().test_accuracy.unwrap();
            assert!(accuracy >= 0.9, "{optimizer:?}/{loss:?}: {accuracy}");
        }
    }
}
