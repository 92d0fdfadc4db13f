//! The trainer's contract: phases in order, determinism, changes without reset, save and load,
//! and a clear error for every bad value that leaves the model as it was.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::Regularization;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::TrainingChange;
use neural_kitchen::{Config, Phase, Trainer};
use serde_json::json;

fn spiral() -> Trainer {
    Trainer::new(preset("spiral").unwrap().config).unwrap()
}

#[test]
fn phases_run_in_order_and_a_step_finishes_the_one_in_progress() {
    let mut t = spiral();
    let phases: Vec<Phase> = (0..6).map(|_| t.phase()).collect();
    use Phase::*;
    assert_eq!(phases, [Forward, Loss, Backward, Update, Forward, Loss]);
    assert_eq!(t.progress().step, 1);
    t.step(1);
    assert_eq!(t.progress().step, 2);
    assert_eq!(t.next_phase(), Forward);
}

#[test]
fn only_the_update_phase_moves_the_parameters() {
    let mut t = spiral();
    let before = t.params().to_vec();
    t.phase();
    t.phase();
    t.phase();
    assert_eq!(t.params(), &before[..]);
    assert!(
        t.grads().iter().any(|&g| g != 0.0),
        "backward filled the gradients"
    );
    t.phase();
    assert!(t.last_update().iter().any(|&d| d != 0.0));
    for ((after, before), delta) in t.params().iter().zip(&before).zip(t.last_update()) {
        assert!((after - before - delta).abs() <= 1e-6 * before.abs().max(1.0));
    }
}

#[test]
fn each_batch_examples_loss_is_its_own_and_their_mean_is_the_batch_loss() {
    let mut t = spiral();
    assert!(
        t.batch_losses().is_empty(),
        "no batch before the first Forward"
    );
    t.phase();
    t.phase();
    let losses = t.batch_losses();
    assert_eq!(losses.len(), t.batch_indices().len());
    let mean = losses.iter().map(|&l| f64::from(l)).sum::<f64>() / losses.len() as f64;
    let batch_loss = f64::from(t.metrics().batch_loss.unwrap());
    assert!(
        (mean - batch_loss).abs() <= 1e-5 * batch_loss.max(1.0),
        "{mean} vs {batch_loss}"
    );
    assert!(losses.iter().all(|l| l.is_finite() && *l >= 0.0));
    let first = losses[0];
    assert!(
        losses.iter().any(|&l| l != first),
        "examples served differently taste differently"
    );
}

#[test]
fn an_epoch_visits_every_training_point_once() {
    let mut t = spiral();
    t.epoch();
    let p = t.progress();
    assert_eq!(p.epoch, 1);
    assert_eq!(p.examples_seen as usize, t.data().train().len());
    assert_eq!(t.history().len(), 2);
}

#[test]
fn the_same_seed_gives_the_same_history_bit_for_bit_and_another_seed_does_not() {
    let run = |seed| {
        let mut config = preset("moons").unwrap().config;
        config.seed = seed;
        let mut t = Trainer::new(config).unwrap();
        for _ in 0..5 {
            t.epoch();
        }
        (t.history().clone(), t.params().to_vec())
    };
    assert_eq!(run(4), run(4));
    assert_ne!(run(4).0, run(5).0);
}

#[test]
fn reset_returns_to_the_initial_parameters_and_clears_counters() {
    let mut t = spiral();
    let initial = t.params().to_vec();
    t.step(30);
    t.reset();
    assert_eq!(t.params(), &initial[..]);
    assert_eq!(t.progress().step, 0);
    assert_eq!(t.history().len(), 1);
}

#[test]
fn a_reset_trainer_trains_exactly_as_a_new_one() {
    let tensors = || {
        let c: Config = serde_json::from_value(json!({"dataset": "tensors", "batchSize": 3,
            "input": {"channels": 1, "height": 4, "width": 4, "classes": 3},
            "layers": [{"kind": "dense", "units": 5, "activation": "relu"}, {"kind": "dropout", "rate": 0.3}]}))
        .unwrap();
        let set = |n: usize| {
            let x = (0..n * 16).map(|i| (i % 7) as f32 / 7.0).collect();
            neural_kitchen::data::tensors::TensorSet::new(
                &c,
                "set",
                x,
                (0..n as u32).map(|i| i % 3).collect(),
            )
            .unwrap()
        };
        let (train, test) = (set(10), set(4));
        Trainer::with_tensors(c, train, test).unwrap()
    };
    let image = || Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
    let moons = || Trainer::new(preset("moons").unwrap().config).unwrap();
    let cases: [(&str, &dyn Fn() -> Trainer); 3] = [
        ("moons", &moons),
        ("digits8", &image),
        ("tensors", &tensors),
    ];
    for (name, make) in cases {
        let mut used = make();
        used.step(70);
        used.phase();
        used.test_predictions();
        used.reset();
        let mut fresh = make();
        let seen = |t: &mut Trainer| {
            let before = (
                t.params().to_vec(),
                t.batch_values().to_vec(),
                t.verdict(),
                t.metrics(),
            );
            t.step(90);
            t.finish_evaluation();
            let after = (
                t.params().to_vec(),
                t.last_update().to_vec(),
                t.optimizer().clone(),
            );
            (
                before,
                after,
                t.history().clone(),
                t.metrics(),
                t.test_predictions().to_vec(),
            )
        };
        assert!(seen(&mut used) == seen(&mut fresh), "{name}");
    }
}

