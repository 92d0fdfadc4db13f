//! The phases of a step, in order: forward (a shuffled mini-batch through the layers), loss,
//! backward (gradients, plus the regularisation's), update (the optimiser), and what an epoch's
//! end records. Nothing here allocates but the epoch's history entry.

use std::ops::Range;

use super::history::Tally;
use super::{fill_inputs, Trainer};
use crate::config::limits::count_up;
use crate::data::Measurement;
use crate::nn::network::Mode;
use crate::optimizer::{add_penalty_gradient, penalty};
use crate::phase::Phase;
use crate::seed::{rng, Stream};

impl Trainer {
    /// Runs `n` whole steps (finishing a step stopped between phases first).
    pub fn step(&mut self, n: u64) {
        for _ in 0..n {
            while self.phase() != Phase::Update {}
        }
    }

    /// Runs steps until the current epoch ends, and finishes measuring it.
    pub fn epoch(&mut self) {
        // The cursor returns to 0 exactly when an epoch ends (the epoch counter itself stops
        // at its maximum, so it cannot say).
        loop {
            self.step(1);
            if self.progress.epoch_cursor == 0 {
                break;
            }
        }
        self.finish_evaluation();
    }

    /// Runs only the next phase and returns it.
    pub fn phase(&mut self) -> Phase {
        let phase = self.next_phase;
        self.pending_share = None; // a step split between replicas ends unapplied
        match phase {
            Phase::Forward => self.forward_phase(),
            Phase::Loss => {
                let loss = self
                    .network
                    .loss_and_gradients(&mut self.batch, &self.batch_targets);
                self.batch_loss = Some(loss.mean);
                if self.data.measurement() == Measurement::EpochBatches {
                    let net = &self.network;
                    self.epoch_tally.add_with_sum(
                        net.loss(),
                        loss.sum,
                        net.predictions(&self.batch),
                        &self.batch_targets,
                    );
                }
            }
            Phase::Backward => {
                self.grads.fill(0.0);
                self.network
                    .backward(&self.params, &mut self.grads, &mut self.batch);
                self.finish_gradient();
            }
            Phase::Update => self.update_phase(self.batch_indices.len()),
        }
        self.last_phase = Some(phase);
        self.next_phase = phase.next();
        phase
    }

    fn forward_phase(&mut self) {
        let batch = self.next_batch();
        self.forward_share(batch.clone(), batch);
    }

    /// Where the next step's batch lies in this epoch's order (shuffled when a new epoch starts).
    pub(super) fn next_batch(&mut self) -> Range<usize> {
        if self.order_epoch != Some(self.progress.epoch) {
            self.shuffle_order();
        }
        let start = self.progress.epoch_cursor as usize;
        start..(start + self.config.batch_size as usize).min(self.order.len())
    }

    /// The forward pass of examples `share` (a part of `batch`, both ranges of this epoch's
    /// order): they become the workspace's batch.
    pub(super) fn forward_share(&mut self, share: Range<usize>, batch: Range<usize>) {
        self.batch_indices.clear();
        self.batch_indices
            .extend_from_slice(&self.order[share.clone()]);
        let train = self.data.train();
        let positions = self.network.positions();
        self.batch_targets.clear();
        self.batch_targets
            .resize(self.batch_indices.len() * positions, 0.0);
        let rows = self.batch_targets.chunks_exact_mut(positions);
        for (targets, &i) in rows.zip(&self.batch_indices) {
            train.write_targets(i as usize, targets);
        }
        let indices = self.batch_indices.iter().map(|&i| i as usize);
        let width = self.network.widths()[0];
        fill_inputs(train, indices, &mut self.batch, width);
        // Dropout draws from its own stream per step: resumable and reproducible.
        let rng = &mut rng(self.config.seed, Stream::Dropout(self.progress.step));
        let (first, batch) = (share.start - batch.start, batch.len());
        let mode = Mode::Train { rng, first, batch };
        self.network.forward(&self.params, &mut self.batch, mode);
        self.batch_loss = None;
    }

    /// The order holds every training example once: back in index order, where each epoch's
    /// shuffle starts (cheaper than sorting it, which was 3 % of a playground network's step).
    pub(super) fn unshuffle_order(&mut self) {
        self.order.iter_mut().zip(0..).for_each(|(o, i)| *o = i);
    }

