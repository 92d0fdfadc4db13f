//! Model files: the config, every parameter, the optimiser's state, counters and history, as
//! JSON. The data is not stored: it is regenerated from the config's seed.
//!
//! A trainer saved between phases is restored at the start of the step in progress.

use serde::{Deserialize, Serialize};

use super::history::History;
use super::{EpochGradients, Progress, Trainer, TrainingChange};
use crate::config::limits::{training_fields, MAX_COUNTER};
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
    /// A model file's text, its format, version, config and counters checked.
    fn parse(text: &str) -> Result<ModelFile> {
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
        Ok(file)
    }

    /// Its parameters and optimiser state fit a network of `expected` parameters, all finite,
    /// and its history is whole.
    fn check_fits(&self, expected: usize) -> Result<()> {
        if self.params.len() != expected {
            return Err(Error::ModelFile(format!(
                "the network of its config has {expected} parameters, the file has {}",
                self.params.len()
            )));
        }
        let names = Optimizer::names(self.config.optimizer);
        if self.optimizer_state.len() != names.len()
            || self.optimizer_state.iter().any(|s| s.len() != expected)
        {
            return Err(Error::ModelFile(format!(
                "optimizer {} needs {} state buffers of {expected} values",
                crate::config::name_of(&self.config.optimizer),
                names.len()
            )));
        }
        let all_finite = self
            .params
            .iter()
            .chain(self.optimizer_state.iter().flatten())
            .all(|v| v.is_finite());
        if !all_finite {
            return Err(Error::ModelFile("parameters must be finite numbers".into()));
        }
        if !self.history.is_consistent() {
            return Err(Error::ModelFile("history columns differ in length".into()));
        }
        Ok(())
    }

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
        let file = ModelFile::parse(text)?;
        let data = data(&file.config)?;
        let network = Network::with_classes(&file.config, data.classes(&file.config))?;
        file.check_fits(network.param_count())?;
        let mut trainer = Trainer::assemble(file.config.clone(), data, network)?;
        trainer.take_state(file)?;
        Ok(trainer)
    }

    /// Restores a model file of this trainer's network in place (a checkpoint of the same run:
    /// the timeline, the divergence guard's rewind): its parameters, optimiser state, counters,
    /// history and training settings; the data stays. The file's config must equal this
    /// trainer's but for the settings that change without a reset. A refused file leaves the
    /// trainer as it was.
    pub fn restore(&mut self, text: &str) -> Result<()> {
        let file = ModelFile::parse(text)?;
        let mut differs = Vec::new();
        let (ours, theirs) = (config_fields(&self.config)?, config_fields(&file.config)?);
        let training: Vec<&str> = training_fields().collect();
        for (name, value) in &theirs {
            if !training.contains(&name.as_str()) && ours.get(name) != Some(value) {
                differs.push(name.as_str());
            }
        }
        if !differs.is_empty() {
            return Err(Error::invalid(
                "config",
                "the running network's config (only training settings may differ)",
                format!("a file that differs in {}", differs.join(", ")),
            ));
        }
        file.check_fits(self.params.len())?;
        self.check_cursor(&file)?;
        let mut change = TrainingChange::new();
        for name in training {
            if let Some(value) = theirs.get(name) {
                change = change.with(name, value);
            }
        }
        self.set_training(&change)?;
        self.clear_state();
        self.take_state(file)
    }

    /// The epoch cursor of `file` fits this trainer's training set.
    fn check_cursor(&self, file: &ModelFile) -> Result<()> {
        let n_train = self.data.train().len();
        if file.progress.epoch_cursor as usize >= n_train {
            return Err(Error::invalid(
                "progress.epochCursor",
                format!("below the {n_train} training examples"),
                file.progress.epoch_cursor,
            ));
        }
        Ok(())
    }

    /// The state of a checked file, into a trainer of its network.
    fn take_state(&mut self, file: ModelFile) -> Result<()> {
        self.check_cursor(&file)?;
        self.optimizer = Optimizer::restore(
            file.config.optimizer,
            file.optimizer_state,
            file.optimizer_steps,
        );
        self.params = file.params;
        self.progress = file.progress;
        self.history = file.history;
        self.params_version += 1;
        if file.epoch_gradients.sums.len() == self.epoch_gradients.sums.len() {
            self.epoch_gradients = file.epoch_gradients;
        }
        Ok(())
    }
}

/// A config's fields by their JSON names.
fn config_fields(config: &Config) -> Result<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(config) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(Error::ModelFile("the config is not a JSON object".into())),
    }
}
