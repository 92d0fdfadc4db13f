// The data plot: the output's decision boundary (or regression value) as a soft heatmap over the
// input square with the 0.5 line drawn crisp, the train (and test) points on top (outlined dark,
// so both classes read on any background), the current batch ringed (after Loss, each ring as
// large as that example's loss), the boundary before the last update, the picked input.

import { laidOutSize } from '../../views/laid-out-size.js';
import { drawDetached } from '../../views/detached-canvas.js';
import { classValue, css, imageFor, paintValues } from '../../views/palette.js';

const SNAP_PX = 10;
// How strongly the heatmap covers the white plot: faded, so the points keep their colour on it.
export const DISH_OPACITY = 0.45;
// Discretized classes are painted this many times finer than the grid (interpolated, then
// thresholded), so their border has no stair-steps.
const DISCRETE_FINER = 4;
const OUTLINE = 'rgb(29 35 48 / 0.85)';
// A point's radius, in CSS pixels.
const POINT_RADIUS = 3.2;
// Pieces of the 0.5 line that fit in a box this many grid cells wide are left to the colours: a
// closed speck of line that small reads as a "0" printed on the plot.
const SPECK_CELLS = 2;
// A loss ring's radius beyond the point, in CSS pixels: 6·√loss (its area grows with the
// loss), at most this.
const MAX_LOSS_RING = 16;

export class DataPlot {
  // onPick({x1, x2}): an input was picked; resized(): the plot needs drawing at its new size;
  // domain: the points live in [-domain, domain]² (the core's schema says).
  constructor(canvas, onPick, resized, domain) {
    this.canvas = canvas;
    this.domain = domain;
    this.onPick = onPick;
    this.laidOut = laidOutSize(canvas, resized);
    this.heat = canvas.ownerDocument.createElement('canvas');
    this.marksLayer = canvas.ownerDocument.createElement('canvas');
    this.marksOf = null; // what the marks layer shows (see marks)
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
  //          testTargets, showTest, batch (Uint32Array | null), batchLosses (each batch
  //          example's loss, or null: plain rings), ghostScores (the scores before the last
  //          update, or null), focus ({x1,x2} | null), generation (changes with the trainer) }
  // Repaints only when something shown changed: the scores (a new array each time the grid is
  // computed), the points, the options, the batch, the picked point or the size.
  draw(frame) {
    this.lastFrame = { trainPoints: frame.trainPoints, testPoints: frame.showTest ? frame.testPoints : null };
    this.focus = frame.focus;
    const { px, dpr } = this.size();
    const shown = [frame.scores, frame.generation, frame.showTest, frame.discretize, frame.focus?.x1, frame.focus?.x2, frame.batch?.join(),
      frame.batchLosses?.join(), frame.ghostScores, px];
    if (this.shown?.every((v, i) => v === shown[i])) return;
    this.shown = shown;
    drawDetached(this.canvas, (canvas) => this.paint(canvas.getContext('2d'), frame, px, dpr));
  }

  // The heatmap, the points and the axes' numbers (text: drawn detached, see drawDetached).
  paint(ctx, frame, px, dpr) {
    this.paintHeat(frame);
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, px, px);
    ctx.globalAlpha = DISH_OPACITY;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.heat, 0, 0, px, px);
    ctx.globalAlpha = 1;
    if (!frame.regression) this.drawBoundary(ctx, frame.scores, frame.resolution, px, dpr);
    ctx.drawImage(this.marks(frame, px, dpr), 0, 0);
    // What the rings and the ghost show, for a test to read (a canvas keeps no shapes).
    const segments = frame.ghostScores ? this.drawGhost(ctx, frame.ghostScores, frame.resolution, px, dpr) : 0;
    this.canvas.dataset.ghostSegments = String(segments);
    const rings = frame.batch ? this.drawBatch(ctx, frame.trainPoints, frame.batch, frame.batchLosses, POINT_RADIUS * dpr, px, dpr) : [];
    this.canvas.dataset.lossRings = frame.batchLosses ? rings.map((ring) => ring.toFixed(1)).join(' ') : '';
    if (frame.focus) this.drawFocus(ctx, frame.focus, px, dpr);

