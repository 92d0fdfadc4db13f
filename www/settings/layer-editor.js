// The layer editor: one model is one layer stack, edited here. Two looks over the same machinery:
// 'hidden' (a point network's dense layers: add or remove layers, ± neurons, an activation each)
// and 'stack' (an image network: each layer's kind and numbers, its output shape as the core
// computed it for the running network, a layer of any kind added or removed). A change the core
// refuses keeps the learner's draft on screen (the message names the layer).

import { LAYER_NUMBERS, layerNumberError, layerNumberRange } from './image-layers.js';
import { shapeText } from '../views/format.js';

// A new layer of each kind in the stack look.
const FRESH = {
  conv2d: { kind: 'conv2d', channels: 8, kernel: 3, stride: 1, padding: 1, activation: 'relu' },
  maxPool2d: { kind: 'maxPool2d', size: 2, stride: null },
  avgPool2d: { kind: 'avgPool2d', size: 2, stride: null },
  flatten: { kind: 'flatten' },
  dropout: { kind: 'dropout', rate: 0.25 },
  dense: { kind: 'dense', units: 32, activation: 'relu' },
  embed: { kind: 'embed', dims: 10 },
  gpt: { kind: 'gpt', dModel: 32, heads: 4, blocks: 2, mlpRatio: 4, tied: true },
  rnn: { kind: 'rnn', units: 64, cell: 'gru' },
};

export class LayerEditor {
  // look: 'hidden' | 'stack'; field: the config field edited, from the core's schema (its
  // activations, layer kinds and limits); change(layers): the learner's new stack;
  // invalid(message): a draft that is no stack yet (a field without a number).
  constructor(container, { look, field, change, invalid = () => {} }) {
    this.container = container;
    this.look = look;
    this.activations = field.values;
    this.limits = field.limits;
    this.change = change;
    this.invalid = invalid;
    this.layers = [];
    this.addKind = 'conv2d';
  }

