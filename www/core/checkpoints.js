// The cook's past, kept in the trainer's worker: checkpoints (the core's model file: parameters,
// optimiser state, counters, history and training settings, so a restore is exact) taken along
// the run at a spacing that keeps memory bounded, for the timeline and the divergence guard's
// rewind. Nothing here touches the page.
//
// Spacing: a checkpoint after a chunk of training once `every` steps passed since the last one
// (and at least COST_SHARE times what the last one cost to write, so writing takes at most about
// 1/COST_SHARE of the time). When more than the capacity are kept, `every` doubles and the run
// is thinned to that spacing (the first and the latest always stay): the checkpoints cover the
// whole run evenly, more densely when it is short. The capacity is MOST_CHECKPOINTS, or fewer
// when they would pass BUDGET_BYTES per app (a large CNN's model file is megabytes: it keeps as
// few as 2).

// The most checkpoints an app keeps.
export const MOST_CHECKPOINTS = 64;
// The most bytes (of model file text) an app's checkpoints may take.
export const BUDGET_BYTES = 24 * 2 ** 20;
// Writing checkpoints may take about 1 / COST_SHARE of the training time.
const COST_SHARE = 20;

export class Checkpoints {
  constructor({ most = MOST_CHECKPOINTS, budget = BUDGET_BYTES, now = () => performance.now() } = {}) {
    this.most = most;
    this.budget = budget;
    this.now = now;
    this.start();
  }

  // None kept (a new trainer or a reset; its first checkpoint follows).
  start() {
    this.kept = []; // { step, epoch, trainLoss, testLoss, text }, by step
    this.every = 1;
    this.readyAt = -Infinity; // no checkpoint before this time (its cost share)
    this.branch = null; // the step restored last: the ones after it go once training goes on
  }

  // After training: a checkpoint when one is due. Training from a restored step leaves the
  // future it had (its checkpoints) behind.
  trained(trainer, metrics) {
    if (this.branch !== null) {
      const branch = this.branch;
      this.kept = this.kept.filter((c) => c.step <= branch);
      this.branch = null;
    }
    const last = this.kept.at(-1);
    if (last && (metrics.step < last.step + this.every || this.now() < this.readyAt)) return;
    this.take(trainer, metrics);
  }

  // A checkpoint of the trainer now (kept unless one of this step is; none when the core
  // refuses to write it: a diverged cook is no checkpoint).
  take(trainer, metrics) {
    if (this.kept.some((c) => c.step === metrics.step)) return;
    const started = this.now();
    let text;
    try {
      text = trainer.toJSON();
    } catch {
      return;
    }
    this.readyAt = this.now() + (this.now() - started) * COST_SHARE;
    const { step, epoch, trainLoss, testLoss } = metrics;
    this.kept.push({ step, epoch, trainLoss, testLoss, text });
    this.kept.sort((a, b) => a.step - b.step);
    this.thin();
  }

  // How many may be kept: at most `most`, and what fits the byte budget (at least 2).
  capacity() {
    const largest = Math.max(1, ...this.kept.map((c) => c.text.length));
    return Math.max(2, Math.min(this.most, Math.floor(this.budget / largest)));
  }

  thin() {
    while (this.kept.length > this.capacity()) {
      this.every *= 2;
      const last = this.kept.at(-1);
      const thinned = [];
      for (const c of this.kept) {
        if (c === last || thinned.length === 0 || c.step >= thinned.at(-1).step + this.every) thinned.push(c);
      }
      // The latest always stays: the one before it goes if it is too close.
      if (thinned.length > 2 && last.step - thinned.at(-2).step < this.every) thinned.splice(-2, 1);
      this.kept = thinned;
    }
  }

  // The checkpoint of `step`, or throws naming the steps there are.
  at(step) {
    const found = this.kept.find((c) => c.step === step);
    if (!found) {
      throw Object.assign(new Error(`step must be one of the checkpoints (${this.kept.map((c) => c.step).join(', ')}), got ${step}`), { field: null, path: 'step', allowed: 'a checkpoint\'s step' });
    }
    return found;
  }

  // Puts the checkpoint of `step` back into the trainer; the ones after it stay (the timeline
  // can go forward again) until training goes on from here. Returns it.
  restore(trainer, step) {
    const checkpoint = this.at(step);
    trainer.restore(checkpoint.text);
    this.branch = step;
    this.readyAt = -Infinity;
    return checkpoint;
  }

  // The latest checkpoint `good(checkpoint)` accepts, or the first.
  latest(good) {
    return this.kept.findLast(good) ?? this.kept[0];
  }

  // The checkpoint with the lowest test loss (early stopping: "keep this cook").
  best() {
    return this.kept.reduce((best, c) => (Number.isFinite(c.testLoss) && !(c.testLoss >= best.testLoss) ? c : best), this.kept[0]);
  }

  // What the page's timeline shows: each checkpoint's step, epoch and figures.
  marks() {
    return this.kept.map(({ step, epoch, trainLoss, testLoss }) => ({ step, epoch, trainLoss, testLoss }));
  }
}