    fn shuffle_order(&mut self) {
        use rand::seq::SliceRandom;
        let epoch = self.progress.epoch;
        self.unshuffle_order();
        self.order
            .shuffle(&mut rng(self.config.seed, Stream::Shuffle(epoch)));
        self.order_epoch = Some(epoch);
    }

    /// The optimiser's step, then the counters advance by the `n` examples of the batch.
    pub(super) fn update_phase(&mut self, n: usize) {
        self.optimizer.update(
            &self.config,
            &mut self.params,
            &self.grads,
            &mut self.last_update,
        );
        // The verdict on the current parameters restarts when next asked for.
        self.params_version += 1;
        let measurement = self.data.measurement();
        let p = &mut self.progress;
        count_up(&mut p.step, 1);
        count_up(&mut p.examples_seen, n as u64);
        p.epoch_cursor += n as u32;
        let epoch_ended = p.epoch_cursor as usize >= self.order.len();
        if epoch_ended {
            count_up(&mut p.epoch, 1);
            p.epoch_cursor = 0;
        }
        match measurement {
            Measurement::Always if epoch_ended => self.record_history(),
            Measurement::Always => {}
            Measurement::EachEpochInSlices => {
                // Measuring an image network takes many steps' work: spread it over the next
                // steps so that no single call blocks the page.
                self.advance_evaluation();
                if epoch_ended {
                    self.start_evaluation();
                }
            }
            Measurement::EpochBatches if epoch_ended => self.record_epoch_of_batches(),
            Measurement::EpochBatches => {}
        }
    }

    /// An epoch measured from its batches: their figures, and the test set measured now.
    fn record_epoch_of_batches(&mut self) {
        let classification = self.network.loss().classification;
        let train = self.epoch_tally.finish(classification);
        self.epoch_tally = Tally::default();
        let test = self.evaluate_test();
        let norms = self.take_grad_norms();
        self.history
            .record(self.progress.step, self.progress.epoch, train, test, &norms);
    }

    /// Data loss plus the regularisation penalty of the current batch (what the gradients
    /// are the derivative of; used to check them against finite differences).
    pub fn objective(&self) -> f64 {
        let loss = self.network.loss();
        let batch_loss = loss.loss_sum(
            self.network.logits(&self.batch),
            self.network.predictions(&self.batch),
            &self.batch_targets,
        ) / self.batch_targets.len().max(1) as f64;
        batch_loss
            + penalty(
                self.config.regularization,
                self.config.regularization_rate as f32,
                &self.params,
                &self.weight_slots,
            )
    }

    pub(super) fn record_history(&mut self) {
        let (train, test) = self.evaluate();
        let norms = self.take_grad_norms();
        self.history
            .record(self.progress.step, self.progress.epoch, train, test, &norms);
    }

    /// The mean gradient norm of each weight layer over the epoch; starts the next epoch's sums.
    pub(super) fn take_grad_norms(&mut self) -> Vec<f32> {
        let steps = self.epoch_gradients.steps.max(1) as f64;
        let norms = self
            .epoch_gradients
            .sums
            .iter()
            .map(|&sum| (sum / steps) as f32)
            .collect();
        self.epoch_gradients.sums.fill(0.0);
        self.epoch_gradients.steps = 0;
        norms
    }

    /// Adds this step's gradient norm of each layer's weights to the epoch's sums.
    /// The batch's data gradient is in `grads`: adds the regularisation's and notes the norms.
    pub(super) fn finish_gradient(&mut self) {
        add_penalty_gradient(
            self.config.regularization,
            self.config.regularization_rate as f32,
            &self.params,
            &mut self.grads,
            &self.weight_slots,
        );
        self.add_grad_norms();
    }

    fn add_grad_norms(&mut self) {
        let sums = self.epoch_gradients.sums.iter_mut();
        for (sum, slot) in sums.zip(&self.weight_slots) {
            let squares: f64 = slot.of(&self.grads).iter().map(|&g| f64::from(g * g)).sum();
            *sum += squares.sqrt();
        }
        self.epoch_gradients.steps = self.epoch_gradients.steps.saturating_add(1);
    }
}
