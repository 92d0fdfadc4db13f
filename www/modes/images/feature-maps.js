// Every layer's feature maps for one example (cooking, layer by layer): one small image per
// channel, greyscale for outputs that are never negative and orange ↔ blue for signed ones.
// After the backward phase a second strip under each shows the loss's gradient with respect to
// those maps (what went wrong, layer by layer).

import { paintTiles, tileCanvas } from '../../views/pixel-tiles.js';
import { boundaryOffset, isSpatial, shownBoundaries } from './image-network.js';
import { shapeText } from '../../views/format.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

const MAX_CHANNELS = 32;
const TILE_CSS = 52; // target size of one map on screen, in CSS pixels
const LABEL_CSS = 20; // the "gradient" label left of a gradient strip (style.css: .map-grads)

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
      grads.append(gradLabel, gradients);
      item.append(head, values, grads);
      return { ...row, shape, item, values, gradients, grads };
    });
    this.root.replaceChildren(...this.rows.map((r) => r.item));
  }

  // example: { values, count, index } (a value buffer for `count` examples, showing `index`);
  // gradients: the matching gradient buffer, or null before the backward phase.
  update(net, example, gradients, t, key) {
    if (changedKey(this.layoutKey, key)) {
      this.layout(net, t);
      this.layoutKey = key;
    }
    // Maps and their gradients share one grid, indented alike, so a gradient sits under its map.
    const width = Math.max(160, this.laidOut.width - 8 - LABEL_CSS);
    for (const row of this.rows) {
      this.paint(row, row.values, example.values, boundaryOffset(net, row.boundary, example.count, example.index), row.layer >= 0 && !nonNegative(net, row.layer), width);
      row.grads.hidden = !gradients || row.layer < 0;
      if (gradients && row.layer >= 0) {
        this.paint(row, row.gradients, gradients, boundaryOffset(net, row.boundary, example.count, example.index), true, width);
      }
    }
  }

  paint(row, canvas, buffer, offset, signed, width) {
    const { channels, height, width: w } = row.shape;
    if (isSpatial(row.shape)) {
      const shown = Math.min(channels, MAX_CHANNELS);
      const scale = Math.max(1, Math.round(TILE_CSS / Math.max(height, w)));
      const cols = Math.max(1, Math.min(shown, Math.floor((width + scale) / ((w + 1) * scale))));
      paintTiles(canvas, shown, (c, i) => buffer[offset + c * height * w + i], { h: height, w, cols, scale, signed });
    } else {
      // A vector: one row of cells, wrapped to the panel's width.
      const cell = Math.max(3, Math.min(14, Math.floor(width / Math.min(channels, 64))));
      const cols = Math.max(1, Math.floor(width / cell));
      paintTiles(canvas, channels, (c) => buffer[offset + c], { h: 1, w: 1, gap: 0, cols, scale: cell, signed });
    }
  }
}

// Outputs of ReLU and of pools over ReLU are never negative: greyscale reads better there.
function nonNegative(net, l) {
  for (let k = l; k >= 0; k--) {
    const layer = net.layers[k];
    if (layer.activation) return layer.activation === 'relu' || layer.activation === 'sigmoid';
  }
  return true;
}
