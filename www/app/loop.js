// Pacing, the page's one owner of time. Training runs in the trainer's worker: each animation
// frame consumes the worker's last answer (a snapshot of the trainer and the steps it ran), sends
// the next request (while playing, a frame of training; paused, a slice of pending work or just
// the views), and draws the snapshot it holds. At most one request is in flight, so the worker
// trains while the page draws and neither ever waits on the other. Heavy views ask the loop
// whether a repaint is due.

// A frame may come this much early for a frame of training due then (frames are ~16.7 ms apart
// at 60 Hz and jitter: a 33 ms pace must not slip to every third frame).
const FRAME_SLACK_MS = 4;
// While paused with pending work, the views show its progress this often.
const IDLE_DRAW_EVERY_MS = 250;
// While playing, the least time between two repaints of a heavy view: every restyle of the
// network diagram's hundreds of edges repaints the whole diagram, feature maps and kernels are
// many canvases, and a chart costs a few milliseconds (a small network passes an epoch every
// frame or two). Paused, a change repaints at once.
const REPAINT_EVERY_MS = { edges: 100, maps: 100, chart: 250, pantry: 250 };
// While playing, the decision grid's repaint may take at most ~1/6 of the time: after a repaint
// that cost c, the next waits 5c.
const GRID_TIME_SHARE = 5;
// The paints that take milliseconds: while playing, one of them in a frame makes the others of
// that frame wait (the network diagram's edges are frequent but cheap to skip, so they don't).
const CROWDING = ['grid', 'maps', 'chart', 'histogram', 'pantry'];
// A heavy view that waited this many times its interval repaints even in a crowded frame.
const STARVED = 2;

