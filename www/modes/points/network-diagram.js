// The network diagram: input features, neurons with heatmap thumbnails of their activation over
// the input square, edges coloured by sign and sized by weight / gradient (dashed, in the gradient
// palette) / last update (one width scale for all three: views/edge-width.js), and the marks of
// a phase by hand (phase-marks.js).

import { laidOutSize } from '../../views/laid-out-size.js';
import { css, edgeColour, gradientColour, imageFor, paintValues } from '../../views/palette.js';
import { edgeShare, edgeWidth } from '../../views/edge-width.js';
import { formatNumber, formatShort } from '../../views/format.js';
import { layerSize } from '../../views/layer-size.js';
import {
  activationBoundary, activationName, biasIndex, identicalNeurons, weightIndex,
} from './parameter-index.js';
import { drawGhostEdges, markErrorSignals } from './phase-marks.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_COLUMN_HEIGHT = 520;
// A node takes at most this share of the distance between columns, so edges stay visible on
// narrow screens.
const NODE_SHARE = 0.45;
// Below this size a node's value label would hide its thumbnail: the border colour carries the
// value and the zoom shows the number.
const MIN_LABELLED_SIZE = 28;

export class NetworkDiagram {
  // onSelect(index): a parameter (edge weight or node bias) was chosen; resized(): the
  // container's size changed (the diagram is laid out again at the next draw).
  constructor(container, onSelect, resized) {
    this.container = container;
    this.laidOut = laidOutSize(container, resized);
    this.onSelect = onSelect;
    this.layoutKey = '';
    this.selected = -1;
    this.nodes = []; // per column: [{el, canvas (its thumbnail, off the page), value, ...}]
    this.edges = []; // {path, index, attrs (as last set), selected}
    this.neuronScales = []; // the hidden thumbnails' scales in force: [{ c (column, or null: all), max }]
    container.addEventListener('mouseleave', () => this.hideZoom());
  }

