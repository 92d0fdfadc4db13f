//! What a GPT's attention heads look at over a text: the network run on the text's window (a
//! document's start, then its last characters), and for each block and head how much each
//! position (a query) weighs each position up to itself (its keys).

use serde::Serialize;

use super::Trainer;
use crate::config::limits::MAX_PROMPT_CHARS;
use crate::error::{check_range, Error, Result};

/// Every block's and head's attention probabilities over one window of text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttentionMaps {
    /// Blocks (`L`).
    pub layers: usize,
    /// Heads per block (`H`).
    pub heads: usize,
    /// The window's tokens as text (`T` of them): "" for the boundary (a document's start, when
    /// it is still in the window), then the text's characters.
    pub tokens: Vec<String>,
    /// `L × H × T × T`, block by block, head by head: row `q` (a query) spreads 1 over the
    /// columns `k ≤ q` (its keys) and is 0 beyond.
    #[serde(skip)]
    pub probabilities: Vec<f32>,
}

impl AttentionMaps {
    /// Positions in the window (`T`).
    pub fn positions(&self) -> usize {
        self.tokens.len()
    }

    /// The `T × T` map of head `head` in block `layer`, row by row.
    pub fn map(&self, layer: usize, head: usize) -> &[f32] {
        let square = self.positions() * self.positions();
        &self.probabilities[(layer * self.heads + head) * square..][..square]
    }
}

impl Trainer {
    /// The attention of every block and head of a GPT over `text` (1 or more characters of the
    /// vocabulary), as the model reads it after a document's start: the window is the last
    /// `context` tokens of the boundary and the text.
    pub fn attention_maps(&mut self, text: &str) -> Result<AttentionMaps> {
        if self.network.gpt().is_none() {
            return Err(Error::NotApplicable(
                "attention maps need a GPT (a gpt layer): this model has no attention".into(),
            ));
        }
        check_range("text length", text.chars().count(), 1, MAX_PROMPT_CHARS)?;
        let tokens = self.tokens_of("text", text)?;
        let window = &tokens[tokens.len().saturating_sub(self.config.context as usize)..];
        self.predict_next(window);
        let vocabulary = self.vocabulary()?;
        let names = window
            .iter()
            .map(|&id| vocabulary.char_of(id).map(String::from).unwrap_or_default())
            .collect();
        let (Some(gpt), Some(values)) = (self.network.gpt(), self.probe.gpt_values()) else {
            return Err(Error::Shape("a GPT's probe keeps its values".into()));
        };
        // The network ran on the whole context; the window's positions are the first `t` (the
        // boundary tokens after them change nothing before them).
        let (t, context) = (window.len(), gpt.shape.context);
        let mut probabilities = Vec::with_capacity(gpt.blocks.len() * gpt.shape.heads * t * t);
        for (block, kept) in gpt.blocks.iter().zip(&values.blocks) {
            for head in 0..gpt.shape.heads {
                let map = block.attention.probabilities(&kept.attention, 0, head);
                for row in map.chunks_exact(context).take(t) {
                    probabilities.extend_from_slice(&row[..t]);
                }
            }
        }
        Ok(AttentionMaps {
            layers: gpt.blocks.len(),
            heads: gpt.shape.heads,
            tokens: names,
            probabilities,
        })
    }
}
