// The distribution of one layer's seasonings (weights) or of what it was told (gradients): binned
// by the trainer (histogram), drawn by the page's core with plotters (Charts.drawHistogram). Redrawn only when the trainer, epoch, step while
// paused, choice or size changes.

import { layerLabel } from './image-network.js';
import { drawDetached } from '../../views/detached-canvas.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

export class Histograms {
  // Charts: the core's chart calls; onChoice(): another layer was chosen, or the canvas's size
  // changed (draw again).
  constructor(Charts, canvas, layerSelect, onChoice) {
    this.Charts = Charts;
    this.canvas = canvas;
    this.laidOut = laidOutSize(canvas, onChoice);
    this.layerSelect = layerSelect;
    this.key = null;
    this.optionsKey = null;
    layerSelect.addEventListener('change', onChoice);
  }

  // which: 'weights' | 'gradients'; key: { generation, ... } what the chart shows (redrawn when
  // a field changes). Returns whether it painted.
  update(trainer, net, which, t, key) {
    const layers = net.layers.map((layer, l) => ({ layer, l })).filter(({ layer }) => layer.weights);
    const optionsKey = { generation: key.generation, layers: layers.length, output: t('output') };
    if (changedKey(this.optionsKey, optionsKey)) {
      this.optionsKey = optionsKey;
      const keep = this.layerSelect.value;
      this.layerSelect.replaceChildren(...layers.map(({ l }) => new Option(layerLabel(net, l, t), String(l))));
      if (layers.some(({ l }) => String(l) === keep)) this.layerSelect.value = keep;
    }
    const dpr = globalThis.devicePixelRatio || 1;
    const width = Math.round(this.laidOut.width * dpr);
    const height = Math.round(this.laidOut.height * dpr);
    const fullKey = { ...key, which, layer: this.layerSelect.value, width, height };
    if (!changedKey(this.key, fullKey) || width === 0 || this.layerSelect.value === '') return false;
    const histogram = trainer.histogram(Number(this.layerSelect.value), which); // before the key is kept
    this.key = fullKey;
    this.canvas.width = width;
    this.canvas.height = height;
    drawDetached(this.canvas, (canvas) => this.Charts.drawHistogram(canvas, histogram, which, {
      pixelRatio: dpr, dark: false, xLabel: t(which === 'weights' ? 'value' : 'gradient'), yLabel: t('countAxis'),
    }));
    return true;
  }
}
