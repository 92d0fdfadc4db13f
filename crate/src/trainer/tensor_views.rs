//! The model's named tensors (`nn::tensors`) one at a time: a tensor's values, gradients or last
//! update, and their histogram. The page's diagram of a GPT shows a box's tensors with these.

use super::{Histogram, Spread, Trainer};
use crate::error::{Error, Result};
use crate::nn::tensors::Tensor;

impl Trainer {
    /// Every tensor of the parameters, in the order of the parameter vector.
    pub fn tensors(&self) -> Vec<Tensor> {
        self.network.tensors()
    }

    /// Tensor `index`'s parameters, gradients or last update (`rows × cols`, row-major).
    pub fn tensor_values(&self, index: usize, spread: Spread) -> Result<&[f32]> {
        let tensors = self.network.tensors();
        let Some(tensor) = tensors.get(index) else {
            let allowed = format!("below {}", tensors.len());
            return Err(Error::invalid("tensor", allowed, index));
        };
        let buffer = self.spread_buffer(spread);
        Ok(&buffer[tensor.offset..tensor.offset + tensor.length])
    }

    /// The histogram of tensor `index`'s parameters, gradients or last update.
    pub fn tensor_histogram(&self, index: usize, spread: Spread) -> Result<Histogram> {
        Ok(Histogram::of(self.tensor_values(index, spread)?))
    }
}
