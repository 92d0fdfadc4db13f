// The training loop's pacing, with a fake clock and frames (no browser): what each frame
// trains, draws and works on while playing and while paused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainingLoop } from '../www/app/loop.js';

// A loop whose callbacks log what they do and advance a fake clock by their cost.
function fakeLoop({ trainMs = 2, drawMs = 3, idleSlices = 0, idleMs = 8, trained = () => {}, drawn = () => {} } = {}) {
  const log = [];
  let clock = 0;
  let frames = [];
  let slicesLeft = idleSlices;
  const loop = new TrainingLoop({
    train: () => { clock += trainMs; log.push('train'); trained(); return 1; },
    draw: () => { clock += drawMs; log.push('draw'); drawn(); },
    idle: (milliseconds) => {
      log.push(`slice ${milliseconds}`);
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
      log.push('|');
      for (const f of due) f();
      ran += 1;
    }
    return ran;
  };
  // What ran, without the frame marks; byFrame(): what each frame ran.
  const work = () => log.filter((e) => e !== '|' && !e.startsWith('slice'));
  const byFrame = () => log.filter((e) => !e.startsWith('slice')).join(' ').split('|').slice(1).map((f) => f.trim());
  return { loop, log, work, byFrame, runFrames, setSlices: (n) => { slicesLeft = n; } };
}

test('playing trains and draws in every frame while both are quick', () => {
  const { loop, byFrame, runFrames } = fakeLoop();
  loop.play();
  runFrames(5);
  assert.deepEqual(byFrame(), Array(5).fill('train draw'));
});

test('a frame whose training ran long never draws: its draw has the next frame', () => {
  const { loop, byFrame, runFrames } = fakeLoop({ trainMs: 12, drawMs: 1 });
  loop.play();
  runFrames(6);
  assert.deepEqual(byFrame(), ['train', 'draw', 'train', 'draw', 'train', 'draw'], 'three of six frames train');
});

test('a long training frame gives up no frame while no draw is due', () => {
  // A slow draw is due only every 3 draw times: the frames between train.
  const { loop, byFrame, runFrames } = fakeLoop({ trainMs: 12, drawMs: 20 });
  loop.play();
  runFrames(8);
  const frames = byFrame();
  assert.ok(frames.every((f) => f === 'train' || f === 'draw'), `no frame both trains and draws: ${frames}`);
  assert.ok(frames.filter((f) => f === 'train').length >= 5, `training keeps most frames: ${frames}`);
  assert.ok(frames.includes('draw'));
});

test('pausing while a draw waits for its frame still draws', () => {
  const { loop, byFrame, runFrames } = fakeLoop({ trainMs: 12, drawMs: 1 });
  loop.play();
  runFrames(1); // trained long: the draw waits for the next frame
  loop.pause();
  runFrames();
  assert.deepEqual(byFrame(), ['train', 'draw', '']);
});

test('paused pending work runs a slice a frame, without a full draw in each', () => {
  const { loop, work, runFrames } = fakeLoop({ idleSlices: 40 });
  loop.requestDraw();
  const frames = runFrames();
  const log = work();
  assert.equal(log.filter((e) => e === 'idle').length, 40, 'every slice ran');
  const draws = log.filter((e) => e === 'draw').length;
  // 40 slices at 8 + 16 ms a frame ≈ 960 ms: progress about every 250 ms, and the end.
  assert.ok(draws >= 3 && draws <= 7, `${draws} draws in ${frames} frames`);
  assert.equal(log.at(-1), 'draw', 'the finished work is drawn');
  assert.ok(!log.some((e, i) => e === 'idle' && log[i + 1] === 'draw' && log[i - 1] === 'draw'));
  assert.equal(runFrames(), 0, 'no frames once the work is done');
});

test('a draw while paused looks for pending work in the next frame, then stops', () => {
  const { loop, work, runFrames, setSlices } = fakeLoop();
  loop.requestDraw();
  assert.equal(runFrames(), 2, 'the draw, and one frame that finds nothing to do');
  assert.deepEqual(work(), ['draw']);
  setSlices(2); // a step by hand leaves work
  loop.requestDraw();
  runFrames();
  assert.deepEqual(work(), ['draw', 'draw', 'idle', 'idle', 'draw']);
});

test('playing does no pending work; pausing draws, then does it', () => {
  const { loop, work, log, runFrames } = fakeLoop({ idleSlices: 1 });
  loop.play();
  runFrames(2);
  assert.ok(!work().includes('idle'));
  loop.pause();
  log.length = 0;
  runFrames();
  assert.deepEqual(work(), ['draw', 'idle', 'draw']);
});

test('training that pauses (an Epoch run at its end) is drawn in the same frame', () => {
  const fake = fakeLoop({ trainMs: 12, drawMs: 1, trained: () => fake.loop.pause() });
  fake.loop.play();
  fake.runFrames();
  assert.deepEqual(fake.byFrame()[0], 'train draw');
});

test('pending work is asked for in slices of the loop\'s own length', () => {
  const { loop, log, runFrames } = fakeLoop({ idleSlices: 1 });
  loop.requestDraw();
  runFrames();
  assert.ok(log.includes('slice 8'), `idle(8): ${log}`);
});

test('paused, a heavy view may repaint at every draw', () => {
  const { loop } = fakeLoop();
  loop.painted('maps');
  assert.equal(loop.due('maps'), true);
  loop.painted('grid', '', -1000);
  assert.equal(loop.due('grid'), true);
});

test('playing, a heavy view repaints at most as often as the loop allows', () => {
  const seen = [];
  const fake = fakeLoop({
    drawn: () => {
      seen.push(fake.loop.due('edges'));
      if (fake.loop.due('edges')) fake.loop.painted('edges');
    },
  });
  fake.loop.play();
  fake.runFrames(20); // 20 frames of 16 + 5 ms: about 420 ms
  const repaints = seen.filter(Boolean).length;
  assert.ok(repaints >= 4 && repaints <= 5, `edges repainted ${repaints} times in 20 frames: ${seen}`);
});

test('playing, the grid takes at most a sixth of the time: after a repaint of cost c it waits 5c', () => {
  const { loop, runFrames } = fakeLoop();
  loop.play();
  runFrames(1);
  loop.painted('grid', '', loop.now() - 10); // a 10 ms grid
  assert.equal(loop.due('grid'), false);
  runFrames(3); // 3 × 21 ms
  assert.equal(loop.due('grid'), true);
  loop.repaintSoon('grid');
  assert.equal(loop.due('grid'), true);
});

test('a frame with one heavy paint is crowded for the others, not the next frame', () => {
  const crowded = [];
  const fake = fakeLoop({
    drawn: () => {
      crowded.push(fake.loop.crowded);
      fake.loop.painted('edges');
      crowded.push(fake.loop.crowded);
      fake.loop.painted('chart', 0);
      crowded.push(fake.loop.crowded);
    },
  });
  fake.loop.requestDraw();
  fake.runFrames(1);
  fake.loop.requestDraw();
  fake.runFrames(1);
  assert.deepEqual(crowded, [false, false, true, false, false, true], 'edges never crowd; a chart does, for its frame only');
});
