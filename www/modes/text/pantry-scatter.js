// The pantry's map: every character's embedding as a point on a plane (its two numbers when
// d = 2, else the table's two principal axes), drawn as the character itself and coloured by
// kind. After Backward, the characters with a gradient carry an arrow pointing downhill.

import { projectRows } from './projection.js';
import { KIND_COLOUR, tokenLabel } from './character-kind.js';
import { formatPercent } from '../../views/format.js';
import { element } from './pantry-element.js';
import { drawDetached } from '../../views/detached-canvas.js';

const MAX_SIDE = 440;
const PAD = 22;
const HIT_RADIUS = 16;
const ARROW_LENGTH = 34; // CSS pixels of the longest downhill arrow
const FADED = 0.25;
const ARROW_COLOUR = 'rgb(29 35 48 / 0.75)'; // ink: apart from the orange consonants

export class PantryScatter {
  // onPick(token): a point was clicked.
  constructor(doc, onPick) {
    this.onPick = onPick;
    this.root = element(doc, 'figure', 'pantry-scatter');
    this.caption = element(doc, 'figcaption');
    this.canvas = element(doc, 'canvas', '', 'pantry-scatter');
    this.canvas.setAttribute('role', 'img');
    this.root.append(this.caption, this.canvas);
    this.axes = null; // the last frame's principal axes: the next frame keeps their orientation
    this.screenX = new Float32Array(0);
    this.screenY = new Float32Array(0);
    this.canvas.addEventListener('click', (e) => {
      const token = this.pointAt(e.offsetX, e.offsetY);
      if (token >= 0) this.onPick(token);
    });
  }

  // A new vocabulary or width of the table: the old axes mean nothing.
  forgetAxes() {
    this.axes = null;
  }

  // The point nearest (x, y) in CSS pixels of the canvas, within reach of a finger; else -1.
  pointAt(x, y) {
    let best = -1;
    let bestDistance = HIT_RADIUS * HIT_RADIUS;
    for (let i = 0; i < this.screenX.length; i++) {
      const d = (this.screenX[i] - x) ** 2 + (this.screenY[i] - y) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  // Where token's point is drawn, in CSS pixels of the canvas.
  positionOf(token) {
    return { x: this.screenX[token], y: this.screenY[token] };
  }

  // embedding, gradients: vocabulary × dims (gradients null before Backward); kinds: each
  // token's kind; labelled: whether a token is drawn as its character (else as a dot); lit:
  // per token, whether it has a gradient (null: no gradients); axisRows: the tokens whose spread
  // sets the projection's axes (null: all).
  paint({ tokens, embedding, gradients, dims, kinds, labelled, lit, selected, axisRows, width, t }) {
    const side = Math.max(180, Math.min(MAX_SIDE, Math.floor(width)));
    const ratio = globalThis.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(side * ratio)) {
      this.canvas.width = Math.round(side * ratio);
      this.canvas.height = Math.round(side * ratio);
      this.canvas.style.width = `${side}px`;
      this.canvas.style.height = `${side}px`;
      this.root.style.width = `${side}px`;
    }
    const rows = tokens.length;
    const placed = projectRows(embedding, rows, dims, this.axes, axisRows);
    this.axes = placed.axes;
    const frame = fit(placed.x, placed.y, side);
    this.screenX = placed.x.map((v) => frame.x(v));
    this.screenY = placed.y.map((v) => frame.y(v));

    // Drawn detached: a font set on a canvas of the page forces a layout (views/detached-canvas.js).
    drawDetached(this.canvas, (canvas) => {
      const ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, side, side);
      drawAxes(ctx, frame, side, axisNames(placed, dims, t));
      this.drawDots(ctx, kinds, labelled, lit, selected);
      glyphStyle(ctx, false);
      for (const i of glyphOrder(labelled, lit, selected)) {
        ctx.globalAlpha = lit && !lit[i] ? FADED : 1;
        if (i === selected) glyphStyle(ctx, true); // drawn last
        drawGlyph(ctx, tokenLabel(tokens[i]), this.screenX[i], this.screenY[i], KIND_COLOUR[kinds[i]]);
      }
      ctx.globalAlpha = 1;
      if (gradients && lit) this.drawArrows(ctx, gradients, dims, lit, placed.axes);
      if (selected >= 0 && selected < rows) {
        ctx.strokeStyle = '#1d2330';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(this.screenX[selected], this.screenY[selected], 12, 0, 2 * Math.PI);
        ctx.stroke();
      }
    });
    this.canvas.setAttribute('aria-label', this.caption.textContent);
  }

