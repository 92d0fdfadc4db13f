// The GPT's shape as an SVG diagram, built with DOM calls: token and position embeddings added
// into the running numbers (the residual stream, the line on the left), then per block a
// LayerNorm → attention branch and a LayerNorm → MLP branch, each added back (⊕), then the final
// LayerNorm and the head. Each box is a button (click, or Tab and Enter) showing its count; the
// flow's colour follows the phase (forward blue, backward dashed in the gradient colour).

import { formatCount } from '../../views/format.js';
import { partName } from './tensor-names.js';

const SVG = 'http://www.w3.org/2000/svg';
const PAD = 8;
const BOX_H = 40;
const GAP = 16; // between two boxes of a row
const BRANCH = 18; // from the stream to a branch's first box
const RETURN = 12; // below a branch's boxes, the line back to the stream
const ADD_R = 7;
const ROW = BOX_H + RETURN + ADD_R + 14;
const BLOCK_HEAD = 20; // room for a block's name above its first row
const MAX_WIDTH = 560;

let diagrams = 0;

function svg(doc, tag, attributes = {}, parent = null) {
  const el = doc.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  parent?.append(el);
  return el;
}

export class GptDiagram {
  // onSelect(key): a box was chosen (its boxKey).
  constructor(doc, onSelect) {
    this.make = (tag, attributes, parent) => svg(doc, tag, attributes, parent);
    this.onSelect = onSelect;
    this.root = doc.createElement('div');
    this.root.className = 'gpt-diagram';
    this.boxes = new Map(); // key → its <g>
    this.arrow = `gpt-arrow-${(diagrams += 1)}`;
    this.selected = null;
  }

  // boxes: boxesOf(net.tensors); k, v: context and vocabulary; width: CSS pixels available.
  layout(boxes, net, t, width, { k, v }) {
    const W = Math.max(300, Math.min(MAX_WIDTH, width));
    // Two embedding boxes side by side fill the width (their names need 136 px); the stream
    // runs down the middle of the first, and the blocks' branches take the rest.
    const wEmb = Math.round(Math.max(136, Math.min(170, (W - 2 * PAD - GAP) / 2)));
    const S = PAD + wEmb / 2; // the stream's x
    const room = W - PAD - S - BRANCH - GAP - 2 * RETURN;
    const wLn = Math.round(Math.min(120, room * 0.42));
    const wMain = Math.round(Math.min(200, room - wLn));
    const right = S + BRANCH + wLn + GAP + wMain + RETURN;
    const blocks = Math.max(0, ...boxes.map((b) => b.block ?? 0));
    const height = 22 + BOX_H + 2 * ADD_R + 14 + blocks * (BLOCK_HEAD + 2 * ROW + 10) + 2 * (BOX_H + 16) + 24;
    const root = this.make('svg', { width: W, height, viewBox: `0 0 ${W} ${height}`, role: 'group', class: 'gpt-shape' });
    root.setAttribute('aria-label', t('blocks.diagram'));
    this.svg = root;
    this.defs(root);
    const byKey = new Map(boxes.map((b) => [b.key, b]));
    this.boxes.clear();
    const flow = this.make('g', { class: 'flow' }, root);
    const box = (key, x, y, w) => this.box(root, byKey.get(key), net, t, x, y, w);
    const line = (points, arrow = true) => {
      const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join(' ');
      return this.make('path', { d, ...(arrow ? { 'marker-end': `url(#${this.arrow})` } : {}) }, flow);
    };

    let y = 4;
    this.make('text', { x: PAD, y: y + 12, class: 'gpt-note' }, root).textContent = t('blocks.in', { k });
    y += 20;
    const tokensMid = y + BOX_H / 2;
    box('tokens:', PAD, y, wEmb);
    box('positions:', PAD + wEmb + GAP, y, wEmb);
    const addY = y + BOX_H + ADD_R + 10;
    line([[S, y + BOX_H], [S, addY - ADD_R]]);
    line([[PAD + wEmb + GAP + wEmb / 2, y + BOX_H], [PAD + wEmb + GAP + wEmb / 2, addY], [S + ADD_R, addY]]);
    this.add(root, S, addY, t);
    let stream = addY + ADD_R; // where the stream's current stretch starts
    y = addY + ADD_R + 14;
    for (let b = 1; b <= blocks; b++) {
      const top = y;
      y += BLOCK_HEAD;
      for (const [norm, main] of [['ln1', 'attention'], ['ln2', 'mlp']]) {
        const mid = y + BOX_H / 2;
        const x1 = S + BRANCH;
        const x2 = x1 + wLn + GAP;
        const back = y + BOX_H + RETURN;
        line([[S, mid], [x1, mid]]);
        box(`${norm}:${b}`, x1, y, wLn);
        line([[x1 + wLn, mid], [x2, mid]]);
        box(`${main}:${b}`, x2, y, wMain);
        line([[x2 + wMain, mid], [right, mid], [right, back], [S + ADD_R, back]]);
        line([[S, stream], [S, back - ADD_R]]);
        this.add(root, S, back, t);
        stream = back + ADD_R;
        y = back + ADD_R + 14;
      }
      const frame = this.make('rect', { x: S - 16, y: top, width: right - S + 16 + 8, height: y - top - 6, rx: 10, class: 'gpt-block' });
      root.insertBefore(frame, root.firstChild.nextSibling); // behind everything but the defs
      this.make('text', { x: S + BRANCH, y: top + 14, class: 'gpt-block-name' }, root).textContent = t('blocks.block', { b });
      y += 4;
    }
    line([[S, stream], [S, y]]);
    box('finalNorm:', S - wEmb / 2, y, wEmb);
    y += BOX_H + 16;
    line([[S, y - 16], [S, y]]);
    box('head:', S - wEmb / 2, y, wEmb);
    const head = byKey.get('head:');
    if (head && !head.tensors.some(({ tensor }) => tensor.role === 'weights')) this.tie(root, tokensMid, y + BOX_H / 2, t);
    y += BOX_H;
    this.make('text', { x: PAD, y: y + 18, class: 'gpt-note' }, root).textContent = t('blocks.out', { v: formatCount(v) });
    this.root.replaceChildren(root);
    this.select(this.selected);
  }

