// How the page's trainer worker decides to use a second core (www/core/data-parallel.js), in Node
// without workers: one core, `workers: 1` or no replica script keep one worker; `workers: 2`
// splits at once; by itself a trainer whose steps are fast stays alone, one whose steps are slow
// tries the split and keeps it only if its steps got faster (each measured by its best chunk);
// until the replica starts, what changed replica 0 is kept to give it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataParallel, SPLIT_STEP_MS } from '../www/core/data-parallel.js';

const REPLICA = { url: 'replica-worker.js', type: 'module' };

function built(options) {
  const parallel = new DataParallel({ replica: REPLICA, wasm: null, ...options });
  parallel.built('config', [{ dataset: 'spiral' }]);
  return parallel;
}

test('one core, workers: 1 or no replica script: one worker, and nothing kept for a replica', () => {
  for (const options of [{ cores: 1 }, { cores: 8, workers: 1 }, { cores: 8, replica: null }]) {
    const parallel = built(options);
    parallel.changed('setWeight', [0, 1]);
    parallel.trainedAlone(3, 100 * SPLIT_STEP_MS);
    assert.equal(parallel.splitting, false, JSON.stringify(options));
    assert.deepEqual(parallel.log, []);
  }
});

test('workers: 2 splits from the first step (one core or not)', () => {
  assert.equal(built({ cores: 1, workers: 2 }).splitting, true);
});

test('fast steps (spiral\'s) stay in one worker: the log for a replica is dropped', () => {
  const parallel = built({ cores: 2 });
  parallel.changed('setWeight', [0, 1]);
  parallel.trainedAlone(5000, 100);
  assert.equal(parallel.splitting, false, 'still measuring: alone');
  assert.deepEqual(parallel.log, [['setWeight', [0, 1]], ['step', [5000]]], 'kept until decided');
  parallel.trainedAlone(5000, 100);
  assert.equal(parallel.decision, 'one');
  assert.deepEqual(parallel.log, []);
  parallel.trainedAlone(5, 500);
  assert.equal(parallel.splitting, false, 'decided once per trainer');
});

test('a step\'s time is the best chunk\'s: a chunk the system paused (or the first, warming up) does not make fast steps slow', () => {
  const parallel = built({ cores: 2 });
  parallel.trainedAlone(2, 30); // 15 ms a step: paused
  parallel.trainedAlone(7000, 175); // 0.025 ms a step
  assert.equal(parallel.decision, 'one');
});

test('slow steps (a CNN\'s) try the split, kept when the split steps are faster, given up when not', () => {
  const slow = () => {
    const parallel = built({ cores: 2 });
    parallel.trainedAlone(20, 100);
    parallel.trainedAlone(20, 100); // 5 ms a step alone
    assert.equal(parallel.decision, 'trying');
    assert.deepEqual(parallel.log, [['step', [20]], ['step', [20]]], 'what the replica replays when it starts');
    return parallel;
  };
  const faster = slow();
  faster.trainedSplit(70, 210); // 3 ms a step split
  assert.equal(faster.decision, 'two');
  const slower = slow();
  slower.trainedSplit(40, 240); // 6 ms a step split: the other core is busy
  assert.equal(slower.decision, 'one');
  assert.equal(slower.splitting, false);
  slower.built('config', [{ dataset: 'mnist' }]);
  assert.equal(slower.decision, 'measuring', 'a new trainer is measured anew');
});
