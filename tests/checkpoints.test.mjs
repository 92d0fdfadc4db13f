// The worker's side of rewinding the cook (www/core/checkpoints.js, divergence-guard.js,
// rewind.js), in Node with a fake trainer whose model file is its step, loss and learning rate:
// checkpoints stay within their count and byte budget and cover the run evenly; the guard's rule;
// a rewind goes back before the divergence and halves the learning rate.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Checkpoints } from '../www/core/checkpoints.js';
import { DivergenceGuard, EXPLODING } from '../www/core/divergence-guard.js';
import { Rewind } from '../www/core/rewind.js';

// A trainer stand-in: `losses[step]` is its train loss at each step; its model file is its state.
class FakeTrainer {
  constructor(losses = [], pad = 0) {
    this.losses = losses;
    this.step = 0;
    this.learningRate = 10;
    this.pad = 'x'.repeat(pad);
  }

  metrics() {
    const loss = this.losses[this.step] ?? 1;
    return { step: this.step, epoch: Math.floor(this.step / 10), trainLoss: loss, testLoss: loss + this.step % 3, batchLoss: loss };
  }

  config() { return { learningRate: this.learningRate }; }
  setTraining({ learningRate }) { this.learningRate = learningRate; }

  toJSON() {
    if (!Number.isFinite(this.metrics().trainLoss)) throw new Error('training has diverged');
    return JSON.stringify({ step: this.step, learningRate: this.learningRate, pad: this.pad });
  }

  restore(text) {
    const file = JSON.parse(text);
    this.step = file.step;
    this.learningRate = file.learningRate;
  }
}

test('checkpoints stay within their count, cover the whole run evenly and always keep step 0', () => {
  const trainer = new FakeTrainer();
  const checkpoints = new Checkpoints({ most: 8, now: () => 0 });
  checkpoints.take(trainer, trainer.metrics());
  for (let step = 1; step <= 1000; step++) {
    trainer.step = step;
    checkpoints.trained(trainer, trainer.metrics());
    assert.ok(checkpoints.kept.length <= 8, `at most 8 kept at step ${step}`);
  }
  const steps = checkpoints.kept.map((c) => c.step);
  assert.equal(steps[0], 0);
  assert.ok(1000 - steps.at(-1) < checkpoints.every, `the latest is within the spacing of now: ${steps}`);
  assert.ok(steps.length >= 5, `the run is still covered: ${steps}`);
  const gaps = steps.slice(1).map((s, i) => s - steps[i]);
  assert.ok(Math.max(...gaps) <= 2 * checkpoints.every, `even spacing: ${steps}`);
});

test('a byte budget keeps fewer checkpoints of a large model (never fewer than 2)', () => {
  const trainer = new FakeTrainer([], 1000);
  const checkpoints = new Checkpoints({ most: 64, budget: 3500, now: () => 0 });
  checkpoints.take(trainer, trainer.metrics());
  for (let step = 1; step <= 100; step++) {
    trainer.step = step;
    checkpoints.trained(trainer, trainer.metrics());
  }
  assert.equal(checkpoints.kept.length, 3);
  const tiny = new Checkpoints({ most: 64, budget: 10, now: () => 0 });
  trainer.step = 0;
  tiny.take(trainer, trainer.metrics());
  trainer.step = 101;
  tiny.trained(trainer, trainer.metrics());
  trainer.step = 102;
  tiny.trained(trainer, trainer.metrics());
  assert.deepEqual(tiny.kept.map((c) => c.step), [0, 102]);
});

test('writing checkpoints takes a bounded share of the time: the next waits 20 times the last one\'s cost', () => {
  let clock = 0;
  const trainer = new FakeTrainer();
  trainer.toJSON = () => {
    clock += 5; // each model file costs 5 ms
    return '{}';
  };
  const checkpoints = new Checkpoints({ now: () => clock });
  checkpoints.take(trainer, trainer.metrics());
  trainer.step = 1;
  checkpoints.trained(trainer, trainer.metrics());
  assert.equal(checkpoints.kept.length, 1, 'too soon after the last');
  clock += 100;
  checkpoints.trained(trainer, trainer.metrics());
  assert.equal(checkpoints.kept.length, 2);
});