  // The points not drawn as characters (a big vocabulary's rarer ones): small squares on whole
  // pixels (crisp, not smeared by anti-aliasing), one path per colour and shade, so thousands
  // cost a few fills.
  drawDots(ctx, kinds, labelled, lit, selected) {
    for (const faded of lit ? [true, false] : [false]) {
      ctx.globalAlpha = faded ? FADED : 1;
      for (const kind of new Set(kinds)) {
        ctx.fillStyle = KIND_COLOUR[kind];
        ctx.beginPath();
        for (let i = 0; i < kinds.length; i++) {
          if (labelled[i] || i === selected || kinds[i] !== kind || Boolean(lit && !lit[i]) !== faded) continue;
          ctx.rect(Math.round(this.screenX[i]) - 1, Math.round(this.screenY[i]) - 1, 3, 3);
        }
        ctx.fill();
      }
    }
  }

  // Each lit point's step downhill (against its gradient) on the plane, the longest drawn
  // ARROW_LENGTH long: where the update will push it (plain SGD; other optimisers bend it).
  drawArrows(ctx, gradients, dims, lit, axes) {
    const n = this.screenX.length;
    const dx = new Float32Array(n);
    const dy = new Float32Array(n);
    let longest = 0;
    for (let i = 0; i < n; i++) {
      if (!lit[i]) continue;
      let gx = 0;
      let gy = 0;
      for (let j = 0; j < dims; j++) {
        const g = gradients[i * dims + j];
        gx += g * (axes ? axes[0][j] : j === 0 ? 1 : 0);
        gy += g * (axes ? axes[1][j] : j === 1 ? 1 : 0);
      }
      dx[i] = -gx;
      dy[i] = gy; // the screen's y grows downwards
      longest = Math.max(longest, Math.hypot(dx[i], dy[i]));
    }
    if (!(longest > 0)) return;
    ctx.strokeStyle = ARROW_COLOUR;
    ctx.fillStyle = ARROW_COLOUR;
    ctx.lineWidth = 1.5;
    for (let i = 0; i < n; i++) {
      const length = (Math.hypot(dx[i], dy[i]) / longest) * ARROW_LENGTH;
      if (!lit[i] || length < 3) continue;
      const angle = Math.atan2(dy[i], dx[i]);
      const x0 = this.screenX[i];
      const y0 = this.screenY[i];
      const x1 = x0 + Math.cos(angle) * length;
      const y1 = y0 + Math.sin(angle) * length;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - 6 * Math.cos(angle - 0.45), y1 - 6 * Math.sin(angle - 0.45));
      ctx.lineTo(x1 - 6 * Math.cos(angle + 0.45), y1 - 6 * Math.sin(angle + 0.45));
      ctx.fill();
    }
  }
}

// The characters drawn as glyphs, faded ones first, then lit ones, the selected one last: what
// matters is on top.
function glyphOrder(labelled, lit, selected) {
  const glyphs = [];
  for (let i = 0; i < labelled.length; i++) if (labelled[i] || i === selected) glyphs.push(i);
  const weight = (i) => (i === selected ? 2 : 0) + (lit?.[i] ? 1 : 0);
  return glyphs.sort((a, b) => weight(a) - weight(b) || b - a);
}

// The same scale on both axes (distances on the map are distances between embeddings), the
// points' extent centred with a margin; a single point (constant init) sits in the middle.
function fit(xs, ys, side) {
  const range = (values) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return lo <= hi ? [lo, hi] : [0, 0];
  };
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const span = Math.max(x1 - x0, y1 - y0, 1e-6);
  const scale = (side - 2 * PAD) / span;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const at = (v, c, flip) => (Number.isFinite(v) ? side / 2 + flip * (v - c) * scale : side / 2);
  return { x: (v) => at(v, cx, 1), y: (v) => at(v, cy, -1), zeroX: at(0, cx, 1), zeroY: at(0, cy, -1) };
}

function axisNames(placed, dims, t) {
  if (!placed.axes) return [t('pantry.axisDim', { n: 1 }), dims === 2 ? t('pantry.axisDim', { n: 2 }) : ''];
  return placed.explained.map((share, k) => t('pantry.axisPc', { n: k + 1, share: formatPercent(share) }));
}

function drawAxes(ctx, frame, side, [xName, yName]) {
  ctx.strokeStyle = '#dde1e7';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (frame.zeroX > 0 && frame.zeroX < side) {
    ctx.moveTo(frame.zeroX, 0);
    ctx.lineTo(frame.zeroX, side);
  }
  if (frame.zeroY > 0 && frame.zeroY < side) {
    ctx.moveTo(0, frame.zeroY);
    ctx.lineTo(side, frame.zeroY);
  }
  ctx.stroke();
  ctx.fillStyle = '#5a6272';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'right';
  ctx.fillText(`${xName} →`, side - 4, side - 5);
  ctx.textAlign = 'left';
  if (yName) ctx.fillText(`↑ ${yName}`, 4, 12);
}

// The glyphs' text style, set once for all of them (setting a font costs a parse).
function glyphStyle(ctx, selected) {
  ctx.font = `${selected ? 700 : 600} ${selected ? 17 : 14}px system-ui, "Noto Sans CJK SC", sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgb(255 255 255 / 0.9)';
  ctx.lineWidth = 3;
}

// A character on a white halo, so it reads over the dots and arrows beneath.
function drawGlyph(ctx, text, x, y, colour) {
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}
