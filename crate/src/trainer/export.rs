//! The trained network as a PyTorch file (`export::pytorch`), with the page's predictions for
//! the first test examples, made by the page's own forward pass.

use super::{fill_inputs, Trainer};
use crate::error::{Error, Result};
use crate::export::pytorch::{self, Export, CHECKED_EXAMPLES};
use crate::nn::network::{Mode, Workspace};

/// Test examples run through the network at a time.
const CHUNK: usize = 50;

impl Trainer {
    /// The Python file that rebuilds this network with torch.nn and NumPy, its weights and a
    /// check against the page's test predictions (see `export::pytorch`). Refused for diverged
    /// parameters.
    pub fn export_pytorch(&self) -> Result<String> {
        if !self.params.iter().all(|v| v.is_finite()) {
            return Err(Error::NotApplicable(
                "training has diverged (some parameters are not finite numbers): reset or lower \
                 the learning rate before exporting"
                    .into(),
            ));
        }
        let (network, test) = (&self.network, self.data.test());
        // A sequence model predicts at each position of a window: fewer windows.
        let count = test
            .len()
            .min((CHECKED_EXAMPLES / network.positions()).max(1));
        let width = network.widths()[0];
        let outputs = network.widths().last().copied().unwrap_or(0);
        let mut ws = Workspace::new(network, CHUNK.min(count).max(1), false);
        let mut inputs = Vec::with_capacity(count * width);
        let mut predictions = Vec::with_capacity(count * outputs);
        for start in (0..count).step_by(CHUNK) {
            fill_inputs(test, start..(start + CHUNK).min(count), &mut ws, width);
            network.forward(&self.params, &mut ws, Mode::Eval);
            inputs.extend_from_slice(network.boundary(&ws, 0));
            predictions.extend_from_slice(network.predictions(&ws));
        }
        pytorch::write(&Export {
            config: &self.config,
            network,
            params: &self.params,
            epoch: self.progress.epoch,
            step: self.progress.step,
            inputs: &inputs,
            predictions: &predictions,
            test_size: test.len(),
            tokens: self.data.text().map(|t| t.vocabulary.tokens()),
        })
    }
}
