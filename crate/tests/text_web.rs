//! Text mode's exported calls in a real browser: a trainer from the bytes of the names files
//! (as the page fetches them), its vocabulary and embedding views, the next character's
//! distribution, seeded generation, and every bad prompt or number refused by name; a GPT's
//! attention maps, each character's loss and its named tensors' values and histograms.
#![cfg(target_arch = "wasm32")]

use js_sys::{Error, Reflect};
use neural_kitchen::presets::preset;
use neural_kitchen::web::WebTrainer;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TRAIN: &[u8] = include_bytes!("../data/names-train.txt.gz");
const TEST: &[u8] = include_bytes!("../data/names-test.txt.gz");

fn names_mlp() -> WebTrainer {
    let config = serde_wasm_bindgen::to_value(&preset("names-mlp").unwrap().config).unwrap();
    WebTrainer::with_text(config, TRAIN, TEST).unwrap()
}

fn error<T>(result: Result<T, JsError>) -> (String, JsValue) {
    let value: JsValue = result.err().expect("an error").into();
    let error: Error = value.dyn_into().expect("a JS Error");
    let path = Reflect::get(&error, &"path".into()).unwrap();
    (error.message().into(), path)
}

/// A plain JS object (as a page writes it), not a `Map`.
fn options(value: Value) -> JsValue {
    use serde::Serialize;
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&plain).unwrap()
}

#[wasm_bindgen_test]
fn a_names_trainer_from_its_file_bytes_shows_its_vocabulary_and_embedding() {
    let mut t = names_mlp();
    let vocabulary: Value = serde_wasm_bindgen::from_value(t.vocabulary().unwrap()).unwrap();
    let tokens = vocabulary["tokens"].as_array().unwrap();
    assert_eq!(tokens[0], "");
    assert_eq!(tokens[1], "a");
    let v = tokens.len();
    assert!(
        vocabulary["countModelLoss"].as_f64().unwrap()
            < vocabulary["uniformLoss"].as_f64().unwrap()
    );
    let before = t.embedding(None).unwrap().to_vec();
    assert_eq!(before.len(), v * 10);
    t.step(20.0).unwrap();
    assert_ne!(
        t.embedding(Some("weights".into())).unwrap().to_vec(),
        before
    );
    assert_eq!(
        t.embedding(Some("gradients".into())).unwrap().length() as usize,
        v * 10
    );
    let (message, _) = error(t.embedding(Some("bias".into())));
    assert!(
        message.contains("\"weights\" or \"gradients\""),
        "{message}"
    );
    let p = t.next_token_probabilities("em").unwrap().to_vec();
    assert_eq!(p.len(), v);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
}