test('after a restore the later checkpoints stay until training goes on from it; an unknown step is refused naming the steps there are', () => {
  const trainer = new FakeTrainer();
  const checkpoints = new Checkpoints({ now: () => 0 });
  for (let step = 0; step <= 5; step++) {
    trainer.step = step;
    checkpoints.trained(trainer, trainer.metrics());
  }
  checkpoints.restore(trainer, 3);
  assert.equal(trainer.step, 3);
  checkpoints.restore(trainer, 5);
  assert.equal(trainer.step, 5, 'the timeline goes forward again');
  checkpoints.restore(trainer, 2);
  trainer.step = 3;
  checkpoints.trained(trainer, trainer.metrics());
  assert.deepEqual(checkpoints.kept.map((c) => c.step), [0, 1, 2, 3], 'training from step 2 left the old future behind');
  assert.throws(() => checkpoints.restore(trainer, 7), /step must be one of the checkpoints \(0, 1, 2, 3\), got 7/);
});

test('the guard: a loss that is not a number, or above 10× its lowest and above the untrained loss, is divergence', () => {
  const guard = new DivergenceGuard();
  guard.start(0.7);
  assert.equal(guard.check({ step: 1, trainLoss: 0.5 }), null);
  assert.equal(guard.check({ step: 2, trainLoss: 0.05 }), null);
  assert.equal(guard.check({ step: 3, trainLoss: 0.6 }), null, 'over 10× its lowest but below the untrained loss: a wobble');
  assert.equal(guard.check({ step: 4, trainLoss: 0.69 }), null);
  const exploded = guard.check({ step: 5, epoch: 0, trainLoss: 0.05 * EXPLODING * 2 });
  assert.deepEqual(exploded, { step: 5, epoch: 0, reason: 'exploding', loss: 1, lowest: 0.05 });
  assert.equal(guard.check({ step: 6, trainLoss: 2 }), null, 'once told, the current loss is its new lowest');
  assert.equal(guard.check({ step: 7, trainLoss: 1, batchLoss: NaN }).reason, 'notFinite');
  assert.equal(guard.check({ step: 8, trainLoss: NaN, batchLoss: NaN }), null, 'a loss that stays not a number is told once');
  guard.on = false;
  assert.equal(guard.check({ step: 9, trainLoss: 1e9 }), null, 'turned off, it says nothing');
});

test('a rewind goes to the last checkpoint before the divergence and halves the learning rate', () => {
  const losses = [0.7, 0.6, 0.5, 0.4, 30, 40, 50];
  const trainer = new FakeTrainer(losses);
  const rewind = new Rewind({ now: () => 0 });
  rewind.start(trainer);
  let verdict = null;
  for (let step = 1; step < losses.length && !verdict; step++) {
    trainer.step = step;
    verdict = rewind.trained(trainer);
  }
  assert.equal(verdict.step, 4);
  assert.equal(rewind.halted, true, 'frames of play train no more');
  assert.equal(rewind.report().warnings, 1);
  assert.deepEqual(rewind.report().marks.map((m) => m.step), [0, 1, 2, 3], 'no checkpoint of a diverged cook');
  // The learner plays on anyway (the guard now judges from the loss it warned about).
  rewind.act(trainer, { action: 'resume' });
  assert.equal(rewind.halted, false);
  trainer.step = 5;
  assert.equal(rewind.trained(trainer), null);
  assert.deepEqual(rewind.act(trainer, { action: 'lastGood' }), { step: 3, learningRate: 5 });
  assert.equal(trainer.step, 3);
  assert.equal(trainer.learningRate, 5);
  assert.equal(rewind.halted, false, 'the rewind lets play train again');
  assert.deepEqual(rewind.act(trainer, { action: 'best' }), { step: 3 }, 'the lowest test loss so far');
});
