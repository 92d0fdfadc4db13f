//! What the practice rounds looked like: train and test loss and accuracy (or RMSE) at the start
//! and after every epoch, stored column by column for charts.
//!
//! Bounded: when the entries reach `MAX_ENTRIES`, the older half keeps every other entry (the
//! first always). The recent epochs stay at full resolution, the older ones at a resolution
//! that halves with age, and the memory and the time to draw the chart stay flat however long
//! training runs. Each entry kept is a measurement as taken, at its own step.

use serde::{Deserialize, Serialize};

use crate::nn::loss::Loss;

/// Loss and quality of the model on one set of points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    pub loss: f32,
    /// Accuracy in [0, 1] for classification, RMSE for regression.
    pub quality: f32,
}

/// Running sums of an evaluation over chunks of a set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    loss: f64,
    correct: usize,
    squared: f64,
    count: usize,
}

impl Tally {
    /// Adds a chunk: its loss terms, predictions and targets.
    pub fn add(&mut self, loss: &Loss, logits: &[f32], pred: &[f32], targets: &[f32]) {
        self.add_with_sum(loss, loss.loss_sum(logits, pred, targets), pred, targets);
    }

    /// Adds a chunk whose loss sum is known (a training batch's, from `loss_and_gradients`):
    /// as `add`, without computing the loss a second time.
    pub fn add_with_sum(&mut self, loss: &Loss, loss_sum: f64, pred: &[f32], targets: &[f32]) {
        self.loss += loss_sum;
        self.count += targets.len();
        for (p, &t) in pred.chunks_exact(loss.width).zip(targets) {
            if loss.classification {
                self.correct += usize::from(loss.class_of(p) == t as usize);
            } else {
                self.squared += f64::from((p[0] - t) * (p[0] - t));
            }
        }
    }

    /// Adds another tally's sums (a share of the same batch, measured by another replica).
    pub fn merge(&mut self, other: &Tally) {
        self.loss += other.loss;
        self.correct += other.correct;
        self.squared += other.squared;
        self.count += other.count;
    }

    /// The mean loss of the examples counted (0 for none).
    pub fn mean_loss(&self) -> f32 {
        (self.loss / self.count.max(1) as f64) as f32
    }

    /// The sums as numbers (loss, hits, squared error, examples), to send between replicas.
    pub fn to_numbers(&self) -> [f64; 4] {
        let (correct, count) = (self.correct as f64, self.count as f64);
        [self.loss, correct, self.squared, count]
    }

    /// A tally from `to_numbers`; counts must be whole and not negative.
    pub fn from_numbers([loss, correct, squared, count]: [f64; 4]) -> Option<Tally> {
        let whole =
            |x: f64| (x >= 0.0 && x.fract() == 0.0 && x <= u32::MAX as f64).then_some(x as usize);
        Some(Tally {
            loss,
            correct: whole(correct)?,
            squared,
            count: whole(count)?,
        })
    }

    pub fn finish(&self, classification: bool) -> Evaluation {
        let n = self.count.max(1) as f64;
        Evaluation {
            loss: (self.loss / n) as f32,
            quality: if classification {
                (self.correct as f64 / n) as f32
            } else {
                (self.squared / n).sqrt() as f32
            },
        }
    }
}

/// Where a history entry was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EpochEntry {
    pub epoch: u64,
    pub step: u64,
}

/// Entries the history holds at most (see the module comment).
pub const MAX_ENTRIES: usize = 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct History {
    pub step: Vec<u64>,
    pub epoch: Vec<u64>,
    pub train_loss: Vec<f32>,
    pub test_loss: Vec<f32>,
    /// Accuracy for classification, RMSE for regression.
    pub train_quality: Vec<f32>,
    pub test_quality: Vec<f32>,
    /// Per layer with weights (dense or conv, in order), the mean L2 norm of its weights'
    /// gradient over the epoch (0 for the entry before training): vanishing or exploding
    /// gradients show here.
    #[serde(default)]
    pub grad_norms: Vec<Vec<f32>>,
}

impl History {
    pub fn record(
        &mut self,
        step: u64,
        epoch: u64,
        train: Evaluation,
        test: Evaluation,
        grad_norms: &[f32],
    ) {
        if self.grad_norms.len() != grad_norms.len() {
            self.grad_norms = vec![vec![0.0; self.step.len()]; grad_norms.len()];
        }
        for (column, &norm) in self.grad_norms.iter_mut().zip(grad_norms) {
            column.push(norm);
        }
        self.step.push(step);
        self.epoch.push(epoch);
        self.train_loss.push(train.loss);
        self.test_loss.push(test.loss);
        self.train_quality.push(train.quality);
        self.test_quality.push(test.quality);
        while self.len() >= MAX_ENTRIES {
            self.thin_older_half();
        }
    }