export class TrainingLoop {
  // exchange(kind) → a promise of the worker's answer to one frame request, or null when there
  //   is nothing to ask: kind 'train' (a frame of training), 'idle' (paused: a slice of pending
  //   work) or 'refresh' (the views as the trainer is now);
  // consume(answer, kind) → the steps it trained (the app takes its snapshot and tells listeners);
  // draw() → false when a view read what the snapshot lacked (the next request asks for it);
  // failed(error): a request failed (the app reports it);
  // pendingWork() → whether the trainer's latest snapshot, whatever request brought it (a frame,
  //   a call, a run of steps), has work pending (default: the loop's own last answer said so);
  // trainInterval() → while playing, the least milliseconds between two frames of training
  //   (slow motion; default 0: every frame).
  constructor({ exchange, consume, draw, failed = (error) => console.error(error), pendingWork = null, trainInterval = () => 0, requestFrame = (f) => requestAnimationFrame(f), now = () => performance.now() }) {
    this.exchange = exchange;
    this.trainInterval = trainInterval;
    this.pendingWork = pendingWork ?? (() => this.working);
    this.consume = consume;
    this.draw = draw;
    this.failed = failed;
    this.requestFrame = requestFrame;
    this.now = now;
    this.playing = false;
    this.scheduled = false;
    this.dirty = true;
    this.stopped = false;
    this.flight = null; // the request in flight
    this.arrived = null; // its answer, to consume in the next frame: { answer, kind, change }
    this.changes = 0; // bumped when a draw lacked a read: the views need a new snapshot
    this.seen = 0; // the change the snapshot held shows (drawn only once it shows the last)
    this.settling = []; // scripted calls waiting for a draw that shows change `change`
    this.busy = 0; // runs of steps in the worker: while one runs, the views follow its progress
    this.working = false; // paused, with pending work in the worker (its last answer said so)
    this.samples = []; // [time, steps] of recent frames, for steps per second
    this.drawnAt = 0;
    this.askedAt = -Infinity; // when the last request went out
    this.trainedAt = -Infinity; // when the last frame of training was asked for
    this.drawCost = 0;
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
    this.onPlayingChange(false);
    this.requestDraw();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  // Something changed (a pick, the language, a step by hand, an edit, a new config: each call
  // that changes the trainer brings a snapshot after it): the views draw again from the
  // snapshot they hold; a read it lacks is asked for, and the draw follows its answer.
  requestDraw() {
    this.dirty = true;
    this.schedule();
  }

  // Resolves once the views show the trainer as it is now (a scripted call resolves then).
  settle() {
    if (this.stopped) return Promise.resolve();
    this.requestDraw();
    const change = this.changes;
    return new Promise((resolve) => this.settling.push({ change, resolve }));
  }

  // While `run` (a run of steps in the worker) is in flight, the views follow its progress.
  track(run) {
    this.busy += 1;
    this.schedule();
    const done = () => {
      this.busy -= 1;
      this.requestDraw();
    };
    run.then(done, done);
    return run;
  }

  // For good (the app is destroyed): no more training, drawing or frames.
  stop() {
    this.pause();
    this.stopped = true;
    this.resolveSettled(Infinity);
  }

  // Whether heavy view `name` ('edges', 'maps', 'chart', 'grid'; `id` tells two of one kind
  // apart) may repaint now.
  due(name, id = '') {
    if (!this.animating) return true;
    const last = this.repainted.get(`${name}${id}`);
    if (!last) return true;
    const wait = name === 'grid' ? last.cost * GRID_TIME_SHARE : REPAINT_EVERY_MS[name];
    return this.now() - last.at >= wait;
  }

  // Whether heavy view `name` may repaint in this frame: due, and the frame not yet crowded by
  // another heavy paint, unless it has waited STARVED times its interval (a view drawn after a
  // grid that repaints every frame still gets its turn).
  turn(name, id = '') {
    if (!this.due(name, id)) return false;
    if (!this.animating || !this.crowded) return true;
    const last = this.repainted.get(`${name}${id}`);
    return !last || this.now() - last.at >= STARVED * (REPAINT_EVERY_MS[name] ?? 0);
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

  // Training goes on (playing, or a run of steps): heavy views repaint at the pace of play.
  get animating() {
    return this.playing || this.busy > 0;
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
    const now = this.now();
    if (this.arrived) this.take(this.arrived, now);
    // The next request goes out before the draw: the worker trains while the page paints.
    if (!this.flight) this.ask(now);
    const drawing = this.dirty && this.seen === this.changes && this.drawDue(now);
    if (drawing) {
      this.dirty = false;
      this.crowded = false;
      const complete = this.draw() !== false;
      this.drawnAt = this.now();
      this.drawCost = this.drawnAt - now;
      if (complete) this.resolveSettled(this.seen);
      else this.changes += 1; // the missing reads come with the next snapshot
    }
    if (this.playing || this.arrived || (this.dirty && !this.flight) || (!this.flight && this.wants(now))) this.schedule();
  }

  take({ answer, kind, change }, now) {
    this.arrived = null;
    const steps = this.consume(answer, kind);
    this.seen = Math.max(this.seen, change);
    this.working = answer.working; // (while playing, training comes first)
    if (kind === 'train') {
      this.samples.push([now, steps]);
      while (this.samples.length > 2 && now - this.samples[0][0] > 1000) this.samples.shift();
    }
    // Pending work is drawn every IDLE_DRAW_EVERY_MS and at its end, not after every slice.
    if (kind !== 'idle' || !answer.working || now - this.drawnAt >= IDLE_DRAW_EVERY_MS) this.dirty = true;
  }

  // What the next request is for, or null: training while playing; paused, a snapshot after a
  // change, or every IDLE_DRAW_EVERY_MS during a run (it trains undisturbed between), else a
  // slice of pending work.
  wants(now) {
    if (this.playing) {
      const interval = this.trainInterval();
      return interval === 0 || now - this.trainedAt >= interval - FRAME_SLACK_MS ? 'train' : 'wait';
    }
    if (this.seen !== this.changes) return 'refresh';
    if (this.busy > 0) return now - this.askedAt >= IDLE_DRAW_EVERY_MS ? 'refresh' : 'wait';
    return this.pendingWork() ? 'idle' : null;
  }

  ask(now) {
    const kind = this.wants(now);
    if (!kind || kind === 'wait') return;
    this.askedAt = now;
    if (kind === 'train') this.trainedAt = now;
    const change = this.changes;
    const flight = this.exchange(kind);
    if (!flight) return;
    this.flight = flight;
    flight.then(
      (answer) => {
        this.arrived = { answer, kind, change };
      },
      (error) => {
        this.seen = Math.max(this.seen, change); // nothing more will come for it
        if (!this.stopped) this.failed(error); // (a stopped app's worker ended: nothing to report)
      },
    ).finally(() => {
      this.flight = null;
      this.schedule();
    });
  }

  resolveSettled(change) {
    const done = this.settling.filter((s) => s.change <= change);
    this.settling = this.settling.filter((s) => s.change > change);
    for (const s of done) s.resolve();
  }

  // While playing, a slow draw (a big network) runs every few frames so that drawing takes at
  // most about a quarter of the time and training keeps the rest.
  drawDue(now) {
    return !this.animating || now - this.drawnAt >= 3 * this.drawCost;
  }
}
