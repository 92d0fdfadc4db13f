//! The training configuration: one plain-data type, shared by the page (as a JS object), the
//! URL, JSON config files and model files. `Config::validate` (in `validate`) is the one gate
//! every value from outside passes through; `limits` holds every range, once.

mod kinds;
pub mod limits;
pub mod schema;
pub mod text;
mod validate;

pub use kinds::*;

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The name of every top-level field, as JSON and the URL spell it.
pub const FIELD_NAMES: [&str; 19] = [
    "seed",
    "dataset",
    "noise",
    "trainShare",
    "points",
    "features",
    "hidden",
    "layers",
    "outputActivation",
    "loss",
    "init",
    "optimizer",
    "learningRate",
    "momentum",
    "regularization",
    "regularizationRate",
    "batchSize",
    "input",
    "context",
];

/// The top-level config field an error's path starts with (`hidden` for `hidden[1].units`),
/// if it is one.
pub fn field_of(path: &str) -> Option<&'static str> {
    let top = path.split(['[', '.']).next()?;
    FIELD_NAMES.iter().copied().find(|&name| name == top)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Config {
    /// Drives data generation, initialisation and shuffling: same config + seed, same run.
    pub seed: u32,
    pub dataset: DatasetKind,
    /// Percent, 0..=50: how much the points are blurred.
    pub noise: f64,
    /// Percent of the points used for training, 10..=90; the rest is the test set.
    pub train_share: f64,
    /// Number of points, 50..=2000.
    pub points: u32,
    /// Input features computed from (x1, x2); non-empty, no repeats.
    pub features: Vec<Feature>,
    /// 0..=8 hidden layers (point datasets).
    pub hidden: Vec<HiddenLayer>,
    /// The layers of an image network before its output layer (image datasets only; `hidden`,
    /// `features`, `noise` and `points` do not apply to images).
    pub layers: Vec<LayerSpec>,
    /// Activation of the output layer, before the loss's own link (softmax / sigmoid).
    pub output_activation: Activation,
    pub loss: LossKind,
    pub init: Init,
    pub optimizer: OptimizerKind,
    pub learning_rate: f64,
    /// The momentum optimizer's coefficient μ (v = μ v - lr g), 0..=0.999; absent from older
    /// model files, which then take the default.
    pub momentum: f64,
    pub regularization: Regularization,
    /// 0..=1.
    pub regularization_rate: f64,
    /// Examples per step, 1..=number of training points.
    pub batch_size: u32,
    /// The shape of the examples of the `tensors` dataset (given by the caller); absent for
    /// every other dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<TensorInput>,
    /// Text: how many previous tokens the network reads to predict the next one (1 for a
    /// bigram table).
    pub context: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            dataset: DatasetKind::Spiral,
            noise: 0.0,
            train_share: 50.0,
            points: 500,
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![
                HiddenLayer {
                    units: 8,
                    activation: Activation::Tanh,
                },
                HiddenLayer {
                    units: 8,
                    activation: Activation::Tanh,
                },
            ],
            layers: Vec::new(),
            output_activation: Activation::Linear,
            loss: LossKind::CrossEntropy,
            init: Init::Xavier,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.03,
            momentum: 0.9,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            batch_size: 10,
            input: None,
            context: 3,
        }
    }
}

impl Config {
    /// Parses a JSON config, naming the field of any error. The text must be a JSON object
    /// (a byte-order mark before it is skipped); a model file is refused as not a config.
    pub fn from_json(text: &str) -> Result<Config> {
        let text = text::object_text(text)?;
        let config: Config = crate::error::parse_json("config", text)?;
        config.validate()?;
        Ok(config)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn is_regression(&self) -> bool {
        self.dataset.is_regression()
    }

    /// Whether the network is `layers` (images, tensors and text) rather than `hidden` (points).
    pub fn uses_layers(&self) -> bool {
        self.dataset.mode() != DataMode::Points
    }

    /// Whether the model is a sequence model (a GPT or an RNN): it reads windows of `context`
    /// tokens and predicts the next token at every position (the text set's examples are such
    /// windows).
    pub fn is_sequence_model(&self) -> bool {
        matches!(
            self.layers.as_slice(),
            [LayerSpec::Gpt { .. } | LayerSpec::Rnn { .. }]
        )
    }

    /// `channels × height × width` of one example for a network of `layers`.
    pub fn input_shape(&self) -> Option<(usize, usize, usize)> {
        match (self.dataset.image_size(), self.input) {
            (Some((height, width)), _) => Some((1, height, width)),
            (None, Some(t)) if self.dataset == DatasetKind::Tensors => {
                Some((t.channels as usize, t.height as usize, t.width as usize))
            }
            _ => None,
        }
    }

    /// Number of classes (1 for regression: one output value).
    pub fn classes(&self) -> usize {
        match self.input {
            Some(t) if self.dataset == DatasetKind::Tensors => t.classes as usize,
            _ => self.dataset.classes(),
        }
    }

    /// Number of training examples (points, or images). The caller's tensors and a text set's
    /// examples are counted by the trainer that receives them, so any batch size passes here.
    pub fn train_count(&self) -> usize {
        match self.dataset {
            _ if self.dataset.mode() == DataMode::Tensors || self.dataset.is_text() => {
                u32::MAX as usize
            }
            DatasetKind::Mnist | DatasetKind::Fashion => 5000,
            DatasetKind::Digits8 => split_count(DIGITS8_IMAGES, self.train_share),
            _ => split_count(self.points as usize, self.train_share),
        }
    }

    /// Width of the output layer the loss needs.
    pub fn outputs(&self) -> usize {
        self.outputs_for(self.classes())
    }

    /// Width of the output layer the loss needs for `classes` classes (a text set's vocabulary).
    pub fn outputs_for(&self, classes: usize) -> usize {
        match self.loss {
            LossKind::BinaryCrossEntropy => 1,
            _ => classes,
        }
    }
}

/// Images in scikit-learn's 8×8 digits set.
pub const DIGITS8_IMAGES: usize = 1797;

/// Examples for training out of `n` at `share` percent (at least 1, and at least 1 left for
/// the test).
pub fn split_count(n: usize, share: f64) -> usize {
    let count = (n as f64 * share / 100.0).round() as usize;
    count.clamp(1, n.saturating_sub(1).max(1))
}

/// The name a value has in JSON ("crossEntropy"), for messages.
pub fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_is_valid_and_round_trips_through_json() {
        let c = Config::default();
        c.validate().unwrap();
        assert_eq!(Config::from_json(&c.to_json()).unwrap(), c);
    }

    #[test]
    fn missing_fields_take_their_defaults() {
        let c = Config::from_json(r#"{"dataset":"xor"}"#).unwrap();
        assert_eq!(c.dataset, DatasetKind::Xor);
        assert_eq!(c.learning_rate, Config::default().learning_rate);
    }

    #[test]
    fn train_count_follows_the_share() {
        let c = Config {
            points: 500,
            train_share: 50.0,
            ..Config::default()
        };
        assert_eq!(c.train_count(), 250);
    }
}
