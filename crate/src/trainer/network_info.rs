//! The learner's description of the network (what the page draws from): layers as the learner
//! counts them, where their tensors live in the flat buffers, and the layout and shapes of the
//! value buffers (see `crate::nn::network`).

use serde::Serialize;

use super::Trainer;
use crate::config::{name_of, Activation};
use crate::nn::layer::Layer;
use crate::nn::pool::PoolKind;
use crate::nn::shapes::Shape;
use crate::nn::slot::Slot;
use crate::nn::tensors::Tensor;
use crate::optimizer::Optimizer;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInfo {
    /// Input features (points), `["pixels"]` (images, tensors) or `["tokens"]` (text).
    features: Vec<&'static str>,
    outputs: usize,
    boundaries: Vec<Boundary>,
    layers: Vec<LayerInfo>,
    prediction: usize,
    parameter_count: usize,
    /// Every tensor of the parameters, named, in the order of the parameter vector.
    tensors: Vec<Tensor>,
    optimizer_state: &'static [&'static str],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Boundary {
    name: String,
    width: usize,
    prefix: usize,
    shape: Shape,
}

/// A layer as the learner sees it: a dense or convolution layer with its activation, or a
/// pooling, flatten or dropout layer. Boundary indices say where its values are.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LayerInfo {
    kind: &'static str,
    input: usize,
    /// Dense: units; convolution: output channels; others: output channels.
    units: usize,
    /// Dense: input width; convolution: input channels.
    inputs: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    activation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weights: Option<Matrix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    biases: Option<Slot>,
    /// Kernel or pooling window size, stride and padding (image layers).
    #[serde(skip_serializing_if = "Option::is_none")]
    kernel: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stride: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    padding: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pre_activation: Option<usize>,
    /// The boundary holding this layer's output (after its activation).
    activation_boundary: usize,
}

#[derive(Serialize)]
struct Matrix {
    offset: usize,
    length: usize,
    rows: usize,
    cols: usize,
}

fn matrix(slot: Slot, rows: usize, cols: usize) -> Option<Matrix> {
    Some(Matrix {
        offset: slot.offset,
        length: slot.length,
        rows,
        cols,
    })
}

impl Trainer {
    /// The network as the learner sees it.
    pub fn network_info(&self) -> NetworkInfo {
        describe(self)
    }
}

fn describe(trainer: &Trainer) -> NetworkInfo {
    let network = trainer.network();
    let config = trainer.config();
    let layers = network.layers();
    let activation_after = |i: usize| match layers.get(i + 1) {
        Some(Layer::Activation(a)) => Some(name_of::<Activation>(a)),
        _ => None,
    };
    let mut infos = Vec::new();
    for (i, layer) in network.learner_layers() {
        let shape = network.shapes()[i + 1];
        let info = LayerInfo {
            kind: "",
            input: i,
            units: shape.channels,
            inputs: network.shapes()[i].channels,
            activation: None,
            weights: None,
            biases: None,
            kernel: None,
            stride: None,
            padding: None,
            pre_activation: None,
            activation_boundary: i + 1,
        };
        infos.push(match layer {
            Layer::Dense(d) => LayerInfo {
                kind: "dense",
                inputs: d.inputs,
                activation: activation_after(i),
                weights: matrix(d.weights, d.outputs, d.inputs),
                biases: Some(d.biases),
                pre_activation: Some(i + 1),
                activation_boundary: i + 2,
                ..info
            },
            Layer::Conv2d(c) => LayerInfo {
                kind: "conv2d",
                activation: activation_after(i),
                weights: matrix(
                    c.weights,
                    c.out_channels,
                    c.in_channels * c.kernel * c.kernel,
                ),
                biases: Some(c.biases),
                kernel: Some(c.kernel),
                stride: Some(c.stride),
                padding: Some(c.padding),
                pre_activation: Some(i + 1),
                activation_boundary: i + 2,
                ..info
            },
            Layer::Pool(p) => LayerInfo {
                kind: match p.kind {
                    PoolKind::Max => "maxPool2d",
                    PoolKind::Average => "avgPool2d",
                },
                kernel: Some(p.size),
                stride: Some(p.stride),
                ..info
            },
            Layer::Flatten => LayerInfo {
                kind: "flatten",
                ..info
            },
            Layer::Dropout(_) => LayerInfo {
                kind: "dropout",
                ..info
            },
            // Rows: the vocabulary's tokens (their ids); columns: the embedding's dims.
            Layer::Embedding(e) => LayerInfo {
                kind: "embed",
                units: e.dims,
                inputs: e.context,
                weights: matrix(e.table, e.vocabulary, e.dims),
                ..info
            },
            // The whole model as one layer: its token table, rows the vocabulary's tokens.
            Layer::Gpt(gpt) => LayerInfo {
                kind: "gpt",
                units: gpt.shape.dims,
                inputs: gpt.shape.context,
                weights: matrix(gpt.token.table, gpt.shape.vocabulary, gpt.shape.dims),
                ..info
            },
            Layer::Rnn(rnn) => LayerInfo {
                kind: "rnn",
                units: rnn.shape.units,
                inputs: rnn.shape.context,
                weights: matrix(rnn.token.table, rnn.shape.vocabulary, rnn.shape.units),
                ..info
            },
            // `learner_layers` shows an activation as part of the layer before it.
            Layer::Activation(_) => continue,
        });
    }
    let last = network.widths().len() - 1;
    let boundaries = network
        .widths()
        .iter()
        .zip(network.prefix())
        .zip(network.shapes())
        .enumerate()
        .map(|(k, ((&width, &prefix), &shape))| Boundary {
            name: boundary_name(layers, k, last),
            width,
            prefix,
            shape,
        })
        .collect();
    let features = if config.dataset.is_text() {
        vec!["tokens"]
    } else if config.uses_layers() {
        vec!["pixels"]
    } else {
        config.features.iter().map(|f| f.name()).collect()
    };
    NetworkInfo {
        features,
        outputs: network.loss().width,
        boundaries,
        layers: infos,
        prediction: last,
        parameter_count: network.param_count(),
        tensors: network.tensors(),
        optimizer_state: Optimizer::names(config.optimizer),
    }
}

/// "input"; then after the n-th dense or convolution layer "z{n}", after its activation
/// "a{n}"; "pool", "flatten", "dropout", "embedding", a GPT's or RNN's "logits"; and last "prediction".
fn boundary_name(layers: &[Layer], k: usize, last: usize) -> String {
    if k == 0 {
        return "input".into();
    }
    if k == last {
        return "prediction".into();
    }
    let n = layers[..k]
        .iter()
        .filter(|l| matches!(l, Layer::Dense(_) | Layer::Conv2d(_)))
        .count();
    match layers[k - 1] {
        Layer::Dense(_) | Layer::Conv2d(_) => format!("z{n}"),
        Layer::Activation(_) => format!("a{n}"),
        Layer::Pool(_) => "pool".into(),
        Layer::Flatten => "flatten".into(),
        Layer::Dropout(_) => "dropout".into(),
        Layer::Embedding(_) => "embedding".into(),
        Layer::Gpt(_) | Layer::Rnn(_) => "logits".into(),
    }
}