#[wasm_bindgen_test]
fn generation_is_the_same_for_the_same_options_and_answers_a_prompt() {
    let mut t = names_mlp();
    let before = t.generate("em", options(json!({ "seed": 3 }))).unwrap();
    assert_eq!(
        t.generate("em", options(json!({ "seed": 3 }))).unwrap(),
        before
    );
    t.epoch();
    let after: Vec<String> = (1..=5)
        .map(|seed| {
            t.generate("em", options(json!({ "seed": seed, "temperature": 0.8 })))
                .unwrap()
        })
        .collect();
    assert!(after.iter().any(|a| a != &before), "{before} {after:?}");
    let short = t
        .generate("", options(json!({ "maxTokens": 1, "topK": 3 })))
        .unwrap();
    assert!(short.chars().count() <= 1);
    assert!(t.generate("em", JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn bad_prompts_and_numbers_are_refused_by_name() {
    let mut t = names_mlp();
    let (message, path) = error(t.generate("Zoë", JsValue::UNDEFINED));
    assert_eq!(path, "prompt");
    assert!(message.contains("'Z', 'ë'"), "{message}");
    let (_, path) = error(t.next_token_probabilities("a b"));
    assert_eq!(path, "prompt");
    for bad in [json!(-1), json!(2.5), json!(1e9)] {
        for field in ["maxTokens", "topK", "seed"] {
            if field == "seed" && bad == json!(1e9) {
                continue; // a seed may be that large
            }
            let (message, path) = error(t.generate("a", options(json!({ field: bad }))));
            assert_eq!(path, field, "{message}");
        }
    }
    for bad in [0.0, -1.0, 11.0] {
        let (_, path) = error(t.generate("a", options(json!({ "temperature": bad }))));
        assert_eq!(path, "temperature");
    }
    // NaN and the infinities cross as numbers JSON cannot hold: set them on a plain object.
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for field in ["maxTokens", "temperature", "topK", "seed"] {
            let object = js_sys::Object::new();
            Reflect::set(&object, &field.into(), &bad.into()).unwrap();
            let (message, path) = error(t.generate("a", object.into()));
            assert_eq!(path, field, "{message}");
        }
    }
    let points = serde_wasm_bindgen::to_value(&preset("xor").unwrap().config).unwrap();
    let mut xor = WebTrainer::new(points).unwrap();
    let (_, path) = error(xor.generate("a", JsValue::UNDEFINED));
    assert_eq!(path, "dataset");
    assert!(xor.vocabulary().is_err());
}

#[wasm_bindgen_test]
fn a_text_config_without_its_files_says_which_to_fetch() {
    let config = serde_wasm_bindgen::to_value(&preset("names-mlp").unwrap().config).unwrap();
    let (message, _) = error(WebTrainer::new(config.clone()));
    assert!(
        message.contains("crate/data/names-train.txt.gz"),
        "{message}"
    );
    let files: Value =
        serde_wasm_bindgen::from_value(WebTrainer::text_files(config).unwrap()).unwrap();
    assert_eq!(
        files,
        json!([
            "crate/data/names-train.txt.gz",
            "crate/data/names-test.txt.gz"
        ])
    );
    let mut t = names_mlp();
    t.step(5.0).unwrap();
    let file = t.to_json().unwrap();
    let mut back = WebTrainer::from_json_with_text(&file, TRAIN, TEST).unwrap();
    let same = json!({ "seed": 9 });
    assert_eq!(
        back.generate("an", options(same.clone())).unwrap(),
        t.generate("an", options(same)).unwrap()
    );
}

#[wasm_bindgen_test]
fn with_tensors_takes_windows_of_token_ids_when_the_network_starts_with_an_embedding() {
    // bench-peers' T1 in small: 3 tokens of a 5-token vocabulary → embedding → tanh → softmax.
    let config = options(json!({
        "dataset": "tensors", "input": { "channels": 3, "height": 1, "width": 1, "classes": 5 },
        "layers": [{ "kind": "embed", "dims": 2 }, { "kind": "dense", "units": 8, "activation": "tanh" }],
        "optimizer": "sgd", "learningRate": 0.1, "batchSize": 2
    }));
    let windows = vec![0.0, 1.0, 2.0, 1.0, 2.0, 3.0, 2.0, 3.0, 4.0];
    let next = vec![3, 4, 0];
    let mut t = WebTrainer::with_tensors(
        config.clone(),
        windows.clone(),
        next.clone(),
        windows.clone(),
        next.clone(),
    )
    .unwrap();
    let before = t.embedding(None).unwrap().to_vec();
    assert_eq!(before.len(), 5 * 2);
    t.step(3.0).unwrap();
    assert_ne!(t.embedding(None).unwrap().to_vec(), before);
    let mut bad = windows.clone();
    bad[4] = 5.0;
    let (message, path) = error(WebTrainer::with_tensors(
        config,
        windows,
        next.clone(),
        bad,
        next,
    ));
    assert_eq!(path, "test input 4", "{message}");
    assert!(message.contains("between 0 and 4"), "{message}");
}

fn names_gpt() -> WebTrainer {
    let config = serde_wasm_bindgen::to_value(&preset("names-gpt").unwrap().config).unwrap();
    WebTrainer::with_text(config, TRAIN, TEST).unwrap()
}

#[wasm_bindgen_test]
fn a_gpt_shows_its_attention_maps_each_characters_loss_and_its_named_tensors() {
    let mut t = names_gpt();
    let maps = t.attention_maps("emma").unwrap();
    // Every field but the probabilities (a typed array serde does not read).
    let field = |name: &str| -> Value {
        serde_wasm_bindgen::from_value(Reflect::get(&maps, &name.into()).unwrap()).unwrap()
    };
    let (layers, heads) = (
        field("layers").as_u64().unwrap(),
        field("heads").as_u64().unwrap(),
    );
    let tokens = field("tokens");
    let positions = tokens.as_array().unwrap().len();
    assert_eq!(tokens[1], "e");
    let probabilities: js_sys::Float32Array = Reflect::get(&maps, &"probabilities".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let p = probabilities.to_vec();
    assert_eq!(p.len(), (layers * heads) as usize * positions * positions);
    for (r, row) in p.chunks(positions).enumerate() {
        let q = r % positions;
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4, "row {r}");
        assert!(
            row[q + 1..].iter().all(|&x| x == 0.0),
            "row {r} looks ahead"
        );
    }

    let losses: Value = serde_wasm_bindgen::from_value(t.position_losses("emma").unwrap()).unwrap();
    let (chars, probs) = (
        losses["characters"].as_array().unwrap(),
        losses["probabilities"].as_array().unwrap(),
    );
    assert_eq!(chars.len(), 4);
    for (loss, p) in losses["losses"].as_array().unwrap().iter().zip(probs) {
        let (loss, p) = (loss.as_f64().unwrap(), p.as_f64().unwrap());
        assert!((loss + p.ln()).abs() < 1e-4, "loss {loss} is −ln {p}");
    }
    let (_, path) = error(t.position_losses("e m"));
    assert_eq!(path, "text");
    let (message, path) = error(t.attention_maps(""));
    assert_eq!(path, "text length", "{message}");

    let network: Value = serde_wasm_bindgen::from_value(t.network()).unwrap();
    let tensors = network["tensors"].as_array().unwrap();
    let total: u64 = tensors.iter().map(|x| x["length"].as_u64().unwrap()).sum();
    assert_eq!(Some(total), network["parameterCount"].as_u64());
    assert_eq!(total, u64::from(t.params().length()));
    let first = &tensors[0];
    let before = t.tensor_values(0.0, "weights").unwrap().to_vec();
    assert_eq!(
        before.len() as u64,
        first["rows"].as_u64().unwrap() * first["cols"].as_u64().unwrap()
    );
    t.step(5.0).unwrap();
    assert_ne!(t.tensor_values(0.0, "weights").unwrap().to_vec(), before);
    let histogram: Value =
        serde_wasm_bindgen::from_value(t.tensor_histogram(0.0, "gradients").unwrap()).unwrap();
    assert!(histogram["counts"].as_array().unwrap().len() > 1);
    let (message, path) = error(t.tensor_values(tensors.len() as f64, "weights"));
    assert_eq!(path, "tensor", "{message}");
}
