// The training loop's pacing, with a fake clock, frames and worker (no browser): what each frame
// asks the trainer's worker for, takes from its answers and draws, while playing and while paused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainingLoop } from '../www/app/loop.js';

// A loop whose callbacks log what they do; its worker answers every request before the next
// frame (unless `answering` is false), with `working` true while `work` idle slices are left.
// `trainerKnows`: the loop learns pending work from the trainer (whose latest snapshot may come
// from a call or a run of steps), not only from its own answers.
function fakeLoop({ drawMs = 3, work = 0, drawn = () => {}, lacks = () => false, answering = true, trainerKnows = false } = {}) {
  const log = [];
  let clock = 0;
  let frames = [];
  let workLeft = work;
  const waiting = [];
  const loop = new TrainingLoop({
    exchange: (kind) => {
      log.push(`ask ${kind}`);
      return new Promise((resolve) => waiting.push({ kind, resolve }));
    },
    consume: (answer, kind) => {
      log.push(`take ${kind}`);
      return answer.steps;
    },
    draw: () => {
      clock += drawMs;
      log.push('draw');
      drawn();
      return !lacks();
    },
    requestFrame: (f) => frames.push(f),
    now: () => clock,
    pendingWork: trainerKnows ? () => workLeft > 0 : null,
  });
  const answer = () => {
    for (const { kind, resolve } of waiting.splice(0)) {
      if (kind === 'idle') workLeft -= 1;
      resolve({ steps: kind === 'train' ? 1 : 0, working: workLeft > 0 });
    }
  };
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  // Runs the frames requested so far, 16 ms apart (the worker answering between); returns how
  // many ran.
  const runFrames = async (max = 1000) => {
    let ran = 0;
    while (ran < max) {
      if (answering) answer();
      await settled();
      if (frames.length === 0) break;
      const due = frames;
      frames = [];
      clock += 16;
      log.push('|');
      for (const f of due) f();
      ran += 1;
    }
    return ran;
  };
  const byFrame = () => log.join(' ').split('|').slice(1).map((f) => f.trim());
  return { loop, log, byFrame, runFrames, answer, setWork: (n) => { workLeft = n; }, clock: () => clock };
}

test('playing: each frame takes the last answer, sends the next request before it draws, then draws', async () => {
  const { loop, byFrame, runFrames } = fakeLoop();
  loop.play();
  await runFrames(4);
  assert.deepEqual(byFrame(), ['ask train draw', 'take train ask train draw', 'take train ask train draw', 'take train ask train draw']);
});

test('one request at a time: while the worker has not answered, no frame asks again', async () => {
  const { loop, log, runFrames, answer } = fakeLoop({ answering: false });
  loop.play();
  await runFrames(5);
  assert.equal(log.filter((e) => e.startsWith('ask')).length, 1);
  answer();
  await runFrames(1);
  assert.equal(log.filter((e) => e.startsWith('ask')).length, 2, 'the answer taken, the next request goes');
});

test('paused: a change draws from the snapshot held, without asking the worker', async () => {
  const { loop, log, runFrames } = fakeLoop();
  loop.requestDraw();
  await runFrames();
  assert.deepEqual(log.filter((e) => e !== '|'), ['draw']);
});

test('a draw that lacked a read asks for a snapshot, and draws again once it comes', async () => {
  let lacking = true;
  const { loop, byFrame, runFrames } = fakeLoop({ lacks: () => { const l = lacking; lacking = false; return l; } });
  loop.requestDraw();
  await runFrames();
  assert.deepEqual(byFrame(), ['draw', 'ask refresh', 'take refresh draw']);
});

test('paused pending work: a slice a frame until the worker says it is done, drawn every 250 ms and at its end', async () => {
  const { loop, log, runFrames, setWork } = fakeLoop();
  loop.play();
  await runFrames(2);
  setWork(40); // the last frame of training left work (an epoch to measure)
  await runFrames(1);
  loop.pause();
  log.length = 0;
  const frames = await runFrames();
  const slices = log.filter((e) => e === 'ask idle').length;
  assert.equal(slices, 40, 'every slice asked for');
  const draws = log.filter((e) => e === 'draw').length;
  // 40 slices in 16 ms frames ≈ 640 ms: progress about every 250 ms, and the end.
  assert.ok(draws >= 3 && draws <= 5, `${draws} draws in ${frames} frames`);
  assert.equal(log.filter((e) => e !== '|').at(-1), 'draw', 'the finished work is drawn');
  assert.equal(await runFrames(), 0, 'no frames once the work is done');
});

test('playing asks for no pending work', async () => {
  const { loop, log, runFrames } = fakeLoop({ work: 5 });
  loop.play();
  await runFrames(5);
  assert.ok(!log.includes('ask idle'));
});

