// The "Over-seasoned!" guard, in the trainer's worker: after each chunk of training it judges the
// cook's figures, and says when training has diverged, so the page pauses, marks the step and
// offers to rewind to the last good checkpoint with half the learning rate.
//
// The rule: training has diverged when the batch's loss or the train loss is not a finite
// number, or when the train loss explodes: above EXPLODING times the lowest train loss of the
// run so far AND above the untrained cook's (step 0's) loss, so a well-trained cook's small
// wobbles never count. Once it has spoken, the guard takes the current loss as its new lowest (and
// a loss that stays not finite is told once): a learner who plays on is warned again only if it
// explodes once more.

// How many times its lowest the train loss may grow before it counts as exploding.
export const EXPLODING = 10;

export class DivergenceGuard {
  constructor() {
    this.on = true;
    this.start(null);
  }

  // A new run (or a restored one): `untrained` is step 0's train loss, `lowest` the run's so far.
  start(untrained, lowest = untrained) {
    this.untrained = untrained;
    this.lowest = lowest ?? Infinity;
    this.toldNotFinite = false;
  }

  // Whether a checkpoint's figures are good (the rule does not call them diverged).
  good({ trainLoss }) {
    return Number.isFinite(trainLoss) && !this.exploding(trainLoss);
  }

  exploding(loss) {
    return loss > EXPLODING * this.lowest && (this.untrained === null || loss > this.untrained);
  }

  // The verdict on the metrics after a chunk of training: null, or { step, epoch, reason
  // ('notFinite' | 'exploding'), loss, lowest }.
  check(metrics) {
    const { trainLoss, batchLoss } = metrics;
    if (!this.on || typeof trainLoss !== 'number') return null;
    let reason = null;
    if (!Number.isFinite(trainLoss) || (typeof batchLoss === 'number' && !Number.isFinite(batchLoss))) reason = 'notFinite';
    else if (this.exploding(trainLoss)) reason = 'exploding';
    if (!reason) {
      this.lowest = Math.min(this.lowest, trainLoss);
      this.toldNotFinite = false;
      return null;
    }
    if (reason === 'notFinite' && this.toldNotFinite) return null;
    this.toldNotFinite = reason === 'notFinite';
    const verdict = { step: metrics.step, epoch: metrics.epoch, reason, loss: trainLoss, lowest: this.lowest };
    this.lowest = Number.isFinite(trainLoss) ? trainLoss : Infinity;
    return verdict;
  }
}
