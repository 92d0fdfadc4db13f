//! The config's fields as data, for the page: each field's type, allowed values or range,
//! default, whether it changes during training, and the modes it applies to. Made from the
//! enums' `ALL` lists and the `limits` validation reads, so the two cannot disagree.

use serde::Serialize;
use serde_json::{json, Value};

use super::limits::{self, Bounds, Max, FIELDS, TRAINING_ENUMS};
use super::{
    name_of, Activation, Config, DataMode, DatasetKind, Feature, Init, LossKind, OptimizerKind,
    Regularization, RnnCell, FIELD_NAMES,
};

/// One top-level field. `kind` is `enum`, `int`, `number`, `list` (of `values`), `layers`
/// (hidden dense layers), `imageLayers` or `tensorShape`; `limits` holds the ranges of the
/// parts of the structured kinds.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSchema {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// `null` for a maximum that depends on the data (the batch size).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Option<f64>>,
    /// The range as the error message says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<Value>,
    pub default: Value,
    /// Changes during training without a rebuild (`setTraining`).
    pub training: bool,
    pub modes: Vec<DataMode>,
}

fn names<T: Serialize>(all: &[T]) -> Vec<String> {
    all.iter().map(name_of).collect()
}

fn range<T: Serialize + PartialOrd + std::fmt::Display + Copy>(bounds: Bounds<T>) -> Value {
    json!({ "min": bounds.min, "max": bounds.max, "allowed": bounds.allowed() })
}

/// Every top-level field of `Config`, in `FIELD_NAMES` order.
pub fn fields() -> Vec<FieldSchema> {
    let defaults = serde_json::to_value(Config::default()).unwrap_or(Value::Null);
    FIELD_NAMES
        .iter()
        .map(|&name| field(name, &defaults))
        .collect()
}

fn field(name: &'static str, defaults: &Value) -> FieldSchema {
    let all = DataMode::ALL.to_vec();
    let mut schema = FieldSchema {
        name,
        kind: "enum",
        values: None,
        min: None,
        max: None,
        allowed: None,
        limits: None,
        default: defaults.get(name).cloned().unwrap_or(Value::Null),
        training: TRAINING_ENUMS.contains(&name),
        modes: all,
    };
    if let Some(number) = FIELDS.iter().find(|f| f.name == name) {
        schema.kind = if number.whole { "int" } else { "number" };
        schema.min = Some(number.min);
        schema.max = Some(match number.max {
            Max::Value(max) => Some(max),
            Max::TrainingExamples => None,
        });
        schema.allowed = Some(number.allowed());
        schema.training = number.training();
        schema.modes = number.modes.to_vec();
        return schema;
    }
    let points = vec![DataMode::Points];
    match name {
        "dataset" => schema.values = Some(names(&DatasetKind::ALL)),
        "outputActivation" => schema.values = Some(names(&Activation::ALL)),
        "loss" => schema.values = Some(names(&LossKind::ALL)),
        "init" => schema.values = Some(names(&Init::ALL)),
        "optimizer" => schema.values = Some(names(&OptimizerKind::ALL)),
        "regularization" => schema.values = Some(names(&Regularization::ALL)),
        "features" => {
            schema.kind = "list";
            schema.values = Some(names(&Feature::ALL));
            schema.modes = points;
        }
        "hidden" => {
            schema.kind = "layers";
            schema.values = Some(names(&Activation::ALL));
            schema.limits = Some(json!({
                "maxLayers": limits::MAX_HIDDEN_LAYERS,
                "units": range(limits::HIDDEN_UNITS),
            }));
            schema.modes = points;
        }
        "layers" => {
            schema.kind = "imageLayers";
            schema.values = Some(names(&Activation::ALL));
            schema.limits = Some(json!({
                "maxLayers": limits::MAX_IMAGE_LAYERS,
                "kinds": ["conv2d", "maxPool2d", "avgPool2d", "flatten", "dropout", "dense", "embed", "gpt", "rnn"],
                "dense": { "units": range(limits::DENSE_UNITS) },
                "conv2d": {
                    "channels": range(limits::CONV_CHANNELS),
                    "kernel": range(limits::CONV_KERNEL),
                    "stride": range(limits::CONV_STRIDE),
                    "padding": {
                        "min": limits::CONV_PADDING_MIN,
                        "max": null,
                        "allowed": "between 0 and the kernel size less one",
                    },
                },
                "pool": {
                    "size": range(limits::POOL_SIZE),
                    "stride": range(limits::POOL_STRIDE),
                },
                "dropout": { "rate": range(limits::DROPOUT_RATE) },
                "embed": {
                    "dims": range(limits::EMBED_DIMS),
                    "maxVocabulary": limits::MAX_VOCABULARY,
                },
                // Text only, alone in the layers; its context is the config's `context`.
                "gpt": {
                    "dModel": range(limits::GPT_D_MODEL),
                    "heads": {
                        "min": limits::GPT_HEADS.min,
                        "max": limits::GPT_HEADS.max,
                        "allowed": format!("{} and a divisor of dModel", limits::GPT_HEADS.allowed()),
                    },
                    "blocks": range(limits::GPT_BLOCKS),
                    "mlpRatio": range(limits::GPT_MLP_RATIO),
                    "defaults": { "mlpRatio": 4, "tied": true },
                },
                // Text only, alone in the layers, unrolled over the config's `context`.
                "rnn": {
                    "units": range(limits::RNN_UNITS),
                    "cells": names(&RnnCell::ALL),
                    "defaults": { "cell": "tanh" },
                },
            }));
            schema.modes = vec![DataMode::Images, DataMode::Tensors, DataMode::Text];
        }
        "input" => {
            schema.kind = "tensorShape";
            schema.limits = Some(json!({
                "channels": range(limits::TENSOR_CHANNELS),
                "height": range(limits::TENSOR_SIDE),
                "width": range(limits::TENSOR_SIDE),
                "classes": range(limits::TENSOR_CLASSES),
            }));
            schema.modes = vec![DataMode::Tensors];
        }
        _ => {}
    }
    schema
}
