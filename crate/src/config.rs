//! The training configuration: one plain-data type, shared by the page (as a JS object), the
//! URL, JSON config files and model files. `Config::validate` is the one gate every value from
//! outside passes through.

use serde::{Deserialize, Serialize};

use crate::error::{check_range, Error, Result};

pub const MAX_HIDDEN_LAYERS: usize = 8;
pub const MAX_UNITS: u32 = 32;
pub const MIN_POINTS: u32 = 50;
pub const MAX_POINTS: u32 = 2000;
pub const MIN_LEARNING_RATE: f64 = 0.00001;
pub const MAX_LEARNING_RATE: f64 = 10.0;

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
    pub regularization: Regularization,
    /// 0..=1.
    pub regularization_rate: f64,
    /// Examples per step, 1..=number of training points.
    pub batch_size: u32,
    /// The shape of the examples of the `tensors` dataset (given by the caller); absent for
    /// every other dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<TensorInput>,
}

/// What one example of the `tensors` dataset is: a `channels × height × width` tensor of f32
/// (a flat vector is `n × 1 × 1`), labelled with one of `classes` classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TensorInput {
    pub channels: u32,
    pub height: u32,
    pub width: u32,
    pub classes: u32,
}

pub const MAX_TENSOR_SIDE: u32 = 256;
pub const MAX_TENSOR_CHANNELS: u32 = 4096;
pub const MAX_TENSOR_CLASSES: u32 = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HiddenLayer {
    pub units: u32,
    pub activation: Activation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DatasetKind {
    Circle,
    Xor,
    Gaussian,
    Spiral,
    Moons,
    Plane,
    Bumps,
    /// scikit-learn's 8×8 handwritten digits (split by `trainShare`).
    Digits8,
    /// MNIST 28×28 handwritten digits: 5,000 training, 1,000 test images.
    Mnist,
    /// Fashion-MNIST 28×28 clothing images: 5,000 training, 1,000 test images.
    Fashion,
    /// Examples the caller gives as tensors (`Trainer::with_tensors`), shaped by
    /// `Config::input`; the network is `layers`.
    Tensors,
}

impl DatasetKind {
    pub fn is_regression(self) -> bool {
        matches!(self, DatasetKind::Plane | DatasetKind::Bumps)
    }

    /// Height and width of the images of an image dataset.
    pub fn image_size(self) -> Option<(usize, usize)> {
        match self {
            DatasetKind::Digits8 => Some((8, 8)),
            DatasetKind::Mnist | DatasetKind::Fashion => Some((28, 28)),
            _ => None,
        }
    }

    pub fn is_images(self) -> bool {
        self.image_size().is_some()
    }

    /// Number of classes (1 for regression: one output value).
    pub fn classes(self) -> usize {
        match self {
            _ if self.is_images() => 10,
            _ if self.is_regression() => 1,
            _ => 2,
        }
    }
}

/// One layer of an image network (`Config::layers`). Dense and convolution layers carry their
/// activation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum LayerSpec {
    #[serde(rename_all = "camelCase")]
    Dense {
        units: u32,
        activation: Activation,
    },
    #[serde(rename_all = "camelCase")]
    Conv2d {
        channels: u32,
        kernel: u32,
        #[serde(default = "one")]
        stride: u32,
        #[serde(default)]
        padding: u32,
        activation: Activation,
    },
    #[serde(rename_all = "camelCase")]
    MaxPool2d {
        size: u32,
        stride: Option<u32>,
    },
    #[serde(rename_all = "camelCase")]
    AvgPool2d {
        size: u32,
        stride: Option<u32>,
    },
    Flatten,
    #[serde(rename_all = "camelCase")]
    Dropout {
        rate: f32,
    },
}

fn one() -> u32 {
    1
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1TimesX2,
    SinX1,
    SinX2,
}

