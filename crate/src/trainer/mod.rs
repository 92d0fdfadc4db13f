//! The trainer: a small state machine over the phases of a step (forward → loss → backward →
//! update), with counters, history and the views the page reads.
//!
//! `step` runs whole steps, `phase` only the next phase, `epoch` the steps of one pass over the
//! shuffled training set. Every buffer is made when the trainer is built; a step allocates
//! nothing.

mod deferred_evaluation;
mod evaluation;
mod probe;
mod test_report;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Regularization};
use crate::error::{check_range, Error, Result};
use crate::examples::{Examples, TrainingData};
use crate::history::{Evaluation, History, Tally};
use crate::nn::network::{Mode, Network, Workspace};
use crate::nn::slot::Slot;
use crate::optimizer::{add_penalty_gradient, Optimizer};
use crate::phase::Phase;
use crate::seed::{rng, Stream};
use crate::tensors::TensorSet;
use deferred_evaluation::PendingEvaluation;

/// Examples evaluated at once when measuring a whole set.
const EVAL_CHUNK: usize = 256;
/// Images measured for the train and test figures (points: every point). Keeps an image
/// network's evaluation to a fraction of an epoch's work.
const EVAL_IMAGES: usize = 1000;
pub const MAX_GRID_RESOLUTION: usize = 100;
/// Largest magnitude a weight may be set to by hand.
pub const MAX_EDITED_WEIGHT: f32 = 1000.0;

/// The fields that may change during training without a reset (all optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainingChange {
    pub learning_rate: Option<f64>,
    pub regularization: Option<Regularization>,
    pub regularization_rate: Option<f64>,
    pub batch_size: Option<u32>,
}

/// Sums of each weight layer's gradient L2 norm over the steps of the current epoch (their
/// means go into the history at the epoch's end).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EpochGradients {
    pub sums: Vec<f64>,
    pub steps: u32,
}

/// Counters of the training so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Progress {
    pub step: u64,
    pub epoch: u64,
    pub examples_seen: u64,
    /// Training examples already used in the current epoch.
    pub epoch_cursor: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub step: u64,
    pub epoch: u64,
    pub examples_seen: u64,
    pub steps_per_epoch: u64,
    /// Whole steps until the current epoch ends (at the current batch size).
    pub steps_left_in_epoch: u64,
    /// An image network's last epoch is still being measured (see `deferred_evaluation`).
    pub measuring: bool,
    pub next_phase: Phase,
    pub last_phase: Option<Phase>,
    pub batch_loss: Option<f32>,
    pub train_loss: f32,
    pub test_loss: f32,
    pub train_accuracy: Option<f32>,
    pub test_accuracy: Option<f32>,
    pub train_rmse: Option<f32>,
    pub test_rmse: Option<f32>,
    pub is_regression: bool,
}

#[derive(Clone, Debug)]
pub struct Trainer {
    pub(crate) config: Config,
    data: TrainingData,
    network: Network,
    weight_slots: Vec<Slot>,
    pub(crate) params: Vec<f32>,
    grads: Vec<f32>,
    last_update: Vec<f32>,
    pub(crate) optimizer: Optimizer,
    batch: Workspace,
    batch_indices: Vec<u32>,
    batch_targets: Vec<f32>,
    eval: Workspace,
    probe: Workspace,
    grid: Workspace,
    grid_scores: Vec<f32>,
    /// The grid's values unit by unit (see `probe::grid_maps`).
    grid_maps: Vec<f32>,
    /// This epoch's order of the training points, and the epoch it was shuffled for.
    order: Vec<u32>,
    order_epoch: Option<u64>,
    pub(crate) progress: Progress,
    next_phase: Phase,
    last_phase: Option<Phase>,
    batch_loss: Option<f32>,
    pub(crate) history: History,
    /// Train and test evaluation of the current parameters, made on demand.
    evaluation: Option<(Evaluation, Evaluation)>,
    /// The measurement of an image network's last epoch, while it is spread over steps.
    pub(crate) pending: Option<PendingEvaluation>,
    /// The parameters that measurement measures (allocated once, swapped in while measuring).
    pub(crate) measured_params: Vec<f32>,
    /// Each weight layer's gradient norms over the steps of this epoch so far.
    pub(crate) epoch_gradients: EpochGradients,
    /// Class probabilities of the test examples (see `test_report`): the first `made` of
    /// them, for parameter version `version`, as `(version, made)`.
    pub(crate) test_predictions: Vec<f32>,
    pub(crate) test_predictions_made: Option<(u64, usize)>,
    /// An image network's predictions for the measured test images at the last measured
    /// epoch (filled by `deferred_evaluation`), and that epoch.
    pub(crate) epoch_predictions: Vec<f32>,
    pub(crate) epoch_predictions_epoch: Option<u64>,
    /// Counts every change of the parameters (updates, edits).
    pub(crate) params_version: u64,
    /// The training batches of this epoch so far (the train figure of a tensors trainer).
    epoch_tally: Tally,
}

