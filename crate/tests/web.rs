//! The exported `Trainer` inside a real browser (wasm-pack test --headless --chrome crate):
//! views match the metadata, steps change weights, phases come in order, bad input throws an
//! `Error`, and the history chart draws on a canvas.
#![cfg(target_arch = "wasm32")]

use js_sys::{Error, Float32Array};
use neural_kitchen::presets::preset;
use neural_kitchen::web::{Charts, WebTrainer};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(name: &str) -> JsValue {
    let config = preset(name).unwrap().config;
    serde_wasm_bindgen::to_value(&config).unwrap()
}

fn spiral() -> WebTrainer {
    WebTrainer::new(config("spiral")).unwrap()
}

fn json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

fn new_canvas() -> web_sys::HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap()
}

fn error_message(result: Result<WebTrainer, wasm_bindgen::JsError>) -> String {
    let value: JsValue = result.err().expect("an error").into();
    let error: Error = value.dyn_into().expect("a JS Error");
    error.message().into()
}

#[wasm_bindgen_test]
fn views_have_the_lengths_and_values_the_metadata_says() {
    let mut t = spiral();
    let net = json(t.network());
    let count = net["parameterCount"].as_u64().unwrap() as u32;
    assert_eq!(t.params().length(), count);
    assert_eq!(t.grads().length(), count);
    assert_eq!(t.last_update().length(), count);
    assert_eq!(t.optimizer_state(0.0).unwrap().length(), count); // Adam's m
    assert!(t.optimizer_state(2.0).is_err());
    let boundaries = net["boundaries"].as_array().unwrap();
    let total: u64 = boundaries
        .iter()
        .map(|b| b["width"].as_u64().unwrap())
        .sum();
    assert_eq!(t.probe(1.0, 2.0).unwrap().length() as u64, total);
    assert_eq!(t.grid(10.0).unwrap().length() as u64, 100 * total);
    assert_eq!(t.grid_scores().length(), 100);
    // The input boundary of the probe holds the features of the point: x1, x2, sin x1, sin x2.
    let probe = t.probe(1.0, 2.0).unwrap().to_vec();
    assert_eq!(&probe[..4], &[1.0, 2.0, 1f32.sin(), 2f32.sin()]);
    // A weight read through the layer's slot is the weight the core holds.
    let first = &net["layers"][0]["weights"];
    assert_eq!(first["rows"].as_u64(), Some(16));
    assert_eq!(first["cols"].as_u64(), Some(4));
    let train = t.train_points().length();
    assert_eq!(train, 2 * t.train_targets().length());
}

#[wasm_bindgen_test]
fn steps_change_the_weights_and_the_counters() {
    let mut t = spiral();
    let before: Vec<f32> = t.params().to_vec();
    t.step(5.0).unwrap();
    let after: Vec<f32> = t.params().to_vec();
    assert_ne!(before, after);
    let m = json(t.metrics());
    assert_eq!(m["step"].as_u64(), Some(5));
    assert_eq!(m["examplesSeen"].as_u64(), Some(50));
    assert!(t.run_for(5.0, 1000.0).unwrap() >= 1);
}

#[wasm_bindgen_test]
fn test_predictions_made_in_time_slices_cover_the_test_set_once() {
    let mut t = spiral();
    t.step(3.0).unwrap();
    let n = t.test_predictions().length() / 2;
    t.step(1.0).unwrap();
    assert_eq!(t.test_predictions_made(), 0);
    // A tiny budget still makes at least one; the count only grows, up to the test set.
    let mut made = t.advance_test_predictions(0.0).unwrap();
    assert!(made >= 1);
    while made < n {
        let next = t.advance_test_predictions(0.05).unwrap();
        assert!(next > made && next <= n);
        made = next;
    }
    assert_eq!(t.advance_test_predictions(5.0).unwrap(), n);
    assert_eq!(t.test_predictions_made(), n);
    let sliced = t.test_predictions().to_vec();
    t.set_weight(0.0, 0.5).unwrap();
    assert_eq!(t.test_predictions_made(), 0);
    assert_ne!(t.test_predictions().to_vec(), sliced);
}

