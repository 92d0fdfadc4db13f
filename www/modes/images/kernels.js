// The seasonings a CNN learns: every conv kernel as a small image per input channel (row = one
// kernel, column = its input channel), showing the weights, their gradients or the last update.
// For a dense layer straight on the pixels, each unit's weights form a template of the image.

import { paintTiles, tileCanvas } from '../../views/pixel-tiles.js';
import { layerLabel } from './image-network.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

const MAX_TEMPLATES = 64;

export class Kernels {
  // resized(): the kernels need painting again at the root's new width.
  constructor(root, resized) {
    this.root = root;
    this.laidOut = laidOutSize(root, resized);
    this.blocks = [];
    this.layoutKey = null;
  }

  layout(net, t) {
    const doc = this.root.ownerDocument;
    const input = net.boundaries[0].shape;
    this.blocks = [];
    net.layers.forEach((layer, l) => {
      const conv = layer.kind === 'conv2d';
      const template = layer.kind === 'dense' && layer.input === 0;
      if (!conv && !template) return;
      const item = doc.createElement('figure');
      item.className = 'kernel-block';
      const caption = doc.createElement('figcaption');
      caption.textContent = conv
        ? t('kernelsOf', { name: layerLabel(net, l, t), n: layer.units, c: layer.inputs, k: layer.kernel })
        : t('templatesOf', { name: layerLabel(net, l, t), n: Math.min(layer.units, MAX_TEMPLATES), h: input.height, w: input.width });
      const canvas = tileCanvas(doc, caption.textContent);
      canvas.dataset.testid = 'kernel';
      item.append(caption, canvas);
      this.blocks.push({ layer, conv, canvas, item, input });
    });
    this.root.replaceChildren(...this.blocks.map((b) => b.item));
    this.root.hidden = this.blocks.length === 0;
  }

  // buffer: params(), grads() or lastUpdate() (the whole flat buffer).
  update(net, buffer, t, key) {
    if (changedKey(this.layoutKey, key)) {
      this.layout(net, t);
      this.layoutKey = key;
    }
    const width = Math.max(160, this.laidOut.width - 8);
    for (const { layer, conv, canvas, input } of this.blocks) {
      const { offset, cols: perUnit } = layer.weights;
      if (conv) {
        // A row per kernel (its input channels side by side); kernels on one input channel
        // (the first layer on grey images) simply line up.
        const k = layer.kernel;
        const cols = layer.inputs === 1 ? layer.units : layer.inputs;
        const rows = layer.inputs === 1 ? 1 : layer.units;
        const fit = Math.min(Math.floor(width / (cols * (k + 1))), Math.floor(320 / (rows * (k + 1))));
        const scale = Math.max(2, Math.min(8, fit));
        paintTiles(canvas, layer.units * layer.inputs, (tile, i) => buffer[offset + tile * k * k + i], {
          h: k, w: k, cols, scale, signed: true, maxCssWidth: width,
        });
      } else {
        const shown = Math.min(layer.units, MAX_TEMPLATES);
        const { height: h, width: w } = input;
        const scale = h >= 20 ? 2 : 5;
        const cols = Math.max(1, Math.min(shown, Math.floor(width / ((w + 1) * scale))));
        paintTiles(canvas, shown, (unit, i) => buffer[offset + unit * perUnit + i], { h, w, cols, scale, signed: true });
      }
    }
  }
}