  defs(root) {
    const defs = this.make('defs', {}, root);
    const marker = this.make('marker', { id: this.arrow, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    this.make('path', { d: 'M0 0L8 4L0 8z', class: 'gpt-arrowhead' }, marker);
  }

  // A tied head: a dashed line along the left edge from the head to the token table it shares.
  tie(root, from, to, t) {
    const x = PAD / 2;
    const path = this.make('path', { d: `M${PAD} ${from}H${x}V${to}H${PAD}`, class: 'gpt-tie' }, root);
    this.make('title', {}, path).textContent = t('blocks.tied');
  }

    // ⊕: the branch's output added to the stream.
  add(root, x, y, t) {
    const g = this.make('g', { class: 'gpt-add', transform: `translate(${x} ${y})` }, root);
    this.make('title', {}, g).textContent = t('blocks.add');
    this.make('circle', { r: ADD_R }, g);
    this.make('path', { d: `M${-ADD_R + 3} 0H${ADD_R - 3}M0 ${-ADD_R + 3}V${ADD_R - 3}` }, g);
  }

  box(root, box, net, t, x, y, w) {
    if (!box) return;
    const first = box.tensors[0].tensor;
    const name = partName(first, net, t, false);
    const label = t('blocks.boxLabel', { name: partName(first, net, t), n: formatCount(box.count) });
    const g = this.make('g', { class: 'gpt-box', role: 'button', tabindex: 0, 'data-box': box.key, 'data-part': box.part, 'data-testid': 'gpt-box' }, root);
    g.setAttribute('aria-label', label);
    g.setAttribute('aria-pressed', 'false');
    this.make('title', {}, g).textContent = label;
    this.make('rect', { x, y, width: w, height: BOX_H, rx: 7 }, g);
    this.make('text', { x: x + w / 2, y: y + 17, class: 'gpt-box-name' }, g).textContent = name;
    this.make('text', { x: x + w / 2, y: y + 32, class: 'gpt-box-count' }, g).textContent = formatCount(box.count);
    g.addEventListener('click', () => this.onSelect(box.key));
    g.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      this.onSelect(box.key);
    });
    this.boxes.set(box.key, g);
  }

  select(key) {
    this.selected = key;
    for (const [k, g] of this.boxes) {
      g.classList.toggle('selected', k === key);
      g.setAttribute('aria-pressed', String(k === key));
    }
  }

  // The phase just run (metrics.lastPhase, or null): the flow's colour and dashes follow it.
  showPhase(phase) {
    if (this.svg && this.svg.dataset.phase !== (phase ?? '')) this.svg.dataset.phase = phase ?? '';
  }
}
