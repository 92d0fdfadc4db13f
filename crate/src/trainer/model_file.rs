//! Model files: the config, every parameter, the optimiser's state, counters and history, as
//! JSON. The data is not stored: it is regenerated from the config's seed.
//!
//! A trainer saved between phases is restored at the start of the step in progress.

use serde::{Deserialize, Serialize};

use super::history::History;
use super::{EpochGradients, Progress, Trainer};
use crate::config::limits::MAX_COUNTER;
use crate::config::Config;
use crate::data::TrainingData;
use crate::error::{check_range, parse_json, Error, Result};
use crate::nn::network::Network;
use crate::optimizer::Optimizer;

pub use crate::config::text::MODEL_FILE_FORMAT as FORMAT;
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ModelFile {
    format: String,
    version: u32,
    config: Config,
    params: Vec<f32>,
    optimizer_state: Vec<Vec<f32>>,
    optimizer_steps: u64,
    progress: Progress,
    history: History,
    #[serde(default)]
    epoch_gradients: EpochGradients,
}

impl ModelFile {
    /// Every counter in range: at most `MAX_COUNTER` (so none wraps or loses its value on the
    /// way to the page, and Adam's bias correction stays finite), and the steps of the epoch's
    /// gradient sums at most the steps taken (and the one in progress).
    fn check_counters(&self) -> Result<()> {
        let p = &self.progress;
        for (field, value) in [
            ("progress.step", p.step),
            ("progress.epoch", p.epoch),
            ("progress.examplesSeen", p.examples_seen),
            ("optimizerSteps", self.optimizer_steps),
        ] {
            check_range(field, value, 0, MAX_COUNTER)?;
        }
        let columns = [
            ("history.step", &self.history.step),
            ("history.epoch", &self.history.epoch),
        ];
        for (column, values) in columns {
            for (i, &value) in values.iter().enumerate() {
                check_range(&format!("{column}[{i}]"), value, 0, MAX_COUNTER)?;
            }
        }
        check_range(
            "epochGradients.steps",
            u64::from(self.epoch_gradients.steps),
            0,
            p.step + 1,
        )
    }
}

impl Trainer {
    /// The model file (finishing a pending measurement first, so the history is complete);
    /// refused when training has diverged (JSON has no NaN or infinity, and such a model could
    /// not be loaded back).
    pub fn to_json(&mut self) -> Result<String> {
        self.finish_evaluation();
        let all_finite = self
            .params
            .iter()
            .chain(self.optimizer.state().iter().flatten())
            .all(|v| v.is_finite());
        if !all_finite {
            return Err(Error::ModelFile(
                "training has diverged (some parameters are not finite numbers): reset or lower \
                 the learning rate before saving"
                    .into(),
            ));
        }
        let file = ModelFile {
            format: FORMAT.into(),
            version: VERSION,
            config: self.config.clone(),
            params: self.params.clone(),
            optimizer_state: self.optimizer.state().to_vec(),
            optimizer_steps: self.optimizer.steps(),
            progress: self.progress,
            history: self.history.clone(),
            epoch_gradients: self.epoch_gradients.clone(),
        };
        serde_json::to_string(&file).map_err(|e| Error::ModelFile(e.to_string()))
    }

    /// Loads a model file; its data is made from its config (points, or native builds' shipped
    /// images).
    pub fn from_json(text: &str) -> Result<Trainer> {
        Self::from_json_with(text, TrainingData::load)
    }

    /// Loads a model file whose data comes from `data` (given the file's validated config).
    pub fn from_json_with(
        text: &str,
        data: impl FnOnce(&Config) -> Result<TrainingData>,
    ) -> Result<Trainer> {
        let file: ModelFile = parse_json("model file", text)?;
        if file.format != FORMAT {
            return Err(Error::invalid(
                "format",
                format!("\"{FORMAT}\""),
                format!("\"{}\"", file.format),
            ));
        }
        if file.version != VERSION {
            return Err(Error::invalid("version", VERSION.to_string(), file.version));
        }
        file.config.validate()?;
        file.check_counters()?;
        let data = data(&file.config)?;
        let network = Network::with_classes(&file.config, data.classes(&file.config))?;
        let expected = network.param_count();
        if file.params.len() != expected {
            return Err(Error::ModelFile(format!(
                "the network of its config has {expected} parameters, the file has {}",
                file.params.len()
            )));
        }
        let names = Optimizer::names(file.config.optimizer);
        if file.optimizer_state.len() != names.len()
            || file.optimizer_state.iter().any(|s| s.len() != expected)
        {
            return Err(Error::ModelFile(format!(
                "optimizer {} needs {} state buffers of {expected} values",
                crate::config::name_of(&file.config.optimizer),
                names.len()
            )));
        }
        let all_finite = file
            .params
            .iter()
            .chain(file.optimizer_state.iter().flatten())
            .all(|v| v.is_finite());
        if !all_finite {
            return Err(Error::ModelFile("parameters must be finite numbers".into()));
        }
        if !file.history.is_consistent() {
            return Err(Error::ModelFile("history columns differ in length".into()));
        }
        let optimizer = Optimizer::restore(
            file.config.optimizer,
            file.optimizer_state,
            file.optimizer_steps,
        );
        let mut trainer = Trainer::assemble(file.config, data, network)?;
        let n_train = trainer.data.train().len();
        if file.progress.epoch_cursor as usize >= n_train {
            return Err(Error::invalid(
                "progress.epochCursor",
                format!("below the {n_train} training examples"),
                file.progress.epoch_cursor,
            ));
        }
        trainer.params = file.params;
        trainer.optimizer = optimizer;
        trainer.progress = file.progress;
        trainer.history = file.history;
        trainer.params_version += 1;
        if file.epoch_gradients.sums.len() == trainer.epoch_gradients.sums.len() {
            trainer.epoch_gradients = file.epoch_gradients;
        }
        Ok(trainer)
    }
}
