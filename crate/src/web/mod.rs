//! The browser surface: the only code that knows about wasm-bindgen. It translates between JS
//! values and the core, and hands out `Float32Array` views over the core's buffers.
//!
//! Views point into wasm memory and become invalid when it grows; the page fetches them again
//! after every call (the core allocates its buffers up front, so this is rare).

mod chart_style;
mod histogram_chart;
mod history_chart;
mod network_info;
mod types;

use js_sys::{Float32Array, Uint32Array, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::describe_path_error;
use crate::examples::TrainingData;
use crate::presets::{preset, PRESET_NAMES};
use crate::tensors::TensorSet;
use crate::trainer::TrainingChange;
use crate::{Config, Trainer};

/// Reports a panic (a bug: none is reachable from bad input) on the console instead of a bare
/// "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsError> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| JsError::new(&describe_path_error(what, e).to_string()))
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Chart options from JS (`undefined` or `null` give the defaults).
fn chart_options(value: JsValue) -> Result<chart_style::ChartOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(Default::default())
    } else {
        from_js("chart options", value)
    }
}

fn js_error(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// A view of a slice of wasm memory.
fn view(data: &[f32]) -> Float32Array {
    // SAFETY: the view is handed to JS, which re-fetches views after every call that may
    // allocate (documented in docs/trainer-api.md); nothing mutates `data` while JS reads it.
    unsafe { Float32Array::view(data) }
}

fn image_view(set: Option<&crate::images::ImageSet>) -> Uint8Array {
    // SAFETY: as for `view`.
    unsafe { Uint8Array::view(set.map_or(&[][..], |s| &s.pixels)) }
}

fn label_view(set: Option<&crate::images::ImageSet>) -> Uint8Array {
    // SAFETY: as for `view`.
    unsafe { Uint8Array::view(set.map_or(&[][..], |s| &s.labels)) }
}

#[wasm_bindgen(js_name = Trainer)]
pub struct WebTrainer {
    inner: Trainer,
}

#[wasm_bindgen(js_class = Trainer)]
impl WebTrainer {
    /// Builds a trainer from a config object; throws an `Error` naming any bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
    ) -> Result<WebTrainer, JsError> {
        let config: Config = from_js("config", config)?;
        Ok(WebTrainer {
            inner: Trainer::new(config).map_err(js_error)?,
        })
    }

    /// Names of the presets.
    pub fn presets() -> Vec<String> {
        PRESET_NAMES.iter().map(|s| s.to_string()).collect()
    }

    /// The config of a preset.
    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn preset(name: &str) -> Result<JsValue, JsError> {
        Ok(to_js(&preset(name).map_err(js_error)?.config))
    }

    /// Epochs a preset needs to learn its data.
    #[wasm_bindgen(js_name = defaultEpochs)]
    pub fn default_epochs(name: &str) -> Result<u32, JsError> {
        Ok(preset(name).map_err(js_error)?.epochs as u32)
    }

    /// The data files of an image dataset, relative to the repository root:
    /// `[train, test]` (test is `null` for a set split by `trainShare`); `null` for points.
    #[wasm_bindgen(js_name = imageFiles, unchecked_return_type = "[string, string | null] | null")]
    pub fn image_files(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
    ) -> Result<JsValue, JsError> {
        let config: Config = from_js("config", config)?;
        let path = |f: &str| format!("crate/data/{f}");
        Ok(match crate::images::files_of(config.dataset) {
            Some((train, test)) => to_js(&(path(train), test.map(path))),
            None => JsValue::NULL,
        })
    }

    /// Builds a trainer for an image dataset from the bytes of its files (`imageFiles`).
    #[wasm_bindgen(js_name = withImages)]
    pub fn with_images(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
        train: &[u8],
        test: Option<Vec<u8>>,
    ) -> Result<WebTrainer, JsError> {
        let config: Config = from_js("config", config)?;
        Ok(WebTrainer {
            inner: Trainer::with_image_files(config, train, test.as_deref()).map_err(js_error)?,
        })
    }

    /// Builds a trainer on the caller's examples (`dataset: "tensors"` with `input` giving
    /// `{channels, height, width, classes}`): `inputs` hold one `C × H × W` tensor per label.
    /// The test set is measured at each epoch's end; the train figure is the epoch's batches.
    #[wasm_bindgen(js_name = withTensors)]
    pub fn with_tensors(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
        inputs: Vec<f32>,
        labels: Vec<u32>,
        test_inputs: Vec<f32>,
        test_labels: Vec<u32>,
    ) -> Result<WebTrainer, JsError> {
        let config: Config = from_js("config", config)?;
        let train = TensorSet::new(&config, "train", inputs, labels).map_err(js_error)?;
        let test = TensorSet::new(&config, "test", test_inputs, test_labels).map_err(js_error)?;
        Ok(WebTrainer {
            inner: Trainer::with_tensors(config, train, test).map_err(js_error)?,
        })
    }

    /// Loads a model file of an image dataset, with the bytes of its files.
    #[wasm_bindgen(js_name = fromJSONWithImages)]
    pub fn from_json_with_images(
        text: &str,
        train: &[u8],
        test: Option<Vec<u8>>,
    ) -> Result<WebTrainer, JsError> {
        let inner = Trainer::from_json_with(text, |config| {
            TrainingData::from_image_files(config, train, test.as_deref())
        })
        .map_err(js_error)?;
        Ok(WebTrainer { inner })
    }

    /// Loads a model file written by `toJSON`.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(text: &str) -> Result<WebTrainer, JsError> {
        Ok(WebTrainer {
            inner: Trainer::from_json(text).map_err(js_error)?,
        })
    }

    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&mut self) -> Result<String, JsError> {
        self.inner.to_json().map_err(js_error)
    }

    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn config(&self) -> JsValue {
        to_js(self.inner.config())
    }

    /// Runs `n` whole steps.
    pub fn step(&mut self, n: u32) {
        self.inner.step(u64::from(n));
    }

    /// Runs the next phase only; returns its name.
    #[wasm_bindgen(unchecked_return_type = "PhaseName")]
    pub fn phase(&mut self) -> String {
        self.inner.phase().name().into()
    }

    pub fn epoch(&mut self) {
        self.inner.epoch();
    }

    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// Trains the whole steps that fit in `milliseconds` (at least one, at most `max_steps`);
    /// returns the number of steps run.
    #[wasm_bindgen(js_name = runFor)]
    pub fn run_for(&mut self, milliseconds: f64, max_steps: u32) -> u32 {
        let inner = &mut self.inner;
        spend(milliseconds, max_steps, |n| inner.step(u64::from(n)))
    }

    /// Makes the current parameters' predictions for more test examples, for about
    /// `milliseconds` (at least one example); returns how many are made. Once all are,
    /// `testPredictions` and `confusion` answer without work: a page calls this a slice per
    /// frame instead of freezing for a whole test set.
    #[wasm_bindgen(js_name = advanceTestPredictions)]
    pub fn advance_test_predictions(&mut self, milliseconds: f64) -> u32 {
        let inner = &mut self.inner;
        let left = inner.data().test().len() - inner.test_predictions_made();
        spend(milliseconds, to_u32(left), |n| {
            inner.advance_test_predictions(n as usize);
        });
        to_u32(inner.test_predictions_made())
    }

    /// How many test examples have predictions for the current parameters.
    #[wasm_bindgen(js_name = testPredictionsMade)]
    pub fn test_predictions_made(&self) -> u32 {
        to_u32(self.inner.test_predictions_made())
    }

    /// Measures a few more images of an image network's pending epoch measurement (each
    /// training step does this too; call it while paused). Returns whether more remains.
    #[wasm_bindgen(js_name = advanceEvaluation)]
    pub fn advance_evaluation(&mut self) -> bool {
        self.inner.advance_evaluation()
    }

    /// Changes learning rate, regularisation, or batch size without a reset.
    #[wasm_bindgen(js_name = setTraining)]
    pub fn set_training(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TrainingChange")] change: JsValue,
    ) -> Result<(), JsError> {
        let change: TrainingChange = from_js("training change", change)?;
        self.inner.set_training(&change).map_err(js_error)
    }

    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, index: f64, value: f32) -> Result<(), JsError> {
        if !(index >= 0.0 && index.fract() == 0.0) {
            return Err(JsError::new(&format!(
                "weight index must be a whole number from 0, got {index}"
            )));
        }
        self.inner
            .set_weight(index as usize, value)
            .map_err(js_error)
    }

    #[wasm_bindgen(unchecked_return_type = "Metrics")]
    pub fn metrics(&mut self) -> JsValue {
        to_js(&self.inner.metrics())
    }

    #[wasm_bindgen(unchecked_return_type = "History")]
    pub fn history(&self) -> JsValue {
        to_js(self.inner.history())
    }

    #[wasm_bindgen(unchecked_return_type = "NetworkInfo")]
    pub fn network(&self) -> JsValue {
        to_js(&network_info::describe(&self.inner))
    }

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
    pub fn optimizer_state(&self, index: usize) -> Result<Float32Array, JsError> {
        let state = self.inner.optimizer().state();
        state.get(index).map(|s| view(s)).ok_or_else(|| {
            JsError::new(&format!(
                "optimizer state index must be below {}, got {index}",
                state.len()
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
    pub fn grid(&mut self, resolution: usize) -> Result<Float32Array, JsError> {
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

    /// Class probabilities of every test example (examples × classes) for the current
    /// parameters, computed on call.
    #[wasm_bindgen(js_name = testPredictions)]
    pub fn test_predictions(&mut self) -> Float32Array {
        view(self.inner.test_predictions())
    }

    /// Test-set counts, `classes × classes`: row = true class, column = predicted class.
    pub fn confusion(&mut self) -> Vec<u32> {
        self.inner.confusion()
    }

    /// An image network's test predictions at its last measured epoch (the view is empty before
    /// the first): the verdict to show while training, made a few images per step.
    #[wasm_bindgen(js_name = epochTestPredictions)]
    pub fn epoch_test_predictions(&self) -> Float32Array {
        view(self.inner.epoch_test_predictions().0)
    }

    /// The epoch and step `epochTestPredictions` belong to, or undefined before the first.
    #[wasm_bindgen(js_name = epochVerdictAt, unchecked_return_type = "{ epoch: number; step: number } | undefined")]
    pub fn epoch_verdict_at(&self) -> JsValue {
        let (_, epoch) = self.inner.epoch_test_predictions();
        let history = self.inner.history();
        let at = epoch.and_then(|e| history.epoch.iter().rposition(|&h| h == e));
        match at {
            Some(i) => {
                to_js(&serde_json::json!({ "epoch": history.epoch[i], "step": history.step[i] }))
            }
            None => JsValue::UNDEFINED,
        }
    }

    /// The confusion matrix of `epochTestPredictions`.
    #[wasm_bindgen(js_name = epochConfusion)]
    pub fn epoch_confusion(&self) -> Vec<u32> {
        self.inner.epoch_confusion()
    }

    /// Adds an image (`height × width` values in [0, 1]) with its label to the training set.
    #[wasm_bindgen(js_name = addTrainingImage)]
    pub fn add_training_image(&mut self, pixels: &[f32], label: u32) -> Result<(), JsError> {
        self.inner
            .add_training_image(pixels, label)
            .map_err(js_error)
    }

    /// Prepares a drawing (`width × height` values in [0, 1], 1 = ink) like the training
    /// images: `size` 28 (MNIST: a 20×20 box centred by mass; the default) or 8 (8×8 digits).
    #[wasm_bindgen(js_name = centreDrawing)]
    pub fn centre_drawing(
        pixels: &[f32],
        width: usize,
        height: usize,
        size: Option<usize>,
    ) -> Result<Vec<f32>, JsError> {
        crate::drawing::centre_drawing(pixels, width, height, size.unwrap_or(28)).map_err(js_error)
    }

    /// Draws the histogram of the weights (or `'gradients'`) of layer `layer` (an index into
    /// `network().layers`) on a canvas.
    #[wasm_bindgen(js_name = drawHistogram)]
    pub fn draw_histogram(
        &self,
        canvas: web_sys::HtmlCanvasElement,
        layer: usize,
        #[wasm_bindgen(unchecked_param_type = "\"weights\" | \"gradients\"")] what: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<(), JsError> {
        let options = chart_options(options)?;
        histogram_chart::draw(&self.inner, canvas, layer, what, &options)
            .map_err(|e| JsError::new(&e))
    }

    /// Draws the train and test curves of `metric` ('loss' or 'accuracy') on a canvas.
    #[wasm_bindgen(js_name = drawHistory)]
    pub fn draw_history(
        &self,
        canvas: web_sys::HtmlCanvasElement,
        #[wasm_bindgen(unchecked_param_type = "\"loss\" | \"accuracy\"")] metric: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<(), JsError> {
        let options = chart_options(options)?;
        history_chart::draw(&self.inner, canvas, metric, &options).map_err(|e| JsError::new(&e))
    }
}

/// Runs `work(n)` on whole units (steps, examples) that fit in `milliseconds`: at least one,
/// at most `max` (none when `max` is 0). Units go in batches between looks at the clock, sized
/// from the time per unit so far: a cheap unit runs many per look, and no batch is started
/// that would end past the budget. Returns the number of units run.
fn spend(milliseconds: f64, max: u32, mut work: impl FnMut(u32)) -> u32 {
    let start = js_sys::Date::now();
    let mut done = 0;
    let mut batch = 1.min(max);
    while done < max {
        work(batch);
        done += batch;
        let elapsed = js_sys::Date::now() - start;
        let per_unit = elapsed / f64::from(done);
        let fit = ((milliseconds - elapsed) / per_unit.max(1e-3)).floor();
        if fit < 1.0 {
            break;
        }
        batch = (fit as u32).min(2 * batch).min(64).min(max - done);
    }
    done
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
