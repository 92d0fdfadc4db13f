//! Property-based fuzzing (proptest) of what comes from outside: random config objects (every
//! field name and some unknown ones, values of every JSON type, huge, negative, fractional and
//! non-numbers such as `NaN` and `1e999` written raw) and random mutations of saved model files
//! (a value replaced, a field removed, the text cut or a byte changed). Each either gives a
//! trainer that trains, reports and saves, or an error with a message; none panics, and a
//! refused model file leaves the running trainer as it was.
//!
//! Bounded for `make test` (a few seconds in release); the seed is fixed so a run repeats
//! (`PROPTEST_RNG_SEED=n` and `PROPTEST_CASES=n` explore further), and a failure is kept in
//! `fuzz.regressions` beside this file and replayed first.
//!
//! The image datasets are left to `digits8`: MNIST and Fashion-MNIST configs take the same
//! checks and would spend the time budget loading 6,000 images per case.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::{DataMode, DatasetKind, FIELD_NAMES};
use neural_kitchen::presets::preset;
use neural_kitchen::{Config, Error, Trainer};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as Runner, FileFailurePersistence, RngSeed};
use serde_json::{Map, Number, Value};

/// Cases per property unless `PROPTEST_CASES` says.
const CASES: u32 = 1500;
const SEED: u64 = 12;

fn runner() -> Runner {
    let base = Runner::default();
    let cases = std::env::var("PROPTEST_CASES").map_or(CASES, |_| base.cases);
    let rng_seed = match base.rng_seed {
        RngSeed::Random => RngSeed::Fixed(SEED),
        chosen => chosen,
    };
    Runner {
        cases,
        rng_seed,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..base
    }
}

/// A string that stands for a raw JSON token which `Value` cannot hold (`NaN`, `1e999`); put
/// back as the bare token in the text (`raw_tokens`).
const RAW: &str = "\u{1}raw:";
/// Tokens that are not JSON values, written into the text raw.
const RAW_TOKENS: [&str; 6] = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "undefined",
];

fn raw_tokens(text: String) -> String {
    let mut text = text;
    for token in RAW_TOKENS {
        text = text.replace(&format!("\"\\u0001raw:{token}\""), token);
    }
    text
}

fn number(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// Numbers at the edges: zero, signs, fractions, each integer type's limits and past them.
fn numbers() -> impl Strategy<Value = Value> {
    let edges = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        2.0,
        3.0,
        8.0,
        28.0,
        32.0,
        33.0,
        64.0,
        1e-7,
        0.999,
        1e300,
        -1e300,
        4_294_967_295.0,
        4_294_967_296.0,
        9_007_199_254_740_991.0,
        9_007_199_254_740_992.0,
        18_446_744_073_709_551_615.0,
    ];
    prop_oneof![
        select(edges).prop_map(number),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-100.0..100.0f64).prop_map(number),
        (0u32..70).prop_map(Value::from),
    ]
}

/// Names the config uses (datasets, activations, layer kinds, ...), unknown ones, and raw
/// tokens.
fn words() -> impl Strategy<Value = Value> {
    let names = vec![
        "spiral",
        "xor",
        "circle",
        "gaussian",
        "moons",
        "plane",
        "bumps",
        "digits8",
        "tensors",
        "relu",
        "leakyRelu",
        "tanh",
        "sigmoid",
        "linear",
        "crossEntropy",
        "binaryCrossEntropy",
        "mse",
        "xavier",
        "he",
        "uniform",
        "zeros",
        "ones",
        "sgd",
        "momentum",
        "adam",
        "rmsprop",
        "none",
        "l1",
        "l2",
        "dense",
        "conv2d",
        "maxPool2d",
        "avgPool2d",
        "flatten",
        "dropout",
        "x1",
        "x2",
        "x1Squared",
        "sinX1",
        "x1TimesX2",
        "",
        "🙂",
        "__proto__",
    ];
    let raw = RAW_TOKENS.to_vec();
    prop_oneof![
        4 => select(names).prop_map(Value::from),
        1 => select(raw).prop_map(|t| Value::from(format!("{RAW}{t}"))),
        1 => "[a-zA-Z0-9]{0,12}".prop_map(Value::from),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        5 => numbers(),
        4 => words(),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
    ]
}

/// A layer-like object: a few of the keys of `hidden` and `layers` entries.
fn layer() -> impl Strategy<Value = Value> {
    let keys = vec![
        "kind",
        "units",
        "activation",
        "channels",
        "kernel",
        "stride",
        "padding",
        "size",
        "rate",
        "bogus",
    ];
    prop::collection::btree_map(select(keys), leaf(), 0..6)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => leaf(),
        2 => prop::collection::vec(layer(), 0..5).prop_map(Value::Array),
        1 => prop::collection::vec(words(), 0..5).prop_map(Value::Array),
        1 => layer(),
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    let mut names: Vec<&str> = FIELD_NAMES.to_vec();
    names.extend(["bogus", "format", "input"]);
    prop::collection::btree_map(select(names), field_value(), 0..10).prop_map(|m| {
        let object: Map<String, Value> = m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        raw_tokens(Value::Object(object).to_string())
    })
}

