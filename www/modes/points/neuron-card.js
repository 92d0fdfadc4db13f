// The arithmetic card of the followed neuron: for the example the diagram shows, each input ×
// its weight, + the bias = z, then the activation of z, with the numbers a learner can redo.

import { formatFixed } from '../../views/format.js';
import { activationBoundary, activationName, biasIndex, weightIndex } from './parameter-index.js';

const GAP = [['gap', ''], ['gap', ''], ['gap', '']];

export class NeuronCard {
  constructor(root) {
    this.root = root;
    this.shown = '';
  }

  // frame: { net, params, values ({buffer, n, index} | null: no card), before (the values before
  // the last update, or null), neuron: { layer, row }, names (columnNames), lossKind (the config's
  // loss), t }.
  update({ net, params, values, before, neuron, names, lossKind, t }) {
    const layer = net.layers[neuron.layer];
    if (!values || !layer) {
      this.show('', () => []);
      return;
    }
    const { layer: l, row } = neuron;
    const value = (buffer, k, j) => buffer.buffer[buffer.n * net.boundaries[k].prefix + buffer.index * net.boundaries[k].width + j];
    const last = l === net.layers.length - 1;
    // An output neuron's answer is the prediction (after softmax / sigmoid), a hidden one's its activation.
    const out = last ? net.prediction : activationBoundary(layer);
    const terms = Array.from({ length: layer.inputs }, (_, col) => ({
      name: names[l][col], x: value(values, layer.input, col), w: params[weightIndex(net, l, row, col)],
    }));
    const b = params[biasIndex(net, l, row)];
    const z = value(values, layer.preActivation, row);
    const a = value(values, out, row);
    const was = before ? { z: value(before, layer.preActivation, row), a: value(before, out, row) } : null;
    // Cross-entropy puts softmax (or a sigmoid) after the output layer's linear z.
    const link = last ? { crossEntropy: 'softmax', binaryCrossEntropy: 'sigmoid' }[lossKind] : null;
    const fn = t(`act.${link ?? activationName(layer)}`);
    const rows = [
      ...terms.map(({ name, x, w }) => ['term', name, [['x', x], ['times', '×'], ['w', w], ['is', '='], ['xw', x * w]]]),
      // The other rows' numbers stand in the products' column, so the sum reads downwards.
      ['bias', t('bias'), [...GAP, ['plus', '+'], ['b', b]]],
      ['sum', 'z', [...GAP, ['is', '='], ['z', z]]],
      ['out', `${fn}(z)`, [...GAP, ['is', '='], ['a', a]]],
    ];
    const title = t('cardTitle', { neuron: names[l + 1][row] });
    const note = was === null ? '' : t('cardBefore', { z: formatFixed(was.z), fn, a: formatFixed(was.a) });
    this.show(JSON.stringify([title, rows, note]), (doc) => {
      const heading = doc.createElement('h4');
      heading.textContent = title;
      const table = doc.createElement('table');
      for (const [kind, label, cells] of rows) {
        const tr = table.insertRow();
        tr.className = kind;
        const th = doc.createElement('th');
        th.textContent = label;
        tr.append(th);
        for (const [name, v] of cells) {
          const td = tr.insertCell();
          td.className = name;
          td.textContent = typeof v === 'number' ? formatFixed(v) : v;
        }
      }
      const parts = [heading, table];
      if (note) {
        const p = doc.createElement('p');
        p.textContent = note;
        parts.push(p);
      }
      return parts;
    });
  }

  // Rebuilds the card only when what it says changed (`key`); an empty key hides it.
  show(key, build) {
    if (key === this.shown) return;
    this.shown = key;
    this.root.hidden = key === '';
    this.root.replaceChildren(...build(this.root.ownerDocument));
  }
}