  // Rebuilds the DOM when the network's shape (or the width, or the language) changes; returns
  // true then, since the new thumbnails are blank until the next grid.
  layout(net, names, t) {
    const width = Math.max(280, this.laidOut.width);
    const key = JSON.stringify([net.features, net.layers.map((l) => [l.units, activationName(l)]), width, names]);
    if (key === this.layoutKey) return false;
    this.layoutKey = key;
    const doc = this.container.ownerDocument;
    const columns = [net.features.length, ...net.layers.map((l) => l.units)];
    const most = Math.max(...columns);
    const gap = most > 12 ? 2 : 8;
    // Room for the input names on the left and the output names on the right.
    const left = 44;
    const right = 58;
    const between = Math.max(1, columns.length - 1);
    const fitsHeight = Math.floor((MAX_COLUMN_HEIGHT - gap * most) / most);
    const fitsWidth = Math.floor((NODE_SHARE * (width - left - right)) / (between + NODE_SHARE));
    const size = Math.max(12, Math.min(40, fitsHeight, fitsWidth));
    const top = 26;
    const height = top + most * (size + gap) + 34;
    const spacing = (width - left - right - size) / between;
    const xOf = (c) => left + c * spacing;
    const yOf = (c, j) => top + ((most - columns[c]) * (size + gap)) / 2 + j * (size + gap);
    this.geometry = { size, xOf, yOf, height };

    this.container.replaceChildren();
    this.container.style.height = `${height}px`;
    this.container.classList.toggle('small-nodes', size < MIN_LABELLED_SIZE);
    const svg = doc.createElementNS(SVG, 'svg');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.classList.add('edges');
    // Every thumbnail is painted on one canvas over the edges, under the (transparent) nodes:
    // one canvas costs the browser one buffer to hand over per frame, where one per neuron made
    // it ask the GPU process for dozens at once, stalling the page.
    const dpr = globalThis.devicePixelRatio || 1;
    this.sheet = doc.createElement('canvas');
    this.sheet.className = 'thumbnail-sheet';
    this.sheet.width = Math.round(width * dpr);
    this.sheet.height = Math.round(height * dpr);
    this.sheet.style.width = `${width}px`;
    this.sheet.style.height = `${height}px`;
    this.sheetScale = dpr;
    this.container.append(svg, this.sheet);

    this.edges = [];
    this.ghosts = doc.createElementNS(SVG, 'g');
    this.ghosts.classList.add('edge-ghosts');
    this.ghosts.dataset.testid = 'edge-ghosts';
    const visible = doc.createElementNS(SVG, 'g');
    const hits = doc.createElementNS(SVG, 'g');
    hits.classList.add('edge-hits');
    net.layers.forEach((layer, l) => {
      for (let row = 0; row < layer.units; row++) {
        for (let col = 0; col < layer.inputs; col++) {
          const x0 = xOf(l) + size;
          const y0 = yOf(l, col) + size / 2;
          const x1 = xOf(l + 1);
          const y1 = yOf(l + 1, row) + size / 2;
          const mid = (x0 + x1) / 2;
          const d = `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`;
          const index = weightIndex(net, l, row, col);
          const path = doc.createElementNS(SVG, 'path');
          path.setAttribute('d', d);
          path.classList.add('edge');
          const ghost = doc.createElementNS(SVG, 'path');
          ghost.setAttribute('d', d);
          ghost.classList.add('edge-ghost');
          const hit = doc.createElementNS(SVG, 'path');
          hit.setAttribute('d', d);
          hit.classList.add('edge-hit');
          hit.dataset.index = index;
          hit.dataset.testid = 'edge';
          const label = t('edgeLabel', { from: names[l][col], to: names[l + 1][row] });
          hit.setAttribute('aria-label', label);
          hit.addEventListener('click', () => this.onSelect(index));
          hit.addEventListener('mouseenter', () => this.showTip(hit, label, index));
          hit.addEventListener('mouseleave', () => this.hideTip());
          this.ghosts.append(ghost);
          visible.append(path);
          hits.append(hit);
          this.edges.push({ path, ghost, index, attrs: {}, selected: false });
        }
      }
    });
    svg.append(this.ghosts, visible, hits);
    this.svg = svg;

    this.columnCount = columns.length;
    this.nodes = columns.map((count, c) => {
      const heading = doc.createElement('div');
      heading.className = 'column-title';
      heading.style.left = `${xOf(c) + size / 2}px`;
      const roomy = spacing >= 90;
      const activation = roomy ? ` · ${t(`act.${activationName(net.layers[c - 1] ?? {})}`)}` : '';
      heading.textContent = c === 0 ? t('input') : c === columns.length - 1 ? t('output') : `L${c}${activation}`;
      const footer = doc.createElement('div');
      footer.className = 'column-footer';
      footer.style.left = `${xOf(c) + size / 2}px`;
      footer.style.top = `${yOf(c, count - 1) + size + 4}px`;
      this.container.append(heading, footer);
      const nodes = [];
      for (let j = 0; j < count; j++) nodes.push(this.makeNode(doc, net, names, t, c, j));
      return { nodes, footer };
    });

    this.zoom = doc.createElement('div');
    this.zoom.className = 'node-zoom';
    this.zoom.hidden = true;
    this.zoomCanvas = doc.createElement('canvas');
    this.zoomCanvas.width = 160;
    this.zoomCanvas.height = 160;
    this.zoomText = doc.createElement('p');
    this.zoom.append(this.zoomCanvas, this.zoomText);
    this.tip = doc.createElement('div');
    this.tip.className = 'edge-tip';
    this.tip.hidden = true;
    this.container.append(this.zoom, this.tip);
    return true;
  }

  makeNode(doc, net, names, t, c, j) {
    const { size, xOf, yOf } = this.geometry;
    const isInput = c === 0;
    const el = doc.createElement(isInput ? 'div' : 'button');
    el.className = `node${isInput ? ' input-node' : ''}`;
    el.style.left = `${xOf(c)}px`;
    el.style.top = `${yOf(c, j)}px`;
    el.style.width = `${size}px`;
    el.style.height = `${size}px`;
    // The neuron's thumbnail at the grid's resolution, off the page: copied onto the sheet
    // (see updateThumbnails) and enlarged for the zoom.
    const canvas = doc.createElement('canvas');
    const value = doc.createElement('span');
    value.className = 'node-value';
    const label = doc.createElement('span');
    label.className = 'node-label';
    label.textContent = names[c][j];
    el.append(value);
    // Hidden neurons are named in their zoom and label only; inputs and outputs carry a caption.
    if (isInput || c === this.columnCount - 1) el.append(label);
    const node = { el, canvas, value, name: names[c][j], c, j };
    if (isInput) {
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', names[c][j]);
    } else {
      node.bias = biasIndex(net, c - 1, j);
      el.type = 'button';
      el.dataset.testid = 'node';
      el.addEventListener('click', () => this.onSelect(node.bias));
      const bias = doc.createElement('span');
      bias.className = 'bias-mark';
      el.append(bias);
      node.biasMark = bias;
    }
    el.addEventListener('mouseenter', () => this.showZoom(node));
    // Keyboard focus enlarges too; a mouse click (which also focuses) should not leave it open.
    el.addEventListener('focus', () => {
      if (el.matches(':focus-visible')) this.showZoom(node);
    });
    for (const type of ['mouseleave', 'blur']) el.addEventListener(type, () => this.hideZoom());
    this.container.append(el);
    return node;
  }

