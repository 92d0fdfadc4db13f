// The training loop's pacing, with a fake clock and frames (no browser): what each frame
// trains, draws and works on while playing and while paused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainingLoop } from '../www/loop.js';

// A loop whose callbacks log what they do and advance a fake clock by their cost.
function fakeLoop({ trainMs = 2, drawMs = 3, idleSlices = 0, idleMs = 8 } = {}) {
  const log = [];
  let clock = 0;
  let frames = [];
  let slicesLeft = idleSlices;
  const loop = new TrainingLoop({
    train: () => { clock += trainMs; log.push('train'); return 1; },
    draw: () => { clock += drawMs; log.push('draw'); },
    idle: () => {
      if (slicesLeft === 0) return false;
      slicesLeft -= 1;
      clock += idleMs;
      log.push('idle');
      return true;
    },
    requestFrame: (f) => frames.push(f),
    now: () => clock,
  });
  // Runs the frames requested so far, 16 ms apart; returns how many ran.
  const runFrames = (max = 1000) => {
    let ran = 0;
    while (frames.length > 0 && ran < max) {
      const due = frames;
      frames = [];
      clock += 16;
      for (const f of due) f();
      ran += 1;
    }
    return ran;
  };
  return { loop, log, runFrames, setSlices: (n) => { slicesLeft = n; } };
}

test('playing trains and draws in every frame while both are quick', () => {
  const { loop, log, runFrames } = fakeLoop();
  loop.play();
  runFrames(5);
  assert.deepEqual(log, Array(5).fill(['train', 'draw']).flat());
});

test('a frame whose training ran long leaves the next frame to drawing alone', () => {
  const { loop, log, runFrames } = fakeLoop({ trainMs: 12, drawMs: 1 });
  loop.play();
  runFrames(6);
  assert.deepEqual(log, ['train', 'draw', 'train', 'draw', 'train', 'draw'], 'three of six frames train');
});

test('a draw knows whether its frame trained long (then heavy work waits for the next frame)', () => {
  const seen = [];
  const { loop, runFrames } = fakeLoop({ trainMs: 12, drawMs: 1 });
  loop.draw = () => {
    seen.push(loop.trainedLong);
    if (seen.length === 1) loop.requestDraw(); // work left for the frame that trains nothing
  };
  loop.play();
  runFrames(2);
  assert.deepEqual(seen, [true, false]);
});

test('paused pending work runs a slice a frame, without a full draw in each', () => {
  const { loop, log, runFrames } = fakeLoop({ idleSlices: 40 });
  loop.requestDraw();
  const frames = runFrames();
  assert.equal(log.filter((e) => e === 'idle').length, 40, 'every slice ran');
  const draws = log.filter((e) => e === 'draw').length;
  // 40 slices at 8 + 16 ms a frame ≈ 960 ms: progress about every 250 ms, and the end.
  assert.ok(draws >= 3 && draws <= 7, `${draws} draws in ${frames} frames`);
  assert.equal(log.at(-1), 'draw', 'the finished work is drawn');
  assert.ok(!log.some((e, i) => e === 'idle' && log[i + 1] === 'draw' && log[i - 1] === 'draw'));
  assert.equal(runFrames(), 0, 'no frames once the work is done');
});

test('a draw while paused looks for pending work in the next frame, then stops', () => {
  const { loop, log, runFrames, setSlices } = fakeLoop();
  loop.requestDraw();
  assert.equal(runFrames(), 2, 'the draw, and one frame that finds nothing to do');
  assert.deepEqual(log, ['draw']);
  setSlices(2); // a step by hand leaves work
  loop.requestDraw();
  runFrames();
  assert.deepEqual(log, ['draw', 'draw', 'idle', 'idle', 'draw']);
});

test('playing does no pending work; pausing draws, then does it', () => {
  const { loop, log, runFrames } = fakeLoop({ idleSlices: 1 });
  loop.play();
  runFrames(2);
  assert.ok(!log.includes('idle'));
  loop.pause();
  log.length = 0;
  runFrames();
  assert.deepEqual(log, ['draw', 'idle', 'draw']);
});
