// Reading an image network's description (network()): names for its layers, their output shapes,
// and where one example's values of a boundary sit in a value buffer.

// "conv 1", "max pool 2", ..., "output" for the last dense layer (the one the core adds).
export function layerLabel(net, l, t) {
  if (l === net.layers.length - 1) return t('output');
  return `${t(`kind.${net.layers[l].kind}`)} ${l + 1}`;
}

export function isSpatial(shape) {
  return shape.height * shape.width > 1;
}

// The boundaries worth showing for one example: the input, then each layer's output (after its
// activation). Pre-activations would double the rows and teach little more.
export function shownBoundaries(net, t) {
  const rows = [{ boundary: 0, label: t('input'), layer: -1 }];
  net.layers.forEach((layer, l) => rows.push({ boundary: layer.activationBoundary, label: layerLabel(net, l, t), layer: l }));
  return rows;
}

// Offset of example `n` of boundary `k` in a value buffer for `count` examples.
export function boundaryOffset(net, k, count, n) {
  const b = net.boundaries[k];
  return count * b.prefix + n * b.width;
}

// Layers with weights (dense and conv), in order: what gradient norms and histograms are about.
export function parameterLayers(net) {
  return net.layers.map((layer, l) => ({ layer, l })).filter(({ layer }) => layer.weights);
}
