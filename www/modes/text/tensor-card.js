// One tensor of a GPT box: its name, shape and count, three heatmaps side by side (its
// seasonings, their gradient after Backward, the last update's change after Update; each on the
// page's orange ↔ blue scale up to its own largest |value|, written under it) and a histogram
// drawn by the core's charts, beside the heatmaps where the card is wide enough.

import { paintTiles, tileCanvas } from '../../views/pixel-tiles.js';
import { drawDetached } from '../../views/detached-canvas.js';
import { formatCount, formatNumber } from '../../views/format.js';
import { element } from './pantry-element.js';

export const SPREADS = ['weights', 'gradients', 'updates'];
// A tall table (a big vocabulary's token table) shows its first rows only.
const MAX_ROWS = 128;
const MAX_MAP_WIDTH = 200; // CSS pixels
const MAX_VECTOR_WIDTH = 150; // narrower: three bias strips leave the histogram room beside them
const MAX_MAP_HEIGHT = 150;
const MAX_CELL = 8;
const VECTOR_HEIGHT = 14; // a vector (one row) is drawn this tall, whatever its cells' width
const MAP_MIN_WIDTH = 78; // a heatmap's figure: at least its caption's and its note's width
const GAP = 12; // between the heatmaps and the histogram (gpt-blocks.css)
const CARD_INSET = 22; // a card's padding and border
const HISTOGRAM = { least: 200, most: 420, height: 120 };
// The words above each heatmap and on the histogram's axis.
export const SPREAD_WORDS = { weights: 'blocks.values', gradients: 'blocks.gradients', updates: 'blocks.updates' };
const WAITS = { gradients: 'blocks.afterBackward', updates: 'blocks.afterUpdate' };
const AXES = { weights: 'value', gradients: 'gradient', updates: 'lastUpdate' };

export class TensorCard {
  constructor(doc, index) {
    this.index = index;
    this.root = element(doc, 'article', 'tensor-card', 'tensor-card');
    this.root.dataset.tensor = String(index);
    const title = element(doc, 'h4');
    this.name = element(doc, 'span', 'tensor-name');
    this.shape = element(doc, 'span', 'tensor-shape');
    title.append(this.name, this.shape);
    this.rowsNote = element(doc, 'p', 'tensor-rows');
    const body = element(doc, 'div', 'tensor-body');
    this.maps = {};
    for (const spread of SPREADS) {
      const figure = element(doc, 'figure', 'tensor-map');
      figure.dataset.spread = spread;
      const caption = element(doc, 'figcaption');
      const canvas = tileCanvas(doc);
      canvas.dataset.testid = `tensor-${spread}`;
      const largest = element(doc, 'span', 'tensor-largest', `tensor-largest-${spread}`);
      const wait = element(doc, 'p', 'tensor-wait', `tensor-wait-${spread}`);
      figure.append(caption, canvas, largest, wait);
      body.append(figure);
      this.maps[spread] = { figure, caption, canvas, largest, wait };
    }
    this.histogram = element(doc, 'canvas', 'tensor-histogram', 'tensor-histogram');
    this.histogram.setAttribute('role', 'img');
    body.append(this.histogram);
    this.root.append(title, this.rowsNote, body);
  }

  // tensor: its network().tensors entry; name: in the page's language; values: { weights,
  // gradients, updates } (a view each, or null when its phase has not come); width: the card's
  // CSS width. Returns the heatmaps' width (the histogram goes beside them if it fits).
  paint(tensor, name, values, t, width) {
    const rows = Math.min(tensor.rows, MAX_ROWS);
    this.name.textContent = name;
    this.shape.textContent = t('blocks.shape', { rows: formatCount(tensor.rows), cols: formatCount(tensor.cols), n: formatCount(tensor.length) });
    this.rowsNote.textContent = rows < tensor.rows ? t('blocks.firstRows', { shown: rows, rows: formatCount(tensor.rows) }) : '';
    this.rowsNote.hidden = rows === tensor.rows;
    const mapWidth = Math.min(rows === 1 ? MAX_VECTOR_WIDTH : MAX_MAP_WIDTH, (width - CARD_INSET - 2 * GAP) / 3);
    const scale = Math.min(MAX_CELL, mapWidth / tensor.cols, rows === 1 ? Infinity : MAX_MAP_HEIGHT / rows);
    // Each heatmap's figure is exactly this wide, so the histogram's room is known here.
    const figureWidth = Math.max(MAP_MIN_WIDTH, Math.ceil(tensor.cols * scale));
    for (const spread of SPREADS) {
      const { figure, caption, canvas, largest, wait } = this.maps[spread];
      figure.style.width = `${figureWidth}px`;
      const shown = values[spread];
      caption.textContent = t(SPREAD_WORDS[spread]);
      canvas.hidden = !shown;
      largest.hidden = !shown;
      wait.hidden = Boolean(shown);
      if (!shown) {
        wait.textContent = t(WAITS[spread]);
        continue;
      }
      const { max } = paintTiles(canvas, 1, (_, i) => shown[i], { h: rows, w: tensor.cols, gap: 0, scale, signed: true });
      if (rows === 1) canvas.style.height = `${VECTOR_HEIGHT}px`;
      canvas.setAttribute('aria-label', `${name}: ${t(SPREAD_WORDS[spread])}, ±${formatNumber(max)}`);
      largest.dataset.max = String(max);
      largest.textContent = `±${formatNumber(max)}`;
    }
    return 3 * figureWidth + 2 * GAP;
  }

  // histogram: the core's tensorHistogram of `spread`; Charts: the page's core charts; maps: the
  // heatmaps' width (paint's answer).
  drawHistogram(Charts, histogram, spread, t, { width, maps }) {
    const inner = width - CARD_INSET;
    const beside = inner - maps - GAP;
    const cssWidth = Math.floor(beside >= HISTOGRAM.least ? Math.min(HISTOGRAM.most, beside) : Math.min(HISTOGRAM.most, inner));
    const dpr = globalThis.devicePixelRatio || 1;
    this.histogram.width = Math.round(cssWidth * dpr);
    this.histogram.height = Math.round(HISTOGRAM.height * dpr);
    this.histogram.style.width = `${cssWidth}px`;
    this.histogram.style.height = `${HISTOGRAM.height}px`;
    this.histogram.dataset.spread = spread;
    this.histogram.setAttribute('aria-label', `${this.name.textContent}: ${t('blocks.histogramOf')} ${t(SPREAD_WORDS[spread])}`);
    drawDetached(this.histogram, (canvas) => Charts.drawHistogram(canvas, histogram, spread, {
      pixelRatio: dpr, dark: false, xLabel: t(AXES[spread]), yLabel: t('blocks.histogramAxis'),
    }));
  }
}
