//! The value types of a config: datasets and their modes, features, layers, activations, losses,
//! initialisations, optimisers, regularisations. Each enum lists its values in `ALL` (the schema
//! the page reads is made from them).

use serde::{Deserialize, Serialize};

/// Classes of every image dataset (the ten digits, the ten kinds of clothing).
pub const IMAGE_CLASSES: usize = 10;

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
    /// English first names, one per line (text: the next character after `context` ones).
    Names,
    /// Five-character Tang quatrains in simplified characters, one per line (text).
    Poems,
    /// Chinese dish names the project wrote itself, one per line (text).
    Dishes,
}

/// The kind of data a dataset is: each mode is one `data::DataSource`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DataMode {
    /// 2D points, seen through the chosen features.
    Points,
    /// Shipped labelled images.
    Images,
    /// The caller's tensors.
    Tensors,
    /// Shipped text, one document per line: the next character from the ones before it.
    Text,
}

impl DatasetKind {
    pub fn mode(self) -> DataMode {
        match self {
            DatasetKind::Digits8 | DatasetKind::Mnist | DatasetKind::Fashion => DataMode::Images,
            DatasetKind::Tensors => DataMode::Tensors,
            DatasetKind::Names | DatasetKind::Poems | DatasetKind::Dishes => DataMode::Text,
            _ => DataMode::Points,
        }
    }

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
        self.mode() == DataMode::Images
    }

    pub fn is_text(self) -> bool {
        self.mode() == DataMode::Text
    }

    /// Number of classes (1 for regression: one output value; 0 for text, whose classes are
    /// the vocabulary its files give, see `data::text`).
    pub fn classes(self) -> usize {
        match self {
            _ if self.is_text() => 0,
            _ if self.is_images() => IMAGE_CLASSES,
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
    /// A `vocabulary × dims` table whose row for each context token is looked up (text, first
    /// layer only). `dims` absent: as many as the vocabulary. Last in the layers, its rows are
    /// the logits themselves (no output layer follows): the bigram table.
    #[serde(rename_all = "camelCase")]
    Embed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dims: Option<u32>,
    },
    /// A tiny GPT (text only, and alone in the layers: it is the whole model) over windows of
    /// `context` tokens, every position predicting the next: token and position embeddings of
    /// `dModel`, `blocks` pre-norm transformer blocks of `heads` heads (a divisor of `dModel`)
    /// and an MLP `mlpRatio` times wider, a final layer norm, and a head whose weights are the
    /// token table (`tied`) or its own. See `nn::gpt`.
    #[serde(rename_all = "camelCase")]
    Gpt {
        d_model: u32,
        heads: u32,
        blocks: u32,
        #[serde(default = "four")]
        mlp_ratio: u32,
        #[serde(default = "yes")]
        tied: bool,
    },
    /// A recurrent network (text only, and alone in the layers: it is the whole model) over
    /// windows of `context` tokens, every position predicting the next: a token embedding of
    /// `units`, a `cell` of `units` unrolled over the window (its state carries what came
    /// before), and a dense head at every position. See `nn::rnn`.
    #[serde(rename_all = "camelCase")]
    Rnn {
        units: u32,
        #[serde(default)]
        cell: RnnCell,
    },
}

/// The step a recurrent layer repeats at each position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RnnCell {
    /// Elman's: `h = tanh(W_x x + b_x + W_h h₋ + b_h)`.
    #[default]
    Tanh,
    /// A gated recurrent unit (Cho et al. 2014): gates choose what of the state to keep.
    Gru,
}

impl RnnCell {
    pub const ALL: [RnnCell; 2] = [RnnCell::Tanh, RnnCell::Gru];

    /// Pre-activations per unit: one for tanh, three for a GRU (reset, update, candidate).
    pub fn gates(self) -> usize {
        match self {
            RnnCell::Tanh => 1,
            RnnCell::Gru => 3,
        }
    }
}

fn one() -> u32 {
    1
}

fn four() -> u32 {
    4
}

fn yes() -> bool {
    true
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

impl DatasetKind {
    pub const ALL: [DatasetKind; 14] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gaussian,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Plane,
        DatasetKind::Bumps,
        DatasetKind::Digits8,
        DatasetKind::Mnist,
        DatasetKind::Fashion,
        DatasetKind::Tensors,
        DatasetKind::Names,
        DatasetKind::Poems,
        DatasetKind::Dishes,
    ];
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1TimesX2,
        Feature::SinX1,
        Feature::SinX2,
    ];
}

impl Activation {
    pub const ALL: [Activation; 5] = [
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
    ];
}

impl LossKind {
    pub const ALL: [LossKind; 3] = [
        LossKind::CrossEntropy,
        LossKind::BinaryCrossEntropy,
        LossKind::Mse,
    ];
}

impl Init {
    pub const ALL: [Init; 5] = [
        Init::Xavier,
        Init::He,
        Init::Uniform,
        Init::Zeros,
        Init::Ones,
    ];
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 4] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
        OptimizerKind::Rmsprop,
    ];
}

impl Regularization {
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];
}

impl DataMode {
    pub const ALL: [DataMode; 4] = [
        DataMode::Points,
        DataMode::Images,
        DataMode::Tensors,
        DataMode::Text,
    ];
}