test('during a run of steps in the worker, the views ask for its progress every 250 ms', async () => {
  const { loop, log, runFrames, clock } = fakeLoop();
  let finish;
  const run = new Promise((resolve) => { finish = resolve; });
  loop.track(run);
  const start = clock();
  await runFrames(60); // ~1 s
  const refreshes = log.filter((e) => e === 'ask refresh').length;
  assert.ok(refreshes >= 3 && refreshes <= 5, `${refreshes} progress snapshots in ${clock() - start} ms`);
  finish({ steps: 1000 });
  log.length = 0;
  await runFrames();
  assert.ok(log.includes('draw'), 'the end of the run is drawn');
  assert.ok(!log.includes('ask refresh'), 'and then nothing more is asked');
});

test('a run of steps whose last snapshot leaves work pending (a verdict to judge) is followed by its slices', async () => {
  const { loop, log, runFrames, setWork } = fakeLoop({ trainerKnows: true });
  let finish;
  const run = new Promise((resolve) => { finish = resolve; });
  loop.track(run);
  await runFrames(3);
  setWork(3); // the run's own snapshot, not one the loop asked for, says so
  finish({ steps: 1 });
  log.length = 0;
  await runFrames();
  assert.equal(log.filter((e) => e === 'ask idle').length, 3, 'every slice asked for');
  assert.equal(log.filter((e) => e !== '|').at(-1), 'draw', 'the finished work is drawn');
});

test('settle() resolves once a complete draw showed the change', async () => {
  let lacking = true;
  const { loop, runFrames, byFrame } = fakeLoop({ lacks: () => { const l = lacking; lacking = false; return l; } });
  let done = false;
  loop.settle().then(() => { done = true; });
  await runFrames(1);
  assert.equal(done, false, 'the first draw lacked a read');
  await runFrames();
  assert.equal(done, true);
  assert.deepEqual(byFrame(), ['draw', 'ask refresh', 'take refresh draw']);
});

test('stop() resolves a waiting settle() and runs nothing more', async () => {
  const { loop, log, runFrames } = fakeLoop();
  const settled = loop.settle();
  loop.stop();
  await settled;
  await runFrames();
  assert.deepEqual(log.filter((e) => e !== '|'), []);
});

test('paused, a heavy view may repaint at every draw', () => {
  const { loop } = fakeLoop();
  loop.painted('maps');
  assert.equal(loop.due('maps'), true);
  loop.painted('grid', '', -1000);
  assert.equal(loop.due('grid'), true);
});

test('playing, a heavy view repaints at most as often as the loop allows', async () => {
  const seen = [];
  const fake = fakeLoop({
    drawn: () => {
      seen.push(fake.loop.due('edges'));
      if (fake.loop.due('edges')) fake.loop.painted('edges');
    },
  });
  fake.loop.play();
  await fake.runFrames(20); // 20 frames of 16 + 3 ms: about 380 ms
  const repaints = seen.filter(Boolean).length;
  assert.ok(repaints >= 4 && repaints <= 5, `edges repainted ${repaints} times in 20 frames: ${seen}`);
});

test('playing, the grid takes at most a sixth of the time: after a repaint of cost c it waits 5c', async () => {
  const { loop, runFrames } = fakeLoop();
  loop.play();
  await runFrames(1);
  loop.painted('grid', '', loop.now() - 10); // a 10 ms grid
  assert.equal(loop.due('grid'), false);
  await runFrames(3); // 3 × 19 ms
  assert.equal(loop.due('grid'), true);
  loop.repaintSoon('grid');
  assert.equal(loop.due('grid'), true);
});

test('a slow draw runs every few frames while playing, so that drawing takes at most a quarter of the time', async () => {
  const { loop, byFrame, runFrames } = fakeLoop({ drawMs: 20 });
  loop.play();
  await runFrames(12);
  const frames = byFrame();
  const draws = frames.filter((f) => f.endsWith('draw')).length;
  assert.ok(frames.every((f) => f.includes('ask train') || f.includes('take train')), `every frame keeps training: ${frames}`);
  assert.ok(draws >= 2 && draws <= 5, `${draws} draws in 12 frames`);
});

test('a frame with one heavy paint is crowded for the others, not the next frame', async () => {
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
  await fake.runFrames(1);
  fake.loop.requestDraw();
  await fake.runFrames(1);
  assert.deepEqual(crowded, [false, false, true, false, false, true], 'edges never crowd; a chart does, for its frame only');
});

test('playing, a chart drawn after a grid that repaints every frame still gets its turn: at the latest after twice its interval', async () => {
  const charts = [];
  const fake = fakeLoop({
    drawn: () => {
      fake.loop.painted('grid', '', fake.loop.now() - 1); // a 1 ms grid: due again every frame
      if (fake.loop.turn('chart', 0)) {
        charts.push(fake.loop.now());
        fake.loop.painted('chart', 0);
      }
    },
  });
  fake.loop.play();
  await fake.runFrames(60); // 60 frames of 16 + 3 ms: over a second
  assert.ok(charts.length >= 2, `the chart repainted ${charts.length} times`);
  const gaps = charts.slice(1).map((t, i) => t - charts[i]);
  assert.ok(gaps.every((gap) => gap >= 250 && gap <= 500 + 19), `gaps between chart repaints: ${gaps}`);
});
