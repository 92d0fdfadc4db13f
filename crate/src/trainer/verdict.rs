//! The teacher's verdict: one measurement of a parameter snapshot. It measures the test set
//! (every example's class probabilities; the first `measured` of them give the test figure) and
//! then the train set's figure, advanced in slices by a budget of examples, so that a page never
//! runs thousands of images in one call. Measuring at once is the same work in one slice.
//!
//! A slice never crosses from the test set into the train set, and each set is run in chunks
//! from its slice's start: the same slices give the same chunks, hence the same numbers.

use serde::Serialize;

use super::budget::EVAL_CHUNK;
use super::fill_inputs;
use super::history::{Evaluation, Tally};
use crate::data::{Split, TrainingData};
use crate::nn::network::{Mode, Network, Workspace};

/// The parameters a verdict belongs to: the step and epoch they were reached at, and their
/// version (counts every change of the parameters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub step: u64,
    pub epoch: u64,
    pub version: u64,
}

/// Where the verdict on the current parameters stands: the step and epoch of the parameters,
/// test examples predicted of the total, and whether all are (the confusion matrix is ready).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictStatus {
    pub step: u64,
    pub epoch: u64,
    pub made: usize,
    pub total: usize,
    pub complete: bool,
}

/// How far a request needs a verdict to go: test examples predicted, train examples measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    pub test: usize,
    pub train: usize,
}

impl Reach {
    /// Everything the verdict measures.
    pub const ALL: Reach = Reach {
        test: usize::MAX,
        train: usize::MAX,
    };
}

/// What runs examples through the network: its layers, the data and the evaluation workspace.
pub struct Predictor<'a> {
    pub network: &'a Network,
    pub data: &'a TrainingData,
    pub eval: &'a mut Workspace,
}

impl Predictor<'_> {
    /// Runs examples `range` of the train or test set with `params` in chunks, calling
    /// `f(logits, predictions, targets)` for each chunk.
    fn predict(
        &mut self,
        params: &[f32],
        split: Split,
        range: std::ops::Range<usize>,
        mut f: impl FnMut(&[f32], &[f32], &[f32]),
    ) {
        let set = self.data.split(split);
        let width = self.network.widths()[0];
        let positions = self.network.positions();
        let mut targets = [0.0f32; EVAL_CHUNK];
        let size = self.eval.capacity().min(EVAL_CHUNK / positions).max(1);
        for start in range.clone().step_by(size) {
            let chunk = start..(start + size).min(range.end);
            let targets = &mut targets[..chunk.len() * positions];
            for (t, i) in targets.chunks_exact_mut(positions).zip(chunk.clone()) {
                set.write_targets(i, t);
            }
            fill_inputs(set, chunk, self.eval, width);
            self.network.forward(params, self.eval, Mode::Eval);
            let eval = &*self.eval;
            f(
                self.network.logits(eval),
                self.network.predictions(eval),
                targets,
            );
        }
    }
}

/// A measurement of one parameter snapshot, complete or in progress.
#[derive(Clone, Debug, Default)]
pub struct Verdict {
    at: Option<Snapshot>,
    /// A copy of the measured parameters (an epoch's end, while training goes on); empty when
    /// the verdict measures the trainer's current parameters.
    params: Vec<f32>,
    /// Test examples predicted, the first `test_measured` of which make the test figure.
    test_count: usize,
    test_measured: usize,
    /// Train examples measured for the train figure.
    train_count: usize,
    test_done: usize,
    train_done: usize,
    test: Tally,
    train: Tally,
    /// Class probabilities of the first `test_done` test examples (none when the data keeps
    /// none, see `DataSource::keeps_predictions`).
    predictions: Vec<f32>,
    keeps_predictions: bool,
}

impl Verdict {
    /// A verdict over `test_count` test and `train_count` train examples, its buffers made now
    /// (`keeps_params`: it measures a copy of the parameters), so that measuring allocates
    /// nothing.
    pub fn new(
        data: &TrainingData,
        network: &Network,
        test_count: usize,
        keeps_params: bool,
    ) -> Verdict {
        Verdict {
            params: vec![
                0.0;
                if keeps_params {
                    network.param_count()
                } else {
                    0
                }
            ],
            test_count,
            keeps_predictions: data.keeps_predictions(),
            predictions: if data.keeps_predictions() {
                Vec::with_capacity(test_count * network.positions() * network.loss().width)
            } else {
                Vec::new()
            },
            test_measured: data.test().measured().min(test_count),
            train_count: data.train().measured(),
            ..Verdict::default()
        }
    }

    /// Starts over for the parameters `params` reached at `at` (copied when this verdict keeps
    /// its own); the train set may have grown since.
    pub fn restart(&mut self, at: Snapshot, params: &[f32], data: &TrainingData) {
        if !self.params.is_empty() {
            self.params.copy_from_slice(params);
        }
        self.at = Some(at);
        self.train_count = data.train().measured();
        self.test_done = 0;
        self.train_done = 0;
        self.test = Tally::default();
        self.train = Tally::default();
        self.predictions.clear();
    }

