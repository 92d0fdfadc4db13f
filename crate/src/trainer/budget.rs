//! The memory a trainer's buffers take, counted from its network, data and batch size before
//! any is made, with checked arithmetic: past `MAX_TRAINER_BYTES` the batch or the network is
//! refused with a message saying which and by how much, never a failed allocation.

use super::MAX_GRID_RESOLUTION;
use crate::config::limits::MAX_TRAINER_BYTES;
use crate::config::Config;
use crate::data::{Measurement, TrainingData};
use crate::error::{Error, Result};
use crate::nn::network::Network;
use crate::nn::shapes::network_too_big;
use crate::nn::workspace::{bytes_text, FLOAT};
use crate::optimizer::Optimizer;

/// Examples evaluated at once when measuring a set, at most: fewer for a large network, whose
/// evaluation chunk holds at most `EVAL_BYTES` of values.
pub const EVAL_CHUNK: usize = 256;
const EVAL_BYTES: u64 = 4 << 20;

/// Examples the evaluation workspace of `network` holds.
pub fn eval_capacity(network: &Network) -> usize {
    // What one more example takes: its boundaries, and a GPT's kept values.
    let bytes = |n| network.workspace_bytes(n, false);
    let per_example = bytes(2)
        .zip(bytes(1))
        .map_or(u64::MAX, |(two, one)| two.saturating_sub(one))
        .max(FLOAT);
    (EVAL_BYTES / per_example).clamp(1, EVAL_CHUNK as u64) as usize
}

/// Bytes of a trainer's buffers with batches of `batch` (None past u64): parameters and their
/// companions, the batch's workspace, the evaluation, probe and grid workspaces, the epoch's
/// order and the test predictions.
fn trainer_bytes(
    config: &Config,
    network: &Network,
    data: &TrainingData,
    batch: u64,
) -> Option<u64> {
    let slices = data.measurement() == Measurement::EachEpochInSlices;
    // Parameters, gradients, last update, optimiser state, and the two epoch verdicts' copies.
    let copies = 3 + Optimizer::names(config.optimizer).len() as u64 + if slices { 2 } else { 0 };
    let params = (network.param_count() as u64).checked_mul(copies * FLOAT)?;
    let grid = if data.points().is_some() {
        let points = (MAX_GRID_RESOLUTION * MAX_GRID_RESOLUTION) as u64;
        // Its workspace, the values unit by unit, and a score per point.
        let maps = (network.total_width() as u64 + 1) * points * FLOAT;
        network.workspace_bytes(points, false)?.checked_add(maps)?
    } else {
        0
    };
    let verdicts = if slices { 3 } else { 1 };
    let kept = u64::from(data.keeps_predictions());
    let per_example = (network.positions() * network.loss().width) as u64;
    let predictions = data.test().len() as u64 * per_example * FLOAT * verdicts * kept;
    let order = (data.train().len() as u64 + 2 * batch) * FLOAT;
    [
        network.workspace_bytes(batch, true)?,
        network.workspace_bytes(eval_capacity(network) as u64, false)?,
        network.workspace_bytes(1, false)?,
        grid,
        predictions,
        order,
    ]
    .into_iter()
    .try_fold(params, u64::checked_add)
}

/// Refuses a batch size or a network whose trainer would pass `MAX_TRAINER_BYTES`: the batch
/// size (with the largest that fits) when a smaller batch would do, else the network.
pub fn check_memory(config: &Config, network: &Network, data: &TrainingData) -> Result<()> {
    let bytes =
        |batch| trainer_bytes(config, network, data, batch).filter(|&b| b <= MAX_TRAINER_BYTES);
    let batch = u64::from(config.batch_size);
    if bytes(batch).is_some() {
        return Ok(());
    }
    if bytes(1).is_none() {
        return Err(network_too_big(
            config,
            trainer_bytes(config, network, data, 1),
            1,
        ));
    }
    // The largest batch that fits (bytes grow with the batch): 1 fits, `batch` does not.
    let (mut fits, mut not) = (1, batch);
    while not - fits > 1 {
        let middle = fits + (not - fits) / 2;
        if bytes(middle).is_some() {
            fits = middle;
        } else {
            not = middle;
        }
    }
    let needed = trainer_bytes(config, network, data, batch)
        .map_or("more than can be counted".to_string(), bytes_text);
    Err(Error::invalid(
        "batchSize",
        format!(
            "between 1 and {fits} for this network (a batch of {batch} needs {needed}; at most {} fit)",
            bytes_text(MAX_TRAINER_BYTES)
        ),
        batch,
    ))
}
