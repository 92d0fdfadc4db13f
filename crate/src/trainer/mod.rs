//! The trainer: a small state machine over the phases of a step (forward → loss → backward →
//! update), with counters, history and the views the page reads.
//!
//! `step` runs whole steps, `phase` only the next phase, `epoch` the steps of one pass over the
//! shuffled training set. Every buffer is made when the trainer is built; a step allocates
//! nothing.

mod attention_maps;
mod budget;
mod edits;
mod export;
mod generate;
mod histogram;
pub mod history;
mod measuring;
mod metrics;
pub mod model_file;
mod network_info;
mod position_losses;
mod probe;
pub mod replicas;
mod steps;
mod tensor_views;
mod time_budget;
mod verdict;

pub use attention_maps::AttentionMaps;
pub use generate::Sampling;
pub use histogram::{Histogram, Spread, BINS};
pub use history::History;
pub use metrics::Metrics;
pub use network_info::NetworkInfo;
pub use position_losses::PositionLosses;
pub use verdict::VerdictStatus;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::data::tensors::{TensorData, TensorSet};
use crate::data::{Examples, Measurement, TrainingData};
use crate::error::{check_range, Result};
use crate::nn::network::{Network, Workspace};
use crate::nn::slot::Slot;
use crate::optimizer::Optimizer;
use crate::phase::Phase;
use crate::seed::{rng, Stream};
use budget::{check_memory, eval_capacity};
use history::Tally;
use measuring::EpochVerdicts;
use verdict::Verdict;

pub const MAX_GRID_RESOLUTION: usize = 100;
/// Largest magnitude a weight may be set to by hand.
pub const MAX_EDITED_WEIGHT: f32 = 1000.0;

/// Config fields to change during training without a reset, by their JSON names
/// (`{"learningRate": 0.1}`). Which fields may change is the `training` mark of their entry in
/// `config::limits` (`limits::training_fields`); `set_training` refuses any other.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TrainingChange(pub serde_json::Map<String, serde_json::Value>);

impl TrainingChange {
    pub fn new() -> TrainingChange {
        TrainingChange::default()
    }

    /// The change with `name` set to `value` as well.
    pub fn with(mut self, name: &str, value: impl Serialize) -> TrainingChange {
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        self.0.insert(name.to_string(), value);
        self
    }
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

#[derive(Clone, Debug)]
pub struct Trainer {
    config: Config,
    data: TrainingData,
    network: Network,
    weight_slots: Vec<Slot>,
    params: Vec<f32>,
    grads: Vec<f32>,
    last_update: Vec<f32>,
    optimizer: Optimizer,
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
    progress: Progress,
    next_phase: Phase,
    last_phase: Option<Phase>,
    batch_loss: Option<f32>,
    history: History,
    /// The teacher's verdict on the current parameters, made on request.
    verdict: Verdict,
    /// An image network's end-of-epoch verdicts, measured a slice per step.
    epoch_verdicts: EpochVerdicts,
    /// Each weight layer's gradient norms over the steps of this epoch so far.
    epoch_gradients: EpochGradients,
    /// Counts every change of the parameters (updates, edits).
    params_version: u64,
    /// The training batches of this epoch so far (the train figure of a tensors trainer).
    epoch_tally: Tally,
    /// The batch size of a step whose share this replica computed (`replicas`), until the
    /// summed gradient is applied.
    pending_share: Option<usize>,
}

impl Trainer {
    /// Validates the config, makes the data (points from the seed; native builds read shipped
    /// images) and initialises the parameters from the seed.
    pub fn new(config: Config) -> Result<Trainer> {
        config.validate()?;
        let data = TrainingData::load(&config)?;
        Trainer::build(config, data)
    }

    /// A trainer for an image dataset, from the bytes of its files (the page fetches them).
    pub fn with_image_files(config: Config, train: &[u8], test: Option<&[u8]>) -> Result<Trainer> {
        config.validate()?;
        let data = TrainingData::from_image_files(&config, train, test)?;
        Trainer::build(config, data)
    }

    /// A trainer on the caller's examples (the `tensors` dataset): `inputs` hold one
    /// `C × H × W` tensor of the config's `input` shape per label. Its train figure is the mean
    /// over the epoch's batches (measured while training, so it costs nothing); its test
    /// figure is measured on `test` at each epoch's end.
    pub fn with_tensors(config: Config, train: TensorSet, test: TensorSet) -> Result<Trainer> {
        config.validate()?;
        Trainer::build(config, TrainingData::new(TensorData { train, test }))
    }

    /// A trainer for a text dataset, from the bytes of its train and test files (the page
    /// fetches them).
    pub fn with_text_files(config: Config, train: &[u8], test: &[u8]) -> Result<Trainer> {
        config.validate()?;
        let data = TrainingData::from_text_files(&config, train, test)?;
        Trainer::build(config, data)
    }

    /// A trainer for a validated config: builds its network (the one shape check) for the
    /// data's classes.
    fn build(config: Config, data: TrainingData) -> Result<Trainer> {
        let network = Network::with_classes(&config, data.classes(&config))?;
        Trainer::assemble(config, data, network)
    }

