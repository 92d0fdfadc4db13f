//! Measuring the model: loss and accuracy (or RMSE) on whole sets, run in chunks through the
//! evaluation workspace, and the objective the gradients are checked against.

use super::history::{Evaluation, Tally};
use super::{fill_inputs, Trainer, EVAL_CHUNK};
use crate::data::Split;
use crate::nn::network::Mode;
use crate::optimizer::penalty;

impl Trainer {
    /// Loss and accuracy (or RMSE) on the train and test sets for the current parameters.
    pub fn evaluate(&mut self) -> (Evaluation, Evaluation) {
        if let Some(e) = self.evaluation {
            return e;
        }
        let train = self.evaluate_set(false);
        let test = self.evaluate_set(true);
        self.evaluation = Some((train, test));
        (train, test)
    }

    /// Runs the network on examples `range` of the train or test set in chunks, calling
    /// `f(logits, predictions, targets)` for each chunk.
    pub(crate) fn predict_examples(
        &mut self,
        test: bool,
        range: std::ops::Range<usize>,
        mut f: impl FnMut(&[f32], &[f32], &[f32]),
    ) {
        let set = self.data.split(Split::of(test));
        let width = self.network.widths()[0];
        let mut targets = [0.0f32; EVAL_CHUNK];
        for start in range.clone().step_by(EVAL_CHUNK) {
            let chunk = start..(start + EVAL_CHUNK).min(range.end);
            let targets = &mut targets[..chunk.len()];
            for (t, i) in targets.iter_mut().zip(chunk.clone()) {
                *t = set.target(i);
            }
            fill_inputs(set, chunk, &mut self.eval, width);
            self.network
                .forward(&self.params, &mut self.eval, Mode::Eval);
            let network = &self.network;
            f(
                network.logits(&self.eval),
                network.predictions(&self.eval),
                targets,
            );
        }
    }

    /// How many examples of the train or test set an evaluation measures.
    pub(crate) fn evaluation_count(&self, test: bool) -> usize {
        self.data.split(Split::of(test)).measured()
    }

    /// Adds examples `range` of the train or test set to `tally`.
    pub(crate) fn tally(&mut self, test: bool, range: std::ops::Range<usize>, tally: &mut Tally) {
        let loss = *self.network.loss();
        self.predict_examples(test, range, |logits, pred, targets| {
            tally.add(&loss, logits, pred, targets)
        });
    }

    fn evaluate_set(&mut self, test: bool) -> Evaluation {
        let mut tally = Tally::default();
        self.tally(test, 0..self.evaluation_count(test), &mut tally);
        tally.finish(self.network.loss().classification)
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
}
