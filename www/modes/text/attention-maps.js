// A GPT's attention over the reading text as small multiples: one heatmap per head of each block
// (rows: the character looking, its query; columns: the characters it looks at, its keys), ink
// for how much of its attention goes where. The triangle above the diagonal is empty (hatched):
// no character looks ahead. A click, or the arrow keys on a focused map, picks a cell, and a
// sentence says which character looks at which and how much.

import { imageFor, pixelWords } from '../../views/palette.js';
import { greyWord } from '../../views/pixel-tiles.js';
import { ColourLegend } from '../../views/legend.js';
import { percentText } from '../../views/probability-bar.js';
import { tokenLabel } from './character-kind.js';
import { element } from './pantry-element.js';

// CSS pixels: a cell's side at most and at least, and a map's width at least (its caption's),
// below which a row of maps gets fewer columns; the row labels' column and the gap between maps
// (reading.css).
const MAX_CELL = 24;
const MIN_CELL = 9;
const MIN_MAP = 120;
const LABEL = 16;
const GAP = 14;


export class AttentionMaps {
  // box: the element the maps, the legend and the sentence go in.
  constructor(box) {
    const doc = box.ownerDocument;
    this.grid = element(doc, 'div', 'attention-grid', 'attention-maps');
    this.said = element(doc, 'p', 'attention-said', 'attention-said');
    this.said.setAttribute('aria-live', 'polite');
    this.legend = new ColourLegend(doc, 'legend-attention');
    box.append(this.legend.root, this.said, this.grid);
    this.figures = []; // per map: { figure, caption, rows, columns, canvas, marker, layer, head }
    this.shape = ''; // layers × heads × tokens the figures were made for
    this.shown = null; // { maps, cell, t, offset }: the last paint, for picking
    this.selected = null; // { layer, head, query, key }
  }

  // maps: the core's AttentionMaps ({ layers, heads, tokens, probabilities }); offset: the text
  // position of the window's first token (0: it is the start); width: CSS pixels for the grid.
  draw(maps, { offset, width, t }) {
    const { layers, heads, tokens } = maps;
    const n = tokens.length;
    const shape = JSON.stringify([layers, heads, tokens]);
    if (shape !== this.shape) {
      this.build(layers, heads, tokens);
      this.shape = shape;
    }
    // As many maps a row as fit with cells of MIN_CELL (a block's heads a row where they fit).
    const mapWidth = (cols) => (width - (cols - 1) * GAP) / cols;
    const fits = (cols) => Math.floor(mapWidth(cols) - LABEL) / n;
    let cols = heads;
    while (cols > 1 && (fits(cols) < MIN_CELL || mapWidth(cols) < MIN_MAP)) cols -= 1;
    const cell = Math.max(4, Math.min(MAX_CELL, Math.floor(fits(cols))));
    this.grid.style.gridTemplateColumns = `repeat(${cols}, max-content)`;
    this.grid.style.setProperty('--cell', `${cell}px`);
    this.grid.dataset.positions = String(n);
    this.shown = { maps, cell, t, offset };
    for (const f of this.figures) this.paint(f, maps, cell, t);
    this.legend.show({ kind: 'grey', max: 1, label: t('attention.scale'), low: '0 %', high: '100 %' });
    this.say();
  }

  build(layers, heads, tokens) {
    const doc = this.grid.ownerDocument;
    this.figures = [];
    for (let layer = 0; layer < layers; layer++) {
      for (let head = 0; head < heads; head++) {
        const figure = element(doc, 'figure', 'attention-map');
        Object.assign(figure.dataset, { layer: String(layer), head: String(head) });
        const caption = element(doc, 'figcaption');
        const columns = element(doc, 'div', 'attention-keys');
        const rows = element(doc, 'div', 'attention-queries');
        for (const labels of [columns, rows]) {
          for (const token of tokens) {
            const label = element(doc, 'span');
            label.textContent = tokenLabel(token);
            labels.append(label);
          }
        }
        const canvas = element(doc, 'canvas', 'attention-cells', 'attention-map');
        canvas.tabIndex = 0;
        canvas.setAttribute('role', 'img');
        const marker = element(doc, 'div', 'attention-marker');
        marker.hidden = true;
        const cells = element(doc, 'div', 'attention-cells-box');
        cells.append(canvas, marker);
        const body = element(doc, 'div', 'attention-body');
        body.append(element(doc, 'span'), columns, rows, cells);
        figure.append(caption, body);
        const f = { figure, caption, canvas, marker, layer, head };
        canvas.addEventListener('click', (e) => this.pickAt(f, e));
        canvas.addEventListener('keydown', (e) => this.step(f, e));
        canvas.addEventListener('focus', () => this.enter(f));
        this.figures.push(f);
      }
    }
    this.grid.replaceChildren(...this.figures.map((f) => f.figure));
    const s = this.selected;
    if (s && (s.layer >= layers || s.head >= heads || s.query >= tokens.length)) this.selected = null;
  }