    ctx.fillStyle = 'rgb(40 40 40 / 0.7)';
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.fillText('−6', 3 * dpr, px / 2 - 4 * dpr);
    ctx.fillText('6', px - 10 * dpr, px / 2 - 4 * dpr);
    ctx.fillText('6', px / 2 + 4 * dpr, 12 * dpr);
  }

  // The marks that stay while the cook trains, the axes and the points, on a transparent layer
  // drawn once per data set and size: hundreds of outlined dots take ~4 ms to rasterize, a
  // copy of the layer a fraction of one.
  marks(frame, px, dpr) {
    const testPoints = frame.showTest ? frame.testPoints : null;
    const key = [frame.trainPoints, frame.trainTargets, testPoints, frame.regression, px];
    if (this.marksOf?.every((v, i) => v === key[i])) return this.marksLayer;
    this.marksOf = key;
    this.marksLayer.width = px;
    this.marksLayer.height = px;
    const ctx = this.marksLayer.getContext('2d');
    ctx.strokeStyle = 'rgb(0 0 0 / 0.12)';
    ctx.lineWidth = dpr;
    ctx.beginPath();
    ctx.moveTo(px / 2, 0); ctx.lineTo(px / 2, px);
    ctx.moveTo(0, px / 2); ctx.lineTo(px, px / 2);
    ctx.stroke();
    const r = POINT_RADIUS * dpr;
    const colourOf = (target) => css(frame.regression ? target : classValue(target));
    this.drawPoints(ctx, frame.trainPoints, frame.trainTargets, colourOf, r, dpr, px, false);
    if (testPoints) this.drawPoints(ctx, testPoints, frame.testTargets, colourOf, r, dpr, px, true);
    return this.marksLayer;
  }

  // The heatmap at the grid's resolution (bilinear smoothing enlarges it), or for discretized
  // classes the sign of the scores interpolated onto a finer grid.
  paintHeat({ scores, resolution, discretize, regression }) {
    const discrete = discretize && !regression;
    if (this.heatOf?.scores === scores && this.heatOf.discrete === discrete) return;
    this.heatOf = { scores, discrete };
    const side = discrete ? resolution * DISCRETE_FINER : resolution;
    if (this.heat.width !== side) {
      this.heat.width = side;
      this.heat.height = side;
    }
    const ctx = this.heat.getContext('2d');
    const image = imageFor(this.heat, side, side);
    if (discrete) paintValues(image, finerSigns(scores, resolution, DISCRETE_FINER));
    else paintValues(image, scores);
    ctx.putImageData(image, 0, 0);
  }

  // The line where the cook's answer is 0.5 (score 0), crisp at any size.
  drawBoundary(ctx, scores, resolution, px, dpr) {
    ctx.strokeStyle = OUTLINE;
    ctx.lineWidth = 1.5 * dpr;
    strokeSegments(ctx, withoutSpecks(boundarySegments(scores, resolution), SPECK_CELLS), px / resolution);
  }

  // Train points are dots, test points diamonds (a little larger): the outline is dark for both.
  drawPoints(ctx, points, targets, colourOf, r, dpr, px, diamonds) {
    ctx.lineWidth = dpr;
    ctx.strokeStyle = OUTLINE;
    const d = 1.35 * r;
    for (let i = 0; i < targets.length; i++) {
      const [x, y] = this.toPixel(points[2 * i], points[2 * i + 1], px);
      ctx.beginPath();
      if (diamonds) {
        ctx.moveTo(x, y - d); ctx.lineTo(x + d, y); ctx.lineTo(x, y + d); ctx.lineTo(x - d, y); ctx.closePath();
      } else {
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = colourOf(targets[i]);
      ctx.fill();
      ctx.stroke();
    }
  }

  // Rings the batch's points, the followed (first) one darker; with `losses`, each ring as large
  // as its example's loss. Returns each ring's size beyond the point (CSS pixels).
  drawBatch(ctx, points, batch, losses, r, px, dpr) {
    const rings = [];
    for (const [k, index] of batch.entries()) {
      const ring = losses ? Math.min(MAX_LOSS_RING, 1.5 + 6 * Math.sqrt(Math.max(0, losses[k]))) : k === 0 ? 5 : 3;
      rings.push(ring);
      const [x, y] = this.toPixel(points[2 * index], points[2 * index + 1], px);
      ctx.strokeStyle = k === 0 || !losses ? 'rgb(20 20 20)' : 'rgb(20 20 20 / 0.6)';
      ctx.lineWidth = (k === 0 ? 2.2 : 1.6) * dpr;
      ctx.beginPath();
      ctx.arc(x, y, r + ring * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
    return rings;
  }

  // The boundary before the last update: a dashed line where its scores crossed zero. Returns
  // how many segments it drew.
  drawGhost(ctx, scores, resolution, px, dpr) {
    const segments = boundarySegments(scores, resolution);
    ctx.save();
    ctx.strokeStyle = 'rgb(20 20 20 / 0.7)';
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash([4 * dpr, 3 * dpr]);
    strokeSegments(ctx, segments, px / resolution);
    ctx.restore();
    return segments.length / 4;
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

// Strokes `segments` (as boundarySegments gives them) as one path, `k` pixels a grid cell.
function strokeSegments(ctx, segments, k) {
  ctx.beginPath();
  for (let i = 0; i < segments.length; i += 4) {
    ctx.moveTo((segments[i] + 0.5) * k, (segments[i + 1] + 0.5) * k);
    ctx.lineTo((segments[i + 2] + 0.5) * k, (segments[i + 3] + 0.5) * k);
  }
  ctx.stroke();
}

// The segments (x0, y0, x1, y1 in grid cells, centres at whole numbers, flat in one array) where
// the scores of a res×res grid (row-major, top row first) cross 0: marching squares, each
// crossing placed along its cell edge by linear interpolation. Repainted every few frames while
// training, so a cell allocates nothing.
export function boundarySegments(scores, res) {
  const out = [];
  const cross = new Float64Array(8); // the crossing on each side (top, right, bottom, left): x, y
  const found = new Uint8Array(4);
  for (let y = 0; y + 1 < res; y++) {
    for (let x = 0; x + 1 < res; x++) {
      const a = scores[y * res + x]; // top left, then clockwise
      const b = scores[y * res + x + 1];
      const c = scores[(y + 1) * res + x + 1];
      const d = scores[(y + 1) * res + x];
      found[0] = (a > 0) !== (b > 0);
      found[1] = (b > 0) !== (c > 0);
      found[2] = (d > 0) !== (c > 0);
      found[3] = (a > 0) !== (d > 0);
      const count = found[0] + found[1] + found[2] + found[3];
      if (count !== 2 && count !== 4) continue;
      if (found[0]) { cross[0] = x + a / (a - b); cross[1] = y; }
      if (found[1]) { cross[2] = x + 1; cross[3] = y + b / (b - c); }
      if (found[2]) { cross[4] = x + d / (d - c); cross[5] = y + 1; }
      if (found[3]) { cross[6] = x; cross[7] = y + a / (a - d); }
      if (count === 2) {
        for (let side = 0; side < 4; side++) if (found[side]) out.push(cross[2 * side], cross[2 * side + 1]);
      } else {
        // A saddle: the centre's sign says which opposite corners the two lines cut off.
        const order = ((a + b + c + d) > 0) === (a > 0) ? [0, 1, 2, 3] : [0, 3, 2, 1];
        for (const side of order) out.push(cross[2 * side], cross[2 * side + 1]);
      }
    }
  }
  return out;
}

// `segments` (as boundarySegments gives them) without the connected pieces that fit in a box of
// `cells` × `cells`. End points are joined by where they lie (to 10⁻⁴ of a cell, as one number).
export function withoutSpecks(segments, cells) {
  const point = (i) => Math.round(segments[i] * 1e4) * 2 ** 21 + Math.round(segments[i + 1] * 1e4);
  const ends = new Map(); // end point → its index in `parent`
  const parent = []; // union–find over the end points
  const idOf = (i) => {
    const key = point(i);
    let id = ends.get(key);
    if (id === undefined) {
      id = parent.length;
      ends.set(key, id);
      parent.push(id);
    }
    return id;
  };
  const find = (id) => {
    while (parent[id] !== id) id = parent[id] = parent[parent[id]];
    return id;
  };
  const segmentEnd = new Int32Array(segments.length / 4); // each segment's first end point
  for (let i = 0; i < segments.length; i += 4) {
    const a = idOf(i);
    parent[find(a)] = find(idOf(i + 2));
    segmentEnd[i / 4] = a;
  }
  const boxes = new Map(); // piece → [minX, minY, maxX, maxY]
  for (let i = 0; i < segments.length; i += 2) {
    const piece = find(segmentEnd[(i - (i % 4)) / 4]);
    let box = boxes.get(piece);
    if (!box) boxes.set(piece, (box = [Infinity, Infinity, -Infinity, -Infinity]));
    box[0] = Math.min(box[0], segments[i]);
    box[1] = Math.min(box[1], segments[i + 1]);
    box[2] = Math.max(box[2], segments[i]);
    box[3] = Math.max(box[3], segments[i + 1]);
  }
  const kept = [];
  for (let i = 0; i < segments.length; i += 4) {
    const [x0, y0, x1, y1] = boxes.get(find(segmentEnd[i / 4]));
    if (x1 - x0 > cells || y1 - y0 > cells) kept.push(segments[i], segments[i + 1], segments[i + 2], segments[i + 3]);
  }
  return kept;
}

// The signs (−1, 0, +1) of res×res scores interpolated bilinearly onto a grid `finer` times
// finer, sampled at each fine cell's centre.
export function finerSigns(scores, res, finer) {
  const side = res * finer;
  const out = new Float32Array(side * side);
  for (let fy = 0; fy < side; fy++) {
    const gy = Math.min(res - 1, Math.max(0, (fy + 0.5) / finer - 0.5));
    const y0 = Math.min(res - 2, Math.floor(gy));
    const ty = gy - y0;
    for (let fx = 0; fx < side; fx++) {
      const gx = Math.min(res - 1, Math.max(0, (fx + 0.5) / finer - 0.5));
      const x0 = Math.min(res - 2, Math.floor(gx));
      const tx = gx - x0;
      const top = scores[y0 * res + x0] * (1 - tx) + scores[y0 * res + x0 + 1] * tx;
      const bottom = scores[(y0 + 1) * res + x0] * (1 - tx) + scores[(y0 + 1) * res + x0 + 1] * tx;
      out[fy * side + fx] = Math.sign(top * (1 - ty) + bottom * ty);
    }
  }
  return out;
}
