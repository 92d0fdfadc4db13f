//! Data-parallel training: replicas of one trainer (built from the same config and given the
//! same calls) each compute the gradient of their share of a step's batch; the shares'
//! gradients are summed and every replica applies the same update, so the replicas stay equal,
//! and equal to one trainer running the whole batch up to the order of float summation.
//!
//! One step with `parts` replicas:
//! 1. replica `k`: `share_gradient(k, parts)` → the gradient of its share of the batch (already
//!    weighted by the share's size, so the shares' gradients add up to the batch's) and the
//!    share's `Tally` (its loss and hits);
//! 2. the caller sums the gradients and merges the tallies (`Tally::merge`);
//! 3. every replica: `apply_gradient(&sum, &tally)` (regularisation, the optimiser, counters).
//!
//! Every share draws the dropout masks the whole batch would (`nn::network::Mode::Train`), so
//! dropout networks split exactly too.

use super::history::Tally;
use super::Trainer;
use crate::data::Measurement;
use crate::error::{Error, Result};
use crate::phase::Phase;

/// Most replicas one step is split between.
pub const MAX_REPLICAS: usize = 64;

impl Trainer {
    /// Runs the forward pass, loss and backward pass of share `part` of `parts` of the next
    /// step's batch (without the regularisation, which `apply_gradient` adds once). Returns the
    /// share's gradient, weighted by its part of the batch, and its tally. Only at the start of
    /// a step (not between phases by hand).
    pub fn share_gradient(&mut self, part: usize, parts: usize) -> Result<(&[f32], Tally)> {
        if !(1..=MAX_REPLICAS).contains(&parts) {
            return Err(Error::invalid(
                "parts",
                format!("between 1 and {MAX_REPLICAS}"),
                parts,
            ));
        }
        if part >= parts {
            let allowed = format!("between 0 and {}", parts - 1);
            return Err(Error::invalid("part", allowed, part));
        }
        if self.next_phase != Phase::Forward {
            return Err(Error::NotApplicable(format!(
                "a step is split between replicas from its start; the next phase is {}",
                self.next_phase.name()
            )));
        }
        let batch = self.next_batch();
        let n = batch.len();
        let share = batch.start + n * part / parts..batch.start + n * (part + 1) / parts;
        let mut tally = Tally::default();
        self.grads.fill(0.0);
        if !share.is_empty() {
            let weight = share.len() as f32 / n as f32;
            self.forward_share(share, batch);
            let net = &self.network;
            let loss = net.loss_and_gradients(&mut self.batch, &self.batch_targets);
            tally.add_with_sum(
                net.loss(),
                loss.sum,
                net.predictions(&self.batch),
                &self.batch_targets,
            );
            net.backward(&self.params, &mut self.grads, &mut self.batch);
            self.grads.iter_mut().for_each(|g| *g *= weight);
        }
        self.pending_share = Some(n);
        Ok((&self.grads, tally))
    }

    /// Ends a step split between replicas: `grads` is the sum of every share's gradient and
    /// `tally` the merge of their tallies. Adds the regularisation's gradient, updates the
    /// parameters and the counters as a whole step would.
    pub fn apply_gradient(&mut self, grads: &[f32], tally: &Tally) -> Result<()> {
        if grads.len() != self.params.len() {
            let allowed = format!("{} values (one per parameter)", self.params.len());
            return Err(Error::invalid("gradient", allowed, grads.len()));
        }
        let Some(n) = self.pending_share.take() else {
            return Err(Error::NotApplicable(
                "applyGradient ends a step that shareGradient started".into(),
            ));
        };
        self.grads.copy_from_slice(grads);
        self.finish_gradient();
        self.batch_loss = Some(tally.mean_loss());
        if self.data.measurement() == Measurement::EpochBatches {
            self.epoch_tally.merge(tally);
        }
        self.update_phase(n);
        self.last_phase = Some(Phase::Update);
        self.next_phase = Phase::Forward;
        Ok(())
    }
}
