//! The browser surface: the only code that knows about wasm-bindgen. It translates between JS
//! values and the core: constructors, training calls and metadata here, buffer views in
//! `views`, errors and panics in `errors`, charts in `charts` and `*_chart`.

mod chart_legend;
mod chart_style;
mod charts;
mod errors;
mod histogram_chart;
mod history_chart;
mod replicas;
mod tensors;
mod text;
mod types;
mod views;

pub use charts::Charts;
pub use errors::{announce_panic, PANIC_EVENT};

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::config::limits::MAX_STEPS_PER_CALL;
use crate::data::images::repository_paths;
use crate::data::tensors::TensorSet;
use crate::data::TrainingData;
use crate::error::{describe_path_error, whole_number, Error};
use crate::presets::{preset, PRESET_NAMES};
use crate::trainer::{Spread, TrainingChange};
use crate::{Config, Trainer};
use errors::{js_error, report_panics};

/// Reports a panic (a bug: none is reachable from bad input) on the console and to the page
/// (see `errors`), instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    report_panics();
}

fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsError> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| js_error(describe_path_error(what, e)))
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A count or index from JS: a whole number in `0..=max`, named by `field`. Exported calls take
/// JS numbers as `f64` and check them here: a `u32` or `usize` parameter would silently wrap
/// -1 to 4294967295 and truncate 2.5 or NaN.
fn count(field: &str, value: f64, max: u64) -> Result<u64, JsError> {
    whole_number(field, value, 0, max).map_err(js_error)
}

/// An index from JS (checked against its collection by the core).
fn index(field: &str, value: f64) -> Result<usize, JsError> {
    Ok(count(field, value, u64::from(u32::MAX))? as usize)
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

    /// The config's fields, the presets, the datasets and the core's constants, as data (see
    /// docs/trainer-api.md).
    #[wasm_bindgen(unchecked_return_type = "Schema")]
    pub fn schema() -> JsValue {
        to_js(&crate::schema::schema())
    }

    /// Panics on purpose: a test and debug trigger of the page's panic report only (the
    /// `neural-kitchen-panic` event). The module is unusable afterwards.
    #[wasm_bindgen(js_name = debugPanic)]
    pub fn debug_panic() {
        panic!("Trainer.debugPanic: a panic on purpose, to test the page's report");
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
        Ok(match repository_paths(config.dataset) {
            Some(paths) => to_js(&paths),
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

    /// The trained network as a self-contained Python file: a torch.nn.Module and a NumPy
    /// forward pass with the weights, and a check against the page's predictions for the first
    /// test examples (`python3 file.py`). Refused once training has diverged.
    #[wasm_bindgen(js_name = exportPytorch)]
    pub fn export_pytorch(&self) -> Result<String, JsError> {
        self.inner.export_pytorch().map_err(js_error)
    }

    /// Restores a model file of this trainer's network in place (a checkpoint of the same run):
    /// parameters, optimiser state, counters, history and training settings; the data stays.
    pub fn restore(&mut self, text: &str) -> Result<(), JsError> {
        self.inner.restore(text).map_err(js_error)
    }

    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn config(&self) -> JsValue {
        to_js(self.inner.config())
    }

    /// Runs `n` whole steps (a whole number from 0 to `MAX_STEPS_PER_CALL`).
    pub fn step(&mut self, n: f64) -> Result<(), JsError> {
        let n = count("steps", n, u64::from(MAX_STEPS_PER_CALL))?;
        self.inner.step(n);
        Ok(())
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
    /// returns the number of steps run. Throws for a budget or count out of range.
    #[wasm_bindgen(js_name = runFor)]
    pub fn run_for(&mut self, milliseconds: f64, max_steps: f64) -> Result<u32, JsError> {
        let max_steps = count("maxSteps", max_steps, u64::from(MAX_STEPS_PER_CALL))? as u32;
        self.inner
            .run_for(milliseconds, max_steps, js_sys::Date::now)
            .map_err(js_error)
    }

    /// Makes the current parameters' predictions for more test examples, for about
    /// `milliseconds` (at least one example); returns how many are made. Once all are,
    /// `testPredictions` and `confusion` answer without work: a page calls this a slice per
    /// frame instead of freezing for a whole test set.
    #[wasm_bindgen(js_name = advanceTestPredictions)]
    pub fn advance_test_predictions(&mut self, milliseconds: f64) -> Result<u32, JsError> {
        let made = self
            .inner
            .advance_test_predictions_for(milliseconds, js_sys::Date::now)
            .map_err(js_error)?;
        Ok(to_u32(made))
    }

    /// How many test examples have predictions for the current parameters.
    #[wasm_bindgen(js_name = testPredictionsMade)]
    pub fn test_predictions_made(&self) -> u32 {
        to_u32(self.inner.test_predictions_made())
    }

    /// Where the teacher's verdict on the current parameters stands: the step and epoch of
    /// the parameters, test examples predicted of the total, and whether all are. Does no work.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn verdict(&self) -> JsValue {
        to_js(&self.inner.verdict())
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
            return Err(js_error(Error::invalid(
                "weight index",
                "a whole number from 0",
                index,
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
        to_js(&self.inner.network_info())
    }

    /// Test-set counts, `classes × classes`: row = true class, column = predicted class.
    pub fn confusion(&mut self) -> Vec<u32> {
        self.inner.confusion()
    }

    /// The epoch and step `epochTestPredictions` belong to, or undefined before the first.
    #[wasm_bindgen(js_name = epochVerdictAt, unchecked_return_type = "{ epoch: number; step: number } | undefined")]
    pub fn epoch_verdict_at(&self) -> JsValue {
        match self.inner.epoch_verdict_at() {
            Some(at) => to_js(&at),
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
    pub fn add_training_image(&mut self, pixels: &[f32], label: f64) -> Result<(), JsError> {
        let label = count("label", label, u64::from(u32::MAX))? as u32;
        self.inner
            .add_training_image(pixels, label)
            .map_err(js_error)
    }

    /// Prepares a drawing (`width × height` values in [0, 1], 1 = ink) like the training
    /// images: `size` 28 (MNIST: a 20×20 box centred by mass; the default) or 8 (8×8 digits).
    #[wasm_bindgen(js_name = centreDrawing)]
    pub fn centre_drawing(
        pixels: &[f32],
        width: f64,
        height: f64,
        size: Option<f64>,
    ) -> Result<Vec<f32>, JsError> {
        let width = index("drawing width", width)?;
        let height = index("drawing height", height)?;
        let size = index("size", size.unwrap_or(28.0))?;
        crate::data::images::drawing::centre_drawing(pixels, width, height, size).map_err(js_error)
    }

    /// The histogram of the weights (or `'gradients'`) of layer `layer` (an index into
    /// `network().layers`): `{ lo, hi, counts }`, drawn by `Charts.drawHistogram`.
    #[wasm_bindgen(unchecked_return_type = "Histogram")]
    pub fn histogram(
        &self,
        layer: f64,
        #[wasm_bindgen(unchecked_param_type = "\"weights\" | \"gradients\"")] what: &str,
    ) -> Result<JsValue, JsError> {
        let layer = index("layer", layer)?;
        let spread = Spread::parse(what).map_err(js_error)?;
        let histogram = self.inner.histogram(layer, spread).map_err(js_error)?;
        Ok(to_js(&histogram))
    }

    /// Training steps in one epoch (the history chart's x axis is at least that wide).
    #[wasm_bindgen(js_name = stepsPerEpoch)]
    pub fn steps_per_epoch(&self) -> f64 {
        self.inner.steps_per_epoch() as f64
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
