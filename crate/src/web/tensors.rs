//! A named tensor of the model (`network().tensors[index]`) for the page: a view of its values,
//! gradients or last update, and its histogram.

use js_sys::Float32Array;
use wasm_bindgen::prelude::*;

use super::errors::js_error;
use super::views::view;
use super::{index, to_js, WebTrainer};
use crate::trainer::Spread;

#[wasm_bindgen(js_class = Trainer)]
impl WebTrainer {
    /// Tensor `index`'s parameters, gradients or last update (`rows × cols`, row-major): a view.
    #[wasm_bindgen(js_name = tensorValues)]
    pub fn tensor_values(
        &self,
        index_: f64,
        #[wasm_bindgen(unchecked_param_type = "Spread")] what: &str,
    ) -> Result<Float32Array, JsError> {
        let tensor = index("tensor", index_)?;
        let spread = Spread::parse(what).map_err(js_error)?;
        let values = self.inner.tensor_values(tensor, spread).map_err(js_error)?;
        Ok(view(values))
    }

    /// The histogram of tensor `index`'s parameters, gradients or last update: `{ lo, hi,
    /// counts }`, drawn by `Charts.drawHistogram`.
    #[wasm_bindgen(js_name = tensorHistogram, unchecked_return_type = "Histogram")]
    pub fn tensor_histogram(
        &self,
        index_: f64,
        #[wasm_bindgen(unchecked_param_type = "Spread")] what: &str,
    ) -> Result<JsValue, JsError> {
        let tensor = index("tensor", index_)?;
        let spread = Spread::parse(what).map_err(js_error)?;
        let histogram = self
            .inner
            .tensor_histogram(tensor, spread)
            .map_err(js_error)?;
        Ok(to_js(&histogram))
    }
}