#[test]
fn learning_rate_and_batch_size_change_without_a_reset() {
    let mut t = spiral();
    t.step(10);
    let params = t.params().to_vec();
    t.set_training(
        &TrainingChange::new()
            .with("learningRate", 0.5)
            .with("batchSize", 25)
            .with("regularization", Regularization::L2)
            .with("regularizationRate", 0.001),
    )
    .unwrap();
    assert_eq!(t.params(), &params[..]);
    assert_eq!(t.progress().step, 10);
    assert_eq!(t.config().learning_rate, 0.5);
    t.step(1);
    assert_eq!(t.batch_indices().len(), 25);
}

#[test]
fn a_bad_training_change_is_refused_and_changes_nothing() {
    let mut t = spiral();
    let before = t.config().clone();
    let e = t
        .set_training(
            &TrainingChange::new()
                .with("learningRate", 0.1)
                .with("batchSize", 0),
        )
        .unwrap_err();
    assert_eq!(e.to_string(), "batchSize must be between 1 and 250, got 0");
    assert_eq!(t.config(), &before);
    let e = t
        .set_training(&TrainingChange::new().with("noise", 10))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("training change must be one of learningRate"),
        "{e}"
    );
    for (field, value, message) in [
        (
            "batchSize",
            json!(2.5),
            "batchSize must be a whole number, got 2.5",
        ),
        (
            "learningRate",
            json!("fast"),
            "learningRate must be a number, got \"fast\"",
        ),
        (
            "regularization",
            json!("l3"),
            "regularization must be one of none, l1, l2, got \"l3\"",
        ),
    ] {
        let e = t
            .set_training(&TrainingChange::new().with(field, value))
            .unwrap_err();
        assert_eq!(e.to_string(), message);
        assert_eq!(e.path(), Some(field));
    }
    assert_eq!(t.config(), &before);
}

