// How many seasonings (parameters) the cook has, next to two well-known language models for
// scale (bars on a log scale), and every tensor's count in a table that folds away. Written only
// when the network or the language changes.

import { formatCount } from '../../views/format.js';
import { element } from './pantry-element.js';
import { tensorName } from './tensor-names.js';

// The published sizes of two well-known models: GPT-2 small (Radford et al., 2019, "Language
// Models are Unsupervised Multitask Learners": 124 M as counted in its released weights) and
// GPT-3 (Brown et al., 2020, "Language Models are Few-Shot Learners": 175 B).
export const KNOWN_MODELS = [
  { key: 'gpt2', parameters: 124e6 },
  { key: 'gpt3', parameters: 175e9 },
];
// The bars' scale: 10⁰ to 10¹² seasonings, a grid line at each power of ten.
const POWERS = 12;

// An element with its class and words.
function textElement(doc, tag, className, text) {
  const el = element(doc, tag, className);
  el.textContent = text;
  return el;
}

// "4,614" or "4.6": how many times `n` the first known model has.
function timesText(n) {
  const times = KNOWN_MODELS[0].parameters / n;
  return times >= 100 ? formatCount(times) : String(Number(times.toFixed(1)));
}

export class ParameterCount {
  constructor(box) {
    this.box = box;
    this.shown = null;
  }

  // net: network() (its parameterCount and tensors).
  draw(net, t) {
    const key = JSON.stringify([t('params.title'), net.parameterCount, net.tensors.map((x) => [x.name, x.layer])]);
    if (key === this.shown) return;
    this.shown = key;
    const doc = this.box.ownerDocument;
    const n = net.parameterCount;
    const summary = textElement(doc, 'p', 'param-summary', t('params.summary', { n: formatCount(n), x: timesText(n) }));
    summary.dataset.testid = 'param-summary';
    const bars = element(doc, 'ul', 'param-bars');
    bars.style.setProperty('--powers', String(POWERS));
    const rows = [
      { name: t('params.this'), value: formatCount(n), parameters: n, own: true },
      ...KNOWN_MODELS.map((m) => ({ name: t(`params.${m.key}`), value: t(`params.${m.key}Count`), parameters: m.parameters })),
    ];
    for (const row of rows) {
      const item = element(doc, 'li', row.own ? 'own' : '', 'param-bar');
      item.dataset.parameters = String(row.parameters);
      const bar = element(doc, 'span', 'param-bar');
      const fill = element(doc, 'span');
      fill.style.width = `${(100 * Math.log10(Math.max(1, row.parameters))) / POWERS}%`;
      bar.append(fill);
      item.append(textElement(doc, 'span', 'param-name', row.name), textElement(doc, 'span', 'param-value', row.value), bar);
      bars.append(item);
    }
    this.box.replaceChildren(
      textElement(doc, 'h3', '', t('params.title')), summary, bars, textElement(doc, 'p', 'caption', t('params.scale')),
      this.table(net, t),
    );
  }

  // Every tensor: its name, shape and count, then the total.
  table(net, t) {
    const doc = this.box.ownerDocument;
    const details = element(doc, 'details', 'param-tensors');
    details.append(textElement(doc, 'summary', '', t('params.every', { k: net.tensors.length })));
    const table = element(doc, 'table', '', 'param-table');
    const head = element(doc, 'tr');
    for (const key of ['tensor', 'shape', 'count']) head.append(textElement(doc, 'th', '', t(`params.${key}`)));
    const body = element(doc, 'tbody');
    for (const tensor of net.tensors) {
      const row = element(doc, 'tr');
      const shape = tensor.rows === 1 ? formatCount(tensor.cols) : `${formatCount(tensor.rows)} × ${formatCount(tensor.cols)}`;
      row.append(...[tensorName(tensor, net, t), shape, formatCount(tensor.length)].map((text) => textElement(doc, 'td', '', text)));
      body.append(row);
    }
    const total = element(doc, 'tr', 'param-total');
    total.append(textElement(doc, 'th', '', t('params.total')), element(doc, 'td'), textElement(doc, 'td', '', formatCount(net.parameterCount)));
    body.append(total);
    table.append(element(doc, 'thead'), body);
    table.tHead.append(head);
    details.append(table);
    return details;
  }
}
