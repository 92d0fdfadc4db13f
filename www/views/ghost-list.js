// The figure beside the loss chart that names the earlier cooks drawn faded on the charts: per
// cook its line as the charts draw it, its number (at its curve's end), its dish, its name,
// parameter count and last test loss, and a ✕; then the running cook. The chart's legend stays
// short; the words are here.

import { formatCount, formatNumber } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
// The line sample's width in CSS pixels.
const SAMPLE = 26;
// A ghost's line is faded as the charts fade it (crate/src/web/history_chart.rs).
const GHOST_OPACITY = 0.5;
// The running cook's line: the charts' test curve (orange).
const NOW_COLOUR = [230, 97, 1];

export class GhostList {
  // figure: #ghost-cooks; act: { remove(id), clear() }.
  constructor(figure, act) {
    this.figure = figure;
    this.list = figure.querySelector('ol');
    this.shownKey = null;
    this.act = act;
    figure.querySelector('.ghost-clear').addEventListener('click', () => act.clear());
  }

  // entries: [{ id, tag, style: { colour, dash }, dish, name, parameters, testLoss }], oldest
  // first; now: the running cook's { name, parameters, testLoss }.
  show(entries, now, t) {
    const key = JSON.stringify([t('ghostNowIs'), now, entries.map(({ dish, ...e }) => e)]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.figure.hidden = entries.length === 0;
    const doc = this.figure.ownerDocument;
    const items = entries.map((entry) => {
      const item = this.#row(doc, { ...entry.style, opacity: GHOST_OPACITY }, facts(entry, t));
      Object.assign(item.dataset, { testid: 'ghost', label: entry.name, parameters: String(entry.parameters), colour: entry.style.colour.join(',') });
      const tag = element(doc, 'span', 'ghost-tag', entry.tag);
      tag.style.background = rgb(entry.style.colour);
      item.firstChild.after(tag);
      if (entry.dish?.canvas) {
        entry.dish.canvas.className = 'ghost-dish';
        entry.dish.canvas.setAttribute('role', 'img');
        entry.dish.canvas.setAttribute('aria-label', t('ghostDish', { n: entry.tag }));
        tag.after(entry.dish.canvas);
      }
      if (entry.dish?.text) item.querySelector('p').append(' ', element(doc, 'span', 'ghost-words', entry.dish.text));
      const remove = element(doc, 'button', 'small ghost-remove', '✕');
      Object.assign(remove, { type: 'button', title: t('ghostRemove', { n: entry.tag }) });
      remove.setAttribute('aria-label', remove.title);
      remove.addEventListener('click', () => this.act.remove(entry.id));
      item.append(remove);
      return item;
    });
    const current = this.#row(doc, { colour: NOW_COLOUR, dash: [0, 0], opacity: 1 }, t('ghostNowIs', { what: facts(now, t) }));
    Object.assign(current.dataset, { testid: 'ghost-now', parameters: String(now.parameters) });
    current.firstChild.after(element(doc, 'span', 'ghost-tag'));
    this.list.replaceChildren(...items, current);
  }

  // A row: the line sample, then the words.
  #row(doc, style, words) {
    const item = element(doc, 'li', 'ghost');
    const sample = doc.createElementNS(SVG, 'svg');
    sample.setAttribute('class', 'ghost-line');
    sample.setAttribute('viewBox', `0 0 ${SAMPLE} 6`);
    sample.setAttribute('aria-hidden', 'true');
    const line = doc.createElementNS(SVG, 'line');
    const attributes = { x1: 1, y1: 3, x2: SAMPLE - 1, y2: 3, stroke: rgb(style.colour), 'stroke-width': 2.5, 'stroke-opacity': style.opacity };
    for (const [name, value] of Object.entries(attributes)) {
      line.setAttribute(name, String(value));
    }
    if (style.dash[0] > 0) line.setAttribute('stroke-dasharray', style.dash.join(' '));
    sample.append(line);
    const text = element(doc, 'p');
    text.append(element(doc, 'span', 'ghost-label', words));
    item.append(sample, text);
    return item;
  }
}

// "Bigram · 729 parameters · test loss 2.43".
function facts({ name, parameters, testLoss }, t) {
  const parts = [name, t('ghostParameters', { n: formatCount(parameters) })];
  // Three digits kept whole ("2.10" beside "2.26"), so the losses line up as they compare.
  const plain = testLoss !== null && Math.abs(testLoss) >= 1e-4 && Math.abs(testLoss) < 1e4;
  const loss = plain ? testLoss.toPrecision(3) : testLoss === null ? null : formatNumber(testLoss, 3);
  if (loss !== null) parts.push(t('ghostTestLoss', { loss }));
  return parts.filter(Boolean).join(' · ');
}

function rgb([r, g, b]) {
  return `rgb(${r} ${g} ${b})`;
}

function element(doc, tag, className = '', text = null) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== null) el.textContent = text;
  return el;
}