#[test]
fn each_bad_config_field_gets_its_own_message() {
    let cases = [
        (
            r#"{"seed":-1}"#,
            "config field seed: invalid value: integer `-1`, expected u32",
        ),
        (
            r#"{"dataset":"square"}"#,
            "config field dataset: unknown variant `square`",
        ),
        (r#"{"noise":60}"#, "noise must be between 0 and 50, got 60"),
        (
            r#"{"trainShare":5}"#,
            "trainShare must be between 10 and 90, got 5",
        ),
        (
            r#"{"points":10}"#,
            "points must be between 50 and 2000, got 10",
        ),
        (r#"{"features":[]}"#, "features must be at least one of"),
        (
            r#"{"features":["x1","x1"]}"#,
            "features[1] must be a feature not already chosen, got x1",
        ),
        (
            r#"{"features":["x3"]}"#,
            "config field features[0]: unknown variant `x3`",
        ),
        (
            r#"{"hidden":[{"units":0,"activation":"tanh"}]}"#,
            "hidden[0].units must be between 1 and 32, got 0",
        ),
        (
            r#"{"hidden":[{"units":4,"activation":"softmax"}]}"#,
            "config field hidden[0].activation: unknown variant `softmax`",
        ),
        (
            r#"{"hidden":[{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"},{"units":1,"activation":"tanh"}]}"#,
            "hidden must be at most 8 layers, got 9 layers",
        ),
        (
            r#"{"outputActivation":"tanh"}"#,
            "outputActivation must be linear with a cross-entropy loss",
        ),
        (
            r#"{"dataset":"plane","loss":"crossEntropy"}"#,
            "loss must be mse for the regression dataset plane, got crossEntropy",
        ),
        (
            r#"{"loss":"hinge"}"#,
            "config field loss: unknown variant `hinge`",
        ),
        (
            r#"{"init":"random"}"#,
            "config field init: unknown variant `random`",
        ),
        (
            r#"{"optimizer":"lbfgs"}"#,
            "config field optimizer: unknown variant `lbfgs`",
        ),
        (
            r#"{"learningRate":0}"#,
            "learningRate must be between 0.00001 and 10, got 0",
        ),
        (
            r#"{"regularization":"l3"}"#,
            "config field regularization: unknown variant `l3`",
        ),
        (
            r#"{"regularizationRate":2}"#,
            "regularizationRate must be between 0 and 1, got 2",
        ),
        (
            r#"{"batchSize":1000}"#,
            "batchSize must be between 1 and 250, got 1000",
        ),
        (
            r#"{"learningrate":0.1}"#,
            "config field learningrate: unknown field `learningrate`",
        ),
    ];
    for (json, expected) in cases {
        let message = Config::from_json(json).unwrap_err().to_string();
        assert!(
            message.starts_with(expected),
            "{json}: got \"{message}\", expected \"{expected}…\""
        );
    }
}

#[test]
fn editing_a_weight_moves_the_prediction_and_bad_edits_are_refused() {
    let mut t = spiral();
    let before = t.predict(&[1.0, 2.0]);
    let n = t.params().len();
    assert!(t
        .set_weight(n, 1.0)
        .unwrap_err()
        .to_string()
        .contains(&format!("between 0 and {}", n - 1)));
    assert!(t.set_weight(0, f32::NAN).is_err());
    assert!(t.set_weight(0, 5000.0).is_err());
    assert_eq!(
        t.predict(&[1.0, 2.0]),
        before,
        "refused edits change nothing"
    );
    let last = n - 1; // a bias of the output layer
    t.set_weight(last, t.params()[last] + 3.0).unwrap();
    assert_ne!(t.predict(&[1.0, 2.0]), before);
    assert_eq!(
        t.last_update()[last],
        3.0,
        "the edit shows as the last change"
    );
}

#[test]
fn save_then_load_gives_identical_predictions_and_identical_further_training() {
    let mut t = spiral();
    t.step(37);
    let json = t.to_json().unwrap();
    let mut loaded = Trainer::from_json(&json).unwrap();
    let probe: Vec<f32> = (0..40).map(|i| (i as f32 * 0.37).sin() * 6.0).collect();
    assert_eq!(loaded.predict(&probe), t.predict(&probe));
    assert_eq!(loaded.progress(), t.progress());
    t.step(40);
    loaded.step(40);
    assert_eq!(loaded.params(), t.params());
    assert_eq!(loaded.history(), t.history());
}

#[test]
fn a_broken_model_file_is_refused_with_a_reason() {
    let mut t = spiral();
    let json = t.to_json().unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["params"].as_array_mut().unwrap().pop();
    let e = Trainer::from_json(&value.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("parameters"), "{e}");
    assert!(Trainer::from_json("{")
        .unwrap_err()
        .to_string()
        .starts_with("model file"));
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["format"] = "other".into();
    assert!(Trainer::from_json(&value.to_string())
        .unwrap_err()
        .to_string()
        .starts_with("format must be"));
}

#[test]
fn probe_and_grid_give_every_boundary_and_scores_in_range() {
    let mut t = spiral();
    let width = t.network().total_width();
    assert_eq!(t.probe(0.5, -0.5).unwrap().len(), width);
    assert_eq!(t.grid(20).unwrap().len(), 400 * width);
    assert_eq!(t.grid_scores().len(), 400);
    assert!(t.grid_scores().iter().all(|s| (-1.0..=1.0).contains(s)));
    assert!(t.grid(1).is_err());
    assert!(t.grid(101).is_err());
    assert!(t.probe(f32::NAN, 0.0).is_err());
}

#[test]
fn grid_maps_hold_each_units_values_over_the_grid_side_by_side() {
    let mut t = spiral();
    t.step(20);
    let n = 7 * 7;
    let values = t.grid(7).unwrap().to_vec();
    let network = t.network();
    let units: Vec<(usize, usize)> = network
        .widths()
        .iter()
        .copied()
        .zip(network.prefix().iter().copied())
        .collect();
    let maps = t.grid_maps().to_vec();
    assert_eq!(maps.len(), values.len());
    for &(width, before) in &units {
        for j in 0..width {
            for i in 0..n {
                // Unit j at point i: point by point in the grid, side by side in unit j's map.
                assert_eq!(
                    maps[n * before + j * n + i],
                    values[n * before + i * width + j]
                );
            }
        }
    }
    // The first value of each map is the top-left cell's centre, as a probe there gives it.
    let half = 6.0 / 7.0;
    let probe = t.probe(-6.0 + half, 6.0 - half).unwrap();
    for &(width, before) in &units {
        for j in 0..width {
            assert!((maps[n * before + j * n] - probe[before + j]).abs() < 1e-5);
        }
    }
}

#[test]
fn a_model_file_from_before_the_momentum_field_loads_with_the_old_coefficient() {
    let mut t = Trainer::new(Config {
        optimizer: neural_kitchen::config::OptimizerKind::Momentum,
        ..Config::default()
    })
    .unwrap();
    t.step(5);
    let mut value: serde_json::Value = serde_json::from_str(&t.to_json().unwrap()).unwrap();
    value["config"].as_object_mut().unwrap().remove("momentum");
    let mut loaded = Trainer::from_json(&value.to_string()).unwrap();
    assert_eq!(loaded.config().momentum, 0.9);
    t.step(5);
    loaded.step(5);
    assert_eq!(loaded.params(), t.params());
}
