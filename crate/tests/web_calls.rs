//! Raw `Trainer` calls with bad numbers, in a real browser: every exported call that takes a
//! number refuses NaN (what `undefined` becomes), the infinities, negatives, fractions and
//! values past its limit with an `Error` naming it, instead of hanging the tab or wrapping -1
//! to 4,294,967,295 steps; the trainer is left as it was. And `restore`, the in-place load the
//! page's timeline uses, in wasm: bit for bit, or refused leaving the trainer as it was.
#![cfg(target_arch = "wasm32")]

use js_sys::Error;
use neural_kitchen::presets::preset;
use neural_kitchen::web::WebTrainer;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn trainer(name: &str) -> WebTrainer {
    let config = serde_wasm_bindgen::to_value(&preset(name).unwrap().config).unwrap();
    WebTrainer::new(config).unwrap()
}

fn message<T>(result: Result<T, JsError>) -> String {
    let value: JsValue = result.err().expect("an error").into();
    let error: Error = value.dyn_into().expect("a JS Error");
    error.message().into()
}

const BAD_COUNTS: [f64; 6] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    -1.0,
    2.5,
    100_001.0,
];

#[wasm_bindgen_test]
fn step_and_run_for_refuse_bad_counts_and_budgets_by_name() {
    let mut t = trainer("spiral");
    let made = t.test_predictions_made();
    for bad in BAD_COUNTS {
        assert_eq!(
            message(t.step(bad)),
            format!("steps must be a whole number between 0 and 100000, got {bad}")
        );
        assert_eq!(
            message(t.run_for(5.0, bad)),
            format!("maxSteps must be a whole number between 0 and 100000, got {bad}")
        );
    }
    for bad in [f64::NAN, f64::INFINITY, -1.0, 60_001.0] {
        assert_eq!(
            message(t.run_for(bad, 10.0)),
            format!("milliseconds must be between 0 and 60000, got {bad}")
        );
        assert_eq!(
            message(t.advance_test_predictions(bad)),
            format!("milliseconds must be between 0 and 60000, got {bad}")
        );
    }
    assert_eq!(t.test_predictions_made(), made);
    let metrics: serde_json::Value = serde_wasm_bindgen::from_value(t.metrics()).unwrap();
    assert_eq!(metrics["step"].as_u64(), Some(0), "no bad call trained");
    t.step(0.0).unwrap();
    assert!(t.run_for(1.0, 3.0).unwrap() >= 1);
}

#[wasm_bindgen_test]
fn calls_taking_an_index_or_size_refuse_what_would_wrap() {
    let mut t = trainer("spiral");
    let before = t.params().to_vec();
    for bad in [f64::NAN, -1.0, 0.5, f64::INFINITY] {
        assert!(message(t.set_weight(bad, 0.5)).starts_with("weight index must be"));
        assert!(message(t.grid(bad)).starts_with("grid resolution must be"));
        assert!(message(t.optimizer_state(bad)).starts_with("optimizer state index must be"));
        assert!(
            message(WebTrainer::centre_drawing(&[0.0; 16], bad, 4.0, None))
                .starts_with("drawing width must be")
        );
        assert!(
            message(WebTrainer::centre_drawing(&[0.0; 16], 4.0, 4.0, Some(bad)))
                .starts_with("size must be")
        );
    }
    assert!(message(t.set_weight(0.0, f32::NAN)).starts_with("weight value must be"));
    assert_eq!(t.params().to_vec(), before, "no weight changed");
}

#[wasm_bindgen_test]
fn a_drawn_image_label_of_minus_one_is_refused_not_wrapped() {
    let config = js_sys::JSON::parse(
        r#"{"dataset":"digits8","layers":[{"kind":"flatten"},
            {"kind":"dense","units":8,"activation":"relu"}]}"#,
    )
    .unwrap();
    let digits = include_bytes!("../data/digits8.nkimg.gz");
    let mut t = WebTrainer::with_images(config, digits, None).unwrap();
    let pixels = [0.5f32; 64];
    assert_eq!(
        message(t.add_training_image(&pixels, -1.0)),
        "label must be a whole number between 0 and 4294967295, got -1"
    );
    t.add_training_image(&pixels, 3.0).unwrap();
}

#[wasm_bindgen_test]
fn a_checkpoint_restores_in_place_bit_for_bit() {
    let bits =
        |t: &WebTrainer| -> Vec<u32> { t.params().to_vec().iter().map(|v| v.to_bits()).collect() };
    let mut t = trainer("spiral");
    t.step(9.0).unwrap();
    let checkpoint = t.to_json().unwrap();
    t.step(40.0).unwrap();
    t.restore(&checkpoint).unwrap();
    let mut fresh = trainer("spiral");
    fresh.step(9.0).unwrap();
    assert_eq!(bits(&t), bits(&fresh));
    let refused = message(t.restore(&trainer("xor").to_json().unwrap()));
    assert!(refused.contains("differs in dataset"), "{refused}");
    assert_eq!(bits(&t), bits(&fresh));
}
