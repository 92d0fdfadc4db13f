// Pacing, the page's one owner of time: each animation frame trains for a time budget (while
// playing), then draws once; heavy views ask it whether a repaint is due. Training never draws
// and drawing never trains; the two callbacks keep them apart.

// A frame whose training takes longer than this never draws: its draw, when one is due, has the
// next frame to itself. A big network (one step ≈ 10 ms) then trains in some frames and draws in
// others, and no frame pays for both (their sum, with the browser's paint, would make a long task).
const LONG_TRAINING_MS = 8;
// While paused with pending work, the views show its progress this often.
const IDLE_DRAW_EVERY_MS = 250;
// While paused, pending work runs in slices of about this long (a frame's share), so a step by
// hand never freezes the page for a whole test set.
const IDLE_SLICE_MS = 8;
// While playing, the least time between two repaints of a heavy view: every restyle of the
// network diagram's hundreds of edges repaints the whole diagram, feature maps and kernels are
// many canvases, and a chart costs a few milliseconds (a small network passes an epoch every
// frame or two). Paused, a change repaints at once.
const REPAINT_EVERY_MS = { edges: 100, maps: 100, chart: 250 };
// While playing, the decision grid (a forward pass over every pixel) may take at most ~1/6 of
// the time: after a repaint that cost c, the next waits 5c.
const GRID_TIME_SHARE = 5;
// The paints that take milliseconds: while playing, one of them in a frame makes the others of
// that frame wait (the network diagram's edges are frequent but cheap to skip, so they don't).
const CROWDING = ['grid', 'maps', 'chart'];

export class TrainingLoop {
  // train(): runs the frame's training, returns the number of steps it ran.
  // draw(): reads the views and paints them.
  // idle(milliseconds): while paused, about that much pending work (an image network's epoch
  // measurement, its verdict); returns whether it did some (then another frame follows).
  constructor({ train, draw, idle = () => false, requestFrame = (f) => requestAnimationFrame(f), now = () => performance.now() }) {
    this.train = train;
    this.draw = draw;
    this.idle = idle;
    this.requestFrame = requestFrame;
    this.now = now;
    this.playing = false;
    this.scheduled = false;
    this.dirty = true;
    this.stopped = false;
    this.samples = []; // [time, steps] of recent frames, for steps per second
    this.drawnAt = 0;
    this.drawCost = 0;
    this.trainCost = 0; // time the last frame's training took
    this.rest = false; // the next frame only draws (this one trained long)
    this.working = false; // paused, with pending work (idle() did some in its last frame)
    this.repainted = new Map(); // heavy view → { at, cost } of its last repaint
    this.crowded = false; // a heavy view repainted in the current frame's draw
    this.frames = 0; // frames run (and draws outside one): what was read in a frame is valid in it
    this.onPlayingChange = () => {};
  }

  play() {
    if (this.playing || this.stopped) return;
    this.playing = true;
    this.samples = [];
    this.onPlayingChange(true);
    this.schedule();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.rest = false;
    this.onPlayingChange(false);
    this.requestDraw();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  // Something changed outside training (a manual step, an edit, a new config): draw next frame.
  requestDraw() {
    this.dirty = true;
    this.schedule();
  }

  // Draws at once (a scripted step resolves only when the views show it).
  drawNow() {
    if (this.stopped) return;
    this.frames += 1;
    this.dirty = false;
    this.crowded = false;
    this.draw();
    this.drawnAt = this.now();
  }

  // For good (the app is destroyed): no more training, drawing or frames.
  stop() {
    this.pause();
    this.stopped = true;
  }

  // Whether heavy view `name` ('edges', 'maps', 'chart', 'grid'; `id` tells two of one kind
  // apart) may repaint now.
  due(name, id = '') {
    if (!this.playing) return true;
    const last = this.repainted.get(`${name}${id}`);
    if (!last) return true;
    const wait = name === 'grid' ? last.cost * GRID_TIME_SHARE : REPAINT_EVERY_MS[name];
    return this.now() - last.at >= wait;
  }

  // A heavy view repainted (since `start`, a time from now()): later ones of this frame may wait.
  painted(name, id = '', start = this.now()) {
    const at = this.now();
    this.repainted.set(`${name}${id}`, { at, cost: at - start });
    if (CROWDING.includes(name)) this.crowded = true;
  }

  // The next repaint of heavy view `name` is due at once (a new layout of it).
  repaintSoon(name, id = '') {
    this.repainted.delete(`${name}${id}`);
  }

  stepsPerSecond() {
    if (!this.playing || this.samples.length < 2) return null;
    const first = this.samples[0][0];
    const last = this.samples[this.samples.length - 1][0];
    const steps = this.samples.slice(1).reduce((sum, [, n]) => sum + n, 0);
    return last > first ? (steps * 1000) / (last - first) : null;
  }

  schedule() {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    this.requestFrame(() => this.frame());
  }

  frame() {
    this.scheduled = false;
    if (this.stopped) return;
    this.frames += 1;
    if (this.playing && this.rest) {
      this.rest = false; // a frame for the draw the last one left
    } else if (this.playing) {
      const start = this.now();
      const steps = this.train();
      const t = this.now();
      this.trainCost = t - start;
      this.samples.push([t, steps]);
      while (this.samples.length > 2 && t - this.samples[0][0] > 1000) this.samples.shift();
      this.dirty = true;
      // (train() may have paused: an Epoch run that reached its end draws at once.)
      this.rest = this.playing && this.trainCost > LONG_TRAINING_MS && this.drawDue(t);
    } else {
      this.pendingWork();
    }
    const now = this.now();
    const drawing = this.dirty && !this.rest && this.drawDue(now);
    if (drawing) {
      this.dirty = false;
      this.crowded = false;
      this.draw();
      this.drawnAt = this.now();
      this.drawCost = this.drawnAt - now;
    }
    // After a draw while paused, one more frame looks for pending work (a step by hand leaves
    // a verdict to judge).
    if (this.playing || this.dirty || this.working || drawing) this.schedule();
  }

  // While playing, a slow draw (a big network) runs every few frames so that drawing takes at
  // most about a quarter of the time and training keeps the rest.
  drawDue(now) {
    return !this.playing || now - this.drawnAt >= 3 * this.drawCost;
  }

  // Paused: a slice of pending work in each frame that draws nothing else. Its progress is drawn
  // every IDLE_DRAW_EVERY_MS (in a frame of its own) and its end at once: a full draw in every
  // frame would cost more than the work.
  pendingWork() {
    if (this.dirty) return; // a frame for the draw something else asked for
    if (this.working && this.now() - this.drawnAt >= IDLE_DRAW_EVERY_MS) {
      this.dirty = true;
      return;
    }
    const worked = this.idle(IDLE_SLICE_MS);
    if (this.working && !worked) this.dirty = true;
    this.working = worked;
  }
}
