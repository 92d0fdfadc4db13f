// The distribution of one layer's seasonings (weights) or of what it was told (gradients), drawn
// by the core with plotters (drawHistogram). Redrawn only when the trainer, epoch, step while
// paused, choice or size changes.

import { layerLabel } from './image-network.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

export class Histograms {
  // onChoice(): another layer was chosen, or the canvas's size changed (draw again).
  constructor(canvas, layerSelect, onChoice) {
    this.canvas = canvas;
    this.laidOut = laidOutSize(canvas, onChoice);
    this.layerSelect = layerSelect;
    this.key = null;
    this.optionsKey = null;
    layerSelect.addEventListener('change', onChoice);
  }

  // which: 'weights' | 'gradients'; key: { generation, ... } what the chart shows (redrawn when
  // a field changes).
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
    if (!changedKey(this.key, fullKey) || width === 0 || this.layerSelect.value === '') return;
    this.key = fullKey;
    this.canvas.width = width;
    this.canvas.height = height;
    trainer.drawHistogram(this.canvas, Number(this.layerSelect.value), which, {
      pixelRatio: dpr, dark: false, xLabel: t(which === 'weights' ? 'value' : 'gradient'), yLabel: t('countAxis'),
    });
  }
}
