// The seasonings a CNN learns: every conv kernel as a small image per input channel (row = one
// kernel, column = its input channel), showing the weights, their gradients or the last update.
// For a dense layer straight on the pixels, each unit's weights form a template of the image.
// Each block has a legend of its scale: its layer's own, or one for all blocks (`scope`).

import { largestOf, paintTiles, tileCanvas } from '../../views/pixel-tiles.js';
import { ColourLegend } from '../../views/legend.js';
import { layerLabel } from './image-network.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

const MAX_TEMPLATES = 64;
// The smallest a kernel is drawn, in CSS pixels: smaller, its pattern cannot be seen (a block
// wider than the panel scrolls sideways instead).
const MIN_KERNEL_CSS = 24;

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
      const legend = new ColourLegend(doc, 'legend-kernel');
      item.append(caption, canvas, legend.root);
      this.blocks.push({ layer, conv, canvas, item, input, legend });
    });
    this.root.replaceChildren(...this.blocks.map((b) => b.item));
    this.root.hidden = this.blocks.length === 0;
  }

  // buffer: params(), grads() or lastUpdate() (the whole flat buffer), named by `kind`
  // ('weights' | 'gradients' | 'update'); scope: 'layer' or 'network'.
  update(net, buffer, t, key, kind, scope) {
    if (changedKey(this.layoutKey, key)) {
      this.layout(net, t);
      this.layoutKey = key;
    }
    const width = Math.max(160, this.laidOut.width - 8);
    const shared = scope === 'network' ? Math.max(0, ...this.blocks.map((block) => largestOf(...tilesOf(block, buffer)))) : undefined;
    const label = t('legend.kernels', { kind: t(`edges.${kind}`), scope: t(`scope.${scope}`) });
    for (const block of this.blocks) {
      const { layer, conv, canvas, input } = block;
      const [tiles, tileAt] = tilesOf(block, buffer);
      let painted;
      if (conv) {
        // A row per kernel (its input channels side by side); kernels on one input channel
        // (the first layer on grey images) simply line up.
        const k = layer.kernel;
        const cols = layer.inputs === 1 ? layer.units : layer.inputs;
        const rows = layer.inputs === 1 ? 1 : layer.units;
        const fit = Math.min(Math.floor(width / (cols * (k + 1))), Math.floor(320 / (rows * (k + 1))));
        const scale = Math.max(Math.ceil(MIN_KERNEL_CSS / k), Math.min(8, fit));
        painted = paintTiles(canvas, tiles, tileAt, { h: k, w: k, cols, scale, signed: true, max: shared });
      } else {
        const { height: h, width: w } = input;
        const scale = h >= 20 ? 2 : 5;
        const cols = Math.max(1, Math.min(tiles, Math.floor(width / ((w + 1) * scale))));
        painted = paintTiles(canvas, tiles, tileAt, { h, w, cols, scale, signed: true, max: shared });
      }
      block.legend.show({ kind: 'signed', max: painted.max, label });
    }
  }
}

// The tiles of a block in `buffer`: [count, tileAt(t, i), pixels per tile] (a conv layer's
// kernels per input channel, or a dense layer's first MAX_TEMPLATES templates).
function tilesOf({ layer, conv, input }, buffer) {
  const { offset, cols: perUnit } = layer.weights;
  if (conv) {
    const size = layer.kernel * layer.kernel;
    return [layer.units * layer.inputs, (tile, i) => buffer[offset + tile * size + i], size];
  }
  return [Math.min(layer.units, MAX_TEMPLATES), (unit, i) => buffer[offset + unit * perUnit + i], input.height * input.width];
}