  // frame: { net, params, grads, update, mode, values: {buffer, n, index} | null, t, deltas
  // (phase-marks.js errorSignals, or null), before (the weights before the last update, or null),
  // followed ({ layer, row }: the neuron the arithmetic card shows) }
  // (thumbnails are painted separately, by updateThumbnails, right after trainer.grid()).
  update(frame) {
    const { net, t } = frame;
    const buffer = { weights: frame.params, gradients: frame.grads, update: frame.update }[frame.mode];
    this.updateEdges(buffer, frame.mode === 'gradients');
    drawGhostEdges(this.ghosts, this.edges, frame.before);
    markErrorSignals(this.nodes, frame.deltas);
    this.updateValues(net, frame.values);
    for (const [c, column] of this.nodes.entries()) {
      if (c === 0) continue;
      const l = c - 1;
      const parts = []; // [class, text]
      if (identicalNeurons(net, frame.params, l)) parts.push(['badge', t('identical')]);
      if (frame.mode === 'gradients') parts.push(['norm', t('gradSize', { v: formatNumber(layerSize(net.layers[l], frame.grads)) })]);
      if (frame.mode === 'update') parts.push(['norm', t('stepSize', { v: formatNumber(layerSize(net.layers[l], frame.update)) })]);
      this.showFooter(column.footer, parts);
      for (const node of column.nodes) {
        const b = frame.params[node.bias];
        const background = css(Math.tanh(b));
        if (node.background !== background) node.biasMark.style.background = background;
        node.background = background;
        const label = t('nodeLabel', { name: node.name, bias: formatNumber(b) });
        if (node.label !== label) node.el.setAttribute('aria-label', label);
        node.label = label;
        node.el.classList.toggle('selected', node.bias === this.selected);
        node.el.classList.toggle('followed', frame.followed?.layer === l && frame.followed.row === node.j);
      }
    }
  }

  // gradients: the buffer is the gradients, drawn dashed in their own palette.
  updateEdges(buffer, gradients) {
    this.svg.dataset.encoding = gradients ? 'gradients' : 'weights';
    for (const edge of this.edges) {
      const v = buffer[edge.index];
      // Only what changed is written: every attribute set restyles the SVG.
      setChanged(edge, 'stroke', gradients ? gradientColour(v) : edgeColour(v));
      setChanged(edge, 'stroke-dasharray', gradients ? '5 3' : 'none');
      setChanged(edge, 'stroke-width', edgeWidth(v).toFixed(1));
      setChanged(edge, 'stroke-opacity', (0.2 + 0.8 * edgeShare(v) ** 1.5).toFixed(2));
      const selected = edge.index === this.selected;
      if (edge.selected !== selected) edge.path.classList.toggle('selected', selected);
      edge.selected = selected;
    }
  }

  // Each neuron's thumbnail: its activation over the grid, on one scale per hidden layer (scope
  // 'layer') or for all hidden layers ('network'), so that neurons compare directly (identical
  // neurons look identical). `maps`: trainer.gridMaps(), each unit's values over the grid side by
  // side.
  updateThumbnails(net, maps, resolution, regression, scope) {
    const n = resolution * resolution;
    const columns = [0, ...net.layers.map(activationBoundary)];
    columns[columns.length - 1] = net.prediction;
    const hidden = this.nodes.map((_, c) => c).slice(1, -1);
    const layerMax = hidden.map((c) => {
      const boundary = net.boundaries[columns[c]];
      return maxAbs(maps, n * boundary.prefix, n * (boundary.prefix + boundary.width));
    });
    const networkMax = Math.max(0, ...layerMax);
    this.neuronScales = scope === 'network' ? [{ c: null, max: networkMax }] : hidden.map((c, k) => ({ c, max: layerMax[k] }));
    for (const [c, layer] of this.nodes.entries()) {
      const boundary = net.boundaries[columns[c]];
      const isOutput = c === this.nodes.length - 1;
      // Inputs have their own scale each.
      const shared = isOutput || c === 0 ? 0 : scope === 'network' ? networkMax : layerMax[c - 1];
      for (const node of layer.nodes) {
        if (node.canvas.width !== resolution) {
          node.canvas.width = resolution;
          node.canvas.height = resolution;
        }
        const start = n * (boundary.prefix + node.j);
        const map = maps.subarray(start, start + n);
        const scale = c === 0 ? maxAbs(maps, start, start + n) : shared;
        const image = imageFor(node.canvas, resolution, resolution);
        // Outputs: probabilities become 2p − 1; a regression output is shown as it is.
        if (isOutput) paintValues(image, map, regression ? 1 : 2, regression ? 0 : -1);
        else paintValues(image, map, scale > 0 ? 1 / scale : 0);
        node.canvas.getContext('2d').putImageData(image, 0, 0);
        this.copyToSheet(node);
      }
    }
  }

