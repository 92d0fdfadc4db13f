//! The four phases of one training step, in order.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// Cooking the dish: inputs flow through the layers.
    Forward,
    /// Tasting: the loss of the batch and its gradient at the output.
    Loss,
    /// Telling the cook what went wrong: gradients flow back to every parameter.
    Backward,
    /// Adjusting the seasonings: the optimiser moves the parameters.
    Update,
}

impl Phase {
    pub fn next(self) -> Phase {
        match self {
            Phase::Forward => Phase::Loss,
            Phase::Loss => Phase::Backward,
            Phase::Backward => Phase::Update,
            Phase::Update => Phase::Forward,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::Forward => "forward",
            Phase::Loss => "loss",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }
}
