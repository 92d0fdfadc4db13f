// Reads the flat parameter layout of `trainer.network()`: where each weight and bias sits, what to
// call it, and per-layer summaries (identical neurons, largest changes) of a view.

// Column names: the input features, each hidden layer's neurons, then the outputs (a
// classifier's one per class, named by it).
export function columnNames(net, t) {
  const columns = [net.features.map((f) => t(`feat.${f}`))];
  net.layers.forEach((layer, l) => {
    const last = l === net.layers.length - 1;
    columns.push(Array.from({ length: layer.units }, (_, j) => {
      if (!last) return `L${l + 1}·${j + 1}`;
      return layer.units === 1 ? t('output') : t('outputClass', { j });
    }));
  });
  return columns;
}

export function weightIndex(net, l, row, col) {
  const w = net.layers[l].weights;
  return w.offset + row * w.cols + col;
}

export function biasIndex(net, l, row) {
  return net.layers[l].biases.offset + row;
}

// {layer, kind, row, col} of a flat index, or null if it belongs to no layer.
export function locate(net, index) {
  for (const [l, layer] of net.layers.entries()) {
    const w = layer.weights;
    if (index >= w.offset && index < w.offset + w.length) {
      const k = index - w.offset;
      return { layer: l, kind: 'weight', row: Math.floor(k / w.cols), col: k % w.cols };
    }
    const b = layer.biases;
    if (index >= b.offset && index < b.offset + b.length) {
      return { layer: l, kind: 'bias', row: index - b.offset, col: -1 };
    }
  }
  return null;
}

export function parameterName(net, index, t, names = columnNames(net, t)) {
  const where = locate(net, index);
  if (!where) return `#${index}`;
  const to = names[where.layer + 1][where.row];
  if (where.kind === 'bias') return t('paramBias', { to });
  return t('paramWeight', { from: names[where.layer][where.col], to });
}

function close(a, b) {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

// True when a layer has two or more neurons and all of them have the same incoming weights and
// bias: the symmetry that constant initialisation never breaks.
export function identicalNeurons(net, params, l) {
  const { weights, biases, units } = net.layers[l];
  if (units < 2) return false;
  for (let row = 1; row < units; row++) {
    if (!close(params[biases.offset + row], params[biases.offset])) return false;
    for (let col = 0; col < weights.cols; col++) {
      if (!close(params[weights.offset + row * weights.cols + col], params[weights.offset + col])) return false;
    }
  }
  return true;
}

// The `count` parameters that moved most in the last update, with before → after.
export function largestChanges(params, update, count) {
  const top = [];
  for (let i = 0; i < update.length; i++) {
    const size = Math.abs(update[i]);
    if (size === 0) continue;
    if (top.length < count || size > top[top.length - 1].size) {
      top.push({ index: i, size });
      top.sort((a, b) => b.size - a.size);
      if (top.length > count) top.pop();
    }
  }
  return top.map(({ index }) => ({ index, before: params[index] - update[index], after: params[index] }));
}

// The boundary index of a dense layer's activation. docs/trainer-api.md writes it as
// `activation` (clashing with the activation's name); the core names it `activationBoundary`.
export function activationBoundary(layer) {
  if (typeof layer.activation === 'number') return layer.activation;
  return layer.activationBoundary ?? layer.preActivation + 1;
}

export function activationName(layer) {
  return typeof layer.activation === 'string' ? layer.activation : 'linear';
}
