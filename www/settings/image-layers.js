// An image or text network's layers as the link writes them ("conv8k5p2-relu,max2,flatten,dense32-relu";
// "embed10,dense128-tanh"; a tiny GPT, "gpt32h4b2": width 32, 4 heads, 2 blocks; a recurrent
// network, "gru64" or "rnn64": a GRU or a tanh cell of 64 units)
// and the ranges of their numbers, which are the core's (the schema's `limits` of `layers`). One
// check for the link, the handle and the layer editor, so each names a bad number the same way
// ("layers[0].channels must be a whole number between 1 and 64, got -1") before the core sees it.

import { echo } from '../views/format.js';

// The numbers of each kind of layer, in the order the editor shows them.
export const LAYER_NUMBERS = {
  conv2d: ['channels', 'kernel', 'stride', 'padding'],
  maxPool2d: ['size', 'stride'],
  avgPool2d: ['size', 'stride'],
  flatten: [],
  dropout: ['rate'],
  dense: ['units'],
  embed: ['dims'],
  gpt: ['dModel', 'heads', 'blocks', 'mlpRatio'],
  rnn: ['units'],
};

// The core reads a layer's whole numbers as u32: a number the schema leaves unbounded (a conv's
// padding, whose bound is its kernel's) still has to fit one, and the core names the rest.
const U32_MAX = 4294967295;

// The range of number `name` of a `kind` layer: { min, max (null: bounded by another number,
// which the core checks), whole, allowed (text) }.
export function layerNumberRange(limits, kind, name) {
  const group = kind === 'maxPool2d' || kind === 'avgPool2d' ? limits.pool : limits[kind];
  const { min, max, allowed } = group[name];
  const whole = name !== 'rate';
  return { min, max, whole, allowed: `${whole ? 'a whole number ' : ''}${allowed}` };
}

// The message naming the first number of `layer` (layer i of field `name`) outside its range, or null.
export function layerNumberError(limits, layer, i, name = 'layers') {
  for (const key of LAYER_NUMBERS[layer.kind] ?? []) {
    const value = layer[key];
    // A pool without a stride moves by its size; an embedding without dims is the bigram's
    // vocabulary-wide table.
    if (key === 'stride' && value === null && layer.kind !== 'conv2d') continue;
    if (key === 'dims' && value === null) continue;
    const { min, max, whole, allowed } = layerNumberRange(limits, layer.kind, key);
    const fits = typeof value === 'number' && Number.isFinite(value) && (!whole || Number.isInteger(value)) && value >= min && value <= (max ?? U32_MAX);
    if (!fits) return `${name}[${i}].${key} must be ${allowed}, got ${echo(value)}`;
  }
  return null;
}

// conv: c channels, k kernel, s stride (if not 1), p padding (if not 0); pools: size, s stride
// (if not the size); embed: its dims (none: as many as the vocabulary); gpt: d model width, h
// heads, b blocks, m the MLP's ratio (if not 4), u an untied head; rnn / gru: a tanh or GRU cell
// and its units. The core checks the shapes (a
// kernel larger than its input, heads that do not divide the width), naming the layer.
const IMAGE_LAYER_PATTERN = /^(?:conv(\d+)k(\d+)(?:s(\d+))?(?:p(\d+))?-(\w+)|(max|avg)(\d+)(?:s(\d+))?|flatten|drop([\d.]+)|dense(\d+)-(\w+)|embed(\d+)?|gpt(\d+)h(\d+)b(\d+)(?:m(\d+))?(u)?|(rnn|gru)(\d+))$/;
const GPT_MLP_RATIO = 4; // the core's default (schema: limits.gpt.defaults)

// spec: the schema's `layers` field (its activations in `values`, its `limits`); raw: link text.
export function parseImageLayers({ name, values: activations, limits }, raw) {
  if (raw === '') return { value: [] };
  const parts = raw.split(',');
  if (parts.length > limits.maxLayers) {
    return { error: `${name} must have at most ${limits.maxLayers} layers, got ${parts.length}` };
  }
  const layers = [];
  for (const [i, part] of parts.entries()) {
    const m = IMAGE_LAYER_PATTERN.exec(part);
    const activation = m?.[5] ?? m?.[11];
    if (!m || (activation !== undefined && !activations.includes(activation))) {
      return { error: `${name}[${i}] must read like conv8k5p2-relu, max2, avg2s1, flatten, drop0.25, dense32-relu, embed10, embed, gpt32h4b2 or gru64, got ${echo(part)}` };
    }
    let layer;
    if (m[1]) layer = { kind: 'conv2d', channels: Number(m[1]), kernel: Number(m[2]), stride: Number(m[3] ?? 1), padding: Number(m[4] ?? 0), activation };
    else if (m[6]) layer = { kind: m[6] === 'max' ? 'maxPool2d' : 'avgPool2d', size: Number(m[7]), stride: m[8] === undefined ? null : Number(m[8]) };
    else if (part === 'flatten') layer = { kind: 'flatten' };
    else if (m[9]) layer = { kind: 'dropout', rate: Number(m[9]) };
    else if (m[13]) layer = { kind: 'gpt', dModel: Number(m[13]), heads: Number(m[14]), blocks: Number(m[15]), mlpRatio: Number(m[16] ?? GPT_MLP_RATIO), tied: !m[17] };
    else if (m[18]) layer = { kind: 'rnn', units: Number(m[19]), cell: m[18] === 'gru' ? 'gru' : 'tanh' };
    else if (part.startsWith('embed')) layer = { kind: 'embed', dims: m[12] === undefined ? null : Number(m[12]) };
    else layer = { kind: 'dense', units: Number(m[10]), activation };
    const error = layerNumberError(limits, layer, i, name);
    if (error) return { error };
    layers.push(layer);
  }
  return { value: layers };
}

export function formatImageLayers(layers) {
  return (layers ?? []).map(formatImageLayer).join(',');
}

function formatImageLayer(l) {
  switch (l.kind) {
    case 'conv2d':
      return `conv${l.channels}k${l.kernel}${(l.stride ?? 1) !== 1 ? `s${l.stride}` : ''}${l.padding ? `p${l.padding}` : ''}-${l.activation}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${l.kind === 'maxPool2d' ? 'max' : 'avg'}${l.size}${l.stride != null && l.stride !== l.size ? `s${l.stride}` : ''}`;
    case 'dropout':
      return `drop${Number(Number(l.rate).toPrecision(4))}`;
    case 'dense':
      return `dense${l.units}-${l.activation}`;
    case 'flatten':
      return 'flatten';
    case 'embed':
      return `embed${l.dims ?? ''}`;
    case 'gpt':
      return `gpt${l.dModel}h${l.heads}b${l.blocks}${(l.mlpRatio ?? GPT_MLP_RATIO) !== GPT_MLP_RATIO ? `m${l.mlpRatio}` : ''}${l.tied === false ? 'u' : ''}`;
    case 'rnn':
      return `${l.cell === 'gru' ? 'gru' : 'rnn'}${l.units}`;
    default:
      // An unknown kind stays itself, so parsing names it instead of reading a flatten.
      return String(l.kind);
  }
}
