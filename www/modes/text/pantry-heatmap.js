// The pantry's table: one row per character (a label button, then its embedding as coloured
// cells, one per dimension), on the page's orange ↔ blue scale. Rows that got no gradient in
// this batch are faded; the selected row is outlined.

import { imageFor, pixelWords, signedWord } from '../../views/palette.js';
import { formatCount, formatNumber } from '../../views/format.js';
import { ColourLegend } from '../../views/legend.js';
import { tokenLabel } from './character-kind.js';
import { element } from './pantry-element.js';

export const ROW_HEIGHT = 16; // CSS pixels: the label buttons' height in pantry.css
const LABEL_WIDTH = 34; // CSS pixels: the label column with its gap (pantry.css)
const MAX_CELL = 22;
const MIN_CELL = 3;
const FADED_ALPHA = 56;

// The width the table takes with its largest cells.
export function fullTableWidth(dims) {
  return LABEL_WIDTH + dims * MAX_CELL;
}

export class PantryHeatmap {
  // onPick(token): a row was clicked.
  constructor(doc, onPick) {
    this.onPick = onPick;
    this.root = element(doc, 'figure', 'pantry-heatmap');
    this.caption = element(doc, 'figcaption');
    this.rowsBox = element(doc, 'div', 'pantry-rows');
    this.labels = element(doc, 'ol', 'pantry-labels');
    this.canvas = element(doc, 'canvas', 'pantry-cells', 'pantry-heatmap');
    this.canvas.setAttribute('role', 'img');
    this.marker = element(doc, 'div', 'pantry-row-marker');
    this.marker.hidden = true;
    const cellsBox = element(doc, 'div', 'pantry-cells-box');
    cellsBox.append(this.canvas, this.marker);
    this.rowsBox.append(this.labels, cellsBox);
    this.scale = new ColourLegend(doc, 'legend-pantry');
    this.scale.root.classList.add('pantry-scale');
    this.root.append(this.caption, this.rowsBox, this.scale.root);
    this.rows = []; // token ids, top to bottom
    this.buttons = [];
    this.shown = null; // { source, dims, cell } of the last paint, for the hover title
    this.canvas.addEventListener('click', (e) => {
      const token = this.rows[Math.floor(e.offsetY / ROW_HEIGHT)];
      if (token !== undefined) this.onPick(token);
    });
    this.canvas.addEventListener('pointermove', (e) => this.hover(e));
    // The rows are one stop of the Tab key; the arrow keys move the selection between them.
    this.labels.addEventListener('keydown', (e) => this.step(e));
    this.focusAfterPaint = false;
  }

  step(e) {
    const moves = { ArrowUp: -1, ArrowDown: 1, Home: -Infinity, End: Infinity };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const at = this.buttons.indexOf(e.target);
    const next = Math.max(0, Math.min(this.rows.length - 1, at + moves[e.key]));
    this.focusAfterPaint = true; // the pick paints again (and may build new rows): keep the focus
    this.onPick(this.rows[next]);
  }

  // rows: token ids to show; tokens, counts: the vocabulary; t: the translator.
  setRows(rows, tokens, counts, t) {
    const doc = this.root.ownerDocument;
    this.rows = rows;
    this.buttons = rows.map((token) => {
      const button = element(doc, 'button', 'pantry-label', 'pantry-row');
      button.type = 'button';
      button.dataset.token = String(token);
      button.textContent = tokenLabel(tokens[token]);
      button.title = token === 0 ? t('pantry.boundary') : t('pantry.rowTitle', { c: tokens[token], n: formatCount(counts[token]) });
      button.addEventListener('click', () => this.onPick(token));
      const item = doc.createElement('li');
      item.append(button);
      return item;
    });
    this.labels.replaceChildren(...this.buttons);
    this.buttons = this.buttons.map((item) => item.firstChild);
  }

