// Reads what one draw of the point views needs from the frame (each view once), in an order that
// keeps wasm views valid: the calls that may allocate (probe, grid) come first, the big grid is
// painted the moment it is read, and what a view keeps past the frame is copied.

import { formatNumber } from '../../views/format.js';
import { percentText } from '../../views/probability-bar.js';
import { changedKey } from '../../views/view-key.js';
import { errorSignals } from './phase-marks.js';
import { tasteSentence } from '../../views/taste.js';

const GRID_RESOLUTION = 64;

function lastOutput(net, values) {
  const b = net.boundaries[net.prediction];
  return values[b.prefix + b.width - 1];
}

// The data set's points and answers, copied once per trainer (they change only with it).
function pointsOf(frame, held, generation) {
  if (held.points && held.points.trainer === frame.trainer && held.points.generation === generation) return held.points;
  held.points = {
    trainer: frame.trainer,
    generation,
    trainPoints: frame.view('trainPoints').slice(),
    trainTargets: frame.view('trainTargets').slice(),
    testPoints: frame.view('testPoints').slice(),
    testTargets: frame.view('testTargets').slice(),
  };
  return held.points;
}

// frame: FrameData; follow: { showBatch, focus, scope, lossKind } (what the diagram follows,
// the thumbnails' colour scope, the config's loss); held: what this reader keeps between frames
// (the grid, the points); pacing: the loop (may the grid repaint?).
export function readFrame(frame, follow, held, diagram, pacing, generation) {
  const { net, metrics } = frame;
  const regression = metrics.isRegression;
  // What the last phase by hand left to show: the batch's losses once tasted (until the update),
  // the error signals after Backward, the weights and boundary before after Update.
  const phase = follow.showBatch ? metrics.lastPhase : null;
  const tasted = phase === 'loss' || phase === 'backward';
  const updated = phase === 'update';

  // Per-point values for the diagram: the batch's first example (the followed one) after a
  // manual step, else the point picked on the plot. After an update the followed example goes
  // through the network again: its values with the new weights, not the stale ones of the batch.
  let values = null;
  let before = null;
  let batch = null;
  let focusValues = null;
  if (follow.showBatch) {
    batch = frame.view('batchIndices').slice();
    const last = net.boundaries[net.boundaries.length - 1];
    const batchValues = frame.view('batchValues');
    if (batch.length > 0 && batchValues.length >= batch.length * (last.prefix + last.width)) {
      values = { buffer: batchValues.slice(), n: batch.length, index: 0 };
    }
    if (values && updated) {
      const points = frame.view('trainPoints');
      before = values;
      values = { buffer: frame.trainer.probe(points[2 * batch[0]], points[2 * batch[0] + 1]).slice(), n: 1, index: 0 };
    }
  } else if (follow.focus) {
    focusValues = frame.trainer.probe(follow.focus.x1, follow.focus.x2).slice();
    values = { buffer: focusValues, n: 1, index: 0 };
  }

  const key = { generation, step: metrics.step, lastPhase: metrics.lastPhase, scope: follow.scope };
  const gridPainted = changedKey(held.gridKey, key) && pacing.due('grid');
  if (gridPainted) {
    const start = pacing.now();
    frame.trainer.grid(GRID_RESOLUTION);
    diagram.updateThumbnails(net, frame.view('gridMaps'), GRID_RESOLUTION, regression, follow.scope);
    // The scores of the step before, kept as the boundary before the update: the parameters
    // change only in an update, so those of the previous step are the ones it started from.
    const previous = held.gridKey;
    const stepBefore = previous && previous.generation === generation && previous.step === key.step - 1;
    held.ghostScores = stepBefore ? held.scores : null;
    held.scores = frame.view('gridScores').slice();
    held.gridKey = key;
    pacing.painted('grid', '', start);
  }

  const { trainPoints, trainTargets, testPoints, testTargets } = pointsOf(frame, held, generation);
  const plot = {
    scores: held.scores,
    resolution: GRID_RESOLUTION,
    regression,
    trainPoints,
    trainTargets,
    testPoints,
    testTargets,
    batch: batch && batch.length > 0 ? batch : null,
    batchLosses: null,
    ghostScores: updated ? held.ghostScores ?? null : null,
  };
  const buffers = {
    params: frame.view('params').slice(),
    grads: frame.view('grads').slice(),
    update: frame.view('lastUpdate').slice(),
  };
  if (plot.batch && tasted) plot.batchLosses = frame.view('batchLosses').slice();
  const deltas = plot.batch && phase === 'backward' ? errorSignals(net, frame.view('batchGradients'), plot.batch.length) : null;
  const weightsBefore = updated ? buffers.params.map((w, i) => w - buffers.update[i]) : null;
  const optimizerStates = net.optimizerState.map((name, i) => ({ name, values: frame.view('optimizerState', i).slice() }));

  const readout = (t) => {
    if (values && batch) {
      const i = batch[0];
      const target = trainTargets[i];
      const where = { x1: formatNumber(trainPoints[2 * i], 3), x2: formatNumber(trainPoints[2 * i + 1], 3) };
      if (plot.batchLosses) {
        const { prefix, width } = net.boundaries[net.prediction];
        const pred = values.buffer.subarray(values.n * prefix, values.n * prefix + width);
        const taste = tasteSentence({ lossKind: follow.lossKind, regression, pred, target, loss: plot.batchLosses[0], t });
        const answer = regression ? t('answerTarget', { target: formatNumber(target, 3) }) : t('answerClass', { target });
        return t('tasteFollowed', { ...where, answer, taste });
      }
      return t('batchExample', { ...where, target: regression ? formatNumber(target, 3) : String(target) });
    }
    if (focusValues) {
      const where = { x1: formatNumber(follow.focus.x1, 3), x2: formatNumber(follow.focus.x2, 3) };
      const out = lastOutput(net, focusValues); // a classifier's: the probability of class 1
      if (regression) return t('probeValue', { ...where, out: formatNumber(out, 3) });
      const answer = out >= 0.5 ? 1 : 0;
      return t('probe', { ...where, answer, sure: percentText(answer === 1 ? out : 1 - out) });
    }
    return '';
  };
  return { values, before, plot, buffers, optimizerStates, readout, batchSize: batch?.length ?? 0, deltas, weightsBefore };
}
