//! Data-parallel steps (`trainer::replicas`) for the page's workers: each replica computes its
//! share's gradient, the sum comes back, every replica applies it.

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use super::errors::js_error;
use super::WebTrainer;
use crate::error::{whole_number, Error};
use crate::trainer::history::Tally;
use crate::trainer::replicas::MAX_REPLICAS;

/// A count from JS: a whole number from 0 to `MAX_REPLICAS` (the core checks the rest).
fn count(name: &str, value: f64) -> Result<usize, JsError> {
    let value = whole_number(name, value, 0, MAX_REPLICAS as u64).map_err(js_error)?;
    Ok(value as usize)
}

#[wasm_bindgen(js_class = Trainer)]
impl WebTrainer {
    /// Forward, loss and backward of share `part` of `parts` of the next step's batch. The
    /// share's gradient (weighted by its part of the batch) is then in `grads()`; returns the
    /// share's tally `[loss sum, hits, squared error, examples]` for `applyGradient`.
    #[wasm_bindgen(js_name = shareGradient)]
    pub fn share_gradient(&mut self, part: f64, parts: f64) -> Result<Float64Array, JsError> {
        let (part, parts) = (count("part", part)?, count("parts", parts)?);
        let (_, tally) = self.inner.share_gradient(part, parts).map_err(js_error)?;
        Ok(Float64Array::from(&tally.to_numbers()[..]))
    }

    /// Ends a split step: `grads`, the sum of every share's gradient; `tally`, the sum of their
    /// tallies. Every replica applies the same sum and stays equal to the others.
    #[wasm_bindgen(js_name = applyGradient)]
    pub fn apply_gradient(&mut self, grads: &[f32], tally: &[f64]) -> Result<(), JsError> {
        let numbers: [f64; 4] = tally
            .try_into()
            .map_err(|_| js_error(Error::invalid("tally", "4 numbers", tally.len())))?;
        let tally = Tally::from_numbers(numbers).ok_or_else(|| {
            js_error(Error::invalid(
                "tally",
                "[loss sum, hits, squared error, examples] with whole hits and examples",
                format!("{numbers:?}"),
            ))
        })?;
        self.inner.apply_gradient(grads, &tally).map_err(js_error)
    }
}
