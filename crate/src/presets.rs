//! Named starting points: a dataset with a network that learns it well, and how many epochs
//! that takes.

use crate::config::{
    Activation, Config, DatasetKind, Feature, HiddenLayer, Init, LayerSpec, LossKind,
    OptimizerKind, RnnCell,
};
use crate::error::{Error, Result};

pub const PRESET_NAMES: [&str; 18] = [
    "spiral",
    "circle",
    "xor",
    "gaussian",
    "moons",
    "plane",
    "bumps",
    "digits-cnn",
    "digits-mlp",
    "fashion-cnn",
    "digits8-mlp",
    "names-bigram",
    "names-mlp",
    "names-rnn",
    "names-gpt",
    "poems-mlp",
    "poems-gpt",
    "dishes-mlp",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    pub config: Config,
    /// Epochs after which the preset's network has learnt its data (at noise 0).
    pub epochs: u64,
}

fn layers(units: &[u32], activation: Activation) -> Vec<HiddenLayer> {
    units
        .iter()
        .map(|&units| HiddenLayer { units, activation })
        .collect()
}

/// conv 8@5×5 pad 2 ReLU → max-pool 2 → conv 16@5×5 pad 2 ReLU → max-pool 3 (then dense 10).
fn small_cnn() -> Vec<LayerSpec> {
    let conv = |channels| LayerSpec::Conv2d {
        channels,
        kernel: 5,
        stride: 1,
        padding: 2,
        activation: Activation::Relu,
    };
    let pool = |size| LayerSpec::MaxPool2d { size, stride: None };
    vec![conv(8), pool(2), conv(16), pool(3)]
}

/// An image network: He initialisation for ReLU, Adam, mini-batches of 20.
fn image_config(dataset: DatasetKind, layers: Vec<LayerSpec>, learning_rate: f64) -> Config {
    Config {
        dataset,
        layers,
        init: Init::He,
        optimizer: OptimizerKind::Adam,
        learning_rate,
        batch_size: 20,
        train_share: 80.0,
        ..Config::default()
    }
}

/// A dense layer of an image network.
fn dense(units: u32) -> LayerSpec {
    LayerSpec::Dense {
        units,
        activation: Activation::Relu,
    }
}

/// A character-level language model: Adam over mini-batches of 32 tokens.
fn text_config(dataset: DatasetKind, context: u32, layers: Vec<LayerSpec>, lr: f64) -> Config {
    Config {
        dataset,
        context,
        layers,
        optimizer: OptimizerKind::Adam,
        learning_rate: lr,
        batch_size: 32,
        ..Config::default()
    }
}

/// Embeddings of `dims` for each context token, concatenated → dense tanh (Bengio et al. 2003).
fn embed_mlp(dims: u32, hidden: u32) -> Vec<LayerSpec> {
    vec![
        LayerSpec::Embed { dims: Some(dims) },
        LayerSpec::Dense {
            units: hidden,
            activation: Activation::Tanh,
        },
    ]
}

/// A tiny GPT of width 32: 4 heads of 8, 2 blocks, its head tied to the token table.
fn tiny_gpt() -> Vec<LayerSpec> {
    vec![LayerSpec::Gpt {
        d_model: 32,
        heads: 4,
        blocks: 2,
        mlp_ratio: 4,
        tied: true,
    }]
}

/// The preset a page starts from when the learner switches to `dataset`: a point dataset's own
/// preset, an image or text dataset's recipe; none for the caller's tensors.
pub fn recipe_of(dataset: DatasetKind) -> Option<&'static str> {
    match dataset {
        DatasetKind::Names => Some("names-mlp"),
        DatasetKind::Poems => Some("poems-mlp"),
        DatasetKind::Dishes => Some("dishes-mlp"),
        DatasetKind::Digits8 => Some("digits8-mlp"),
        DatasetKind::Mnist => Some("digits-cnn"),
        DatasetKind::Fashion => Some("fashion-cnn"),
        DatasetKind::Tensors => None,
        points => PRESET_NAMES
            .iter()
            .copied()
            .find(|&name| name == crate::config::name_of(&points)),
    }
}

