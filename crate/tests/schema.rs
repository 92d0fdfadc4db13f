//! The schema the page reads (`Trainer.schema()`) agrees with validation: every field of the
//! config is in it, and at every numeric range a value at the limit passes and one past it
//! fails, naming the field.

use neural_kitchen::config::FIELD_NAMES;
use neural_kitchen::schema::schema;
use neural_kitchen::trainer::{Trainer, TrainingChange};
use neural_kitchen::Config;
use serde_json::{json, Value};

fn schema_json() -> Value {
    serde_json::to_value(schema()).unwrap()
}

fn field(schema: &Value, name: &str) -> Value {
    let fields = schema["fields"].as_array().unwrap();
    fields.iter().find(|f| f["name"] == name).unwrap().clone()
}

/// Parses and validates `config` with `edit` applied; the error's path on failure.
fn check(mut config: Value, edit: impl FnOnce(&mut Value)) -> Result<(), String> {
    edit(&mut config);
    Config::from_json(&config.to_string())
        .map(drop)
        .map_err(|e| e.path().unwrap_or("(no path)").to_string())
}

fn points_config() -> Value {
    serde_json::to_value(Config::default()).unwrap()
}

fn config_of(dataset: &str) -> Value {
    let mut config = points_config();
    config["dataset"] = json!(dataset);
    config["hidden"] = json!([]);
    if dataset == "tensors" {
        config["input"] = json!({ "channels": 1, "height": 4, "width": 4, "classes": 3 });
    }
    config
}

/// Just below `min` (or above `max`): a whole step for whole numbers.
fn past(limit: f64, whole: bool, below: bool) -> f64 {
    let step = if whole {
        1.0
    } else {
        (limit.abs() * 0.1).max(1e-3)
    };
    if below {
        limit - step
    } else {
        limit + step
    }
}

/// At `min` and `max` the value passes; past them it fails naming `path`.
fn assert_range(
    base: &Value,
    path: &str,
    range: &Value,
    whole: bool,
    set: impl Fn(&mut Value, Value),
) {
    let min = range["min"].as_f64().unwrap();
    // Whole numbers as JSON integers: serde refuses `8.0` for a u32.
    let number = |value: f64| {
        if whole {
            json!(value as i64)
        } else {
            json!(value)
        }
    };
    let at = |value: f64| check(base.clone(), |c| set(c, number(value)));
    assert_eq!(at(min), Ok(()), "{path} at its min {min}");
    assert_eq!(
        at(past(min, whole, true)),
        Err(path.to_string()),
        "{path} below {min}"
    );
    if let Some(max) = range["max"].as_f64() {
        assert_eq!(at(max), Ok(()), "{path} at its max {max}");
        assert_eq!(
            at(past(max, whole, false)),
            Err(path.to_string()),
            "{path} above {max}"
        );
    }
}

#[test]
fn the_schema_lists_every_field_of_the_config_once() {
    let schema = schema_json();
    let names: Vec<&str> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, FIELD_NAMES);
    let mut config = serde_json::to_value(Config::default()).unwrap();
    config["input"] = Value::Null;
    let mut keys: Vec<&str> = config
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut expected = FIELD_NAMES.to_vec();
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

/// A value of `field` other than its default, within its range.
fn another_value(field: &Value) -> Value {
    match field["type"].as_str().unwrap() {
        "enum" => {
            let values = field["values"].as_array().unwrap();
            values
                .iter()
                .find(|v| **v != field["default"])
                .unwrap()
                .clone()
        }
        "int" => json!(field["min"].as_f64().unwrap() as u64 + 1),
        _ => {
            let min = field["min"].as_f64().unwrap();
            let max = field["max"].as_f64().unwrap();
            json!(min + (max - min) / 3.0)
        }
    }
}

#[test]
fn set_training_changes_exactly_the_fields_marked_training() {
    let schema = schema_json();
    for f in schema["fields"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        if name == "input" || !f["modes"].as_array().unwrap().contains(&json!("points")) {
            continue;
        }
        let mut t = Trainer::new(Config::default()).unwrap();
        let value = if f["training"] == true {
            another_value(f)
        } else {
            f["default"].clone()
        };
        let result = t.set_training(&TrainingChange::new().with(name, value.clone()));
        if f["training"] == true {
            result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let config = serde_json::to_value(t.config()).unwrap();
            assert_eq!(config[name], value, "{name}");
        } else {
            assert!(result.is_err(), "{name} is not a training field");
        }
    }
}

#[test]
fn every_numeric_field_passes_at_its_limits_and_fails_past_them() {
    let schema = schema_json();
    for f in schema["fields"].as_array().unwrap() {
        let kind = f["type"].as_str().unwrap();
        if kind != "int" && kind != "number" {
            continue;
        }
        let name = f["name"].as_str().unwrap();
        let set = |c: &mut Value, v: Value| c[name] = v;
        assert_range(&points_config(), name, f, kind == "int", set);
    }
}