#[wasm_bindgen_test]
fn the_verdict_says_where_the_current_parameters_measurement_stands() {
    let mut t = spiral();
    t.step(4.0).unwrap();
    let at = |t: &WebTrainer| {
        let v = json(t.verdict());
        let field = |name: &str| v[name].as_u64().unwrap();
        (
            field("step"),
            field("made"),
            field("total"),
            v["complete"].as_bool(),
        )
    };
    let (step, made, total, complete) = at(&t);
    assert_eq!((step, made, complete), (4, 0, Some(false)));
    assert_eq!(
        u64::from(t.advance_test_predictions(5.0).unwrap()),
        at(&t).1
    );
    t.test_predictions();
    assert_eq!(at(&t), (4, total, total, Some(true)));
}

#[wasm_bindgen_test]
fn phases_come_in_order_and_the_batch_views_fill() {
    let mut t = spiral();
    let names: Vec<String> = (0..5).map(|_| t.phase()).collect();
    assert_eq!(names, ["forward", "loss", "backward", "update", "forward"]);
    assert_eq!(t.batch_indices().length(), 10);
    let m = json(t.metrics());
    assert_eq!(m["nextPhase"], "loss");
    assert_eq!(m["lastPhase"], "forward");
    assert_eq!(m["batchLoss"], Value::Null);
    t.phase();
    assert!(json(t.metrics())["batchLoss"].as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_naming_the_field_and_keeps_the_model() {
    let bad = js_sys::JSON::parse(r#"{"learningRate": -1}"#).unwrap();
    assert_eq!(
        error_message(WebTrainer::new(bad)),
        "learningRate must be between 0.00001 and 10, got -1"
    );
    let bad = js_sys::JSON::parse(r#"{"dataset": "square"}"#).unwrap();
    assert!(
        error_message(WebTrainer::new(bad)).starts_with("config field dataset: unknown variant")
    );
    let mut t = spiral();
    t.step(3.0).unwrap();
    let before: Vec<f32> = t.params().to_vec();
    let change = js_sys::JSON::parse(r#"{"batchSize": 0}"#).unwrap();
    assert!(t.set_training(change).is_err());
    assert!(t.set_weight(-1.0, 0.0).is_err());
    assert!(t.set_weight(0.0, f32::INFINITY).is_err());
    assert!(WebTrainer::from_json("not json").is_err());
    assert_eq!(t.params().to_vec(), before);
    assert_eq!(json(t.metrics())["step"].as_u64(), Some(3));
}

#[wasm_bindgen_test]
fn a_model_file_round_trips_through_js() {
    let mut t = spiral();
    t.step(12.0).unwrap();
    let copy = WebTrainer::from_json(&t.to_json().unwrap()).unwrap();
    assert_eq!(copy.params().to_vec(), t.params().to_vec());
}

#[wasm_bindgen_test]
fn the_history_chart_draws_on_a_canvas() {
    let mut t = spiral();
    t.epoch();
    let canvas = new_canvas();
    canvas.set_width(320);
    canvas.set_height(200);
    let draw = |canvas, metric| {
        Charts::draw_history(canvas, t.history(), metric, false, JsValue::UNDEFINED)
    };
    draw(canvas.clone(), "loss").unwrap();
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, 320.0, 200.0).unwrap().data();
    let coloured = pixels
        .chunks_exact(4)
        .filter(|p| p[0] != p[1] || p[1] != p[2])
        .count();
    assert!(
        coloured > 50,
        "the curves are drawn in colour ({coloured} pixels)"
    );
    assert!(draw(canvas.clone(), "speed").is_err());
    let broken = js_sys::JSON::parse(r#"{"step": [1]}"#).unwrap();
    assert!(
        Charts::draw_history(canvas, broken, "loss", false, JsValue::UNDEFINED).is_err(),
        "a history without its curves is refused"
    );
}

/// Pixels of the reference lines' green (neither curve's blue nor orange is green).
fn green_pixels(canvas: &web_sys::HtmlCanvasElement) -> usize {
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let pixels = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data();
    pixels
        .chunks_exact(4)
        .filter(|p| p[1] > p[0].saturating_add(40) && p[1] > p[2].saturating_add(60))
        .count()
}

#[wasm_bindgen_test]
fn the_loss_chart_draws_its_reference_lines_and_refuses_a_bad_one() {
    let mut t = spiral();
    t.epoch();
    let canvas = new_canvas();
    canvas.set_width(320);
    canvas.set_height(200);
    let draw = |options: &str| {
        let options = js_sys::JSON::parse(options).unwrap();
        Charts::draw_history(canvas.clone(), t.history(), "loss", false, options)
    };
    draw("{}").unwrap();
    assert_eq!(green_pixels(&canvas), 0, "no reference asked, none drawn");
    draw(
        r#"{"references": [{"value": 5, "label": "uniform"}, {"value": 0.3, "label": "counts"}]}"#,
    )
    .unwrap();
    assert!(
        green_pixels(&canvas) > 100,
        "the reference lines are drawn ({} pixels)",
        green_pixels(&canvas)
    );
    let error = draw(r#"{"references": [{"value": -1, "label": "uniform"}]}"#).unwrap_err();
    let message = js_sys::Reflect::get(&error.into(), &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("references[0].value"), "{message}");
}

#[wasm_bindgen_test]
fn views_are_float32_arrays() {
    let t = spiral();
    assert!(JsValue::from(t.params()).is_instance_of::<Float32Array>());
}

/// The shipped 8×8 digits, embedded in the test (the page fetches them instead).
const DIGITS8: &[u8] = include_bytes!("../data/digits8.nkimg.gz");

#[wasm_bindgen_test]
fn a_cnn_trains_in_the_browser_and_its_views_have_the_shapes_the_metadata_says() {
    let config = js_sys::JSON::parse(
        r#"{"dataset":"digits8","batchSize":16,"optimizer":"adam","learningRate":0.01,"layers":[
            {"kind":"conv2d","channels":4,"kernel":3,"padding":1,"activation":"relu"},
            {"kind":"maxPool2d","size":2},
            {"kind":"flatten"}]}"#,
    )
    .unwrap();
    let files = json(WebTrainer::image_files(config.clone()).unwrap());
    assert_eq!(files[0], "crate/data/digits8.nkimg.gz");
    assert!(files[1].is_null(), "digits8 is split by trainShare");
    assert!(
        WebTrainer::new(config.clone()).is_err(),
        "images need their files in wasm"
    );
    let mut t = WebTrainer::with_images(config, DIGITS8, None).unwrap();
    let net = json(t.network());
    let conv = &net["layers"][0];
    assert_eq!(conv["kind"], "conv2d");
    assert_eq!(
        (
            conv["weights"]["rows"].as_u64(),
            conv["weights"]["cols"].as_u64()
        ),
        (Some(4), Some(9))
    );
    let boundaries = net["boundaries"].as_array().unwrap();
    let feature_maps = &boundaries[conv["activationBoundary"].as_u64().unwrap() as usize];
    assert_eq!(
        feature_maps["shape"],
        serde_json::json!({"channels": 4, "height": 8, "width": 8})
    );
    let pooled = &boundaries[net["layers"][1]["activationBoundary"].as_u64().unwrap() as usize];
    assert_eq!(
        pooled["shape"],
        serde_json::json!({"channels": 4, "height": 4, "width": 4})
    );
    let total: u64 = boundaries
        .iter()
        .map(|b| b["width"].as_u64().unwrap())
        .sum();
    assert_eq!(t.probe_image(&[0.5; 64]).unwrap().length() as u64, total);
    assert_eq!(t.train_images().length(), 64 * t.train_labels().length());
    let first_loss = json(t.metrics())["trainLoss"].as_f64().unwrap();
    for _ in 0..3 {
        t.epoch();
    }
    let m = json(t.metrics());
    assert!(m["trainLoss"].as_f64().unwrap() < first_loss / 2.0, "{m}");
    assert_eq!(t.confusion().iter().sum::<u32>(), t.test_labels().length());
    assert_eq!(t.test_predictions().length(), 10 * t.test_labels().length());
    let canvas = new_canvas();
    for what in ["weights", "gradients"] {
        let histogram = t.histogram(0.0, what).unwrap();
        let counts: Vec<u64> = json(histogram.clone())["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .collect();
        assert_eq!(
            counts.iter().sum::<u64>(),
            4 * 9,
            "every weight of the 4 kernels is counted"
        );
        Charts::draw_histogram(canvas.clone(), histogram, what, JsValue::UNDEFINED).unwrap();
    }
    assert!(
        t.histogram(1.0, "weights").is_err(),
        "pooling has no weights"
    );
    let batch = u64::from(t.batch_indices().length());
    assert_eq!(t.batch_values().length() as u64, batch * total);
}

/// Bytes of wasm memory.
fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

#[wasm_bindgen_test]
fn wasm_memory_does_not_grow_over_ten_thousand_steps() {
    let config = js_sys::JSON::parse(
        r#"{"dataset":"digits8","batchSize":10,"layers":[
            {"kind":"conv2d","channels":4,"kernel":3,"padding":1,"activation":"relu"},
            {"kind":"maxPool2d","size":2},{"kind":"flatten"}]}"#,
    )
    .unwrap();
    let mut cnn = WebTrainer::with_images(config, DIGITS8, None).unwrap();
    let mut mlp = spiral();
    cnn.step(100.0).unwrap();
    mlp.step(100.0).unwrap();
    let before = memory_bytes();
    cnn.step(10_000.0).unwrap();
    mlp.step(10_000.0).unwrap();
    assert_eq!(memory_bytes(), before, "wasm memory grew while training");
    assert!(json(cnn.metrics())["epoch"].as_u64().unwrap() >= 50);
}

/// The `field`, `path` and `allowed` properties of a thrown error.
fn error_properties(result: Result<WebTrainer, wasm_bindgen::JsError>) -> [JsValue; 4] {
    let value: JsValue = result.err().expect("an error").into();
    assert!(value.is_instance_of::<Error>());
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).unwrap();
    [get("message"), get("field"), get("path"), get("allowed")]
}

#[wasm_bindgen_test]
fn an_error_says_its_field_path_and_allowed_range_as_data() {
    let bad = js_sys::JSON::parse(r#"{"hidden": [{"units": 40, "activation": "relu"}]}"#).unwrap();
    let [message, field, path, allowed] = error_properties(WebTrainer::new(bad));
    assert_eq!(message, "hidden[0].units must be between 1 and 32, got 40");
    assert_eq!(field, "hidden");
    assert_eq!(path, "hidden[0].units");
    assert_eq!(allowed, "between 1 and 32");
}

#[wasm_bindgen_test]
fn a_field_of_the_wrong_type_names_its_path_too() {
    let bad = js_sys::JSON::parse(r#"{"learningRate": "fast"}"#).unwrap();
    let [message, field, path, allowed] = error_properties(WebTrainer::new(bad));
    assert!(message
        .as_string()
        .unwrap()
        .starts_with("config field learningRate: "));
    assert_eq!(field, "learningRate");
    assert_eq!(path, "learningRate");
    assert_eq!(allowed, JsValue::NULL);
}

#[wasm_bindgen_test]
fn an_error_about_no_config_field_has_null_field() {
    let mut t = spiral();
    let value: JsValue = t.set_weight(-1.0, 0.0).unwrap_err().into();
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).unwrap();
    assert_eq!(get("field"), JsValue::NULL);
    assert_eq!(get("path"), "weight index");
    assert_eq!(get("allowed"), "a whole number from 0");
}

#[wasm_bindgen_test]
fn the_schema_crosses_as_data() {
    let schema = json(WebTrainer::schema());
    let fields = schema["fields"].as_array().unwrap();
    let rate = fields.iter().find(|f| f["name"] == "learningRate").unwrap();
    assert_eq!(rate["type"], "number");
    assert_eq!(rate["min"].as_f64(), Some(0.00001));
    assert_eq!(rate["max"].as_f64(), Some(10.0));
    assert_eq!(rate["training"], true);
    let batch = fields.iter().find(|f| f["name"] == "batchSize").unwrap();
    assert_eq!(batch["max"], Value::Null);
    assert_eq!(
        schema["constants"]["maxEditedWeight"].as_f64(),
        Some(1000.0)
    );
}

#[wasm_bindgen_test]
fn a_panic_is_announced_to_the_page_as_an_event_on_global_this() {
    let listen = js_sys::Function::new_with_args(
        "name",
        "globalThis.addEventListener(name, (e) => { globalThis.nkPanicMessage = e.detail.message; });",
    );
    listen
        .call1(&JsValue::NULL, &neural_kitchen::web::PANIC_EVENT.into())
        .unwrap();
    neural_kitchen::web::announce_panic("boom");
    let got = js_sys::Reflect::get(&js_sys::global(), &"nkPanicMessage".into()).unwrap();
    assert_eq!(got, "boom");
}