/// An error says something (and an error about a value names its path).
fn check_error(e: &Error) {
    let message = e.to_string();
    assert!(message.len() > 10, "a terse error: {message:?}");
    if let Error::Invalid { field, .. } = e {
        assert!(!field.is_empty(), "{message}");
    }
}

/// A built trainer trains, reports and saves, and its file loads back.
fn exercise(mut t: Trainer) {
    t.step(2);
    t.phase();
    let _ = t.metrics();
    let _ = t.network_info();
    match t.to_json() {
        Ok(file) => {
            Trainer::from_json(&file).expect("a saved model loads");
        }
        Err(e) => assert!(t.diverged(), "{e}"),
    }
}

/// Saved model files to mutate: a point network with Adam and a small digits8 CNN with
/// momentum, a few steps in (mid-epoch, with history).
fn saved_models() -> &'static [Value] {
    static MODELS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    MODELS.get_or_init(|| {
        let mut spiral = preset("spiral").unwrap().config;
        spiral.optimizer = neural_kitchen::config::OptimizerKind::Adam;
        let digits = Config::from_json(
            r#"{"dataset":"digits8","batchSize":16,"optimizer":"momentum","layers":[
                {"kind":"conv2d","channels":2,"kernel":3,"padding":1,"activation":"relu"},
                {"kind":"maxPool2d","size":2},{"kind":"flatten"}]}"#,
        )
        .unwrap();
        [spiral, digits]
            .into_iter()
            .map(|config| {
                let mut t = Trainer::new(config).unwrap();
                t.step(7);
                t.phase();
                serde_json::from_str(&t.to_json().unwrap()).unwrap()
            })
            .collect()
    })
}

/// JSON pointers of every value in `value`; of a long array (parameters, history) only the
/// first and last entries, so that mutations spread over the file's fields.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                pointers(v, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            let n = items.len();
            for (i, v) in items.iter().enumerate() {
                if n <= 6 || i < 2 || i + 2 >= n {
                    pointers(v, format!("{at}/{i}"), out);
                }
            }
        }
        _ => {}
    }
    out.push(at);
}

#[derive(Clone, Debug)]
enum Mutation {
    /// The value at a pointer replaced.
    Replace(prop::sample::Index, Value),
    /// The field or entry at a pointer removed.
    Remove(prop::sample::Index),
    /// The text cut at a position.
    Cut(prop::sample::Index),
    /// One byte of the text replaced.
    Byte(prop::sample::Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any::<prop::sample::Index>(), field_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => any::<prop::sample::Index>().prop_map(Mutation::Remove),
        1 => any::<prop::sample::Index>().prop_map(Mutation::Cut),
        1 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
    ]
}

/// The text of `file` after `mutations`.
fn mutated(file: &Value, mutations: &[Mutation]) -> String {
    let mut file = file.clone();
    let mut text = None;
    for m in mutations {
        let mut at = Vec::new();
        pointers(&file, String::new(), &mut at);
        match m {
            Mutation::Replace(i, v) => {
                let pointer = i.get(&at);
                if let Some(slot) = file.pointer_mut(pointer) {
                    *slot = v.clone();
                }
            }
            Mutation::Remove(i) => {
                let pointer = i.get(&at).clone();
                if let Some((parent, key)) = pointer.rsplit_once('/') {
                    match file.pointer_mut(parent) {
                        Some(Value::Object(fields)) => {
                            fields.remove(key);
                        }
                        Some(Value::Array(items)) => {
                            if let Ok(k) = key.parse::<usize>() {
                                if k < items.len() {
                                    items.remove(k);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Cut(i) => {
                let whole = file.to_string();
                text = Some(whole[..i.index(whole.len())].to_string());
            }
            Mutation::Byte(i, b) => {
                let mut bytes = file.to_string().into_bytes();
                let k = i.index(bytes.len());
                bytes[k] = *b;
                text = Some(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        if text.is_some() {
            break;
        }
    }
    text.unwrap_or_else(|| raw_tokens(file.to_string()))
}

proptest! {
    #![proptest_config(runner())]

    #[test]
    fn a_random_config_builds_a_trainer_or_is_refused_with_a_message(text in config_text()) {
        match Config::from_json(&text) {
            Ok(config) => {
                let mode = config.dataset.mode();
                if mode == DataMode::Points || config.dataset == DatasetKind::Digits8 {
                    match Trainer::new(config) {
                        Ok(t) => exercise(t),
                        Err(e) => check_error(&e),
                    }
                }
            }
            Err(e) => check_error(&e),
        }
    }

    #[test]
    fn a_mutated_model_file_loads_and_trains_or_is_refused_with_a_message(
        which in 0..2usize,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutated(&saved_models()[which], &mutations);
        match Trainer::from_json(&text) {
            Ok(t) => exercise(t),
            Err(e) => check_error(&e),
        }
    }
}
