//! The one interface of a kind of data (a "mode": points, images, tensors, text): how
//! many examples each split holds, how one is written into a batch, its target, how many are
//! measured for the figures and how the figures follow training. The trainer only talks to this.

use std::any::Any;
use std::fmt::Debug;

/// The two sides of the data: what the network learns from, and the held-out verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Train,
    Test,
}

impl Split {
    /// `Test` when `test` holds.
    pub fn of(test: bool) -> Split {
        if test {
            Split::Test
        } else {
            Split::Train
        }
    }
}

/// How a mode's train and test figures follow training: measuring costs differ by orders of
/// magnitude between a few hundred points and thousands of images.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measurement {
    /// Cheap enough to measure the current parameters whenever asked (after every step).
    Always,
    /// Measured for a copy of the parameters at each epoch's end, a slice per later step.
    EachEpochInSlices,
    /// The train figure is the mean over the epoch's batches; the test set is measured at the
    /// epoch's end.
    EpochBatches,
}

/// A kind of data. Inputs are written as f32 rows of the network's input width; targets are a
/// class index as f32, or a regression value. Nothing here allocates: a step calls it.
pub trait DataSource: Debug + Send + SourceObject + 'static {
    /// Examples in a split.
    fn len(&self, split: Split) -> usize;

    /// The target of example `i`.
    fn target(&self, split: Split, i: usize) -> f32;

    /// Writes the targets of example `i` into `out`: one, or one per position of the network's
    /// window (a GPT predicts at each, see `Network::positions`).
    fn write_targets(&self, split: Split, i: usize, out: &mut [f32]) {
        out.fill(self.target(split, i));
    }

    /// Writes the input of example `i` into `out` (one row of the input boundary).
    fn write_input(&self, split: Split, i: usize, out: &mut [f32]);

    /// How the figures follow training.
    fn measurement(&self) -> Measurement;

    /// How many examples of a split the train and test figures measure (the first ones).
    fn measured(&self, split: Split) -> usize {
        self.len(split)
    }

    /// The classes, when the data rather than the config says (a text set's vocabulary).
    fn classes(&self) -> Option<usize> {
        None
    }

    /// Whether the test verdict keeps every test example's class probabilities (for the
    /// page's views and the confusion matrix).
    fn keeps_predictions(&self) -> bool {
        true
    }
}

/// What a source behind a box needs besides its data; every `Clone` source has it.
pub trait SourceObject {
    /// A copy behind a new box (a reset keeps the data).
    fn boxed_clone(&self) -> Box<dyn DataSource>;

    /// The concrete source, for what only one mode has (its views, its probes).
    fn as_any(&self) -> &dyn Any;

    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: DataSource + Clone + 'static> SourceObject for T {
    fn boxed_clone(&self) -> Box<dyn DataSource> {
        Box::new(self.clone())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
