//! Talking to a text network: the distribution of the next token after a prompt, and text
//! sampled from it token by token (seeded, so the same call gives the same text), until the
//! boundary token ends the document or `maxTokens` are written.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::Trainer;
use crate::config::limits::{MAX_GENERATED_TOKENS, MAX_PROMPT_CHARS, TEMPERATURE, TOP_K_MAX};
use crate::data::text::BOUNDARY;
use crate::error::{check_range, Error, Result};
use crate::nn::network::Mode;
use crate::seed::sampling_rng;

/// How `generate` samples.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Sampling {
    /// Tokens written at most (the boundary token ends sooner).
    pub max_tokens: u32,
    /// Divides the logits: below 1 sharper, above 1 flatter.
    pub temperature: f64,
    /// Samples among the `top_k` likeliest tokens only; 0: among all.
    pub top_k: u32,
    pub seed: u32,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            max_tokens: 100,
            temperature: 1.0,
            top_k: 0,
            seed: 1,
        }
    }
}

impl Sampling {
    /// Every number in its range, named.
    pub fn check(&self) -> Result<()> {
        check_range("maxTokens", self.max_tokens, 0, MAX_GENERATED_TOKENS)?;
        TEMPERATURE.check("temperature", self.temperature)?;
        check_range("topK", self.top_k, 0, TOP_K_MAX)
    }
}

impl Trainer {
    /// The probability of each token of the vocabulary (by id) coming next after `prompt`
    /// (a document's start: the prompt follows boundary tokens).
    pub fn next_token_probabilities(&mut self, prompt: &str) -> Result<&[f32]> {
        let tokens = self.tokens_of("prompt", prompt)?;
        let row = self.predict_next(&tokens);
        Ok(self.row(self.network.predictions(&self.probe), row))
    }

    /// The text the network writes after `prompt` (the prompt itself not included).
    pub fn generate(&mut self, prompt: &str, sampling: &Sampling) -> Result<String> {
        sampling.check()?;
        let mut tokens = self.tokens_of("prompt", prompt)?;
        let mut rng = sampling_rng(sampling.seed);
        let mut weights = Vec::with_capacity(self.network.loss().width);
        let mut text = String::new();
        for _ in 0..sampling.max_tokens {
            let row = self.predict_next(&tokens);
            let logits = self.row(self.network.logits(&self.probe), row);
            let token = sample(logits, sampling, &mut weights, rng.gen::<f64>());
            if token == BOUNDARY {
                break;
            }
            text.extend(self.vocabulary()?.char_of(token));
            tokens.push(token);
        }
        Ok(text)
    }

    pub(super) fn vocabulary(&self) -> Result<&crate::data::text::Vocabulary> {
        self.data.text().map(|t| &t.vocabulary).ok_or_else(|| {
            Error::invalid(
                "dataset",
                "a text dataset (names, poems) to generate text",
                crate::config::name_of(&self.config.dataset),
            )
        })
    }

    /// The ids of `text` (named `field` in errors) after a document's start: as many boundary
    /// tokens as the network reads before its first prediction (an MLP its whole context, a
    /// GPT one).
    pub(super) fn tokens_of(&self, field: &str, text: &str) -> Result<Vec<u32>> {
        let chars = text.chars().count();
        check_range(&format!("{field} length"), chars, 0, MAX_PROMPT_CHARS)?;
        let ids = self.vocabulary()?.encode(field, text)?;
        let lead = self.config.context as usize + 1 - self.network.positions();
        Ok(std::iter::repeat_n(BOUNDARY, lead).chain(ids).collect())
    }

    /// Runs the network in the probe workspace on the last `context` tokens (fewer at a GPT's
    /// start: the positions after them, boundary tokens, change nothing before them); returns
    /// the row of the prediction that follows the last token.
    pub(super) fn predict_next(&mut self, tokens: &[u32]) -> usize {
        let context = self.config.context as usize;
        let window = &tokens[tokens.len().saturating_sub(context)..];
        let inputs = self.probe.inputs_mut(1, context);
        inputs.fill(BOUNDARY as f32);
        for (input, &id) in inputs.iter_mut().zip(window) {
            *input = id as f32;
        }
        self.network
            .forward(&self.params, &mut self.probe, Mode::Eval);
        // An MLP predicts once, after its whole context; a GPT after every position.
        if self.network.positions() == 1 {
            0
        } else {
            window.len() - 1
        }
    }

    /// Row `row` (one per position) of a probe's logits or predictions.
    pub(super) fn row<'a>(&self, values: &'a [f32], row: usize) -> &'a [f32] {
        let width = self.network.loss().width;
        &values[row * width..][..width]
    }
}

/// The token whose share of the tempered, top-k cut distribution of `logits` holds `u` ∈ [0, 1).
fn sample(logits: &[f32], sampling: &Sampling, weights: &mut Vec<f64>, u: f64) -> u32 {
    let t = sampling.temperature;
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    weights.clear();
    weights.extend(logits.iter().map(|&z| (f64::from(z - max) / t).exp()));
    let k = sampling.top_k as usize;
    if k > 0 && k < weights.len() {
        // The k-th largest weight; ties with it are kept (so the cut never depends on order).
        let mut sorted = weights.clone();
        sorted.sort_unstable_by(|a, b| b.total_cmp(a));
        let cut = sorted[k - 1];
        weights
            .iter_mut()
            .filter(|w| **w < cut)
            .for_each(|w| *w = 0.0);
    }
    let total: f64 = weights.iter().sum();
    let mut left = u * total;
    for (token, &w) in weights.iter().enumerate() {
        if left < w {
            return token as u32;
        }
        left -= w;
    }
    // Rounding left a sliver past the last weight: the last token with any weight.
    weights.iter().rposition(|&w| w > 0.0).unwrap_or(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampling(temperature: f64, top_k: u32) -> Sampling {
        Sampling {
            temperature,
            top_k,
            ..Sampling::default()
        }
    }

    #[test]
    fn sampling_walks_the_distribution_and_top_k_keeps_only_the_likeliest() {
        let logits = [0.0f32, 2.0f32.ln(), 0.0]; // weights 1 : 2 : 1
        let mut w = Vec::new();
        let s = sampling(1.0, 0);
        assert_eq!(sample(&logits, &s, &mut w, 0.0), 0);
        assert_eq!(sample(&logits, &s, &mut w, 0.3), 1);
        assert_eq!(sample(&logits, &s, &mut w, 0.9), 2);
        for u in [0.0, 0.5, 0.99] {
            assert_eq!(sample(&logits, &sampling(1.0, 1), &mut w, u), 1);
        }
        // A low temperature makes the likeliest token almost certain.
        assert_eq!(sample(&logits, &sampling(0.01, 0), &mut w, 0.999), 1);
    }

    #[test]
    fn each_sampling_number_is_checked_against_its_range() {
        let bad = [
            (
                Sampling {
                    max_tokens: MAX_GENERATED_TOKENS + 1,
                    ..Sampling::default()
                },
                "maxTokens",
            ),
            (sampling(0.0, 0), "temperature"),
            (sampling(f64::NAN, 0), "temperature"),
            (sampling(1.0, TOP_K_MAX + 1), "topK"),
        ];
        for (s, field) in bad {
            assert_eq!(s.check().unwrap_err().path(), Some(field));
        }
    }
}
