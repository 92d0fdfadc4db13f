// A pad to draw a digit with mouse, pen or finger (pointer events). While drawing, the ink is
// handed on (at most once a frame) as values in [0, 1], preprocessed like the dataset's images.

const PAD = 168; // backing pixels (and CSS pixels) of the square pad

export class DrawingPad {
  // onInk(pixels: Float32Array, width, height) after each stroke segment; onClear().
  constructor(canvas, { onInk, onClear }) {
    this.canvas = canvas;
    this.onInk = onInk;
    this.onClear = onClear;
    canvas.width = PAD;
    canvas.height = PAD;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.last = null;
    this.pending = false;
    this.inked = false;
    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      canvas.setPointerCapture?.(e.pointerId);
      this.last = this.at(e);
      this.line(this.last, this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.last) return;
      const p = this.at(e);
      this.line(this.last, p);
      this.last = p;
    });
    const end = () => {
      this.last = null;
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('keydown', (e) => {
      if (e.key === 'Delete' || e.key === 'Backspace') this.clear();
    });
  }

  at(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  }

  line(a, b) {
    const ctx = this.ctx;
    ctx.strokeStyle = 'rgb(29 35 48)';
    ctx.lineWidth = PAD / 12;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x + 0.01, b.y);
    ctx.stroke();
    this.inked = true;
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.onInk(this.pixels(), PAD, PAD);
    });
  }

  // Ink coverage (alpha) of every pixel, in [0, 1].
  pixels() {
    const data = this.ctx.getImageData(0, 0, PAD, PAD).data;
    const out = new Float32Array(PAD * PAD);
    for (let i = 0; i < out.length; i++) out[i] = data[i * 4 + 3] / 255;
    return out;
  }

  clear() {
    this.ctx.clearRect(0, 0, PAD, PAD);
    this.inked = false;
    this.onClear();
  }
}

// Brings a drawing to a dataset's format without the core: the ink's bounding box scaled into a
// `box`-pixel square (keeping its shape), centred by mass in a side×side image (MNIST: 20 in 28),
// or by its box when the digit fills the image (8×8 digits: 8 in 8).
export function fitDrawing(pixels, width, height, side, box) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x] > 0.05) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  const out = new Float32Array(side * side);
  if (x1 < 0) return out;
  const size = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const cell = size / box; // source pixels per target pixel
  const w = Math.max(1, Math.round((x1 - x0 + 1) / cell));
  const h = Math.max(1, Math.round((y1 - y0 + 1) / cell));
  const small = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      let sum = 0, n = 0;
      for (let y = Math.floor(y0 + ty * cell); y < Math.min(height, Math.floor(y0 + (ty + 1) * cell)); y++) {
        for (let x = Math.floor(x0 + tx * cell); x < Math.min(width, Math.floor(x0 + (tx + 1) * cell)); x++) {
          sum += pixels[y * width + x];
          n += 1;
        }
      }
      small[ty * w + tx] = n ? Math.min(1, sum / n) : 0;
    }
  }
  let dx = Math.floor((side - w) / 2);
  let dy = Math.floor((side - h) / 2);
  if (box < side) {
    let mass = 0, mx = 0, my = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v; mx += v * x; my += v * y;
    }
    if (mass > 0) {
      dx = Math.round(side / 2 - mx / mass - 0.5);
      dy = Math.round(side / 2 - my / mass - 0.5);
    }
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const tx = x + dx, ty = y + dy;
    if (tx >= 0 && tx < side && ty >= 0 && ty < side) out[ty * side + tx] = small[y * w + x];
  }
  return out;
}
