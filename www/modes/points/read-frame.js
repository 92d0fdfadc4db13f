// Reads what one draw of the point views needs from the frame (each view once), in an order that
// keeps wasm views valid: the calls that may allocate (probe, grid) come first, the big grid is
// painted the moment it is read, and what a view keeps past the frame is copied.

import { formatNumber } from '../../views/format.js';
import { changedKey } from '../../views/view-key.js';

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

// frame: FrameData; follow: { showBatch, focus } (what the diagram follows); held: what this
// reader keeps between frames (the grid, the points); pacing: the loop (may the grid repaint?).
export function readFrame(frame, follow, held, diagram, pacing, generation) {
  const { net, metrics } = frame;
  const regression = metrics.isRegression;

  // Per-point values for the diagram: the batch's first example after a manual step, else the
  // point picked on the plot.
  let values = null;
  let batch = null;
  let focusValues = null;
  if (follow.showBatch) {
    batch = frame.view('batchIndices').slice();
    const last = net.boundaries[net.boundaries.length - 1];
    const batchValues = frame.view('batchValues');
    if (batch.length > 0 && batchValues.length >= batch.length * (last.prefix + last.width)) {
      values = { buffer: batchValues.slice(), n: batch.length, index: 0 };
    }
  } else if (follow.focus) {
    focusValues = frame.trainer.probe(follow.focus.x1, follow.focus.x2).slice();
    values = { buffer: focusValues, n: 1, index: 0 };
  }

  const key = { generation, step: metrics.step, lastPhase: metrics.lastPhase };
  const gridPainted = changedKey(held.gridKey, key) && pacing.due('grid');
  if (gridPainted) {
    const start = pacing.now();
    frame.trainer.grid(GRID_RESOLUTION);
    diagram.updateThumbnails(net, frame.view('gridMaps'), GRID_RESOLUTION, regression);
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
  };
  const buffers = {
    params: frame.view('params').slice(),
    grads: frame.view('grads').slice(),
    update: frame.view('lastUpdate').slice(),
  };
  const optimizerStates = net.optimizerState.map((name, i) => ({ name, values: frame.view('optimizerState', i).slice() }));

  const readout = (t) => {
    if (values && batch) {
      const i = batch[0];
      const target = trainTargets[i];
      return t('batchExample', {
        x1: formatNumber(trainPoints[2 * i], 3), x2: formatNumber(trainPoints[2 * i + 1], 3),
        target: regression ? formatNumber(target, 3) : String(target),
      });
    }
    if (focusValues) {
      return t('probe', { x1: formatNumber(follow.focus.x1, 3), x2: formatNumber(follow.focus.x2, 3), out: formatNumber(lastOutput(net, focusValues), 3) });
    }
    return '';
  };
  return { values, plot, buffers, optimizerStates, readout, batchSize: batch?.length ?? 0 };
}