#[test]
fn the_ranges_of_layer_fields_are_those_validation_checks() {
    let schema = schema_json();
    let hidden = field(&schema, "hidden");
    assert_range(
        &points_config(),
        "hidden[0].units",
        &hidden["limits"]["units"],
        true,
        |c, v| {
            c["hidden"] = json!([{ "units": v, "activation": "relu" }]);
        },
    );
    let limits = field(&schema, "layers")["limits"].clone();
    let mnist = config_of("mnist");
    let layer = |spec: Value| {
        move |c: &mut Value, v: Value| {
            let mut spec = spec.clone();
            for value in spec.as_object_mut().unwrap().values_mut() {
                if value.is_null() {
                    *value = v.clone();
                }
            }
            c["layers"] = json!([spec]);
        }
    };
    let cases = [
        (
            "units",
            &limits["dense"]["units"],
            json!({ "kind": "dense", "units": null, "activation": "relu" }),
            true,
        ),
        (
            "channels",
            &limits["conv2d"]["channels"],
            json!({ "kind": "conv2d", "channels": null, "kernel": 3, "activation": "relu" }),
            true,
        ),
        (
            "kernel",
            &limits["conv2d"]["kernel"],
            json!({ "kind": "conv2d", "channels": 2, "kernel": null, "activation": "relu" }),
            true,
        ),
        (
            "stride",
            &limits["conv2d"]["stride"],
            json!({ "kind": "conv2d", "channels": 2, "kernel": 3, "stride": null, "activation": "relu" }),
            true,
        ),
        (
            "size",
            &limits["pool"]["size"],
            json!({ "kind": "maxPool2d", "size": null }),
            true,
        ),
        (
            "stride",
            &limits["pool"]["stride"],
            json!({ "kind": "avgPool2d", "size": 2, "stride": null }),
            true,
        ),
        (
            "rate",
            &limits["dropout"]["rate"],
            json!({ "kind": "dropout", "rate": null }),
            false,
        ),
    ];
    for (name, range, spec, whole) in cases {
        assert_range(
            &mnist,
            &format!("layers[0].{name}"),
            range,
            whole,
            layer(spec),
        );
    }
    let mut names = config_of("names");
    names["context"] = json!(1);
    assert_range(
        &names,
        "layers[0].dims",
        &limits["embed"]["dims"],
        true,
        layer(json!({ "kind": "embed", "dims": null })),
    );
    // A sequence model alone in the layers, its null field set to the value tried.
    let sequence_model = |spec: Value| {
        move |c: &mut Value, v: Value| {
            let mut spec = spec.clone();
            for value in spec.as_object_mut().unwrap().values_mut() {
                if value.is_null() {
                    *value = v.clone();
                }
            }
            c["context"] = json!(4);
            c["layers"] = json!([spec]);
        }
    };
    let gpt_cases = [
        (
            "dModel",
            json!({ "kind": "gpt", "dModel": null, "heads": 1, "blocks": 1 }),
        ),
        (
            "heads",
            json!({ "kind": "gpt", "dModel": 48, "heads": null, "blocks": 1 }),
        ),
        (
            "blocks",
            json!({ "kind": "gpt", "dModel": 8, "heads": 2, "blocks": null }),
        ),
        (
            "mlpRatio",
            json!({ "kind": "gpt", "dModel": 8, "heads": 2, "blocks": 1, "mlpRatio": null }),
        ),
    ];
    for (name, spec) in gpt_cases {
        let path = format!("layers[0].{name}");
        assert_range(
            &names,
            &path,
            &limits["gpt"][name],
            true,
            sequence_model(spec),
        );
    }
    assert_range(
        &names,
        "layers[0].units",
        &limits["rnn"]["units"],
        true,
        sequence_model(json!({ "kind": "rnn", "units": null, "cell": "gru" })),
    );
    assert_eq!(limits["rnn"]["cells"], json!(["tanh", "gru"]));
    let input = field(&schema, "input")["limits"].clone();
    for part in ["channels", "height", "width", "classes"] {
        assert_range(
            &config_of("tensors"),
            &format!("input.{part}"),
            &input[part],
            true,
            |c, v| {
                c["input"][part] = v;
            },
        );
    }
}

#[test]
fn datasets_say_their_mode_and_recipe_and_presets_their_dataset() {
    let schema = schema_json();
    let dataset = |name: &str| {
        let all = schema["datasets"].as_array().unwrap();
        all.iter().find(|d| d["name"] == name).unwrap().clone()
    };
    assert_eq!(dataset("spiral")["mode"], "points");
    assert_eq!(dataset("spiral")["recipe"], "spiral");
    assert_eq!(dataset("mnist")["mode"], "images");
    assert_eq!(dataset("mnist")["recipe"], "digits-cnn");
    assert_eq!(dataset("digits8")["recipe"], "digits8-mlp");
    assert_eq!(dataset("fashion")["recipe"], "fashion-cnn");
    assert_eq!(dataset("fashion")["classes"], 10);
    assert_eq!(
        dataset("digits8")["files"],
        json!(["crate/data/digits8.nkimg.gz", null])
    );
    assert_eq!(dataset("tensors")["mode"], "tensors");
    for (name, recipe) in [
        ("names", "names-mlp"),
        ("poems", "poems-mlp"),
        ("dishes", "dishes-mlp"),
    ] {
        assert_eq!(dataset(name)["mode"], "text");
        assert_eq!(dataset(name)["recipe"], recipe);
        assert_eq!(
            dataset(name)["classes"],
            Value::Null,
            "the files give the vocabulary"
        );
        assert_eq!(
            dataset(name)["files"],
            json!([
                format!("crate/data/{name}-train.txt.gz"),
                format!("crate/data/{name}-test.txt.gz")
            ])
        );
    }
    assert_eq!(field(&schema, "context")["modes"], json!(["text"]));
    let presets = schema["presets"].as_array().unwrap();
    let cnn = presets.iter().find(|p| p["name"] == "digits-cnn").unwrap();
    assert_eq!(
        (&cnn["dataset"], &cnn["epochs"]),
        (&json!("mnist"), &json!(6))
    );
    let constants = &schema["constants"];
    assert_eq!(constants["maxEditedWeight"], 1000.0);
    assert_eq!(constants["domain"], 6.0);
    assert_eq!(constants["classes"], 10);
    assert_eq!(constants["maxHiddenLayers"], 8);
    assert_eq!(constants["maxUnits"], 32);
    assert_eq!(constants["maxImageLayers"], 12);
    assert_eq!(constants["maxGridResolution"], 100);
}
