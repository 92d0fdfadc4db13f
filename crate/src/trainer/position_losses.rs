//! Which characters of a text are hard to predict: for each one, the probability the model gave
//! it after the text before it (from a document's start) and its loss, `−ln p`. Any text model
//! answers: an MLP's window slides along the text; a GPT's one window serves every position
//! it holds (it predicts after each), then slides.

use serde::Serialize;

use super::Trainer;
use crate::config::limits::MAX_PROMPT_CHARS;
use crate::error::{check_range, Result};

/// A text's characters, each with the model's surprise at it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PositionLosses {
    /// The text's characters, one per position.
    pub characters: Vec<String>,
    /// Per position: the probability of that character after the ones before it.
    pub probabilities: Vec<f32>,
    /// Per position: `−ln` of it, in nats (0: no surprise; ln V: a uniform guess).
    pub losses: Vec<f32>,
}

impl Trainer {
    /// The probability and loss of each character of `text` (1 or more of the vocabulary's)
    /// after the ones before it: what `next_token_probabilities` of each prefix gives it.
    pub fn position_losses(&mut self, text: &str) -> Result<PositionLosses> {
        let n = text.chars().count();
        check_range("text length", n, 1, MAX_PROMPT_CHARS)?;
        let tokens = self.tokens_of("text", text)?;
        let lead = tokens.len() - n;
        let context = self.config.context as usize;
        // A GPT predicts after each position of one pass over the first `context` tokens.
        let shared = self.network.positions() > 1;
        if shared {
            self.predict_next(&tokens[..tokens.len().min(context)]);
        }
        let mut probabilities = Vec::with_capacity(n);
        for target in lead..tokens.len() {
            let row = if shared && target <= context {
                target - 1
            } else {
                self.predict_next(&tokens[..target])
            };
            let predictions = self.row(self.network.predictions(&self.probe), row);
            probabilities.push(predictions[tokens[target] as usize]);
        }
        Ok(PositionLosses {
            characters: text.chars().map(String::from).collect(),
            losses: probabilities
                .iter()
                .map(|&p| -p.max(f32::MIN_POSITIVE).ln())
                .collect(),
            probabilities,
        })
    }
}
