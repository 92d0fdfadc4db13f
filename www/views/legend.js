// Legends: what a view's colours and line widths mean, in numbers. A colour legend is the bar of
// the scale the view paints with and the values its ends stand for; a width legend draws edges of
// a few sizes. Plain DOM, written only when its numbers change: a view that repaints every frame
// costs nothing here.

import { css } from './palette.js';
import { edgeWidth, WIDTH_MARKS } from './edge-width.js';
import { formatNumber } from './format.js';
import { GREY_GRADIENT } from './pixel-tiles.js';

const SVG = 'http://www.w3.org/2000/svg';
const SIGNED_GRADIENT = `linear-gradient(to right, ${[-1, -0.5, 0, 0.5, 1].map((v) => css(v)).join(', ')})`;

function span(doc, className, text = '') {
  const el = doc.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

export class ColourLegend {
  constructor(doc, testid = 'legend') {
    this.root = doc.createElement('div');
    this.root.className = 'legend-scale';
    this.root.dataset.testid = testid;
    this.label = span(doc, 'legend-label');
    this.low = span(doc, 'legend-low');
    this.bar = span(doc, 'legend-bar');
    this.high = span(doc, 'legend-high');
    this.root.append(this.label, this.low, this.bar, this.high);
    this.shown = '';
  }

  // scale: { kind: 'signed' (orange −max … blue +max) or 'grey' (paper 0 … ink max), max, label,
  // low?, high? (words for the ends where the meaning is fixed, instead of the numbers) }.
  show({ kind, max, label, low, high }) {
    const shown = JSON.stringify([kind, max, label, low, high]);
    if (shown === this.shown) return;
    this.shown = shown;
    const grey = kind === 'grey';
    this.root.dataset.kind = kind;
    this.root.dataset.max = String(max);
    this.bar.classList.toggle('signed', !grey);
    this.bar.style.background = grey ? GREY_GRADIENT : SIGNED_GRADIENT;
    this.label.textContent = label;
    this.low.textContent = low ?? (grey ? '0' : `−${formatNumber(max)}`);
    this.high.textContent = high ?? `${grey ? '' : '+'}${formatNumber(max)}`;
  }
}

// Edges of each size WIDTH_MARKS names, drawn at the width the diagram gives that size.
export class WidthLegend {
  constructor(doc) {
    this.root = doc.createElement('div');
    this.root.className = 'legend-widths';
    this.root.dataset.testid = 'width-legend';
    this.label = span(doc, 'legend-label');
    this.root.append(this.label);
    for (const value of WIDTH_MARKS) {
      const mark = span(doc, 'legend-width');
      mark.dataset.value = String(value);
      mark.dataset.width = String(edgeWidth(value));
      const svg = doc.createElementNS(SVG, 'svg');
      svg.setAttribute('width', '26');
      svg.setAttribute('height', '10');
      svg.setAttribute('aria-hidden', 'true');
      const line = doc.createElementNS(SVG, 'line');
      line.setAttribute('x1', '1');
      line.setAttribute('x2', '25');
      line.setAttribute('y1', '5');
      line.setAttribute('y2', '5');
      line.setAttribute('stroke-width', String(edgeWidth(value)));
      svg.append(line);
      mark.append(svg, formatNumber(value));
      this.root.append(mark);
    }
  }

  show(label) {
    if (this.label.textContent !== label) this.label.textContent = label;
  }
}
