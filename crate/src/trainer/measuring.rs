//! The trainer's two uses of its one measurement (`verdict`): the verdict on the current
//! parameters, made on request (at once, or a slice per call), and an image network's
//! end-of-epoch verdict, measured on a copy of the parameters a slice per later step and
//! recorded into the history when complete.
//!
//! Evaluating 2,000 images takes as long as dozens of training steps; done at once it would
//! freeze the page. The last complete epoch verdict is kept (its test predictions and
//! confusion) while the next one is measured, so a page that shows it while training never
//! runs the whole test set in one go.

use super::history::{EpochEntry, Evaluation};
use super::verdict::{Predictor, Reach, Snapshot, Verdict, VerdictStatus};
use super::Trainer;

/// Images measured per training step while an epoch's verdict is in progress.
const IMAGES_PER_STEP: usize = 32;

/// The end-of-epoch verdicts of a trainer that measures them in slices.
#[derive(Clone, Debug, Default)]
pub(super) struct EpochVerdicts {
    /// The epoch being measured, with its layers' mean gradient norms (for its history entry).
    measuring: Option<Vec<f32>>,
    next: Verdict,
    /// The last complete one.
    last: Verdict,
}

impl EpochVerdicts {
    /// Two verdicts made by `make` (each with its own buffers: they take turns).
    pub(super) fn new(make: impl Fn() -> Verdict) -> EpochVerdicts {
        EpochVerdicts {
            measuring: None,
            next: make(),
            last: make(),
        }
    }

    /// No epoch measured nor being measured (a reset).
    pub(super) fn clear(&mut self) {
        self.measuring = None;
        self.next.clear();
        self.last.clear();
    }
}

impl Trainer {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            step: self.progress.step,
            epoch: self.progress.epoch,
            version: self.params_version,
        }
    }

    /// Measures the current parameters up to `reach`, at most `budget` examples (restarting
    /// when they changed); returns the verdict.
    fn judge_now(&mut self, reach: Reach, budget: usize) -> &Verdict {
        if !self.verdict.is_of(self.params_version) {
            let at = self.snapshot();
            self.verdict.restart(at, &self.params, &self.data);
        }
        let mut predictor = Predictor {
            network: &self.network,
            data: &self.data,
            eval: &mut self.eval,
        };
        let mut left = budget;
        while left > 0 && !self.verdict.reached(reach) {
            match self
                .verdict
                .advance(reach, left, &mut predictor, &self.params)
            {
                0 => break,
                n => left -= n,
            }
        }
        &self.verdict
    }

    /// Loss and accuracy (or RMSE) on the train and test sets for the current parameters.
    pub fn evaluate(&mut self) -> (Evaluation, Evaluation) {
        let classification = self.network.loss().classification;
        let reach = self.verdict.figures_reach();
        self.judge_now(reach, usize::MAX).figures(classification)
    }

    /// The test figure alone for the current parameters.
    pub(super) fn evaluate_test(&mut self) -> Evaluation {
        let classification = self.network.loss().classification;
        let reach = Reach {
            train: 0,
            ..self.verdict.figures_reach()
        };
        self.judge_now(reach, usize::MAX)
            .test_figure(classification)
    }

    /// Class probabilities (test examples × classes) for the current parameters (made once
    /// per parameter change, finishing what `advance_test_predictions` began).
    pub fn test_predictions(&mut self) -> &[f32] {
        self.advance_test_predictions(usize::MAX);
        self.verdict.predictions()
    }

    /// Makes the current parameters' predictions for up to `count` more test examples, so
    /// that a page can spread a big test set over frames. Returns how many are made (the whole
    /// test set: `test_predictions` is ready without more work).
    pub fn advance_test_predictions(&mut self, count: usize) -> usize {
        let reach = Reach {
            test: usize::MAX,
            train: 0,
        };
        self.judge_now(reach, count).made()
    }

    /// How many test examples have predictions for the current parameters.
    pub fn test_predictions_made(&self) -> usize {
        if self.verdict.is_of(self.params_version) {
            self.verdict.made()
        } else {
            0
        }
    }

    /// Where the verdict on the current parameters stands (no work is done).
    pub fn verdict(&self) -> VerdictStatus {
        let at = self.snapshot();
        let (made, total) = (self.test_predictions_made(), self.verdict.total());
        VerdictStatus {
            step: at.step,
            epoch: at.epoch,
            made,
            total,
            complete: made == total,
        }
    }

    /// Counts of (true class, predicted class) over the test set, `classes × classes`, from the
    /// same predictions as `test_predictions`.
    pub fn confusion(&mut self) -> Vec<u32> {
        self.test_predictions();
        self.verdict
            .confusion(&self.data, &self.network, self.classes())
    }

    fn classes(&self) -> usize {
        self.network.loss().width.max(2)
    }

    /// Starts measuring the epoch that just ended (finishing an older measurement first).
    pub(super) fn start_evaluation(&mut self) {
        self.finish_evaluation();
        let at = self.snapshot();
        let norms = self.take_grad_norms();
        let epochs = &mut self.epoch_verdicts;
        epochs.next.restart(at, &self.params, &self.data);
        epochs.measuring = Some(norms);
    }

    /// Measures the next few images of an epoch's verdict in progress (a few milliseconds);
    /// records it when complete. Returns whether more remains.
    pub fn advance_evaluation(&mut self) -> bool {
        let epochs = &mut self.epoch_verdicts;
        if epochs.measuring.is_none() {
            return false;
        }
        let mut predictor = Predictor {
            network: &self.network,
            data: &self.data,
            eval: &mut self.eval,
        };
        epochs
            .next
            .advance(Reach::ALL, IMAGES_PER_STEP, &mut predictor, &self.params);
        if !epochs.next.reached(Reach::ALL) {
            return true;
        }
        std::mem::swap(&mut epochs.next, &mut epochs.last);
        let norms = epochs.measuring.take().unwrap_or_default();
        let (train, test) = epochs.last.figures(self.network.loss().classification);
        let at = epochs.last.at().unwrap_or_default();
        self.history.record(at.step, at.epoch, train, test, &norms);
        false
    }

    /// Completes an epoch's verdict in progress now.
    pub fn finish_evaluation(&mut self) {
        while self.advance_evaluation() {}
    }

    /// An epoch's verdict is in progress.
    pub(super) fn measuring(&self) -> bool {
        self.epoch_verdicts.measuring.is_some()
    }

    /// An image network's predictions for its measured test images at the last measured epoch
    /// (empty before the first), and that epoch.
    pub fn epoch_test_predictions(&self) -> (&[f32], Option<u64>) {
        let last = &self.epoch_verdicts.last;
        (last.predictions(), last.at().map(|at| at.epoch))
    }

    /// The epoch and step `epoch_test_predictions` belong to (None before the first).
    pub fn epoch_verdict_at(&self) -> Option<EpochEntry> {
        let at = self.epoch_verdicts.last.at()?;
        Some(EpochEntry {
            epoch: at.epoch,
            step: at.step,
        })
    }

    /// The confusion matrix of `epoch_test_predictions`.
    pub fn epoch_confusion(&self) -> Vec<u32> {
        self.epoch_verdicts
            .last
            .confusion(&self.data, &self.network, self.classes())
    }
}

