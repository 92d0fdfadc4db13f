//! The text mode: documents (a name, a poem), one per line, read a character at a time.
//!
//! For an MLP (`TextTask::NextToken`) each example is the next token after the `context`
//! tokens before it (a document's start padded with the boundary token), at every position of
//! every document, its end included: `emma` with context 3 gives `··· → e`, `··e → m`,
//! `·em → m`, `emm → a`, `mma → ·`.
//!
//! For a GPT (`TextTask::Window`) the documents follow each other, one boundary token between
//! them (the last followed by the first again), and each example is a window of `context`
//! tokens starting at a document's boundary, every position's next token its target: `emma`,
//! `bo` with context 5 give `·emma → emma·`, `·bo·e → bo·em`. Every token of a window then sees
//! its document's start; a document longer than the window gets a window every `context`
//! tokens, so that each of its tokens is a target.

mod files;
mod vocabulary;

pub use files::{files_of, from_files, load, repository_paths};
pub use vocabulary::{Vocabulary, BOUNDARY};

use std::collections::HashMap;

use super::{DataSource, Measurement, Split};

/// Train examples measured for a figure outside training (the first history entry): a text
/// set's train figure is the mean over the epoch's batches.
const MEASURED_TRAIN: usize = 2000;

/// What one example of a text set is: the model decides (`Config::is_gpt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextTask {
    /// The next token after the `context` before it.
    NextToken,
    /// A window of `context` tokens and the next token of each.
    Window,
}

/// The examples of one split.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSet {
    /// The documents' ids with their boundary tokens (see the module comment).
    stream: Vec<u32>,
    /// Where each example's last target is in `stream` (its context is the tokens just before).
    targets: Vec<u32>,
    /// Targets per example: 1, or every position of a window.
    positions: usize,
    documents: usize,
}

impl TextSet {
    /// The examples of `documents` (already encoded) with `context` tokens each.
    pub fn new(documents: &[Vec<u32>], context: usize, task: TextTask) -> TextSet {
        match task {
            TextTask::NextToken => TextSet::next_tokens(documents, context),
            TextTask::Window => TextSet::windows(documents, context),
        }
    }

    fn next_tokens(documents: &[Vec<u32>], context: usize) -> TextSet {
        let tokens: usize = documents.iter().map(|d| d.len() + 1 + context).sum();
        let mut set = TextSet {
            stream: Vec::with_capacity(tokens),
            targets: Vec::with_capacity(tokens),
            positions: 1,
            documents: documents.len(),
        };
        for document in documents {
            set.stream.extend(std::iter::repeat_n(BOUNDARY, context));
            let start = set.stream.len() as u32;
            set.stream.extend_from_slice(document);
            set.stream.push(BOUNDARY);
            set.targets.extend(start..set.stream.len() as u32);
        }
        set
    }

    fn windows(documents: &[Vec<u32>], context: usize) -> TextSet {
        let mut stream = Vec::new();
        let mut targets = Vec::new();
        for document in documents {
            let start = stream.len();
            stream.push(BOUNDARY);
            stream.extend_from_slice(document);
            // Windows from the boundary, every `context` tokens, until the document's end (the
            // next boundary) is a target.
            let windows = (document.len() + 1).div_ceil(context);
            targets.extend((0..windows).map(|k| (start + (k + 1) * context) as u32));
        }
        // The last windows read on into the first document: the stream goes round.
        let round = stream.len();
        if round > 0 {
            for i in 0..=context {
                stream.push(stream[i % round]);
            }
        }
        TextSet {
            stream,
            targets,
            positions: context,
            documents: documents.len(),
        }
    }

    /// Examples: every token of every document and each document's end.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The id to predict in example `i` (a window's last).
    pub fn target(&self, i: usize) -> u32 {
        self.stream[self.targets[i] as usize]
    }

    /// The ids to predict in example `i`: one, or one per position of a window.
    pub fn targets(&self, i: usize) -> &[u32] {
        let at = self.targets[i] as usize;
        &self.stream[at + 1 - self.positions..=at]
    }

    /// The `context` ids before example `i`'s target.
    pub fn context(&self, i: usize, context: usize) -> &[u32] {
        let at = self.targets[i] as usize;
        &self.stream[at - context..at]
    }
}

/// A text set: its vocabulary and the examples of both splits.
#[derive(Clone, Debug, PartialEq)]
pub struct TextData {
    pub vocabulary: Vocabulary,
    pub train: TextSet,
    pub test: TextSet,
    context: usize,
}

impl TextData {
    /// The examples of the `train` and `test` documents (each a line of text without its
    /// newline), `context` tokens each, over the vocabulary of both.
    pub fn new(
        train: &[&str],
        test: &[&str],
        context: usize,
        task: TextTask,
    ) -> crate::error::Result<TextData> {
        let all = train.iter().chain(test).copied();
        let vocabulary = Vocabulary::of(all, train)?;
        let encode = |documents: &[&str]| -> Vec<Vec<u32>> {
            let ids = |d: &&str| d.chars().filter_map(|c| vocabulary.id(c)).collect();
            documents.iter().map(ids).collect()
        };
        Ok(TextData {
            train: TextSet::new(&encode(train), context, task),
            test: TextSet::new(&encode(test), context, task),
            vocabulary,
            context,
        })
    }