    /// Nothing measured, as new (its buffers kept).
    pub fn clear(&mut self) {
        self.at = None;
        self.test_done = 0;
        self.train_done = 0;
        self.test = Tally::default();
        self.train = Tally::default();
        self.predictions.clear();
    }

    /// The snapshot measured (None before the first).
    pub fn at(&self) -> Option<Snapshot> {
        self.at
    }

    /// Whether this verdict measures parameters of version `version`.
    pub fn is_of(&self, version: u64) -> bool {
        self.at.is_some_and(|at| at.version == version)
    }

    /// The reach of the figures: the measured test examples and the train set.
    pub fn figures_reach(&self) -> Reach {
        Reach {
            test: self.test_measured,
            train: usize::MAX,
        }
    }

    /// Measures up to `budget` more examples toward `reach` (the test set first, then the
    /// train set; never both in one slice) with `params` unless it keeps its own. Returns the
    /// examples measured.
    pub fn advance(
        &mut self,
        reach: Reach,
        budget: usize,
        predictor: &mut Predictor,
        params: &[f32],
    ) -> usize {
        let params = if self.params.is_empty() {
            params
        } else {
            &self.params
        };
        let test_end = reach.test.min(self.test_count);
        if self.test_done < test_end {
            let start = self.test_done;
            let end = start.saturating_add(budget).min(test_end);
            let loss = *predictor.network.loss();
            // The figure's examples run apart from the rest: the same chunks as at once.
            let (tally, kept) = (&mut self.test, &mut self.predictions);
            let keep = |kept: &mut Vec<f32>, pred: &[f32]| {
                if self.keeps_predictions {
                    kept.extend_from_slice(pred)
                }
            };
            let measured = start.min(self.test_measured)..end.min(self.test_measured);
            predictor.predict(params, Split::Test, measured, |logits, pred, targets| {
                tally.add(&loss, logits, pred, targets);
                keep(kept, pred);
            });
            let rest = start.max(self.test_measured)..end.max(self.test_measured);
            predictor.predict(params, Split::Test, rest, |_, pred, _| keep(kept, pred));
            self.test_done = end;
            return end - start;
        }
        let train_end = reach.train.min(self.train_count);
        if self.train_done < train_end {
            let start = self.train_done;
            let end = start.saturating_add(budget).min(train_end);
            let loss = *predictor.network.loss();
            let tally = &mut self.train;
            predictor.predict(params, Split::Train, start..end, |logits, pred, targets| {
                tally.add(&loss, logits, pred, targets)
            });
            self.train_done = end;
            return end - start;
        }
        0
    }

    /// Whether everything up to `reach` is measured.
    pub fn reached(&self, reach: Reach) -> bool {
        self.test_done >= reach.test.min(self.test_count)
            && self.train_done >= reach.train.min(self.train_count)
    }

    /// Test examples predicted so far.
    pub fn made(&self) -> usize {
        self.test_done
    }

    /// Test examples this verdict predicts.
    pub fn total(&self) -> usize {
        self.test_count
    }

    /// Class probabilities of the test examples predicted so far (examples × classes; a
    /// GPT's: examples × positions × classes).
    pub fn predictions(&self) -> &[f32] {
        &self.predictions
    }

    /// The train and test figures (meaningful once `figures_reach` is reached).
    pub fn figures(&self, classification: bool) -> (Evaluation, Evaluation) {
        (
            self.train.finish(classification),
            self.test.finish(classification),
        )
    }

    /// The test figure alone.
    pub fn test_figure(&self, classification: bool) -> Evaluation {
        self.test.finish(classification)
    }

    /// Counts of (true class, predicted class) over the test examples predicted so far (a
    /// GPT's every position), `classes × classes` (row = true class, column = predicted class).
    /// Empty when the verdict keeps no predictions (text: a vocabulary² matrix means nothing).
    pub fn confusion(&self, data: &TrainingData, network: &Network, classes: usize) -> Vec<u32> {
        if !self.keeps_predictions {
            return Vec::new();
        }
        let loss = network.loss();
        let mut counts = vec![0u32; classes * classes];
        if !loss.classification {
            return counts;
        }
        let test = data.test();
        // A GPT's example is a window: a prediction and a target per position.
        let mut targets = vec![0.0; network.positions()];
        let windows = self.predictions.chunks_exact(loss.width * targets.len());
        for (i, window) in windows.enumerate() {
            test.write_targets(i, &mut targets);
            for (p, &t) in window.chunks_exact(loss.width).zip(&targets) {
                counts[t as usize * classes + loss.class_of(p)] += 1;
            }
        }
        counts
    }
}
