//! Named starting points: a dataset with a network that learns it well, and how many epochs
//! that takes.

use crate::config::{
    Activation, Config, DatasetKind, Feature, HiddenLayer, LossKind, OptimizerKind,
};
use crate::error::{Error, Result};

pub const PRESET_NAMES: [&str; 7] = [
    "spiral", "circle", "xor", "gaussian", "moons", "plane", "bumps",
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
