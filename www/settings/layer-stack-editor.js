// The image network's layer stack: add, remove and edit layers (kind, channels, kernel, stride,
// padding, activation, pool size, dropout rate, units). Each row shows the layer's output shape
// as the core computed it for the running network; a change the core refuses keeps the learner's
// draft on screen (the message names the layer) while the running cook carries on.

import { ACTIVATIONS, MAX_IMAGE_LAYERS, LAYER_KINDS } from './state.js';
import { shapeText } from '../modes/images/image-network.js';

const FRESH = {
  conv2d: { kind: 'conv2d', channels: 8, kernel: 3, stride: 1, padding: 1, activation: 'relu' },
  maxPool2d: { kind: 'maxPool2d', size: 2, stride: null },
  avgPool2d: { kind: 'avgPool2d', size: 2, stride: null },
  flatten: { kind: 'flatten' },
  dropout: { kind: 'dropout', rate: 0.25 },
  dense: { kind: 'dense', units: 32, activation: 'relu' },
};

// The number fields of each kind: [name, min, max, step].
const FIELDS = {
  conv2d: [['channels', 1, 64, 1], ['kernel', 1, 11, 1], ['stride', 1, 4, 1], ['padding', 0, 10, 1]],
  maxPool2d: [['size', 1, 8, 1], ['stride', 1, 8, 1]],
  avgPool2d: [['size', 1, 8, 1], ['stride', 1, 8, 1]],
  flatten: [],
  dropout: [['rate', 0, 0.9, 0.05]],
  dense: [['units', 1, 1024, 1]],
};

export class LayerStackEditor {
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange; // (layers) => void
    this.layers = [];
    this.addKind = 'conv2d';
  }

  // layers: the running config's; net: its network() (shapes); t: translator.
  show(layers, net, t) {
    this.layers = layers.map((l) => ({ ...l }));
    this.t = t;
    const doc = this.container.ownerDocument;
    const focused = doc.activeElement?.dataset?.key;
    this.container.replaceChildren();
    const list = doc.createElement('ol');
    list.className = 'stack-list';
    list.append(this.fixedRow(t('input'), shapeText(net.boundaries[0].shape)));
    this.layers.forEach((layer, i) => list.append(this.row(layer, i, shapeText(net.boundaries[net.layers[i].activationBoundary].shape))));
    const out = net.layers[net.layers.length - 1];
    list.append(this.fixedRow(t('outputLayer'), shapeText(net.boundaries[out.activationBoundary].shape)));
    this.container.append(list, this.addRow());
    if (focused) this.container.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  fixedRow(name, shape) {
    const doc = this.container.ownerDocument;
    const li = doc.createElement('li');
    li.className = 'stack-fixed';
    const label = doc.createElement('span');
    label.className = 'stack-kind';
    label.textContent = name;
    li.append(label, this.shapeCell(shape));
    return li;
  }

  shapeCell(text) {
    const out = this.container.ownerDocument.createElement('output');
    out.className = 'stack-shape';
    out.dataset.testid = 'layer-shape';
    out.textContent = `→ ${text}`;
    return out;
  }

  row(layer, i, shape) {
    const doc = this.container.ownerDocument;
    const t = this.t;
    const li = doc.createElement('li');
    li.dataset.testid = 'image-layer';
    const kind = this.select(LAYER_KINDS.map((k) => [k, t(`kind.${k}`)]), layer.kind, `kind${i}`, t('layerKind', { n: i + 1 }));
    kind.addEventListener('change', () => this.emit(i, { ...FRESH[kind.value] }));
    const number = doc.createElement('span');
    number.className = 'stack-index';
    number.textContent = `${i + 1}`;
    li.append(number, kind);
    for (const [name, min, max, step] of FIELDS[layer.kind]) {
      const label = doc.createElement('label');
      label.className = 'stack-field';
      const text = doc.createElement('span');
      text.textContent = t(`lf.${name}`);
      const input = doc.createElement('input');
      input.type = 'number';
      input.min = String(min);
      input.max = String(max);
      input.step = String(step);
      input.inputMode = step < 1 ? 'decimal' : 'numeric';
      input.dataset.key = `${name}${i}`;
      input.value = String(layer[name] ?? layer.size);
      input.setAttribute('aria-label', `${t(`lf.${name}`)} · ${t('layerN', { n: i + 1 })}`);
      input.addEventListener('change', () => this.emit(i, { ...layer, [name]: input.value.trim() === '' ? NaN : Number(input.value) }));
      label.append(text, input);
      li.append(label);
    }
    if (layer.activation) {
      const act = this.select(ACTIVATIONS.map((a) => [a, t(`act.${a}`)]), layer.activation, `act${i}`, t('activationOf', { n: i + 1 }));
      act.addEventListener('change', () => this.emit(i, { ...layer, activation: act.value }));
      li.append(act);
    }
    li.append(this.shapeCell(shape));
    const remove = this.button('×', t('removeLayerN', { n: i + 1 }), `remove${i}`, () => this.emit(i, null));
    li.append(remove);
    return li;
  }

  addRow() {
    const doc = this.container.ownerDocument;
    const t = this.t;
    const div = doc.createElement('div');
    div.className = 'stack-add';
    const kind = this.select(LAYER_KINDS.map((k) => [k, t(`kind.${k}`)]), this.addKind, 'addKind', t('newLayerKind'));
    kind.addEventListener('change', () => {
      this.addKind = kind.value;
    });
    const add = this.button(`+ ${t('addLayer')}`, t('addLayer'), 'add', () => this.emit(this.layers.length, { ...FRESH[this.addKind] }, true));
    add.disabled = this.layers.length >= MAX_IMAGE_LAYERS;
    div.append(kind, add);
    return div;
  }

  // Replaces (or with `insert`, inserts; with null, removes) layer i and reports the new stack.
  // The rows from i on no longer know their shape until the core has built the network.
  emit(i, layer, insert = false) {
    const next = this.layers.slice();
    if (layer === null) next.splice(i, 1);
    else next.splice(i, insert ? 0 : 1, layer);
    const bad = next.findIndex((l) => Object.values(l).some((v) => typeof v === 'number' && !Number.isFinite(v)));
    if (bad >= 0) {
      this.onChange(next, `layer ${bad + 1}: every field needs a number`);
      return;
    }
    this.layers = next;
    for (const [k, out] of [...this.container.querySelectorAll('li[data-testid="image-layer"] .stack-shape')].entries()) {
      if (k >= i) out.textContent = '→ …';
    }
    this.onChange(next, null);
  }

  select(options, value, key, label) {
    const select = this.container.ownerDocument.createElement('select');
    for (const [v, text] of options) select.append(new Option(text, v));
    select.value = value;
    select.dataset.key = key;
    select.setAttribute('aria-label', label);
    return select;
  }

  button(text, label, key, onClick) {
    const b = this.container.ownerDocument.createElement('button');
    b.type = 'button';
    b.className = 'small';
    b.textContent = text;
    b.title = label;
    b.setAttribute('aria-label', label);
    b.dataset.key = key;
    b.addEventListener('click', onClick);
    return b;
  }
}
