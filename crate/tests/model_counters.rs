//! A model file's counters are checked against their range: a counter past `MAX_COUNTER`
//! (2⁵³ − 1) is refused with an error naming the field, and a file at the maximum loads and
//! trains on without wrapping or NaN (Adam's bias correction included).
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::limits::MAX_COUNTER;
use neural_kitchen::config::OptimizerKind;
use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;
use serde_json::{json, Value};

/// A saved spiral trainer of `optimizer`, a few steps in.
fn saved(optimizer: OptimizerKind) -> Value {
    let mut config = preset("spiral").unwrap().config;
    config.optimizer = optimizer;
    let mut t = Trainer::new(config).unwrap();
    t.step(3);
    serde_json::from_str(&t.to_json().unwrap()).unwrap()
}

/// `file` with the value at `pointer` (a JSON pointer) replaced.
fn with(file: &Value, pointer: &str, value: Value) -> String {
    let mut file = file.clone();
    *file.pointer_mut(pointer).expect("the field exists") = value;
    file.to_string()
}

#[test]
fn each_counter_past_its_maximum_is_refused_by_name() {
    let file = saved(OptimizerKind::Adam);
    let too_big = json!(u64::MAX);
    for (pointer, field) in [
        ("/progress/step", "progress.step"),
        ("/progress/epoch", "progress.epoch"),
        ("/progress/examplesSeen", "progress.examplesSeen"),
        ("/optimizerSteps", "optimizerSteps"),
        ("/history/step/0", "history.step[0]"),
        ("/history/epoch/0", "history.epoch[0]"),
    ] {
        for got in [too_big.clone(), json!(MAX_COUNTER + 1)] {
            let e = Trainer::from_json(&with(&file, pointer, got.clone())).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("{field} must be between 0 and {MAX_COUNTER}, got {got}")
            );
            assert_eq!(e.path(), Some(field));
        }
    }
    let e = Trainer::from_json(&with(&file, "/epochGradients/steps", json!(u32::MAX))).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "epochGradients.steps must be between 0 and 4, got {}",
            u32::MAX
        )
    );
}

#[test]
fn counters_at_their_maximum_load_and_train_without_wrapping_or_nan() {
    for optimizer in [OptimizerKind::Adam, OptimizerKind::Rmsprop] {
        let file = saved(optimizer);
        let mut text = file;
        for pointer in [
            "/progress/step",
            "/progress/epoch",
            "/progress/examplesSeen",
            "/optimizerSteps",
        ] {
            text = serde_json::from_str(&with(&text, pointer, json!(MAX_COUNTER))).unwrap();
        }
        let mut t = Trainer::from_json(&text.to_string()).expect("counters at the maximum load");
        t.step(30);
        t.epoch();
        assert!(
            t.params().iter().all(|p| p.is_finite()),
            "{optimizer:?}: a parameter is not finite"
        );
        assert_eq!(t.optimizer().steps(), MAX_COUNTER);
        let m = t.metrics();
        assert_eq!((m.step, m.epoch), (MAX_COUNTER, MAX_COUNTER));
        assert!(m.train_loss.is_finite());
        // The saved file is within range again, and loads.
        Trainer::from_json(&t.to_json().unwrap()).expect("a saved file at the maximum loads");
    }
}

#[test]
fn adam_after_an_optimizer_step_count_of_zero_in_a_file_stays_finite() {
    let file = saved(OptimizerKind::Adam);
    let mut t = Trainer::from_json(&with(&file, "/optimizerSteps", json!(0))).unwrap();
    t.step(5);
    assert!(t.params().iter().all(|p| p.is_finite()));
}