    /// The test loss (nats per token) of the bigram count model: each (previous token, next
    /// token) pair of the training targets counted, plus one, normalised per previous token;
    /// the reference a learned bigram reaches (measured on the test targets, each window's
    /// every one).
    pub fn count_model_test_loss(&self) -> f64 {
        // Only the pairs that occur are counted: a dense vocabulary × vocabulary table of the
        // poems' 3,650 characters would take 100 MB of the page's memory.
        let v = self.vocabulary.len();
        let pairs = |set: &TextSet| {
            let last = set.targets.iter().map(|&at| at as usize);
            let pairs = last.flat_map(|at| at + 1 - set.positions..=at);
            let stream = &set.stream;
            pairs
                .map(move |at| (stream[at - 1], stream[at]))
                .collect::<Vec<_>>()
        };
        let mut counts: HashMap<(u32, u32), f64> = HashMap::new();
        // Each row's total, with one more for every token (add-one smoothing).
        let mut totals = vec![v as f64; v];
        for (previous, next) in pairs(&self.train) {
            *counts.entry((previous, next)).or_default() += 1.0;
            totals[previous as usize] += 1.0;
        }
        let test = pairs(&self.test);
        let loss: f64 = test
            .iter()
            .map(|pair| {
                let count = counts.get(pair).copied().unwrap_or(0.0) + 1.0;
                -(count / totals[pair.0 as usize]).ln()
            })
            .sum();
        loss / test.len().max(1) as f64
    }

    /// Tokens the network reads per example.
    pub fn context(&self) -> usize {
        self.context
    }

    fn set(&self, split: Split) -> &TextSet {
        match split {
            Split::Train => &self.train,
            Split::Test => &self.test,
        }
    }
}

impl DataSource for TextData {
    fn len(&self, split: Split) -> usize {
        self.set(split).len()
    }

    fn target(&self, split: Split, i: usize) -> f32 {
        self.set(split).target(i) as f32
    }

    fn write_targets(&self, split: Split, i: usize, out: &mut [f32]) {
        for (o, &id) in out.iter_mut().zip(self.set(split).targets(i)) {
            *o = id as f32;
        }
    }

    /// The ids of the context tokens, as f32 (the embedding layer looks them up).
    fn write_input(&self, split: Split, i: usize, out: &mut [f32]) {
        for (o, &id) in out.iter_mut().zip(self.set(split).context(i, self.context)) {
            *o = id as f32;
        }
    }

    /// Tens of thousands of examples over a softmax of thousands of tokens: the train figure
    /// comes free from the epoch's batches, the test set is measured at the epoch's end.
    fn measurement(&self) -> Measurement {
        Measurement::EpochBatches
    }

    fn measured(&self, split: Split) -> usize {
        match split {
            Split::Train => self.train.len().min(MEASURED_TRAIN),
            Split::Test => self.test.len(),
        }
    }

    fn classes(&self) -> Option<usize> {
        Some(self.vocabulary.len())
    }

    /// A probability per token per test example would take hundreds of MB for poems; nothing
    /// reads them for text.
    fn keeps_predictions(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_of_every_document_is_an_example_its_end_included() {
        let data = TextData::new(&["emma", "bo"], &["amy"], 3, TextTask::NextToken).unwrap();
        assert_eq!(data.vocabulary.tokens(), ["", "a", "b", "e", "m", "o", "y"]);
        let train = &data.train;
        assert_eq!((train.len(), train.documents()), (5 + 3, 2));
        let example = |i: usize| {
            let mut input = [0.0; 3];
            data.write_input(Split::Train, i, &mut input);
            (input, data.target(Split::Train, i))
        };
        // e = 3, m = 4, a = 1, b = 2, o = 5; 0 is the boundary.
        assert_eq!(example(0), ([0.0, 0.0, 0.0], 3.0));
        assert_eq!(example(1), ([0.0, 0.0, 3.0], 4.0));
        assert_eq!(example(3), ([3.0, 4.0, 4.0], 1.0));
        assert_eq!(example(4), ([4.0, 4.0, 1.0], 0.0));
        // The next document starts from boundaries again, not from the end of the last one.
        assert_eq!(example(5), ([0.0, 0.0, 0.0], 2.0));
        assert_eq!(example(7), ([0.0, 2.0, 5.0], 0.0));
        assert_eq!(data.len(Split::Test), 4);
    }

    #[test]
    fn a_gpt_s_windows_start_at_each_document_and_target_every_next_token() {
        let data = TextData::new(&["emma", "bo"], &["amy"], 5, TextTask::Window).unwrap();
        let train = &data.train;
        assert_eq!(train.len(), 2);
        let example = |i: usize| {
            let (mut input, mut targets) = ([0.0; 5], [0.0; 5]);
            data.write_input(Split::Train, i, &mut input);
            data.write_targets(Split::Train, i, &mut targets);
            (input, targets)
        };
        // e = 3, m = 4, a = 1, b = 2, o = 5; 0 is the boundary. `·emma → emma·`, then
        // `·bo·e → bo·em`: after the last document the first comes round again.
        let emma = [0.0, 3.0, 4.0, 4.0, 1.0];
        assert_eq!(example(0), (emma, [3.0, 4.0, 4.0, 1.0, 0.0]));
        assert_eq!(
            example(1),
            ([0.0, 2.0, 5.0, 0.0, 3.0], [2.0, 5.0, 0.0, 3.0, 4.0])
        );
        // A document longer than the window gets a window every `context` tokens.
        let long = TextData::new(&["abcdefg"], &["a"], 3, TextTask::Window).unwrap();
        assert_eq!(long.train.len(), 3);
        // a..g are 1..7: the third window's targets are g, the end, and a (round again).
        assert_eq!(long.train.targets(2), [7, 0, 1]);
    }
}
