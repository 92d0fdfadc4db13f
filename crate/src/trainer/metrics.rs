//! The counters and figures a page shows each frame: step, epoch, the phase to come, the
//! batch's loss and the train and test figures (measured now, or at the last measured epoch).

use serde::Serialize;

use super::history::Evaluation;
use super::Trainer;
use crate::data::Measurement;
use crate::phase::Phase;

/// What `Trainer::metrics` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub step: u64,
    pub epoch: u64,
    pub examples_seen: u64,
    pub steps_per_epoch: u64,
    /// Whole steps until the current epoch ends (at the current batch size).
    pub steps_left_in_epoch: u64,
    /// An image network's last epoch is still being measured (see `measuring`).
    pub measuring: bool,
    pub next_phase: Phase,
    pub last_phase: Option<Phase>,
    pub batch_loss: Option<f32>,
    pub train_loss: f32,
    pub test_loss: f32,
    pub train_accuracy: Option<f32>,
    pub test_accuracy: Option<f32>,
    pub train_rmse: Option<f32>,
    pub test_rmse: Option<f32>,
    pub is_regression: bool,
}

impl Trainer {
    /// Counters and figures: for points measured now, for images at the last measured epoch.
    pub fn metrics(&mut self) -> Metrics {
        let (train, test) = match (self.data.measurement(), self.history.last()) {
            (Measurement::Always, _) | (_, None) => self.evaluate(),
            (_, Some(last)) => last,
        };
        let regression = self.config.is_regression();
        let acc = |e: Evaluation| (!regression).then_some(e.quality);
        let rmse = |e: Evaluation| regression.then_some(e.quality);
        Metrics {
            step: self.progress.step,
            epoch: self.progress.epoch,
            examples_seen: self.progress.examples_seen,
            steps_per_epoch: self.steps_per_epoch(),
            steps_left_in_epoch: (self.order.len() - self.progress.epoch_cursor as usize)
                .div_ceil(self.config.batch_size as usize) as u64,
            measuring: self.measuring(),
            next_phase: self.next_phase,
            last_phase: self.last_phase,
            batch_loss: self.batch_loss,
            train_loss: train.loss,
            test_loss: test.loss,
            train_accuracy: acc(train),
            test_accuracy: acc(test),
            train_rmse: rmse(train),
            test_rmse: rmse(test),
            is_regression: regression,
        }
    }

    /// Whether training has diverged: a parameter, or the last measured train loss, is not a
    /// finite number (the native trainer stops on it; a model file cannot hold it).
    pub fn diverged(&self) -> bool {
        let last_loss = self.history.last().map(|(train, _)| train.loss);
        last_loss.is_some_and(|l| !l.is_finite()) || self.params.iter().any(|p| !p.is_finite())
    }
}
