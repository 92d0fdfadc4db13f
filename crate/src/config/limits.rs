//! Every range a config value must lie in, defined once: validation checks against these, and
//! the schema the page reads (`crate::schema`) is made from them, so a range changes here only.
//!
//! `FIELDS` describes the top-level numeric fields (name, range, how to read the value, whether
//! it changes during training); the ranges of layer fields are the `Bounds` below it.

use std::fmt::Display;

use super::{Config, DataMode};
use crate::error::{check_range, Result};

/// An inclusive range `min..=max`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds<T> {
    pub min: T,
    pub max: T,
}

impl<T: PartialOrd + Display + Copy> Bounds<T> {
    /// Checks `min <= value <= max` (a NaN is outside), naming the field by its `path`.
    pub fn check(&self, path: &str, value: T) -> Result<()> {
        check_range(path, value, self.min, self.max)
    }

    /// The range as text, the same words as the error ("between 1 and 32").
    pub fn allowed(&self) -> String {
        format!("between {} and {}", self.min, self.max)
    }
}

/// The largest value of a numeric field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Max {
    Value(f64),
    /// As many as the training examples (the batch size).
    TrainingExamples,
}

/// A top-level numeric field of the config.
#[derive(Clone, Copy, Debug)]
pub struct NumberField {
    /// The name in JSON and the URL.
    pub name: &'static str,
    /// Whole numbers only.
    pub whole: bool,
    pub min: f64,
    pub max: Max,
    /// Sets the field from a checked value; present for the fields that can change during
    /// training without a rebuild (`Trainer::set_training`).
    pub set: Option<fn(&mut Config, f64)>,
    /// The modes the field means something in.
    pub modes: &'static [DataMode],
    pub value: fn(&Config) -> f64,
}

impl NumberField {
    /// Whether the field can change during training without a rebuild.
    pub fn training(&self) -> bool {
        self.set.is_some()
    }

    /// Checks the field's value in `config` against its range.
    pub fn check(&self, config: &Config) -> Result<()> {
        self.check_value(config, (self.value)(config))
    }

    /// Checks `value` against the field's range (its largest value may depend on `config`).
    pub fn check_value(&self, config: &Config, value: f64) -> Result<()> {
        let max = match self.max {
            Max::Value(max) => max,
            Max::TrainingExamples => config.train_count() as f64,
        };
        check_range(self.name, value, self.min, max)
    }

    /// The range as text (as the error says it).
    pub fn allowed(&self) -> String {
        match self.max {
            Max::Value(max) => format!("between {} and {max}", self.min),
            Max::TrainingExamples => {
                format!("between {} and the number of training examples", self.min)
            }
        }
    }
}

const ALL_MODES: &[DataMode] = &DataMode::ALL;
const POINTS: &[DataMode] = &[DataMode::Points];
const SPLIT_MODES: &[DataMode] = &[DataMode::Points, DataMode::Images];
const TEXT: &[DataMode] = &[DataMode::Text];

/// The top-level numeric fields, in the order validation checks them.
pub const FIELDS: [NumberField; 9] = [
    NumberField {
        name: "seed",
        whole: true,
        min: 0.0,
        max: Max::Value(u32::MAX as f64),
        set: None,
        modes: ALL_MODES,
        value: |c| f64::from(c.seed),
    },
    NumberField {
        name: "noise",
        whole: false,
        min: 0.0,
        max: Max::Value(50.0),
        set: None,
        modes: POINTS,
        value: |c| c.noise,
    },
    NumberField {
        name: "trainShare",
        whole: false,
        min: 10.0,
        max: Max::Value(90.0),
        set: None,
        modes: SPLIT_MODES,
        value: |c| c.train_share,
    },
    NumberField {
        name: "points",
        whole: true,
        min: 50.0,
        max: Max::Value(2000.0),
        set: None,
        modes: POINTS,
        value: |c| f64::from(c.points),
    },
    NumberField {
        name: "context",
        whole: true,
        min: 1.0,
        max: Max::Value(32.0),
        set: None,
        modes: TEXT,
        value: |c| f64::from(c.context),
    },
    NumberField {
        name: "learningRate",
        whole: false,
        min: 0.00001,
        max: Max::Value(10.0),
        set: Some(|c, v| c.learning_rate = v),
        modes: ALL_MODES,
        value: |c| c.learning_rate,
    },
    NumberField {
        name: "momentum",
        whole: false,
        min: 0.0,
        max: Max::Value(0.999),
        set: Some(|c, v| c.momentum = v),
        modes: ALL_MODES,
        value: |c| c.momentum,
    },
    NumberField {
        name: "regularizationRate",
        whole: false,
        min: 0.0,
        max: Max::Value(1.0),
        set: Some(|c, v| c.regularization_rate = v),
        modes: ALL_MODES,
        value: |c| c.regularization_rate,
    },
    NumberField {
        name: "batchSize",
        whole: true,
        min: 1.0,
        max: Max::TrainingExamples,
        set: Some(|c, v| c.batch_size = v as u32),
        modes: ALL_MODES,
        value: |c| f64::from(c.batch_size),
    },
];