pub fn preset(name: &str) -> Result<Preset> {
    use Feature::*;
    let base = Config::default();
    let (config, epochs) = match name {
        "spiral" => (
            Config {
                dataset: DatasetKind::Spiral,
                features: vec![X1, X2, SinX1, SinX2],
                hidden: layers(&[16, 16, 8], Activation::Tanh),
                optimizer: OptimizerKind::Adam,
                learning_rate: 0.01,
                ..base
            },
            60,
        ),
        "circle" => (
            Config {
                dataset: DatasetKind::Circle,
                hidden: layers(&[8, 4], Activation::Tanh),
                ..base
            },
            40,
        ),
        "xor" => (
            Config {
                dataset: DatasetKind::Xor,
                hidden: layers(&[8, 4], Activation::Tanh),
                ..base
            },
            60,
        ),
        "gaussian" => (
            Config {
                dataset: DatasetKind::Gaussian,
                hidden: layers(&[4], Activation::Tanh),
                ..base
            },
            10,
        ),
        "moons" => (
            Config {
                dataset: DatasetKind::Moons,
                hidden: layers(&[8, 8], Activation::Tanh),
                ..base
            },
            60,
        ),
        "plane" => (
            Config {
                dataset: DatasetKind::Plane,
                hidden: layers(&[4], Activation::Tanh),
                loss: LossKind::Mse,
                ..base
            },
            30,
        ),
        "bumps" => (
            Config {
                dataset: DatasetKind::Bumps,
                hidden: layers(&[16, 16], Activation::Tanh),
                loss: LossKind::Mse,
                optimizer: OptimizerKind::Adam,
                learning_rate: 0.01,
                ..base
            },
            150,
        ),
        "digits-cnn" => (image_config(DatasetKind::Mnist, small_cnn(), 0.002), 6),
        "fashion-cnn" => (image_config(DatasetKind::Fashion, small_cnn(), 0.002), 6),
        "digits-mlp" => (image_config(DatasetKind::Mnist, vec![dense(128)], 0.001), 6),
        "digits8-mlp" => (
            image_config(DatasetKind::Digits8, vec![dense(32)], 0.003),
            20,
        ),
        // The previous character's row of a vocabulary × vocabulary table is the logits.
        "names-bigram" => (
            text_config(
                DatasetKind::Names,
                1,
                vec![LayerSpec::Embed { dims: None }],
                0.02,
            ),
            4,
        ),
        "names-mlp" => (
            text_config(DatasetKind::Names, 3, embed_mlp(10, 128), 0.003),
            10,
        ),
        // 13 characters back always see the start or the first line's full stop: enough to
        // know which punctuation (or the end) comes after each line of five.
        "poems-mlp" => (
            text_config(DatasetKind::Poems, 13, embed_mlp(16, 128), 0.003),
            2,
        ),
        // A GRU of 64 over the same windows, with names-gpt's Adam 0.003, batches and epochs:
        // its state carries the name so far (test loss 2.03 to the GPT's 2.10 here).
        "names-rnn" => (
            text_config(
                DatasetKind::Names,
                16,
                vec![LayerSpec::Rnn {
                    units: 64,
                    cell: RnnCell::Gru,
                }],
                0.003,
            ),
            10,
        ),
        // Windows of 16 see every name whole (the longest has 13 letters) and the one before.
        "names-gpt" => (text_config(DatasetKind::Names, 16, tiny_gpt(), 0.003), 10),
        // A window of 25 holds a poem whole: the boundary, then 24 characters (four lines of
        // five, each with its punctuation), each predicting the next, the last the end.
        // Batches of 8: four times the updates of 32 in an epoch, which the form needs, and a
        // quarter of the memory of its 3,700-token logits.
        "poems-gpt" => (
            Config {
                batch_size: 8,
                ..text_config(DatasetKind::Poems, 25, tiny_gpt(), 0.003)
            },
            5,
        ),
        "dishes-mlp" => (
            text_config(DatasetKind::Dishes, 3, embed_mlp(16, 128), 0.003),
            30,
        ),
        _ => {
            return Err(Error::invalid(
                "preset",
                format!("one of {}", PRESET_NAMES.join(", ")),
                format!("\"{name}\""),
            ))
        }
    };
    Ok(Preset { config, epochs })
}