impl Trainer {
    /// Validates the config, makes the data (points from the seed; native builds read shipped
    /// images) and initialises the parameters from the seed.
    pub fn new(config: Config) -> Result<Trainer> {
        config.validate()?;
        let data = TrainingData::load(&config)?;
        Trainer::with_data(config, data)
    }

    /// A trainer for an image dataset, from the bytes of its files (the page fetches them).
    pub fn with_image_files(config: Config, train: &[u8], test: Option<&[u8]>) -> Result<Trainer> {
        config.validate()?;
        let data = TrainingData::from_image_files(&config, train, test)?;
        Trainer::with_data(config, data)
    }

    /// A trainer on the caller's examples (the `tensors` dataset): `inputs` hold one
    /// `C × H × W` tensor of the config's `input` shape per label. Its train figure is the mean
    /// over the epoch's batches (measured while training, so it costs nothing); its test
    /// figure is measured on `test` at each epoch's end.
    pub fn with_tensors(config: Config, train: TensorSet, test: TensorSet) -> Result<Trainer> {
        config.validate()?;
        Trainer::with_data(config, TrainingData::Tensors { train, test })
    }

    fn with_data(config: Config, data: TrainingData) -> Result<Trainer> {
        config.validate()?;
        check_batch_size(&config, &data)?;
        let network = Network::new(&config)?;
        let n_params = network.param_count();
        let mut params = vec![0.0; n_params];
        network.init(
            config.init,
            &mut params,
            &mut rng(config.seed, Stream::Init),
        );
        let n_train = data.train().len();
        let mut trainer = Trainer {
            weight_slots: network.weight_slots().collect(),
            params,
            grads: vec![0.0; n_params],
            last_update: vec![0.0; n_params],
            optimizer: Optimizer::new(config.optimizer, n_params),
            batch: Workspace::new(&network, n_train, true),
            batch_indices: Vec::with_capacity(n_train),
            batch_targets: Vec::with_capacity(n_train),
            eval: Workspace::new(&network, EVAL_CHUNK, false),
            probe: Workspace::new(&network, 1, false),
            grid: Workspace::default(),
            grid_scores: Vec::new(),
            grid_maps: Vec::new(),
            order: (0..n_train as u32).collect(),
            order_epoch: None,
            progress: Progress::default(),
            next_phase: Phase::Forward,
            last_phase: None,
            batch_loss: None,
            history: History::default(),
            evaluation: None,
            pending: None,
            measured_params: vec![0.0; n_params],
            epoch_gradients: EpochGradients {
                sums: vec![0.0; network.weight_slots().count()],
                steps: 0,
            },
            test_predictions: Vec::new(),
            test_predictions_made: None,
            epoch_predictions: Vec::new(),
            epoch_predictions_epoch: None,
            params_version: 0,
            epoch_tally: Tally::default(),
            network,
            data,
            config,
        };
        if trainer.data.images().is_some() {
            let measured = trainer.evaluation_count(true) * trainer.network.loss().width;
            trainer.epoch_predictions = vec![0.0; measured];
        }
        trainer.record_history();
        Ok(trainer)
    }