  // layers: the running config's; net: its network() (shapes, for the stack look); t: translator.
  show(layers, net, t) {
    this.layers = layers.map((l) => ({ ...l }));
    this.t = t;
    const focused = this.container.ownerDocument.activeElement?.dataset?.key;
    this.container.replaceChildren(...(this.look === 'hidden' ? this.hiddenLook() : this.stackLook(net)));
    if (focused) this.container.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  hiddenLook() {
    const { t, layers } = this;
    const head = this.element('div', 'layer-head');
    const title = this.element('span', 'layer-count', `${t('hiddenLayers')}: ${layers.length}`);
    head.append(
      this.button('−', t('removeLayer'), 'layers-', layers.length === 0, () => this.change(layers.slice(0, -1))),
      this.button('+', t('addLayer'), 'layers+', layers.length >= this.limits.maxLayers, () => {
        const last = layers[layers.length - 1] ?? { units: 4, activation: 'tanh' };
        this.change([...layers, { ...last }]);
      }),
      title,
    );
    const list = this.element('ol', 'layer-list');
    layers.forEach((layer, i) => {
      const n = i + 1;
      const set = (change) => this.change(layers.map((l, k) => (k === i ? { ...l, ...change } : l)));
      const item = this.element('li');
      item.append(
        this.element('span', 'layer-name', t('layerN', { n })),
        this.button('−', t('fewerNeurons', { n }), `units-${i}`, layer.units <= 1, () => set({ units: layer.units - 1 })),
        this.element('span', 'layer-units', t('neurons', { n: layer.units })),
        this.button('+', t('moreNeurons', { n }), `units+${i}`, layer.units >= this.limits.units.max, () => set({ units: layer.units + 1 })),
        this.activation(layer, i, (activation) => set({ activation })),
      );
      list.append(item);
    });
    return [head, list];
  }

  stackLook(net) {
    const t = this.t;
    const list = this.element('ol', 'stack-list');
    list.append(this.fixedRow(t('input'), shapeText(net.boundaries[0].shape)));
    this.layers.forEach((layer, i) => list.append(this.stackRow(layer, i, shapeText(net.boundaries[net.layers[i].activationBoundary].shape))));
    const out = net.layers[net.layers.length - 1];
    list.append(this.fixedRow(t('outputLayer'), shapeText(net.boundaries[out.activationBoundary].shape)));
    const add = this.element('div', 'stack-add');
    const kind = this.select(this.limits.kinds.map((k) => [k, t(`kind.${k}`)]), this.addKind, 'addKind', t('newLayerKind'));
    kind.addEventListener('change', () => {
      this.addKind = kind.value;
    });
    add.append(kind, this.button(`+ ${t('addLayer')}`, t('addLayer'), 'add', this.layers.length >= this.limits.maxLayers,
      () => this.emit(this.layers.length, { ...FRESH[this.addKind] }, true)));
    return [list, add];
  }

  fixedRow(name, shape) {
    const li = this.element('li', 'stack-fixed');
    li.append(this.element('span', 'stack-kind', name), this.shapeCell(shape));
    return li;
  }

  shapeCell(text) {
    const out = this.element('output', 'stack-shape', `→ ${text}`);
    out.dataset.testid = 'layer-shape';
    return out;
  }

  stackRow(layer, i, shape) {
    const t = this.t;
    const li = this.element('li');
    li.dataset.testid = 'image-layer';
    const kind = this.select(this.limits.kinds.map((k) => [k, t(`kind.${k}`)]), layer.kind, `kind${i}`, t('layerKind', { n: i + 1 }));
    kind.addEventListener('change', () => this.emit(i, { ...FRESH[kind.value] }));
    li.append(this.element('span', 'stack-index', `${i + 1}`), kind);
    for (const name of LAYER_NUMBERS[layer.kind]) {
      // The core's range (a conv's padding has none of its own: its kernel bounds it).
      const { min, max, whole } = layerNumberRange(this.limits, layer.kind, name);
      const label = this.element('label', 'stack-field');
      const input = this.element('input');
      Object.assign(input, { type: 'number', min: String(min), step: whole ? '1' : '0.05', inputMode: whole ? 'numeric' : 'decimal' });
      if (max !== null) input.max = String(max);
      input.dataset.key = `${name}${i}`;
      input.value = String(layer[name] ?? layer.size);
      input.setAttribute('aria-label', `${t(`lf.${name}`)} · ${t('layerN', { n: i + 1 })}`);
      input.addEventListener('change', () => this.emit(i, { ...layer, [name]: input.value.trim() === '' ? NaN : Number(input.value) }));
      label.append(this.element('span', '', t(`lf.${name}`)), input);
      li.append(label);
    }
    if (layer.activation) li.append(this.activation(layer, i, (activation) => this.emit(i, { ...layer, activation })));
    li.append(this.shapeCell(shape), this.button('×', t('removeLayerN', { n: i + 1 }), `remove${i}`, false, () => this.emit(i, null)));
    return li;
  }

  // Replaces (or with `insert`, inserts; with null, removes) layer i of the stack and reports it.
  // The rows from i on no longer know their shape until the core has built the network.
  emit(i, layer, insert = false) {
    const next = this.layers.slice();
    if (layer === null) next.splice(i, 1);
    else next.splice(i, insert ? 0 : 1, layer);
    const bad = next.findIndex((l) => Object.values(l).some((v) => typeof v === 'number' && !Number.isFinite(v)));
    if (bad >= 0) {
      this.invalid(`layer ${bad + 1}: every field needs a number`);
      return;
    }
    // A number out of the core's range is named here, with its range, before the core sees it.
    const outOfRange = next.map((l, k) => layerNumberError(this.limits, l, k)).find(Boolean);
    if (outOfRange) {
      this.invalid(outOfRange);
      return;
    }
    this.layers = next;
    for (const [k, out] of [...this.container.querySelectorAll('li[data-testid="image-layer"] .stack-shape')].entries()) {
      if (k >= i) out.textContent = '→ …';
    }
    this.change(next);
  }

  activation(layer, i, set) {
    const select = this.select(this.activations.map((a) => [a, this.t(`act.${a}`)]), layer.activation, `act${i}`, this.t('activationOf', { n: i + 1 }));
    select.addEventListener('change', () => set(select.value));
    return select;
  }

  element(tag, className = '', text = null) {
    const el = this.container.ownerDocument.createElement(tag);
    if (className) el.className = className;
    if (text !== null) el.textContent = text;
    return el;
  }

  select(options, value, key, label) {
    const select = this.element('select');
    for (const [v, text] of options) select.append(new Option(text, v));
    select.value = value;
    select.dataset.key = key;
    select.setAttribute('aria-label', label);
    return select;
  }

  button(text, label, key, disabled, onClick) {
    const b = this.element('button', 'small', text);
    b.type = 'button';
    b.title = label;
    b.setAttribute('aria-label', label);
    b.dataset.key = key;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  }
}
