// Reads what one draw needs from the trainer, in an order that keeps wasm views valid: the big
// grid is painted the moment it is read; everything else is copied (small) before the next call.

import { formatNumber } from '../../views/format.js';
import { largestChanges, layerNorm, parameterName } from './parameter-index.js';

export const GRID_RESOLUTION = 64;
// While playing, the grid (a forward pass over every pixel) may take at most ~1/6 of the time.
const GRID_TIME_SHARE = 5;

function lastOutput(net, values) {
  const b = net.boundaries[net.prediction];
  return values[b.prefix + b.width - 1];
}

export function readFrame(trainer, net, app, diagram, playing) {
  const metrics = trainer.metrics();
  const regression = metrics.isRegression;

  // Per-point values for the diagram: the batch's first example after a manual step, else the
  // point picked on the plot.
  let values = null;
  let batch = null;
  let focusValues = null;
  if (app.showBatch) {
    batch = trainer.batchIndices().slice();
    const last = net.boundaries[net.boundaries.length - 1];
    const batchValues = trainer.batchValues();
    if (batch.length > 0 && batchValues.length >= batch.length * (last.prefix + last.width)) {
      values = { buffer: batchValues.slice(), n: batch.length, index: 0 };
    }
  } else if (app.focus) {
    focusValues = trainer.probe(app.focus.x1, app.focus.x2).slice();
    values = { buffer: focusValues, n: 1, index: 0 };
  }

  const grid = app.grid;
  const key = `${app.session.generation}|${metrics.step}|${metrics.lastPhase}`;
  const now = performance.now();
  const gridPainted = key !== grid.key && !(playing && now - grid.at < grid.cost * GRID_TIME_SHARE);
  if (gridPainted) {
    trainer.grid(GRID_RESOLUTION);
    diagram.updateThumbnails(net, trainer.gridMaps(), GRID_RESOLUTION, regression);
    grid.scores = trainer.gridScores().slice();
    grid.key = key;
    grid.at = performance.now();
    grid.cost = grid.at - now;
  }

  const trainPoints = trainer.trainPoints().slice();
  const trainTargets = trainer.trainTargets().slice();
  const plot = {
    scores: grid.scores,
    resolution: GRID_RESOLUTION,
    regression,
    trainPoints,
    trainTargets,
    testPoints: trainer.testPoints().slice(),
    testTargets: trainer.testTargets().slice(),
    batch: batch && batch.length > 0 ? batch : null,
  };
  const buffers = {
    params: trainer.params().slice(),
    grads: trainer.grads().slice(),
    update: trainer.lastUpdate().slice(),
  };
  const optimizerStates = net.optimizerState.map((name, i) => ({ name, values: trainer.optimizerState(i).slice() }));

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
      return t('probe', { x1: formatNumber(app.focus.x1, 3), x2: formatNumber(app.focus.x2, 3), out: formatNumber(lastOutput(net, focusValues), 3) });
    }
    return '';
  };
  return { metrics, values, plot, buffers, optimizerStates, readout, batchSize: batch?.length ?? 0, gridPainted };
}

// The sentence under the phase strip: what the last manual action changed.
export function describePhase(lastAction, frame, net, names, t) {
  if (lastAction === null) return t('phaseDone.none');
  if (lastAction !== 'phase') return t('phaseDone.step');
  const { metrics, buffers } = frame;
  switch (metrics.lastPhase) {
    case 'forward':
      return t('phaseDone.forward', { n: frame.batchSize });
    case 'loss':
      return t('phaseDone.loss', { loss: formatNumber(metrics.batchLoss, 4) });
    case 'backward': {
      const sizes = net.layers.map((_, l) => {
        const label = l === net.layers.length - 1 ? t('output') : `L${l + 1}`;
        return `${label} ${formatNumber(layerNorm(net, buffers.grads, l))}`;
      });
      return t('phaseDone.backward', { sizes: sizes.join(' · ') });
    }
    case 'update': {
      const changes = largestChanges(buffers.params, buffers.update, 3).map(({ index, before, after }) =>
        `${parameterName(net, index, t, names)}: ${formatNumber(before, 4)} → ${formatNumber(after, 4)}`);
      return t('phaseDone.update', { changes: changes.join('; ') || '–' });
    }
    default:
      return t('phaseDone.none');
  }
}
