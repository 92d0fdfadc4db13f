// The size of a layer's change: the L2 norm of its weights in a flat buffer (params, grads or
// lastUpdate). The core's per-epoch gradient sizes (history().gradNorms) use the same
// definition, so the phase sentence, the diagram and the gradient chart agree.

import { formatNumber } from './format.js';

export function layerSize(layer, buffer) {
  let sum = 0;
  const { offset, length } = layer.weights;
  for (let i = offset; i < offset + length; i++) sum += buffer[i] * buffer[i];
  return Math.sqrt(sum);
}

// "L1 0.12 · output 0.03": the size of each layer with weights; label(l) names layer l.
export function layerSizesText(net, buffer, label) {
  return net.layers
    .map((layer, l) => ({ layer, l }))
    .filter(({ layer }) => layer.weights)
    .map(({ layer, l }) => `${label(l)} ${formatNumber(layerSize(layer, buffer))}`)
    .join(' · ');
}
