//! Examples the caller gives as tensors (a benchmark, a program using the crate): one f32
//! tensor of the config's `input` shape per example, `C × H × W` flat, and a class label. A
//! network that starts with an embedding reads token ids instead: each example is a window of
//! `C·H·W` ids below the class count (a language model predicts a token of its own vocabulary).
//! A GPT predicts at every position of its window: an example then has `C·H·W` labels, label
//! `t` the token after input `t`.

use super::{DataSource, Measurement, Split};
use crate::config::{Config, LayerSpec};
use crate::error::{Error, Result};

#[derive(Clone, Debug, PartialEq)]
pub struct TensorSet {
    /// Floats per example (`C·H·W`).
    width: usize,
    inputs: Vec<f32>,
    /// Labels per example: 1, or (a GPT) one per position of the window.
    positions: usize,
    labels: Vec<u32>,
}

impl TensorSet {
    /// Checks `inputs` (examples × the config's input size, finite; token ids below the class
    /// count when the network starts with an embedding or is a GPT) and `labels` (one per
    /// example, or a GPT's one per input, below the class count); `name` says which set a
    /// message is about.
    pub fn new(config: &Config, name: &str, inputs: Vec<f32>, labels: Vec<u32>) -> Result<Self> {
        let (c, h, w) = config.input_shape().ok_or_else(|| {
            Error::invalid(
                "dataset",
                "tensors (with its input shape) to train on tensors",
                crate::config::name_of(&config.dataset),
            )
        })?;
        let width = c * h * w;
        let positions = if config.is_sequence_model() { width } else { 1 };
        if labels.is_empty() || inputs.len() * positions != labels.len() * width {
            let per_example = if positions == 1 {
                "a label per example".to_string()
            } else {
                format!("a label per input (a gpt predicts at each of its {positions} positions)")
            };
            return Err(Error::Shape(format!(
                "{name}: {} floats for {} labels; each example is {c}×{h}×{w} = {width} floats \
                 with {per_example}, and a set holds at least one",
                inputs.len(),
                labels.len()
            )));
        }
        if let Some(i) = inputs.iter().position(|x| !x.is_finite()) {
            return Err(Error::invalid(
                format!("{name} input {i}"),
                "a finite number",
                inputs[i],
            ));
        }
        let classes = config.classes() as u32;
        if let Some(LayerSpec::Embed { .. } | LayerSpec::Gpt { .. }) = config.layers.first() {
            let is_id = |x: f32| x >= 0.0 && x.fract() == 0.0 && x < classes as f32;
            if let Some(i) = inputs.iter().position(|&x| !is_id(x)) {
                return Err(Error::invalid(
                    format!("{name} input {i}"),
                    format!("a token id: a whole number between 0 and {}", classes - 1),
                    inputs[i],
                ));
            }
        }
        if let Some(i) = labels.iter().position(|&l| l >= classes) {
            return Err(Error::invalid(
                format!("{name} label {i}"),
                format!("a class between 0 and {}", classes - 1),
                labels[i],
            ));
        }
        Ok(TensorSet {
            width,
            inputs,
            positions,
            labels,
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len() / self.positions
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn input(&self, i: usize) -> &[f32] {
        &self.inputs[i * self.width..(i + 1) * self.width]
    }

    /// The label of example `i` (a window's last).
    pub fn label(&self, i: usize) -> u32 {
        self.labels[(i + 1) * self.positions - 1]
    }

    /// The labels of example `i`: one, or one per position of a window.
    pub fn labels(&self, i: usize) -> &[u32] {
        &self.labels[i * self.positions..(i + 1) * self.positions]
    }
}

/// The caller's train and test tensors.
#[derive(Clone, Debug, PartialEq)]
pub struct TensorData {
    pub train: TensorSet,
    pub test: TensorSet,
}

impl TensorData {
    fn set(&self, split: Split) -> &TensorSet {
        match split {
            Split::Train => &self.train,
            Split::Test => &self.test,
        }
    }
}

impl DataSource for TensorData {
    fn len(&self, split: Split) -> usize {
        self.set(split).len()
    }

    fn target(&self, split: Split, i: usize) -> f32 {
        self.set(split).label(i) as f32
    }

    fn write_targets(&self, split: Split, i: usize, out: &mut [f32]) {
        for (o, &label) in out.iter_mut().zip(self.set(split).labels(i)) {
            *o = label as f32;
        }
    }

    fn write_input(&self, split: Split, i: usize, out: &mut [f32]) {
        out.copy_from_slice(self.set(split).input(i));
    }

    /// A benchmark's train set may be large: its figure comes free from the batches.
    fn measurement(&self) -> Measurement {
        Measurement::EpochBatches
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DatasetKind, TensorInput};

    fn config() -> Config {
        Config {
            dataset: DatasetKind::Tensors,
            input: Some(TensorInput {
                channels: 1,
                height: 1,
                width: 2,
                classes: 3,
            }),
            ..Config::default()
        }
    }

    #[test]
    fn a_set_must_have_one_input_tensor_per_label() {
        let err = TensorSet::new(&config(), "train", vec![0.0; 5], vec![0, 1]).unwrap_err();
        assert!(err.to_string().contains("5 floats for 2 labels"), "{err}");
        assert!(TensorSet::new(&config(), "train", vec![0.0; 4], vec![0, 1]).is_ok());
    }

    #[test]
    fn labels_beyond_the_classes_and_non_finite_inputs_are_named() {
        let err = TensorSet::new(&config(), "test", vec![0.0; 4], vec![0, 3]).unwrap_err();
        assert!(err.to_string().contains("test label 1"), "{err}");
        let err = TensorSet::new(&config(), "train", vec![0.0, f32::NAN], vec![0]).unwrap_err();
        assert!(err.to_string().contains("train input 1"), "{err}");
    }
}