#[cfg(test)]
mod tests {
    use super::Trainer;
    use crate::presets::preset;

    #[test]
    fn the_confusion_matrix_counts_every_test_example_and_agrees_with_accuracy() {
        let mut t = Trainer::new(preset("xor").unwrap().config).unwrap();
        t.step(200);
        let counts = t.confusion();
        let n = t.data().test().len() as u32;
        assert_eq!(counts.iter().sum::<u32>(), n);
        let correct = counts[0] + counts[3];
        let accuracy = t.metrics().test_accuracy.unwrap();
        assert!((correct as f32 / n as f32 - accuracy).abs() < 1e-6);
        assert_eq!(t.test_predictions().len(), 2 * n as usize);
    }

    #[test]
    fn an_epochs_verdict_is_the_test_predictions_of_its_parameters() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        assert_eq!(t.epoch_test_predictions(), (&[][..], None));
        while t.history().epoch.len() < 2 {
            t.step(1);
        }
        let (kept, epoch) = t.epoch_test_predictions();
        let kept = kept.to_vec();
        assert_eq!(epoch, t.history().epoch.last().copied());
        let at = t.epoch_verdict_at().unwrap();
        assert_eq!(Some(at.epoch), epoch);
        assert_eq!(Some(at.step), t.history().step.last().copied());
        let counts = t.epoch_confusion();
        // The same parameters again, measured at once: the same predictions.
        let mut again = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        while again.progress().epoch < 1 {
            again.step(1);
        }
        // Measured in other chunks, so the products may round differently (tiny and small
        // products take different kernels).
        let now = again.test_predictions();
        assert_eq!(now.len(), kept.len());
        assert!(now.iter().zip(&kept).all(|(a, b)| (a - b).abs() < 1e-5));
        assert_eq!(again.confusion(), counts);
        assert_eq!(counts.iter().sum::<u32>() as usize, t.data().test().len());
    }

    #[test]
    fn test_predictions_follow_every_change_of_the_parameters() {
        let mut t = Trainer::new(preset("circle").unwrap().config).unwrap();
        let first = t.test_predictions().to_vec();
        assert_eq!(t.test_predictions(), &first[..]);
        t.step(1);
        let after_step = t.test_predictions().to_vec();
        assert_ne!(after_step, first);
        let last = t.params().len() - 1;
        t.set_weight(last, 5.0).unwrap();
        assert_ne!(t.test_predictions(), &after_step[..]);
    }

    #[test]
    fn test_predictions_made_in_slices_equal_those_made_at_once() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        t.step(30);
        let n = t.data().test().len();
        assert_eq!(t.test_predictions_made(), 0);
        // Slices that do not divide the set, nor the evaluation chunk.
        let mut made = 0;
        let mut slices = 0;
        while made < n {
            let next = t.advance_test_predictions(97);
            assert_eq!(next, (made + 97).min(n));
            made = next;
            slices += 1;
        }
        assert_eq!(slices, n.div_ceil(97));
        assert_eq!(t.test_predictions_made(), n);
        let sliced = t.test_predictions().to_vec();
        let mut once = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        once.step(30);
        let at_once = once.test_predictions();
        assert_eq!(sliced.len(), at_once.len());
        assert!(sliced
            .iter()
            .zip(at_once)
            .all(|(a, b)| (a - b).abs() < 1e-5));
    }

    #[test]
    fn a_change_of_the_parameters_restarts_test_predictions_made_in_slices() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        // A new trainer's first history entry measured its whole (small) test set already.
        assert_eq!(t.test_predictions_made(), t.data().test().len());
        t.step(1);
        assert_eq!(t.advance_test_predictions(50), 50);
        t.step(1);
        assert_eq!(t.test_predictions_made(), 0);
        assert_eq!(t.advance_test_predictions(50), 50);
        let n = t.data().test().len();
        assert_eq!(t.test_predictions().len(), n * 10);
        let mut fresh = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        fresh.step(2);
        let expected = fresh.test_predictions();
        assert!(t
            .test_predictions()
            .iter()
            .zip(expected)
            .all(|(a, b)| (a - b).abs() < 1e-5));
    }
}
