// The data plot: the output's decision boundary (or regression value) as a heatmap over the
// input square, the train (and test) points on top, the current batch ringed, the picked input.

import { laidOutSize } from '../../views/laid-out-size.js';
import { drawDetached } from '../../views/detached-canvas.js';
import { classValue, css, imageFor, paintValues } from '../../views/palette.js';

const SNAP_PX = 10;

export class DataPlot {
  // onPick({x1, x2}): an input was picked; resized(): the plot needs drawing at its new size;
  // domain: the points live in [-domain, domain]² (the core's schema says).
  constructor(canvas, onPick, resized, domain) {
    this.canvas = canvas;
    this.domain = domain;
    this.onPick = onPick;
    this.laidOut = laidOutSize(canvas, resized);
    this.heat = canvas.ownerDocument.createElement('canvas');
    this.lastFrame = null;
    this.shown = null; // what the canvas shows (see draw)
    this.focus = null;
    canvas.addEventListener('click', (e) => this.pickAt(e));
    canvas.addEventListener('keydown', (e) => this.nudge(e));
  }

  size() {
    const css = this.laidOut.width || this.canvas.width;
    const dpr = globalThis.devicePixelRatio || 1;
    const px = Math.round(css * dpr);
    if (this.canvas.width !== px || this.canvas.height !== px) {
      this.canvas.width = px;
      this.canvas.height = px;
    }
    return { px, css, dpr };
  }

  toPixel(x1, x2, px) {
    return [((x1 + this.domain) / (2 * this.domain)) * px, ((this.domain - x2) / (2 * this.domain)) * px];
  }

  // frame: { scores, resolution, regression, discretize, trainPoints, trainTargets, testPoints,
  //          testTargets, showTest, batch (Uint32Array | null), focus ({x1,x2} | null),
  //          generation (changes with the trainer, so with its points) }
  // Repaints only when something shown changed: the scores (a new array each time the grid is
  // computed), the points, the options, the batch, the picked point or the size.
  draw(frame) {
    this.lastFrame = { trainPoints: frame.trainPoints, testPoints: frame.showTest ? frame.testPoints : null };
    this.focus = frame.focus;
    const { px, dpr } = this.size();
    const shown = [frame.scores, frame.generation, frame.showTest, frame.discretize, frame.focus?.x1, frame.focus?.x2, frame.batch?.join(), px];
    if (this.shown?.every((v, i) => v === shown[i])) return;
    this.shown = shown;
    drawDetached(this.canvas, (canvas) => this.paint(canvas.getContext('2d'), frame, px, dpr));
  }

  // The heatmap, the points and the axes' numbers (text: drawn detached, see drawDetached).
  paint(ctx, frame, px, dpr) {
    this.paintHeat(frame);
    ctx.imageSmoothingEnabled = !frame.discretize;
    ctx.drawImage(this.heat, 0, 0, px, px);

    ctx.strokeStyle = 'rgb(0 0 0 / 0.12)';
    ctx.lineWidth = dpr;
    ctx.beginPath();
    ctx.moveTo(px / 2, 0); ctx.lineTo(px / 2, px);
    ctx.moveTo(0, px / 2); ctx.lineTo(px, px / 2);
    ctx.stroke();

    const r = 3.2 * dpr;
    const colourOf = (target) => css(frame.regression ? target : classValue(target));
    this.drawPoints(ctx, frame.trainPoints, frame.trainTargets, colourOf, r, 'white', px, dpr);
    if (frame.showTest) this.drawPoints(ctx, frame.testPoints, frame.testTargets, colourOf, r, 'rgb(30 30 30)', px, dpr);
    if (frame.batch) this.drawBatch(ctx, frame.trainPoints, frame.batch, r, px, dpr);
    if (frame.focus) this.drawFocus(ctx, frame.focus, px, dpr);

    ctx.fillStyle = 'rgb(40 40 40 / 0.7)';
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.fillText('−6', 3 * dpr, px / 2 - 4 * dpr);
    ctx.fillText('6', px - 10 * dpr, px / 2 - 4 * dpr);
    ctx.fillText('6', px / 2 + 4 * dpr, 12 * dpr);
  }

  paintHeat({ scores, resolution, discretize, regression }) {
    if (this.heat.width !== resolution) {
      this.heat.width = resolution;
      this.heat.height = resolution;
    }
    const ctx = this.heat.getContext('2d');
    const image = imageFor(this.heat, resolution, resolution);
    // Softened so the points stay readable on top; discretized shows only the class regions.
    if (discretize && !regression) paintValues(image, scores.map(Math.sign), 0.55);
    else paintValues(image, scores, 0.8);
    ctx.putImageData(image, 0, 0);
  }

  drawPoints(ctx, points, targets, colourOf, r, stroke, px, dpr) {
    ctx.lineWidth = dpr;
    ctx.strokeStyle = stroke;
    for (let i = 0; i < targets.length; i++) {
      const [x, y] = this.toPixel(points[2 * i], points[2 * i + 1], px);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = colourOf(targets[i]);
      ctx.fill();
      ctx.stroke();
    }
  }

  drawBatch(ctx, points, batch, r, px, dpr) {
    ctx.strokeStyle = 'rgb(20 20 20)';
    ctx.lineWidth = 1.6 * dpr;
    for (const [k, index] of batch.entries()) {
      const [x, y] = this.toPixel(points[2 * index], points[2 * index + 1], px);
      ctx.beginPath();
      ctx.arc(x, y, r + (k === 0 ? 5 : 3) * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  drawFocus(ctx, { x1, x2 }, px, dpr) {
    const [x, y] = this.toPixel(x1, x2, px);
    ctx.strokeStyle = 'rgb(20 20 20)';
    ctx.lineWidth = 2 * dpr;
    const a = 7 * dpr;
    const b = 3 * dpr;
    ctx.beginPath();
    ctx.moveTo(x - a, y); ctx.lineTo(x - b, y);
    ctx.moveTo(x + b, y); ctx.lineTo(x + a, y);
    ctx.moveTo(x, y - a); ctx.lineTo(x, y - b);
    ctx.moveTo(x, y + b); ctx.lineTo(x, y + a);
    ctx.stroke();
  }

  // A click picks the nearest shown point within a few pixels, else the spot itself.
  pickAt(event) {
    const rect = this.canvas.getBoundingClientRect();
    const cx = event.clientX - rect.left;
    const cy = event.clientY - rect.top;
    const w = rect.width;
    let best = null;
    let bestDistance = SNAP_PX;
    for (const points of [this.lastFrame?.trainPoints, this.lastFrame?.testPoints]) {
      if (!points) continue;
      for (let i = 0; i < points.length; i += 2) {
        const [x, y] = this.toPixel(points[i], points[i + 1], w);
        const d = Math.hypot(x - cx, y - cy);
        if (d < bestDistance) {
          bestDistance = d;
          best = { x1: points[i], x2: points[i + 1] };
        }
      }
    }
    const round = (v) => Math.round(v * 100) / 100;
    this.onPick(best ?? { x1: round((cx / w) * 2 * this.domain - this.domain), x2: round(this.domain - (cy / w) * 2 * this.domain) });
  }

  // Arrow keys move the picked input (Shift: further), so the plot works without a mouse.
  nudge(event) {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const step = event.shiftKey ? 1 : 0.25;
    const from = this.focus ?? { x1: 0, x2: 0 };
    const clamp = (v) => Math.max(-this.domain, Math.min(this.domain, Math.round(v * 100) / 100));
    this.onPick({ x1: clamp(from.x1 + move[0] * step), x2: clamp(from.x2 + move[1] * step) });
  }
}
