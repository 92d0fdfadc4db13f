//! How a layer's seasonings are spread: its weights (or their gradients) counted into equal
//! bins between the smallest and the largest finite value. The page draws the counts.

use serde::{Deserialize, Serialize};

use super::Trainer;
use crate::error::{Error, Result};
use crate::nn::layer::Layer;
use crate::nn::slot::Slot;

/// Bins of a histogram.
pub const BINS: usize = 30;

/// Which values of a layer a histogram counts: its parameters, their gradients, or the change
/// the optimiser's last update made to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    Weights,
    Gradients,
    Updates,
}

impl Spread {
    /// `"weights"`, `"gradients"` or `"updates"`.
    pub fn parse(name: &str) -> Result<Spread> {
        match name {
            "weights" => Ok(Spread::Weights),
            "gradients" => Ok(Spread::Gradients),
            "updates" => Ok(Spread::Updates),
            other => Err(Error::invalid(
                "what",
                "\"weights\", \"gradients\" or \"updates\"",
                format!("\"{other}\""),
            )),
        }
    }
}

/// Counts of values in `BINS` equal bins from `lo` to `hi` (NaN and infinities left out).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Histogram {
    pub lo: f32,
    pub hi: f32,
    pub counts: [u32; BINS],
}

impl Histogram {
    /// Bins `values` between their finite extremes (a range around 0 when they are all equal).
    pub fn of(values: &[f32]) -> Histogram {
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (lo, hi) = if lo < hi {
            (lo, hi)
        } else {
            (lo.min(0.0) - 1e-3, hi.max(0.0) + 1e-3)
        };
        let width = (hi - lo) / BINS as f32;
        let mut counts = [0u32; BINS];
        for v in values.iter().filter(|v| v.is_finite()) {
            counts[(((v - lo) / width) as usize).min(BINS - 1)] += 1;
        }
        Histogram { lo, hi, counts }
    }

    /// Width of one bin.
    pub fn bin_width(&self) -> f32 {
        (self.hi - self.lo) / BINS as f32
    }
}

impl Trainer {
    /// The histogram of the weights (or gradients) of layer `layer`, counted as the learner
    /// counts layers (`Network::learner_layers`).
    pub fn histogram(&self, layer: usize, spread: Spread) -> Result<Histogram> {
        let shown = self.network.learner_layers().count();
        let slot = match self.network.learner_layers().nth(layer) {
            Some((_, Layer::Dense(d))) => d.weights,
            Some((_, Layer::Conv2d(c))) => c.weights,
            Some((_, Layer::Embedding(e))) => e.table,
            // A GPT or an RNN is the whole model: all its parameters.
            Some((_, Layer::Gpt(gpt))) => Slot {
                offset: 0,
                length: gpt.param_count(),
            },
            Some((_, Layer::Rnn(rnn))) => Slot {
                offset: 0,
                length: rnn.param_count(),
            },
            Some(_) => {
                return Err(Error::NotApplicable(format!(
                    "layer {layer} has no weights (it is a pooling, flatten or dropout layer)"
                )))
            }
            None => return Err(Error::invalid("layer", format!("below {shown}"), layer)),
        };
        Ok(Histogram::of(slot.of(self.spread_buffer(spread))))
    }

    /// The whole flat buffer `spread` names: the parameters, their gradients or the last update.
    pub(super) fn spread_buffer(&self, spread: Spread) -> &[f32] {
        match spread {
            Spread::Weights => &self.params,
            Spread::Gradients => &self.grads,
            Spread::Updates => &self.last_update,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finite_value_lands_in_a_bin_and_the_extremes_in_the_end_bins() {
        let h = Histogram::of(&[-1.0, 0.0, 0.5, 1.0, f32::NAN, f32::INFINITY]);
        assert_eq!(h.counts.iter().sum::<u32>(), 4);
        assert_eq!((h.lo, h.hi), (-1.0, 1.0));
        assert_eq!(h.counts[0], 1);
        assert_eq!(h.counts[BINS - 1], 1);
    }

    #[test]
    fn equal_values_get_a_range_around_zero() {
        let h = Histogram::of(&[2.0, 2.0]);
        assert!(h.lo < 0.0 && h.hi > 2.0);
        assert_eq!(h.counts.iter().sum::<u32>(), 2);
    }
}