    /// A fresh trainer from a validated config, its data and its network.
    fn assemble(config: Config, data: TrainingData, network: Network) -> Result<Trainer> {
        check_batch_size(&config, &data)?;
        check_memory(&config, &network, &data)?;
        let n_params = network.param_count();
        let n_train = data.train().len();
        let mut trainer = Trainer {
            weight_slots: network.weight_slots().collect(),
            params: vec![0.0; n_params],
            grads: vec![0.0; n_params],
            last_update: vec![0.0; n_params],
            optimizer: Optimizer::new(config.optimizer, n_params),
            // Sized by the batch, not the data: `set_training` grows them with the batch size.
            batch: Workspace::new(&network, config.batch_size as usize, true),
            batch_indices: Vec::with_capacity(config.batch_size as usize),
            batch_targets: Vec::with_capacity(config.batch_size as usize * network.positions()),
            eval: Workspace::new(&network, eval_capacity(&network), false),
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
            verdict: Verdict::new(&data, &network, data.test().len(), false),
            epoch_verdicts: EpochVerdicts::default(),
            epoch_gradients: EpochGradients {
                sums: vec![0.0; network.weight_slots().count()],
                steps: 0,
            },
            params_version: 0,
            epoch_tally: Tally::default(),
            pending_share: None,
            network,
            data,
            config,
        };
        if trainer.data.measurement() == Measurement::EachEpochInSlices {
            let (data, network) = (&trainer.data, &trainer.network);
            let measured = data.test().measured();
            trainer.epoch_verdicts =
                EpochVerdicts::new(|| Verdict::new(data, network, measured, true));
        }
        trainer.start_over();
        Ok(trainer)
    }

    /// Back to the initial parameters of the same seed: same data, counters and history
    /// cleared. In the trainer's own buffers: a reset never holds a second trainer's memory.
    pub fn reset(&mut self) {
        self.start_over();
    }

    /// A new trainer's state in this trainer's buffers: parameters from the seed, every other
    /// buffer zero or empty, no progress, and the history's first entry.
    fn start_over(&mut self) {
        self.clear_state();
        let init = (self.config.init, self.config.seed);
        self.params.fill(0.0);
        let params = &mut self.params;
        self.network
            .init(init.0, params, &mut rng(init.1, Stream::Init));
        self.record_history();
    }

    /// Every buffer but the parameters zero or empty, no progress, no history, nothing
    /// measured: a reset's or a restored checkpoint's start.
    fn clear_state(&mut self) {
        self.grads.fill(0.0);
        self.last_update.fill(0.0);
        self.optimizer.clear();
        for ws in [
            &mut self.batch,
            &mut self.eval,
            &mut self.probe,
            &mut self.grid,
        ] {
            ws.clear();
        }
        self.batch_indices.clear();
        self.batch_targets.clear();
        self.grid_scores.clear();
        self.grid_maps.clear();
        self.unshuffle_order();
        self.order_epoch = None;
        self.progress = Progress::default();
        self.next_phase = Phase::Forward;
        self.last_phase = None;
        self.batch_loss = None;
        self.history = History::default();
        self.verdict.clear();
        self.epoch_verdicts.clear();
        self.epoch_gradients.sums.fill(0.0);
        self.epoch_gradients.steps = 0;
        // New parameters: nothing measured of the old ones is theirs.
        self.params_version += 1;
        self.epoch_tally = Tally::default();
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

    /// Each example's loss in the current mini-batch, in the order of `batch_indices` (its mean
    /// is the batch loss once the Loss phase ran; empty before the first Forward). A GPT's
    /// example is a window: its loss is the mean over its positions.
    pub fn batch_losses(&self) -> Vec<f32> {
        let net = &self.network;
        let (logits, pred) = (net.logits(&self.batch), net.predictions(&self.batch));
        let positions = net.positions();
        let losses: Vec<f64> = net
            .loss()
            .example_losses(logits, pred, &self.batch_targets)
            .collect();
        losses
            .chunks_exact(positions)
            .map(|window| (window.iter().sum::<f64>() / positions as f64) as f32)
            .collect()
    }

    pub fn steps_per_epoch(&self) -> u64 {
        self.data
            .train()
            .len()
            .div_ceil(self.config.batch_size as usize) as u64
    }
}

/// A batch holds at most every training example.
fn check_batch_size(config: &Config, data: &TrainingData) -> Result<()> {
    check_range("batchSize", config.batch_size, 1, data.train().len() as u32)
}

/// Writes the inputs of the examples `indices` of `set` into the input boundary of `ws`.
fn fill_inputs(
    set: Examples,
    indices: impl ExactSizeIterator<Item = usize>,
    ws: &mut Workspace,
    width: usize,
) {
    let inputs = ws.inputs_mut(indices.len(), width);
    for (row, i) in inputs.chunks_exact_mut(width).zip(indices) {
        set.write_input(i, row);
    }
}
