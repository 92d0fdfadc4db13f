//! Measuring an image network at the end of an epoch, spread over the following steps.
//!
//! Evaluating 2,000 images takes as long as dozens of training steps; done at once it would
//! freeze the page. Instead the parameters are copied when the epoch ends, and each later step
//! measures a few images with that copy, until the history gets its entry for the epoch (with
//! the step and epoch it belongs to). `finish_evaluation` completes it at once.

use super::Trainer;
use crate::history::Tally;

/// Images measured per training step while an epoch's measurement is pending.
const IMAGES_PER_STEP: usize = 64;

#[derive(Clone, Debug)]
pub struct PendingEvaluation {
    step: u64,
    epoch: u64,
    grad_norms: Vec<f32>,
    /// Measuring the test set (after the train set).
    test: bool,
    next: usize,
    train: Tally,
    test_tally: Tally,
}

impl Trainer {
    /// Starts measuring the epoch that just ended (finishing an older measurement first).
    pub(crate) fn start_evaluation(&mut self) {
        self.finish_evaluation();
        self.measured_params.copy_from_slice(&self.params);
        self.pending = Some(PendingEvaluation {
            step: self.progress.step,
            epoch: self.progress.epoch,
            grad_norms: self.take_grad_norms(),
            test: false,
            next: 0,
            train: Tally::default(),
            test_tally: Tally::default(),
        });
    }

    /// Measures the next few images of a pending measurement (a few milliseconds); records it
    /// when complete. Returns whether more remains.
    pub fn advance_evaluation(&mut self) -> bool {
        let Some(mut pending) = self.pending.take() else {
            return false;
        };
        let count = self.evaluation_count(pending.test);
        let end = (pending.next + IMAGES_PER_STEP).min(count);
        let tally = if pending.test {
            &mut pending.test_tally
        } else {
            &mut pending.train
        };
        std::mem::swap(&mut self.params, &mut self.measured_params);
        self.tally(pending.test, pending.next..end, tally);
        std::mem::swap(&mut self.params, &mut self.measured_params);
        pending.next = end;
        if end < count {
            self.pending = Some(pending);
        } else if !pending.test {
            pending.test = true;
            pending.next = 0;
            self.pending = Some(pending);
        } else {
            let classification = self.network().loss().classification;
            self.history.record(
                pending.step,
                pending.epoch,
                pending.train.finish(classification),
                pending.test_tally.finish(classification),
                &pending.grad_norms,
            );
        }
        self.pending.is_some()
    }

    /// Completes a pending measurement now.
    pub fn finish_evaluation(&mut self) {
        while self.pending.is_some() {
            self.advance_evaluation();
        }
    }
}