  // Draws a node's thumbnail onto the sheet, in the node's box with its rounded corners.
  copyToSheet(node) {
    const { size, xOf, yOf } = this.geometry;
    const k = this.sheetScale;
    const ctx = this.sheet.getContext('2d');
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(xOf(node.c) * k, yOf(node.c, node.j) * k, size * k, size * k, 4 * k);
    ctx.clip();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(node.canvas, xOf(node.c) * k, yOf(node.c, node.j) * k, size * k, size * k);
    ctx.restore();
  }

  // The value every node takes for one input (picked point or first batch example).
  // A column's footer: its badge and its layer's size, as [class, text] parts (rebuilt only when
  // they change).
  showFooter(footer, parts) {
    const shown = JSON.stringify(parts);
    if (footer.dataset.shown === shown) return;
    footer.dataset.shown = shown;
    footer.replaceChildren(...parts.map(([className, text]) => {
      const span = footer.ownerDocument.createElement('span');
      span.className = className;
      if (className === 'badge') span.dataset.testid = 'identical';
      span.textContent = text;
      return span;
    }));
  }

  updateValues(net, values) {
    this.container.classList.toggle('has-values', Boolean(values));
    const columns = [0, ...net.layers.map(activationBoundary)];
    columns[columns.length - 1] = net.prediction;
    for (const [c, column] of this.nodes.entries()) {
      const boundary = net.boundaries[columns[c]];
      for (const node of column.nodes) {
        if (!values) {
          node.value.textContent = '';
          node.el.style.removeProperty('--value-colour');
          node.current = null;
          continue;
        }
        const v = values.buffer[values.n * boundary.prefix + values.index * boundary.width + node.j];
        node.current = v;
        node.value.textContent = formatShort(v);
        node.el.style.setProperty('--value-colour', css(Math.tanh(v)));
      }
    }
  }

  select(index) {
    this.selected = index;
  }

  showZoom(node) {
    const { size, xOf, yOf } = this.geometry;
    const ctx = this.zoomCanvas.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, 160, 160);
    ctx.drawImage(node.canvas, 0, 0, 160, 160);
    this.zoomText.textContent = node.current == null ? node.name : `${node.name} = ${formatNumber(node.current)}`;
    const width = this.container.clientWidth;
    const x = xOf(node.c) + size + 8;
    this.zoom.style.left = `${x + 170 > width ? xOf(node.c) - 178 : x}px`;
    this.zoom.style.top = `${Math.max(0, yOf(node.c, node.j) - 40)}px`;
    this.zoom.hidden = false;
  }

  hideZoom() {
    if (this.zoom) this.zoom.hidden = true;
  }

  showTip(hit, label, index) {
    const box = hit.getBBox();
    this.tip.textContent = label;
    this.tip.dataset.index = index;
    this.tip.style.left = `${box.x + box.width / 2}px`;
    this.tip.style.top = `${box.y + box.height / 2}px`;
    this.tip.hidden = false;
  }

  hideTip() {
    this.tip.hidden = true;
  }
}

// Sets an attribute of an edge's path unless it already has that value.
function setChanged(edge, name, value) {
  if (edge.attrs[name] === value) return;
  edge.attrs[name] = value;
  edge.path.setAttribute(name, value);
}

// The largest |value| of values[start..end).
function maxAbs(values, start, end) {
  let max = 0;
  for (let k = start; k < end; k++) max = Math.max(max, Math.abs(values[k]));
  return max;
}
