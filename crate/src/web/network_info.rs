//! The description of the network the page draws from: layers, where their tensors live in the
//! flat buffers, and the layout of the value buffers (see `crate::nn::network`).

use serde::Serialize;

use crate::config::{name_of, Activation};
use crate::nn::network::Layer;
use crate::nn::slot::Slot;
use crate::optimizer::Optimizer;
use crate::Trainer;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInfo {
    features: Vec<&'static str>,
    outputs: usize,
    boundaries: Vec<Boundary>,
    layers: Vec<DenseInfo>,
    prediction: usize,
    parameter_count: usize,
    optimizer_state: &'static [&'static str],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Boundary {
    name: String,
    width: usize,
    prefix: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DenseInfo {
    units: usize,
    inputs: usize,
    activation: String,
    weights: Matrix,
    biases: Slot,
    input: usize,
    pre_activation: usize,
    activation_boundary: usize,
}

#[derive(Serialize)]
struct Matrix {
    offset: usize,
    length: usize,
    rows: usize,
    cols: usize,
}

pub fn describe(trainer: &Trainer) -> NetworkInfo {
    let network = trainer.network();
    let config = trainer.config();
    let layers = network.layers();
    let mut dense = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        if let (Layer::Dense(d), Some(Layer::Activation(act))) = (layer, layers.get(i + 1)) {
            dense.push(DenseInfo {
                units: d.outputs,
                inputs: d.inputs,
                activation: name_of::<Activation>(act),
                weights: Matrix {
                    offset: d.weights.offset,
                    length: d.weights.length,
                    rows: d.outputs,
                    cols: d.inputs,
                },
                biases: d.biases,
                input: i,
                pre_activation: i + 1,
                activation_boundary: i + 2,
            });
        }
    }
    let last = network.widths().len() - 1;
    let boundaries = network
        .widths()
        .iter()
        .zip(network.prefix())
        .enumerate()
        .map(|(k, (&width, &prefix))| Boundary {
            name: boundary_name(k, last),
            width,
            prefix,
        })
        .collect();
    NetworkInfo {
        features: config.features.iter().map(|f| f.name()).collect(),
        outputs: config.outputs(),
        boundaries,
        layers: dense,
        prediction: last,
        parameter_count: network.param_count(),
        optimizer_state: Optimizer::names(config.optimizer),
    }
}

/// "input", then "z1", "a1", "z2", "a2", ... for each dense layer, then "prediction".
fn boundary_name(k: usize, last: usize) -> String {
    match k {
        0 => "input".into(),
        k if k == last => "prediction".into(),
        k if k % 2 == 1 => format!("z{}", k.div_ceil(2)),
        k => format!("a{}", k / 2),
    }
}
