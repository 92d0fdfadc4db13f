// Rewinding the cook, in the trainer's worker: the checkpoints of the run (checkpoints.js) and the
// divergence guard (divergence-guard.js) together. After each chunk of training the guard judges
// the figures and a checkpoint is taken when due (never of a diverged cook); the page restores a
// checkpoint (the timeline), keeps the one with the lowest test loss ("keep this cook") or,
// after the guard spoke, rewinds to the last good one with half the learning rate.

import { Checkpoints } from './checkpoints.js';
import { DivergenceGuard } from './divergence-guard.js';

export class Rewind {
  constructor(options) {
    this.checkpoints = new Checkpoints(options);
    this.guard = new DivergenceGuard();
    this.warnings = 0; // the guard's verdicts so far: the page pauses when this grows
    this.warning = null; // the last verdict
    this.diverged = null; // the first verdict since the run (re)started: rewinds go before it
    this.halted = false; // the guard spoke: frames of play train no more until the page answers
  }

  // A new trainer, or a reset: its step 0 is the first checkpoint. metrics: the trainer's now.
  start(trainer, metrics = trainer.metrics()) {
    this.checkpoints.start();
    this.checkpoints.take(trainer, metrics);
    this.guard.start(typeof metrics.trainLoss === 'number' ? metrics.trainLoss : null);
    this.diverged = null;
    this.halted = false;
  }

  // After a chunk of training: the guard's verdict (null when all is well).
  trained(trainer, metrics = trainer.metrics()) {
    const verdict = this.guard.check(metrics);
    if (!verdict) {
      this.checkpoints.trained(trainer, metrics);
      return null;
    }
    this.warnings += 1;
    this.warning = verdict;
    this.diverged ??= verdict;
    this.halted = true;
    return verdict;
  }

  // One of the page's orders: { action: 'restore', step } (the timeline), { action: 'best' }
  // (keep this cook), { action: 'lastGood' } (rewind before the divergence, halving the learning
  // rate), { action: 'guard', on }, { action: 'resume' } (play on after the guard spoke).
  // Answers what it restored.
  act(trainer, { action, step, on }) {
    if (action === 'guard') {
      this.guard.on = Boolean(on);
      return null;
    }
    this.halted = false;
    if (action === 'resume') return null;
    if (action === 'restore') return this.restore(trainer, step);
    if (action === 'best') return this.restore(trainer, this.checkpoints.best()?.step);
    if (action === 'lastGood') {
      const learningRate = trainer.config().learningRate / 2;
      const before = this.diverged?.step ?? Infinity;
      const good = this.checkpoints.latest((c) => c.step < before && Number.isFinite(c.trainLoss));
      const restored = this.restore(trainer, good?.step);
      trainer.setTraining({ learningRate });
      return { ...restored, learningRate };
    }
    throw new Error(`unknown rewind ${action}`);
  }

  restore(trainer, step) {
    const checkpoint = this.checkpoints.restore(trainer, step);
    const kept = this.checkpoints.kept.filter((c) => c.step <= checkpoint.step);
    this.guard.start(kept[0].trainLoss, Math.min(...kept.map((c) => c.trainLoss)));
    this.diverged = null;
    return { step: checkpoint.step };
  }

  // What a snapshot tells the page: the checkpoints' marks and the guard's last word.
  report() {
    return { marks: this.checkpoints.marks(), warnings: this.warnings, warning: this.warning, guard: this.guard.on };
  }
}