  // source: the table painted (weights or gradients, vocabulary × dims); lit: per token, whether
  // its gradient row is non-zero (null: no gradients yet); width: CSS pixels available.
  paint({ source, dims, lit, selected, width, caption, scaleText }) {
    const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((width - LABEL_WIDTH) / Math.max(1, dims))));
    const rows = this.rows.length;
    const max = scaleOf(source);
    const inv = max > 0 ? 1 / max : 0;
    if (this.canvas.width !== dims) this.canvas.width = dims;
    if (this.canvas.height !== rows) this.canvas.height = Math.max(1, rows);
    const image = imageFor(this.canvas, dims, Math.max(1, rows));
    const pixels = pixelWords(image);
    this.rows.forEach((token, r) => {
      for (let j = 0; j < dims; j++) pixels[r * dims + j] = signedWord(source[token * dims + j] * inv);
      if (lit && !lit[token]) for (let j = 0; j < dims; j++) image.data[(r * dims + j) * 4 + 3] = FADED_ALPHA;
    });
    this.canvas.getContext('2d').putImageData(image, 0, 0);
    this.canvas.style.width = `${dims * cell}px`;
    // The caption wraps at the table's width instead of widening it past the map beside it.
    this.root.style.width = `${Math.max(dims * cell + LABEL_WIDTH, 150)}px`;
    this.canvas.style.height = `${rows * ROW_HEIGHT}px`;
    this.canvas.setAttribute('aria-label', caption);
    this.shown = { source, dims, cell };
    const tabStop = this.rows.includes(selected) ? selected : this.rows[0];
    this.buttons.forEach((button, r) => {
      const token = this.rows[r];
      button.tabIndex = token === tabStop ? 0 : -1;
      button.classList.toggle('lit', Boolean(lit?.[token]));
      button.classList.toggle('faded', Boolean(lit) && !lit[token]);
      button.classList.toggle('selected', token === selected);
      button.setAttribute('aria-pressed', String(token === selected));
    });
    if (this.focusAfterPaint) {
      this.focusAfterPaint = false;
      this.buttons[this.rows.indexOf(selected)]?.focus();
    }
    const at = this.rows.indexOf(selected);
    this.marker.hidden = at < 0;
    if (at >= 0) {
      this.marker.style.top = `${at * ROW_HEIGHT}px`;
      this.marker.style.width = `${dims * cell}px`;
    }
    this.caption.textContent = caption;
    this.scale.show({ kind: 'signed', max, label: scaleText });
  }

  hover(e) {
    if (!this.shown) return;
    const { source, dims, cell } = this.shown;
    const r = Math.floor(e.offsetY / ROW_HEIGHT);
    const token = this.rows[r];
    const j = Math.floor(e.offsetX / cell);
    if (token === undefined || j < 0 || j >= dims) return;
    this.canvas.title = `${this.buttons[r].textContent} · ${j + 1}: ${formatNumber(source[token * dims + j])}`;
  }
}

// The size shown at the ends of the colour scale: the 98th percentile of the non-zero |value|s
// (of at most about SCALE_SAMPLES of them, spread over the table), so one outlier does not wash every
// other cell out to white (the few beyond it show at full colour), and the zero rows of a
// gradient table (characters not in the batch) do not pull it down.
const SCALE_SAMPLES = 4096;
const SCALE_QUANTILE = 0.98;

export function scaleOf(values) {
  let nonZero = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && Number.isFinite(values[i])) nonZero++;
  if (nonZero === 0) return 0;
  const stride = Math.max(1, Math.floor(nonZero / SCALE_SAMPLES));
  const sizes = new Float64Array(Math.ceil(nonZero / stride));
  for (let i = 0, k = 0; i < values.length; i++) {
    if (values[i] === 0 || !Number.isFinite(values[i])) continue;
    if (k % stride === 0) sizes[k / stride] = Math.abs(values[i]);
    k++;
  }
  sizes.sort(); // a typed array sorts by number
  return sizes[Math.min(sizes.length - 1, Math.floor(SCALE_QUANTILE * sizes.length))];
}
