// A pad to draw a digit with mouse, pen or finger (pointer events). While drawing, the ink is
// handed on (at most once a frame) as values in [0, 1]; the core prepares it like the dataset's
// images (Trainer.centreDrawing).

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
    this.onClear();
  }
}
