//! The typed-array views the page reads: parameters, gradients, optimiser state, the values of
//! a probe, a grid or the batch, the data, and the test verdict. Each is a view over wasm
//! memory, not a copy: it becomes invalid when memory grows, so the page fetches it again after
//! every call that may allocate (the core allocates its buffers up front, so this is rare).

use js_sys::{Float32Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::errors::js_error;
use super::WebTrainer;
use crate::data::images::ImageSet;
use crate::error::Error;

/// A view of a slice of wasm memory.
pub(super) fn view(data: &[f32]) -> Float32Array {
    // SAFETY: the view is handed to JS, which re-fetches views after every call that may
    // allocate (documented in docs/trainer-api.md); nothing mutates `data` while JS reads it.
    unsafe { Float32Array::view(data) }
}

fn image_view(set: Option<&ImageSet>) -> Uint8Array {
    // SAFETY: as for `view`.
    unsafe { Uint8Array::view(set.map_or(&[][..], |s| &s.pixels)) }
}

fn label_view(set: Option<&ImageSet>) -> Uint8Array {
    // SAFETY: as for `view`.
    unsafe { Uint8Array::view(set.map_or(&[][..], |s| &s.labels)) }
}

#[wasm_bindgen(js_class = Trainer)]
impl WebTrainer {
    pub fn params(&self) -> Float32Array {
        view(self.inner.params())
    }

    pub fn grads(&self) -> Float32Array {
        view(self.inner.grads())
    }

    #[wasm_bindgen(js_name = lastUpdate)]
    pub fn last_update(&self) -> Float32Array {
        view(self.inner.last_update())
    }

    /// Buffer `index` of the optimiser's state (names in `network().optimizerState`).
    #[wasm_bindgen(js_name = optimizerState)]
    pub fn optimizer_state(&self, index: f64) -> Result<Float32Array, JsError> {
        let index = super::index("optimizer state index", index)?;
        let state = self.inner.optimizer().state();
        state.get(index).map(|s| view(s)).ok_or_else(|| {
            js_error(Error::invalid(
                "optimizer state index",
                format!("below {}", state.len()),
                index,
            ))
        })
    }

    /// Values of every boundary for one point.
    pub fn probe(&mut self, x1: f32, x2: f32) -> Result<Float32Array, JsError> {
        self.inner.probe(x1, x2).map(view).map_err(js_error)
    }

    /// Values of every boundary for one image (`height × width` pixels in [0, 1]).
    #[wasm_bindgen(js_name = probeImage)]
    pub fn probe_image(&mut self, pixels: &[f32]) -> Result<Float32Array, JsError> {
        self.inner.probe_image(pixels).map(view).map_err(js_error)
    }

    /// Values of every boundary over a `resolution²` grid of the square.
    pub fn grid(&mut self, resolution: f64) -> Result<Float32Array, JsError> {
        let resolution = super::index("grid resolution", resolution)?;
        self.inner.grid(resolution).map(view).map_err(js_error)
    }

    /// The last `grid`'s values unit by unit: unit `j` of boundary `k`, point `i` at
    /// `N * prefix + j * N + i` (each unit's map is one contiguous run of `N` values).
    #[wasm_bindgen(js_name = gridMaps)]
    pub fn grid_maps(&self) -> Float32Array {
        view(self.inner.grid_maps())
    }

    #[wasm_bindgen(js_name = gridScores)]
    pub fn grid_scores(&self) -> Float32Array {
        view(self.inner.grid_scores())
    }

    #[wasm_bindgen(js_name = batchIndices)]
    pub fn batch_indices(&self) -> Uint32Array {
        // SAFETY: as for `view`.
        unsafe { Uint32Array::view(self.inner.batch_indices()) }
    }

    #[wasm_bindgen(js_name = batchValues)]
    pub fn batch_values(&self) -> Float32Array {
        view(self.inner.batch_values())
    }

    /// Each example's loss in the batch (a copy: it is computed, not held).
    #[wasm_bindgen(js_name = batchLosses)]
    pub fn batch_losses(&self) -> Float32Array {
        Float32Array::from(&self.inner.batch_losses()[..])
    }

    #[wasm_bindgen(js_name = batchGradients)]
    pub fn batch_gradients(&self) -> Float32Array {
        view(self.inner.batch_gradients())
    }

    #[wasm_bindgen(js_name = trainPoints)]
    pub fn train_points(&self) -> Float32Array {
        view(
            self.inner
                .data()
                .points()
                .map_or(&[][..], |d| &d.train.points),
        )
    }

    #[wasm_bindgen(js_name = testPoints)]
    pub fn test_points(&self) -> Float32Array {
        view(
            self.inner
                .data()
                .points()
                .map_or(&[][..], |d| &d.test.points),
        )
    }

    #[wasm_bindgen(js_name = trainTargets)]
    pub fn train_targets(&self) -> Float32Array {
        view(
            self.inner
                .data()
                .points()
                .map_or(&[][..], |d| &d.train.targets),
        )
    }

    #[wasm_bindgen(js_name = testTargets)]
    pub fn test_targets(&self) -> Float32Array {
        view(
            self.inner
                .data()
                .points()
                .map_or(&[][..], |d| &d.test.targets),
        )
    }

    /// Pixels of the training images (bytes, image after image), empty for points.
    #[wasm_bindgen(js_name = trainImages)]
    pub fn train_images(&self) -> Uint8Array {
        image_view(self.inner.data().images().map(|(train, _)| train))
    }

    #[wasm_bindgen(js_name = testImages)]
    pub fn test_images(&self) -> Uint8Array {
        image_view(self.inner.data().images().map(|(_, test)| test))
    }

    /// Labels of the training images, empty for points.
    #[wasm_bindgen(js_name = trainLabels)]
    pub fn train_labels(&self) -> Uint8Array {
        label_view(self.inner.data().images().map(|(train, _)| train))
    }

    #[wasm_bindgen(js_name = testLabels)]
    pub fn test_labels(&self) -> Uint8Array {
        label_view(self.inner.data().images().map(|(_, test)| test))
    }

    /// Class probabilities of every test example (examples × classes; a GPT's: examples ×
    /// positions × classes) for the current parameters, computed on call.
    #[wasm_bindgen(js_name = testPredictions)]
    pub fn test_predictions(&mut self) -> Float32Array {
        view(self.inner.test_predictions())
    }

    /// An image network's test predictions at its last measured epoch (the view is empty before
    /// the first): the verdict to show while training, made a few images per step.
    #[wasm_bindgen(js_name = epochTestPredictions)]
    pub fn epoch_test_predictions(&self) -> Float32Array {
        view(self.inner.epoch_test_predictions().0)
    }
}
