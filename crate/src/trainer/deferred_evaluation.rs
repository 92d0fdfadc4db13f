//! Measuring an image network at the end of an epoch, spread over the following steps.
//!
//! Evaluating 2,000 images takes as long as dozens of training steps; done at once it would
//! freeze the page. Instead the parameters are copied when the epoch ends, and each later step
//! measures a few images with that copy, until the history gets its entry for the epoch (with
//! the step and epoch it belongs to). `finish_evaluation` completes it at once. The test
//! images' predictions are kept as the epoch's verdict (`epoch_test_predictions`), so a page
//! that shows it while training never runs the whole test set in one go.

use super::history::Tally;
use super::Trainer;

/// Images measured per training step while an epoch's measurement is pending.
const IMAGES_PER_STEP: usize = 32;

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
        let range = pending.next..end;
        std::mem::swap(&mut self.params, &mut self.measured_params);
        if pending.test {
            // The test images' predictions are kept: they are the epoch's verdict.
            let loss = *self.network().loss();
            let mut kept = std::mem::take(&mut self.epoch_predictions);
            let mut at = range.start * loss.width;
            let tally = &mut pending.test_tally;
            self.predict_examples(true, range, |logits, pred, targets| {
                tally.add(&loss, logits, pred, targets);
                kept[at..at + pred.len()].copy_from_slice(pred);
                at += pred.len();
            });
            self.epoch_predictions = kept;
        } else {
            self.tally(false, range, &mut pending.train);
        }
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
            self.epoch_predictions_epoch = Some(pending.epoch);
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