/// The fields `set_training` may change without a rebuild, besides the numeric ones above.
pub const TRAINING_ENUMS: [&str; 1] = ["regularization"];

/// Every field `set_training` may change without a rebuild: the numeric ones marked `training`
/// and `TRAINING_ENUMS`.
pub fn training_fields() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|f| f.training())
        .map(|f| f.name)
        .chain(TRAINING_ENUMS)
}

/// Hidden layers of a point network (`hidden`).
pub const MAX_HIDDEN_LAYERS: usize = 8;
pub const HIDDEN_UNITS: Bounds<u32> = Bounds { min: 1, max: 32 };

/// Layers of an image or tensor network (`layers`).
pub const MAX_IMAGE_LAYERS: usize = 12;
pub const DENSE_UNITS: Bounds<u32> = Bounds { min: 1, max: 1024 };
pub const CONV_CHANNELS: Bounds<u32> = Bounds { min: 1, max: 64 };
pub const CONV_KERNEL: Bounds<u32> = Bounds { min: 1, max: 11 };
pub const CONV_STRIDE: Bounds<u32> = Bounds { min: 1, max: 4 };
/// Padding is at most the kernel size less one (more would only add zero rows).
pub const CONV_PADDING_MIN: u32 = 0;
pub const POOL_SIZE: Bounds<u32> = Bounds { min: 1, max: 8 };
pub const POOL_STRIDE: Bounds<u32> = Bounds { min: 1, max: 8 };
pub const DROPOUT_RATE: Bounds<f32> = Bounds { min: 0.0, max: 0.9 };

/// Width of a text network's embedding (`{"kind": "embed", "dims"}`).
pub const EMBED_DIMS: Bounds<u32> = Bounds { min: 1, max: 256 };
/// A GPT layer (`{"kind": "gpt"}`): the residual stream's width, heads per block (each a
/// divisor of the width), blocks, and the MLP's widening.
pub const GPT_D_MODEL: Bounds<u32> = Bounds { min: 1, max: 256 };
pub const GPT_HEADS: Bounds<u32> = Bounds { min: 1, max: 16 };
pub const GPT_BLOCKS: Bounds<u32> = Bounds { min: 1, max: 8 };
pub const GPT_MLP_RATIO: Bounds<u32> = Bounds { min: 1, max: 8 };
/// A recurrent layer (`{"kind": "rnn"}`): its state's width (and its embedding's).
pub const RNN_UNITS: Bounds<u32> = Bounds { min: 1, max: 256 };
/// Tokens a text set's vocabulary may hold (its characters and the boundary token).
pub const MAX_VOCABULARY: usize = 10_000;

/// Generating text (`Trainer::generate`): characters of a prompt, tokens generated per call,
/// the softmax temperature, and the top-k cut (0: none).
pub const MAX_PROMPT_CHARS: usize = 10_000;
pub const MAX_GENERATED_TOKENS: u32 = 1000;
pub const TEMPERATURE: Bounds<f64> = Bounds {
    min: 0.01,
    max: 10.0,
};
pub const TOP_K_MAX: u32 = MAX_VOCABULARY as u32;

/// The shape of one example of the `tensors` dataset (`input`).
pub const TENSOR_CHANNELS: Bounds<u32> = Bounds { min: 1, max: 4096 };
pub const TENSOR_SIDE: Bounds<u32> = Bounds { min: 1, max: 256 };
pub const TENSOR_CLASSES: Bounds<u32> = Bounds { min: 2, max: 1000 };

/// The largest value of a counter (steps, epochs, examples seen, the optimiser's updates):
/// 2⁵³ − 1, the largest whole number a JS number holds exactly, so every counter crosses to the
/// page as itself. A model file's counters are checked against it; counters stop there
/// (`count_up`) instead of wrapping, and Adam's bias correction never divides by zero.
pub const MAX_COUNTER: u64 = (1 << 53) - 1;

/// Adds `by` to a counter, stopping at `MAX_COUNTER`.
pub fn count_up(counter: &mut u64, by: u64) {
    *counter = counter.saturating_add(by).min(MAX_COUNTER);
}

/// Whole steps one call may run (`Trainer.step(n)`, `runFor`'s most).
pub const MAX_STEPS_PER_CALL: u32 = 100_000;
/// The longest time budget of one call, in milliseconds (`runFor`, `advanceTestPredictions`).
pub const MAX_TIME_BUDGET_MS: f64 = 60_000.0;

/// Memory one trainer's buffers may take (parameters, optimiser state, the batch's values and
/// gradients, the evaluation chunk): a network or batch needing more is refused before anything
/// is made. Five of the largest fit in a page's 32-bit wasm memory.
pub const MAX_TRAINER_BYTES: u64 = 256 << 20;