  paint(f, maps, cell, t) {
    const n = maps.tokens.length;
    const square = n * n;
    const map = maps.probabilities.subarray((f.layer * maps.heads + f.head) * square, (f.layer * maps.heads + f.head + 1) * square);
    const { canvas } = f;
    if (canvas.width !== n) canvas.width = n;
    if (canvas.height !== n) canvas.height = n;
    const image = imageFor(canvas, n, n);
    const pixels = pixelWords(image);
    let sharpness = 0; // the mean over rows of the largest share: 1/n-ish when even, 1 when sharp
    for (let q = 0; q < n; q++) {
      let largest = 0;
      for (let k = 0; k < n; k++) {
        const p = map[q * n + k];
        largest = Math.max(largest, p);
        pixels[q * n + k] = k > q ? 0 : greyWord(p); // above the diagonal: transparent (hatched)
      }
      sharpness += largest / n;
    }
    canvas.getContext('2d').putImageData(image, 0, 0);
    canvas.style.width = canvas.style.height = `${n * cell}px`;
    const name = t('attention.mapName', { layer: f.layer + 1, head: f.head + 1 });
    if (f.caption.textContent !== name) f.caption.textContent = name;
    canvas.setAttribute('aria-label', t('attention.mapLabel', { name }));
    f.figure.dataset.sharpness = sharpness.toFixed(4);
  }

  pickAt(f, e) {
    const { cell } = this.shown;
    const n = this.shown.maps.tokens.length;
    const query = Math.min(n - 1, Math.floor(e.offsetY / cell));
    const key = Math.min(n - 1, Math.floor(e.offsetX / cell));
    this.selected = { layer: f.layer, head: f.head, query, key };
    this.say();
  }

  // Tabbing onto a map picks where its last character looks most, unless a cell of it is picked.
  enter(f) {
    const s = this.selected;
    if (s && s.layer === f.layer && s.head === f.head) return;
    const { maps } = this.shown;
    const n = maps.tokens.length;
    const row = this.row(f.layer, f.head, n - 1);
    const key = row.indexOf(Math.max(...row));
    this.selected = { layer: f.layer, head: f.head, query: n - 1, key };
    this.say();
  }

  // The arrow keys move the picked cell within the map.
  step(f, e) {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (!(e.key in moves)) return;
    e.preventDefault();
    this.enter(f);
    const n = this.shown.maps.tokens.length;
    const [dq, dk] = moves[e.key];
    const s = this.selected;
    s.query = Math.max(0, Math.min(n - 1, s.query + dq));
    s.key = Math.max(0, Math.min(n - 1, s.key + dk));
    this.say();
  }

  row(layer, head, query) {
    const { maps } = this.shown;
    const n = maps.tokens.length;
    const at = ((layer * maps.heads + head) * n + query) * n;
    return Array.from(maps.probabilities.subarray(at, at + n));
  }

  // The picked cell outlined and told in words (or, with none picked, how to pick one).
  say() {
    if (!this.shown) return;
    const { maps, cell, t, offset } = this.shown;
    const s = this.selected;
    for (const f of this.figures) {
      const here = s && s.layer === f.layer && s.head === f.head;
      f.marker.hidden = !here;
      if (here) Object.assign(f.marker.style, { left: `${s.key * cell}px`, top: `${s.query * cell}px`, width: `${cell}px`, height: `${cell}px` });
    }
    const sentence = s ? this.sentence(s, maps, offset, t) : t('attention.pick');
    if (this.said.textContent !== sentence) this.said.textContent = sentence;
  }

  sentence({ layer, head, query, key }, maps, offset, t) {
    const character = (i) => {
      const token = maps.tokens[i];
      return token === '' ? t('attention.start') : t('attention.character', { c: tokenLabel(token), n: i + offset });
    };
    const words = { name: t('attention.mapName', { layer: layer + 1, head: head + 1 }), q: character(query), k: character(key) };
    if (key > query) return t('attention.ahead', words);
    return t('attention.looks', { ...words, p: percentText(this.row(layer, head, query)[key]) });
  }
}
