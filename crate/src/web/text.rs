//! Text mode's calls: a trainer from the bytes of a text set's files, its vocabulary and
//! embedding table, the next token's distribution and seeded generation. Each number from JS is
//! checked here with its range (a `u32` parameter would wrap -1 and truncate 2.5).

use js_sys::{Float32Array, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::errors::js_error;
use super::{count, from_js, to_js, WebTrainer};
use crate::config::limits::{MAX_GENERATED_TOKENS, TOP_K_MAX};
use crate::data::text::repository_paths;
use crate::data::TrainingData;
use crate::error::Error;
use crate::trainer::Sampling;
use crate::{Config, Trainer};

/// `generate`'s options as JS numbers, each checked before it becomes a `Sampling`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct SamplingOptions {
    max_tokens: f64,
    temperature: f64,
    top_k: f64,
    seed: f64,
}

impl Default for SamplingOptions {
    fn default() -> Self {
        let s = Sampling::default();
        SamplingOptions {
            max_tokens: f64::from(s.max_tokens),
            temperature: s.temperature,
            top_k: f64::from(s.top_k),
            seed: f64::from(s.seed),
        }
    }
}

impl SamplingOptions {
    fn sampling(&self) -> Result<Sampling, JsError> {
        let sampling = Sampling {
            max_tokens: count(
                "maxTokens",
                self.max_tokens,
                u64::from(MAX_GENERATED_TOKENS),
            )? as u32,
            temperature: self.temperature,
            top_k: count("topK", self.top_k, u64::from(TOP_K_MAX))? as u32,
            seed: count("seed", self.seed, u64::from(u32::MAX))? as u32,
        };
        sampling.check().map_err(js_error)?;
        Ok(sampling)
    }
}

/// A text set's tokens (the boundary first, as "") and how often each is a training target.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VocabularyView {
    tokens: Vec<String>,
    counts: Vec<u64>,
    /// The loss of guessing uniformly (ln of the vocabulary's size) and of the bigram count
    /// model on the test set, in nats per token: the loss chart's reference lines.
    uniform_loss: f64,
    count_model_loss: f64,
}

fn not_text() -> JsError {
    js_error(Error::invalid(
        "dataset",
        "a text dataset (names, poems, dishes)",
        "another kind of data",
    ))
}

#[wasm_bindgen(js_class = Trainer)]
impl WebTrainer {
    /// The data files of a text dataset, relative to the repository root: `[train, test]`;
    /// `null` for other datasets.
    #[wasm_bindgen(js_name = textFiles, unchecked_return_type = "[string, string] | null")]
    pub fn text_files(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
    ) -> Result<JsValue, JsError> {
        let config: Config = from_js("config", config)?;
        Ok(repository_paths(config.dataset).map_or(JsValue::NULL, |paths| to_js(&paths)))
    }

    /// Builds a trainer for a text dataset from the bytes of its files (`textFiles`).
    #[wasm_bindgen(js_name = withText)]
    pub fn with_text(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
        train: &[u8],
        test: &[u8],
    ) -> Result<WebTrainer, JsError> {
        let config: Config = from_js("config", config)?;
        let inner = Trainer::with_text_files(config, train, test).map_err(js_error)?;
        Ok(WebTrainer { inner })
    }

    /// Loads a model file of a text dataset, with the bytes of its files.
    #[wasm_bindgen(js_name = fromJSONWithText)]
    pub fn from_json_with_text(
        text: &str,
        train: &[u8],
        test: &[u8],
    ) -> Result<WebTrainer, JsError> {
        let inner = Trainer::from_json_with(text, |config| {
            TrainingData::from_text_files(config, train, test)
        })
        .map_err(js_error)?;
        Ok(WebTrainer { inner })
    }

    /// The vocabulary: `{ tokens, counts, uniformLoss, countModelLoss }` (token 0, "", is the
    /// boundary: a document's start and end).
    #[wasm_bindgen(unchecked_return_type = "Vocabulary")]
    pub fn vocabulary(&self) -> Result<JsValue, JsError> {
        let text = self.inner.data().text().ok_or_else(not_text)?;
        let v = &text.vocabulary;
        Ok(to_js(&VocabularyView {
            tokens: v.tokens(),
            counts: v.counts().to_vec(),
            uniform_loss: (v.len() as f64).ln(),
            count_model_loss: text.count_model_test_loss(),
        }))
    }

    /// The embedding table (vocabulary × dims, row = token id) of a text network (a GPT's
    /// token table), or its gradient (`"gradients"`): a view into `params()` or `grads()`.
    pub fn embedding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"weights\" | \"gradients\" | undefined")]
        what: Option<String>,
    ) -> Result<Float32Array, JsError> {
        let Some(e) = self.inner.network().token_embedding() else {
            return Err(not_text());
        };
        let values = match what.as_deref() {
            None | Some("weights") => self.inner.params(),
            Some("gradients") => self.inner.grads(),
            Some(other) => {
                return Err(js_error(Error::invalid(
                    "what",
                    "\"weights\" or \"gradients\"",
                    format!("\"{other}\""),
                )))
            }
        };
        Ok(super::views::view(e.table.of(values)))
    }

    /// The probability of each token (by id) coming next after `prompt`; a view, valid until
    /// the next call.
    #[wasm_bindgen(js_name = nextTokenProbabilities)]
    pub fn next_token_probabilities(&mut self, prompt: &str) -> Result<Float32Array, JsError> {
        let p = self
            .inner
            .next_token_probabilities(prompt)
            .map_err(js_error)?;
        Ok(super::views::view(p))
    }

    /// Every block's and head's attention over `text` (a GPT's): `{ layers, heads, tokens,
    /// probabilities }`, `probabilities` a copy (`layers × heads × T × T`, `T` the tokens).
    #[wasm_bindgen(js_name = attentionMaps, unchecked_return_type = "AttentionMaps")]
    pub fn attention_maps(&mut self, text: &str) -> Result<JsValue, JsError> {
        let maps = self.inner.attention_maps(text).map_err(js_error)?;
        let object = to_js(&maps);
        let probabilities = Float32Array::from(&maps.probabilities[..]);
        Reflect::set(&object, &JsValue::from_str("probabilities"), &probabilities)
            .map_err(|_| JsError::new("attention maps could not be handed to the page"))?;
        Ok(object)
    }

    /// How surprised the model is at each character of `text`: `{ characters, probabilities,
    /// losses }`, one per character (its probability after the ones before it, and `−ln` of it).
    #[wasm_bindgen(js_name = positionLosses, unchecked_return_type = "PositionLosses")]
    pub fn position_losses(&mut self, text: &str) -> Result<JsValue, JsError> {
        let losses = self.inner.position_losses(text).map_err(js_error)?;
        Ok(to_js(&losses))
    }

    /// The text the network writes after `prompt` (not repeated), with `{ maxTokens,
    /// temperature, topK, seed }` (each optional): the same options, the same text.
    pub fn generate(
        &mut self,
        prompt: &str,
        #[wasm_bindgen(unchecked_param_type = "GenerateOptions | undefined")] options: JsValue,
    ) -> Result<String, JsError> {
        let options: SamplingOptions = if options.is_undefined() || options.is_null() {
            SamplingOptions::default()
        } else {
            from_js("options", options)?
        };
        self.inner
            .generate(prompt, &options.sampling()?)
            .map_err(js_error)
    }
}
