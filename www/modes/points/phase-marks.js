// The marks a phase by hand leaves on the network diagram: after Backward each neuron's error
// signal δ = ∂L/∂z as a ring in the gradient palette; after Update each weight as it was before,
// a faint band under its edge.

import { gradientColour } from '../../views/palette.js';
import { formatNumber } from '../../views/format.js';
import { edgeWidth } from '../../views/edge-width.js';

// Each layer's δ over the batch: Σ over its examples of ∂L/∂z (the loss is the batch's mean, so
// this is the gradient its biases get). grads: batchGradients() for `n` examples. → per
// layer a Float64Array of its units.
export function errorSignals(net, grads, n) {
  return net.layers.map((layer) => {
    const { prefix, width } = net.boundaries[layer.preActivation];
    const delta = new Float64Array(width);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < width; j++) delta[j] += grads[n * prefix + i * width + j];
    }
    return delta;
  });
}

// columns: the diagram's columns ({ nodes }, the first the inputs); deltas: errorSignals() or
// null (no rings). Ring widths share one scale over the network, so layers compare.
export function markErrorSignals(columns, deltas) {
  let max = 0;
  for (const delta of deltas ?? []) for (const d of delta) max = Math.max(max, Math.abs(d));
  for (const [c, column] of columns.entries()) {
    if (c === 0) continue;
    for (const node of column.nodes) {
      const d = deltas?.[c - 1][node.j];
      const style = node.el.style;
      if (d === undefined) {
        delete node.el.dataset.delta;
        style.removeProperty('--delta-width');
        continue;
      }
      node.el.dataset.delta = formatNumber(d);
      style.setProperty('--delta-width', `${(1 + 5 * (max > 0 ? Math.abs(d) / max : 0)).toFixed(1)}px`);
      style.setProperty('--delta-colour', gradientColour(d));
    }
  }
}

// How much wider than the edge it was a weight's band before the update is, in pixels.
const GHOST_MARGIN = 3;

// edges: the diagram's ({ ghost: its path, index }); before: the weights before the last update
// (or null: no ghost), on the edges' one width scale: a grown weight's edge reaches past its band.
export function drawGhostEdges(group, edges, before) {
  group.style.display = before ? '' : 'none';
  group.dataset.shown = before ? 'weights-before' : '';
  if (!before) return;
  // On the edges' own width scale, a band wider than the edge it was, so the edge drawn over it
  // shows how much it changed.
  for (const edge of edges) edge.ghost.setAttribute('stroke-width', (edgeWidth(before[edge.index]) + GHOST_MARGIN).toFixed(1));
}