    /// Keeps every other entry of the older half (from the first) and the newer half whole.
    fn thin_older_half(&mut self) {
        let older = self.len() / 2;
        thin(&mut self.step, older);
        thin(&mut self.epoch, older);
        for column in [
            &mut self.train_loss,
            &mut self.test_loss,
            &mut self.train_quality,
            &mut self.test_quality,
        ]
        .into_iter()
        .chain(&mut self.grad_norms)
        {
            thin(column, older);
        }
    }

    /// The train and test figures of the last entry.
    pub fn last(&self) -> Option<(Evaluation, Evaluation)> {
        let i = self.len().checked_sub(1)?;
        let at = |loss: &[f32], quality: &[f32]| Evaluation {
            loss: loss[i],
            quality: quality[i],
        };
        Some((
            at(&self.train_loss, &self.train_quality),
            at(&self.test_loss, &self.test_quality),
        ))
    }

    pub fn len(&self) -> usize {
        self.step.len()
    }

    pub fn is_empty(&self) -> bool {
        self.step.is_empty()
    }

    /// All columns have the same length (checked when a model file is loaded).
    pub fn is_consistent(&self) -> bool {
        let n = self.step.len();
        [
            self.epoch.len(),
            self.train_loss.len(),
            self.test_loss.len(),
            self.train_quality.len(),
            self.test_quality.len(),
        ]
        .iter()
        .all(|&l| l == n)
            && self.grad_norms.iter().all(|column| column.len() == n)
    }
}

/// Drops every odd entry of `column[..older]`, in place.
fn thin<T: Copy>(column: &mut Vec<T>, older: usize) {
    let mut kept = 0;
    for i in 0..column.len() {
        if i >= older || i % 2 == 0 {
            column[kept] = column[i];
            kept += 1;
        }
    }
    column.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(loss: f32) -> Evaluation {
        Evaluation { loss, quality: 0.5 }
    }

    #[test]
    fn a_full_history_thins_its_older_half_and_keeps_the_recent_whole() {
        let mut h = History::default();
        for i in 0..MAX_ENTRIES as u64 - 1 {
            h.record(10 * i, i, at(i as f32), at(0.0), &[i as f32]);
        }
        assert_eq!(h.len(), MAX_ENTRIES - 1, "nothing thinned below the cap");
        h.record(10 * 1023, 1023, at(1023.0), at(0.0), &[1023.0]);
        let older = MAX_ENTRIES / 2;
        assert_eq!(h.len(), older / 2 + older);
        assert!(h.is_consistent());
        // The first entry stays; the older half every other epoch; the newer half whole.
        let epochs: Vec<u64> = (0..older as u64)
            .step_by(2)
            .chain(older as u64..1024)
            .collect();
        assert_eq!(h.epoch, epochs);
        assert_eq!(h.step, epochs.iter().map(|e| 10 * e).collect::<Vec<_>>());
        assert_eq!(
            h.grad_norms[0],
            epochs.iter().map(|&e| e as f32).collect::<Vec<_>>()
        );
        assert_eq!(h.last().unwrap().0.loss, 1023.0);
    }

    #[test]
    fn a_batch_tallied_with_its_known_loss_sum_equals_one_tallied_from_scratch() {
        use crate::config::LossKind;
        // Each loss kind, classification and regression, logits from mild to saturated.
        let logits: Vec<f32> = (0..24)
            .map(|i| ((i * 37) % 23) as f32 * 4.5 - 50.0)
            .collect();
        for (kind, width, classification) in [
            (LossKind::CrossEntropy, 3, true),
            (LossKind::BinaryCrossEntropy, 1, true),
            (LossKind::Mse, 1, false),
        ] {
            let loss = Loss {
                kind,
                classification,
                width,
            };
            let n = logits.len() / width;
            let targets: Vec<f32> = (0..n).map(|i| (i % width.max(2)) as f32).collect();
            let mut pred = vec![0.0; logits.len()];
            loss.predict(&logits, &mut pred);
            let (mut dz, mut dp) = (vec![0.0; logits.len()], vec![0.0; logits.len()]);
            let batch = loss.loss_and_gradients(&logits, &pred, &targets, &mut dz, &mut dp);
            let (mut known, mut scratch) = (Tally::default(), Tally::default());
            known.add_with_sum(&loss, batch.sum, &pred, &targets);
            scratch.add(&loss, &logits, &pred, &targets);
            assert_eq!(known, scratch, "{kind:?}");
            assert_eq!(known.loss.to_bits(), scratch.loss.to_bits(), "{kind:?}");
        }
    }
}
