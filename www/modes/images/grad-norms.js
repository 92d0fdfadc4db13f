// How loudly each layer is told what went wrong, practice round after practice round: the mean
// gradient size of each parameter layer's weights per epoch (history().gradNorms), one line per
// layer on a log scale, drawn straight on the canvas (a few lines; plotters is not needed here).

import { layerLabel, parameterLayers } from './image-network.js';
import { drawDetached } from '../../views/detached-canvas.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

// Okabe–Ito: distinct for every common colour-vision deficiency.
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export class GradNormChart {
  // resized(): the chart needs drawing again at the canvas's new size.
  constructor(canvas, legend, resized) {
    this.canvas = canvas;
    this.laidOut = laidOutSize(canvas, resized);
    this.legend = legend;
    this.key = null;
  }

  update(history, net, t, key) {
    const dpr = globalThis.devicePixelRatio || 1;
    const width = Math.round(this.laidOut.width * dpr);
    const height = Math.round(this.laidOut.height * dpr);
    const fullKey = { ...key, width, height, entries: history.step.length };
    if (!changedKey(this.key, fullKey) || width === 0) return;
    this.key = fullKey;
    this.canvas.width = width;
    this.canvas.height = height;
    const layers = parameterLayers(net);
    drawDetached(this.canvas, (canvas) => this.plot(canvas.getContext('2d'), history, layers, t, dpr));
    this.legend.replaceChildren(...layers.map(({ l }, i) => {
      const item = this.legend.ownerDocument.createElement('span');
      item.className = 'legend-item';
      item.style.setProperty('--swatch', SERIES_COLOURS[i % SERIES_COLOURS.length]);
      item.textContent = layerLabel(net, l, t);
      return item;
    }));
  }

  // The lines on a cleared canvas (text included: drawn detached, see drawDetached).
  plot(ctx, history, layers, t, dpr) {
    const { width, height } = ctx.canvas;
    const series = history.gradNorms.slice(0, layers.length);
    const steps = history.step;
    const all = series.flat().filter((v) => Number.isFinite(v) && v > 0);
    const pad = { left: 44 * dpr, right: 8 * dpr, top: 8 * dpr, bottom: 22 * dpr };
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.fillStyle = '#5a6272';
    ctx.strokeStyle = '#dde1e7';
    ctx.lineWidth = dpr;
    ctx.strokeRect(pad.left, pad.top, width - pad.left - pad.right, height - pad.top - pad.bottom);
    if (all.length === 0) {
      ctx.fillText(t('gradNormsEmpty'), pad.left + 8 * dpr, height / 2);
    } else {
      const lo = Math.floor(Math.log10(Math.min(...all)));
      const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...all))));
      const maxStep = Math.max(1, steps[steps.length - 1] ?? 1);
      // Markers stay clear of the frame, so the first epoch's point does not sit on its edge.
      const inset = 6 * dpr;
      const x = (s) => pad.left + inset + (s / maxStep) * (width - pad.left - pad.right - 2 * inset);
      const y = (v) => pad.top + (1 - (Math.log10(v) - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
      for (let e = lo; e <= hi; e++) ctx.fillText(`1e${e}`, 4 * dpr, y(10 ** e) + 4 * dpr);
      ctx.fillText('0', x(0) - 3 * dpr, height - 6 * dpr);
      ctx.textAlign = 'right';
      ctx.fillText(`${t('chartStep')} ${maxStep}`, width - pad.right, height - 6 * dpr);
      ctx.textAlign = 'left';
      series.forEach((values, i) => {
        ctx.strokeStyle = SERIES_COLOURS[i % SERIES_COLOURS.length];
        ctx.lineWidth = 2 * dpr;
        ctx.setLineDash(i % 2 ? [6 * dpr, 3 * dpr] : []);
        ctx.beginPath();
        let started = false;
        values.forEach((v, k) => {
          if (!(v > 0)) return;
          if (started) ctx.lineTo(x(steps[k]), y(v));
          else ctx.moveTo(x(steps[k]), y(v));
          started = true;
          ctx.fillStyle = ctx.strokeStyle;
          ctx.fillRect(x(steps[k]) - 2 * dpr, y(v) - 2 * dpr, 4 * dpr, 4 * dpr);
        });
        ctx.stroke();
      });
      ctx.setLineDash([]);
    }
  }
}