    /// Back to the initial parameters of the same seed: same data, counters and history cleared.
    pub fn reset(&mut self) {
        if let Ok(fresh) = Trainer::with_data(self.config.clone(), self.data.clone()) {
            *self = fresh;
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn data(&self) -> &TrainingData {
        &self.data
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn next_phase(&self) -> Phase {
        self.next_phase
    }

    pub fn params(&self) -> &[f32] {
        &self.params
    }

    pub fn grads(&self) -> &[f32] {
        &self.grads
    }

    pub fn last_update(&self) -> &[f32] {
        &self.last_update
    }

    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    pub fn batch_indices(&self) -> &[u32] {
        &self.batch_indices
    }

    /// Values of every boundary for the current mini-batch.
    pub fn batch_values(&self) -> &[f32] {
        self.batch.values()
    }

    /// Gradients of the loss with respect to every boundary of the current mini-batch.
    pub fn batch_gradients(&self) -> &[f32] {
        self.batch.grads()
    }

    pub fn steps_per_epoch(&self) -> u64 {
        self.data
            .train()
            .len()
            .div_ceil(self.config.batch_size as usize) as u64
    }

    /// Changes learning rate, regularisation or batch size, keeping the model; nothing changes
    /// if any field is bad.
    pub fn set_training(&mut self, change: &TrainingChange) -> Result<()> {
        let mut config = self.config.clone();
        if let Some(v) = change.learning_rate {
            config.learning_rate = v;
        }
        if let Some(v) = change.regularization {
            config.regularization = v;
        }
        if let Some(v) = change.regularization_rate {
            config.regularization_rate = v;
        }
        if let Some(v) = change.batch_size {
            config.batch_size = v;
        }
        config.validate_training()?;
        check_batch_size(&config, &self.data)?;
        self.config = config;
        Ok(())
    }

    /// Sets one parameter by hand (the learner editing a seasoning).
    pub fn set_weight(&mut self, index: usize, value: f32) -> Result<()> {
        let n = self.params.len();
        if index >= n {
            return Err(Error::invalid(
                "weight index",
                format!("between 0 and {}", n.saturating_sub(1)),
                index,
            ));
        }
        check_range("weight value", value, -MAX_EDITED_WEIGHT, MAX_EDITED_WEIGHT)?;
        // The edit is the last change of this parameter: before → after stays true.
        self.last_update[index] = value - self.params[index];
        self.params[index] = value;
        self.params_version += 1;
        self.evaluation = None;
        Ok(())
    }

    /// Runs `n` whole steps (finishing a step stopped between phases first).
    pub fn step(&mut self, n: u64) {
        for _ in 0..n {
            while self.phase() != Phase::Update {}
        }
    }

    /// Runs steps until the current epoch ends.
    /// Runs steps until the current epoch ends, and finishes measuring it.
    pub fn epoch(&mut self) {
        let epoch = self.progress.epoch;
        while self.progress.epoch == epoch {
            self.step(1);
        }
        self.finish_evaluation();
    }

    /// Runs only the next phase and returns it.
    pub fn phase(&mut self) -> Phase {
        let phase = self.next_phase;
        match phase {
            Phase::Forward => self.forward_phase(),
            Phase::Loss => {
                let loss = self
                    .network
                    .loss_and_gradients(&mut self.batch, &self.batch_targets);
                self.batch_loss = Some(loss);
                if let TrainingData::Tensors { .. } = self.data {
                    let net = &self.network;
                    self.epoch_tally.add(
                        net.loss(),
                        net.logits(&self.batch),
                        net.predictions(&self.batch),
                        &self.batch_targets,
                    );
                }
            }
            Phase::Backward => {
                self.grads.fill(0.0);
                self.network
                    .backward(&self.params, &mut self.grads, &mut self.batch);
                add_penalty_gradient(
                    self.config.regularization,
                    self.config.regularization_rate as f32,
                    &self.params,
                    &mut self.grads,
                    &self.weight_slots,
                );
                self.add_grad_norms();
            }
            Phase::Update => self.update_phase(),
        }
        self.last_phase = Some(phase);
        self.next_phase = phase.next();
        phase
    }

    fn forward_phase(&mut self) {
        if self.order_epoch != Some(self.progress.epoch) {
            self.shuffle_order();
        }
        let start = self.progress.epoch_cursor as usize;
        let end = (start + self.config.batch_size as usize).min(self.order.len());
        self.batch_indices.clear();
        self.batch_indices
            .extend_from_slice(&self.order[start..end]);
        self.batch_targets.clear();
        let train = self.data.train();
        self.batch_targets
            .extend(self.batch_indices.iter().map(|&i| train.target(i as usize)));
        let indices = self.batch_indices.iter().map(|&i| i as usize);
        let width = self.network.widths()[0];
        fill_inputs(&self.config, train, indices, &mut self.batch, width);
        // Dropout draws from its own stream per step: resumable and reproducible.
        let mut dropout = rng(self.config.seed, Stream::Dropout(self.progress.step));
        self.network
            .forward(&self.params, &mut self.batch, Mode::Train(&mut dropout));
        self.batch_loss = None;
    }

    fn shuffle_order(&mut self) {
        use rand::seq::SliceRandom;
        let epoch = self.progress.epoch;
        self.order.sort_unstable();
        self.order
            .shuffle(&mut rng(self.config.seed, Stream::Shuffle(epoch)));
        self.order_epoch = Some(epoch);
    }

    fn update_phase(&mut self) {
        self.optimizer.update(
            self.config.learning_rate as f32,
            &mut self.params,
            &self.grads,
            &mut self.last_update,
        );
        self.params_version += 1;
        if self.data.points().is_some() {
            // Cheap for points: the figures follow every step. Images: measured each epoch.
            self.evaluation = None;
        }
        let n = self.batch_indices.len();
        let p = &mut self.progress;
        p.step += 1;
        p.examples_seen += n as u64;
        p.epoch_cursor += n as u32;
        let epoch_ended = p.epoch_cursor as usize >= self.order.len();
        if epoch_ended {
            p.epoch += 1;
            p.epoch_cursor = 0;
        }
        match self.data {
            TrainingData::Points(_) if epoch_ended => self.record_history(),
            TrainingData::Points(_) => {}
            TrainingData::Images { .. } => {
                // Measuring an image network takes many steps' work: spread it over the next
                // steps so that no single call blocks the page.
                self.advance_evaluation();
                if epoch_ended {
                    self.start_evaluation();
                }
            }
            TrainingData::Tensors { .. } if epoch_ended => self.record_epoch_of_tensors(),
            TrainingData::Tensors { .. } => {}
        }
    }

    /// A tensors trainer's epoch: the batches' figures, and the test set measured now.
    fn record_epoch_of_tensors(&mut self) {
        let classification = self.network.loss().classification;
        let train = self.epoch_tally.finish(classification);
        self.epoch_tally = Tally::default();
        let mut tally = Tally::default();
        self.tally(true, 0..self.data.test().len(), &mut tally);
        let norms = self.take_grad_norms();
        self.history.record(
            self.progress.step,
            self.progress.epoch,
            train,
            tally.finish(classification),
            &norms,
        );
    }

    fn record_history(&mut self) {
        let (train, test) = self.evaluate();
        let norms = self.take_grad_norms();
        self.history
            .record(self.progress.step, self.progress.epoch, train, test, &norms);
    }

    /// The mean gradient norm of each weight layer over the epoch; starts the next epoch's sums.
    pub(crate) fn take_grad_norms(&mut self) -> Vec<f32> {
        let steps = self.epoch_gradients.steps.max(1) as f64;
        let norms = self
            .epoch_gradients
            .sums
            .iter()
            .map(|&sum| (sum / steps) as f32)
            .collect();
        self.epoch_gradients.sums.fill(0.0);
        self.epoch_gradients.steps = 0;
        norms
    }

    /// Adds this step's gradient norm of each layer's weights to the epoch's sums.
    fn add_grad_norms(&mut self) {
        let sums = self.epoch_gradients.sums.iter_mut();
        for (sum, slot) in sums.zip(&self.weight_slots) {
            let squares: f64 = slot.of(&self.grads).iter().map(|&g| f64::from(g * g)).sum();
            *sum += squares.sqrt();
        }
        self.epoch_gradients.steps += 1;
    }

    /// Adds an image with its label to the training set (the learner's own drawing); it is
    /// trained on from the current epoch on. Refused for point datasets and bad values.
    pub fn add_training_image(&mut self, pixels: &[f32], label: u32) -> Result<()> {
        let TrainingData::Images { train, .. } = &mut self.data else {
            return Err(Error::invalid(
                "addTrainingImage",
                "used with an image dataset",
                "points",
            ));
        };
        train.check_pixels(pixels)?;
        check_range("label", label, 0, train.classes as u32 - 1)?;
        train.labels.push(label as u8);
        train
            .pixels
            .extend(pixels.iter().map(|&p| (p * 255.0).round() as u8));
        self.order.push(train.labels.len() as u32 - 1);
        Ok(())
    }

    /// Counters and figures: for points measured now, for images at the last measured epoch.
    pub fn metrics(&mut self) -> Metrics {
        let (train, test) = match (self.data.points(), self.history.last()) {
            (None, Some(last)) => last,
            _ => self.evaluate(),
        };
        let regression = self.config.is_regression();
        let acc = |e: Evaluation| (!regression).then_some(e.quality);
        let rmse = |e: Evaluation| regression.then_some(e.quality);
        Metrics {
            step: self.progress.step,
            epoch: self.progress.epoch,
            examples_seen: self.progress.examples_seen,
            steps_per_epoch: self.steps_per_epoch(),
            steps_left_in_epoch: (self.order.len() - self.progress.epoch_cursor as usize)
                .div_ceil(self.config.batch_size as usize) as u64,
            measuring: self.pending.is_some(),
            next_phase: self.next_phase,
            last_phase: self.last_phase,
            batch_loss: self.batch_loss,
            train_loss: train.loss,
            test_loss: test.loss,
            train_accuracy: acc(train),
            test_accuracy: acc(test),
            train_rmse: rmse(train),
            test_rmse: rmse(test),
            is_regression: regression,
        }
    }

    /// Rebuilds a trainer from saved parts (used by model files; lengths checked there).
    pub(crate) fn restore(
        config: Config,
        data: TrainingData,
        params: Vec<f32>,
        optimizer: Optimizer,
        progress: Progress,
        history: History,
        epoch_gradients: EpochGradients,
    ) -> Result<Trainer> {
        let mut trainer = Trainer::with_data(config, data)?;
        let n_train = trainer.data.train().len();
        if progress.epoch_cursor as usize >= n_train {
            return Err(Error::invalid(
                "progress.epochCursor",
                format!("below the {n_train} training examples"),
                progress.epoch_cursor,
            ));
        }
        trainer.params = params;
        trainer.optimizer = optimizer;
        trainer.progress = progress;
        trainer.history = history;
        trainer.params_version += 1;
        if epoch_gradients.sums.len() == trainer.epoch_gradients.sums.len() {
            trainer.epoch_gradients = epoch_gradients;
        }
        trainer.evaluation = None;
        Ok(trainer)
    }
}

/// A batch holds at most every training example.
fn check_batch_size(config: &Config, data: &TrainingData) -> Result<()> {
    check_range("batchSize", config.batch_size, 1, data.train().len() as u32)
}

/// Writes the inputs of the examples `indices` of `set` into the input boundary of `ws`.
fn fill_inputs(
    config: &Config,
    set: Examples,
    indices: impl ExactSizeIterator<Item = usize>,
    ws: &mut Workspace,
    width: usize,
) {
    let inputs = ws.inputs_mut(indices.len(), width);
    for (row, i) in inputs.chunks_exact_mut(width).zip(indices) {
        set.write_input(config, i, row);
    }
}