impl Feature {
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1Squared",
            Feature::X2Squared => "x2Squared",
            Feature::X1TimesX2 => "x1TimesX2",
            Feature::SinX1 => "sinX1",
            Feature::SinX2 => "sinX2",
        }
    }

    /// The feature's value at a point of the plane.
    pub fn of(self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1TimesX2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    Relu,
    LeakyRelu,
    Tanh,
    Sigmoid,
    Linear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LossKind {
    /// Softmax over one output per class, then cross-entropy (fused).
    CrossEntropy,
    /// Sigmoid on one output, then binary cross-entropy (fused).
    BinaryCrossEntropy,
    /// Least squares: one-hot targets for classification, the value for regression.
    Mse,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Init {
    /// Glorot uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out)).
    Xavier,
    /// He normal: N(0, 2 / fan_in).
    He,
    /// U(-0.5, 0.5).
    Uniform,
    /// Every weight and bias 0.
    Zeros,
    /// Every weight and bias 1: the lesson's "one gram of every seasoning".
    Ones,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Adam,
    Rmsprop,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Regularization {
    None,
    L1,
    L2,
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
            regularization: Regularization::None,
            regularization_rate: 0.0,
            batch_size: 10,
            input: None,
        }
    }
}

impl Config {
    /// Parses a JSON config, naming the field of any error.
    pub fn from_json(text: &str) -> Result<Config> {
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

    /// Whether the network is `layers` (images and tensors) rather than `hidden` (points).
    pub fn uses_layers(&self) -> bool {
        self.dataset.is_images() || self.dataset == DatasetKind::Tensors
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

    /// Number of training examples (points, or images). The caller's tensors are counted by
    /// the trainer that receives them, so any batch size passes here.
    pub fn train_count(&self) -> usize {
        match self.dataset {
            DatasetKind::Tensors => u32::MAX as usize,
            DatasetKind::Mnist | DatasetKind::Fashion => 5000,
            DatasetKind::Digits8 => split_count(DIGITS8_IMAGES, self.train_share),
            _ => split_count(self.points as usize, self.train_share),
        }
    }

    /// Width of the output layer the loss needs.
    pub fn outputs(&self) -> usize {
        match self.loss {
            LossKind::BinaryCrossEntropy => 1,
            _ => self.classes(),
        }
    }

    /// Checks every field; the first bad one is named in the error.
    pub fn validate(&self) -> Result<()> {
        check_range("noise", self.noise, 0.0, 50.0)?;
        check_range("trainShare", self.train_share, 10.0, 90.0)?;
        check_range("points", self.points, MIN_POINTS, MAX_POINTS)?;
        self.validate_input()?;
        if self.uses_layers() {
            crate::nn::shapes::validate_layers(self)?;
            self.validate_loss()?;
            return self.validate_training();
        }
        if !self.layers.is_empty() {
            return Err(Error::invalid(
                "layers",
                "empty for a point dataset (its network is `hidden`); layers are for digits8, mnist and fashion",
                format!("{} layers", self.layers.len()),
            ));
        }
        if self.features.is_empty() {
            return Err(Error::invalid(
                "features",
                "at least one of x1, x2, x1Squared, x2Squared, x1TimesX2, sinX1, sinX2",
                "none",
            ));
        }
        for (i, f) in self.features.iter().enumerate() {
            if self.features[..i].contains(f) {
                return Err(Error::invalid(
                    format!("features[{i}]"),
                    "a feature not already chosen",
                    f.name(),
                ));
            }
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(Error::invalid(
                "hidden",
                format!("at most {MAX_HIDDEN_LAYERS} layers"),
                format!("{} layers", self.hidden.len()),
            ));
        }
        for (i, layer) in self.hidden.iter().enumerate() {
            check_range(&format!("hidden[{i}].units"), layer.units, 1, MAX_UNITS)?;
        }
        self.validate_loss()?;
        self.validate_training()
    }

    fn validate_loss(&self) -> Result<()> {
        if self.is_regression() && self.loss != LossKind::Mse {
            return Err(Error::invalid(
                "loss",
                format!("mse for the regression dataset {}", name_of(&self.dataset)),
                name_of(&self.loss),
            ));
        }
        if self.loss == LossKind::BinaryCrossEntropy && self.classes() != 2 {
            return Err(Error::invalid(
                "loss",
                format!(
                    "crossEntropy or mse for the {} classes of {}",
                    self.classes(),
                    name_of(&self.dataset)
                ),
                name_of(&self.loss),
            ));
        }
        if self.loss != LossKind::Mse && self.output_activation != Activation::Linear {
            return Err(Error::invalid(
                "outputActivation",
                "linear with a cross-entropy loss (it applies its own softmax or sigmoid)",
                name_of(&self.output_activation),
            ));
        }
        Ok(())
    }

    /// `input` is given exactly for the `tensors` dataset, within its ranges.
    fn validate_input(&self) -> Result<()> {
        match (self.dataset, self.input) {
            (DatasetKind::Tensors, None) => Err(Error::invalid(
                "input",
                "{channels, height, width, classes} for the tensors dataset",
                "none",
            )),
            (DatasetKind::Tensors, Some(t)) => {
                check_range("input.channels", t.channels, 1, MAX_TENSOR_CHANNELS)?;
                check_range("input.height", t.height, 1, MAX_TENSOR_SIDE)?;
                check_range("input.width", t.width, 1, MAX_TENSOR_SIDE)?;
                check_range("input.classes", t.classes, 2, MAX_TENSOR_CLASSES)
            }
            (_, Some(_)) => Err(Error::invalid(
                "input",
                "absent (it shapes the tensors dataset only)",
                name_of(&self.dataset),
            )),
            (_, None) => Ok(()),
        }
    }

    /// The fields that may change during training without a reset.
    pub fn validate_training(&self) -> Result<()> {
        check_range(
            "learningRate",
            self.learning_rate,
            MIN_LEARNING_RATE,
            MAX_LEARNING_RATE,
        )?;
        check_range("regularizationRate", self.regularization_rate, 0.0, 1.0)?;
        check_range("batchSize", self.batch_size, 1, self.train_count() as u32)
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
