// Every layer's feature maps for one example (cooking, layer by layer): one small image per
// channel, greyscale for outputs that are never negative and orange ↔ blue for signed ones.
// After the backward phase a second strip under each shows the loss's gradient with respect to
// those maps (what went wrong, layer by layer). Each strip has a legend of the scale it is
// painted on: its layer's own, or one for the whole network (`scope`).

import { largestOf, paintTiles, tileCanvas } from '../../views/pixel-tiles.js';
import { ColourLegend } from '../../views/legend.js';
import { boundaryOffset, isSpatial, shownBoundaries } from './image-network.js';
import { shapeText } from '../../views/format.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

const MAX_CHANNELS = 32;
const TILE_CSS = 52; // target size of one map on screen, in CSS pixels
const LABEL_CSS = 20; // the "gradient" label left of a gradient strip (style.css: .map-grads)
const FRAME_CSS = 18; // a row's frame: border and padding on both sides (images.css: .map-row)

export class FeatureMaps {
  // resized(): the maps need painting again at the root's new width.
  constructor(root, resized) {
    this.root = root;
    this.laidOut = laidOutSize(root, resized);
    this.rows = [];
    this.layoutKey = null;
  }

  layout(net, t) {
    const doc = this.root.ownerDocument;
    this.rows = shownBoundaries(net, t).map((row) => {
      const shape = net.boundaries[row.boundary].shape;
      const item = doc.createElement('div');
      item.className = 'map-row';
      const head = doc.createElement('p');
      head.className = 'map-head';
      const more = shape.channels > MAX_CHANNELS && isSpatial(shape) ? ` ${t('firstChannels', { n: MAX_CHANNELS })}` : '';
      head.textContent = `${row.label} · ${shapeText(shape)}${more}`;
      const values = tileCanvas(doc, t('mapsOf', { name: row.label }));
      values.dataset.testid = 'feature-map';
      const gradients = tileCanvas(doc, t('gradsOf', { name: row.label }));
      gradients.dataset.testid = 'feature-gradient';
      const grads = doc.createElement('div');
      grads.className = 'map-grads';
      const gradLabel = doc.createElement('span');
      gradLabel.textContent = t('gradientShort');
      const valuesLegend = new ColourLegend(doc, 'legend-map');
      const gradientsLegend = new ColourLegend(doc, 'legend-map-gradient');
      grads.append(gradLabel, gradients, gradientsLegend.root);
      // The row's name and its maps' scale share the top line (the maps keep their height).
      const top = doc.createElement('div');
      top.className = 'map-top';
      top.append(head, valuesLegend.root);
      item.append(top, values, grads);
      return { ...row, shape, item, values, gradients, grads, valuesLegend, gradientsLegend };
    });
    this.root.replaceChildren(...this.rows.map((r) => r.item));
  }

  // example: { values, count, index } (a value buffer for `count` examples, showing `index`);
  // gradients: the matching gradient buffer, or null before the backward phase; scope: 'layer'
  // (each strip its own scale) or 'network' (one for the maps of all layers, one for their
  // gradients; the input image keeps its own).
  update(net, example, gradients, t, key, scope) {
    if (changedKey(this.layoutKey, key)) {
      this.layout(net, t);
      this.layoutKey = key;
    }
    // Maps and their gradients share one grid, indented alike, so a gradient sits under its map.
    const width = Math.max(160, this.laidOut.width - 8 - LABEL_CSS - FRAME_CSS);
    const layers = this.rows.filter((row) => row.layer >= 0);
    const offsetOf = (row) => boundaryOffset(net, row.boundary, example.count, example.index);
    const shared = (buffer) => (scope === 'network' && buffer ? Math.max(0, ...layers.map((row) => largestOf(...tilesOf(row.shape, buffer, offsetOf(row))))) : undefined);
    const mapsMax = shared(example.values);
    const gradientsMax = shared(gradients);
    const scopeText = t(`scope.${scope}`);
    for (const row of this.rows) {
      const signed = row.layer >= 0 && !nonNegative(net, row.layer);
      const max = this.paint(row, row.values, example.values, offsetOf(row), signed, width, row.layer >= 0 ? mapsMax : undefined);
      row.valuesLegend.show({ kind: signed ? 'signed' : 'grey', max, label: row.layer < 0 ? t('legend.pixels') : t('legend.maps', { scope: scopeText }) });
      row.grads.hidden = !gradients || row.layer < 0;
      if (gradients && row.layer >= 0) {
        const gradientMax = this.paint(row, row.gradients, gradients, offsetOf(row), true, width, gradientsMax);
        row.gradientsLegend.show({ kind: 'signed', max: gradientMax, label: t('legend.mapGrads', { scope: scopeText }) });
      }
    }
  }

  // Paints one strip on the scale `max` (undefined: its own largest value); returns the scale.
  paint(row, canvas, buffer, offset, signed, width, max) {
    const { channels, height, width: w } = row.shape;
    const [tiles, tileAt] = tilesOf(row.shape, buffer, offset);
    if (isSpatial(row.shape)) {
      const scale = Math.max(1, Math.round(TILE_CSS / Math.max(height, w)));
      const cols = Math.max(1, Math.min(tiles, Math.floor((width + scale) / ((w + 1) * scale))));
      return paintTiles(canvas, tiles, tileAt, { h: height, w, cols, scale, signed, max }).max;
    }
    // A vector: one row of cells, wrapped to the panel's width.
    const cell = Math.max(3, Math.min(14, Math.floor(width / Math.min(channels, 64))));
    const cols = Math.max(1, Math.floor(width / cell));
    return paintTiles(canvas, tiles, tileAt, { h: 1, w: 1, gap: 0, cols, scale: cell, signed, max }).max;
  }
}

// The tiles a strip shows of a layer's output `shape` at `offset` of `buffer`: [count,
// tileAt(t, i), pixels per tile] (the first MAX_CHANNELS maps, or a vector's cells).
function tilesOf(shape, buffer, offset) {
  const { channels, height, width } = shape;
  if (!isSpatial(shape)) return [channels, (c) => buffer[offset + c], 1];
  return [Math.min(channels, MAX_CHANNELS), (c, i) => buffer[offset + c * height * width + i], height * width];
}

// Outputs of ReLU and of pools over ReLU are never negative: greyscale reads better there.
function nonNegative(net, l) {
  for (let k = l; k >= 0; k--) {
    const layer = net.layers[k];
    if (layer.activation) return layer.activation === 'relu' || layer.activation === 'sigmoid';
  }
  return true;
}
