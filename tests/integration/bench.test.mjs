// The benchmark code works (a tiny run, never timed): every workload trains through the bench
// adapter in Chromium and its loss falls, the page figures come out as numbers, and this
// project's copy of the workloads is bench-peers' (when ../shared/bench-peers is present).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, useBrowser } from '../page-harness.mjs';
import { frameTimes, loadTime } from '../bench/page-figures.mjs';
import { measureThroughput } from '../bench/throughput.mjs';
import { TEXT_WORKLOADS, initTextParams, makeTextData } from '../bench/text-workloads.mjs';
import { WORKLOADS, makeData } from '../bench/workloads.mjs';

const env = useBrowser();

test('every workload trains through the bench adapter and its loss falls', async () => {
  const results = await measureThroughput(env.browser.context, env.server.origin, { reps: 1, seconds: 0.3, warmup: 0.2 });
  for (const [id, r] of Object.entries(results)) {
    assert.ok(r.rate > 0, `${id}: no steps ran`);
    assert.ok(r.lossAfter < r.lossBefore, `${id}: loss ${r.lossBefore} → ${r.lossAfter}`);
  }
});

test('T1, T2 and the names presets train through the bench adapter; T1 and T2 start from bench-peers\' first loss', async () => {
  const ids = ['T1', 'T2', 'names-mlp', 'names-gpt'];
  const results = await measureThroughput(env.browser.context, env.server.origin, { ids, reps: 1, seconds: 0.3, warmup: 0.2 });
  for (const [id, r] of Object.entries(results)) {
    assert.ok(r.rate > 0, `${id}: no steps ran`);
    assert.ok(r.lossAfter < r.lossBefore, `${id}: loss ${r.lossBefore} → ${r.lossAfter}`);
  }
  // bench-peers' README: with seed 1, the loss on batch 0 from initTextParams is 3.455 (T1) and
  // 3.473 (T2).
  assert.equal(results.T1.lossBefore.toFixed(3), '3.455');
  assert.equal(results.T2.lossBefore.toFixed(3), '3.473');
});

test('the page figures are measured: load to the first frame, frame intervals, long tasks', async () => {
  const load = await loadTime(env.browser.context, env.server.origin, { loads: 1 });
  assert.ok(load.median > 0);
  const frames = await frameTimes(env.browser.context, env.server.origin, { seconds: 0.5 });
  assert.ok(frames.fps > 0 && frames.medianMs > 0 && Number.isFinite(frames.longestTaskMs));
});

test('the workloads are those of bench-peers, with the same data', async (t) => {
  const peers = path.resolve(ROOT, '..', 'shared', 'bench-peers', 'page', 'workloads.mjs');
  if (!fs.existsSync(peers)) {
    t.skip('../shared/bench-peers is not here');
    return;
  }
  const theirs = await import(peers);
  for (const id of Object.keys(theirs.WORKLOADS)) {
    const { metric: _m, ...ours } = WORKLOADS[id];
    const { metric: _t, ...spec } = theirs.WORKLOADS[id];
    assert.deepEqual(ours, spec, id);
    const [a, b] = [makeData(WORKLOADS[id], 3, 2), theirs.makeData(theirs.WORKLOADS[id], 3, 2)];
    assert.deepEqual([a.x, a.y], [b.x, b.y], `${id} data`);
  }
  const text = await import(path.resolve(peers, '..', 'text-workloads.mjs'));
  const weights = (list) => list.map(({ name, shape, data }) => ({ name, shape, data }));
  for (const id of ['T1', 'T2']) {
    const [ours, theirs] = [TEXT_WORKLOADS[id], text.TEXT_WORKLOADS[id]];
    assert.deepEqual(ours, theirs, id);
    const [a, b] = [makeTextData(ours, 3, 2), text.makeTextData(theirs, 3, 2)];
    assert.deepEqual([a.tokens, a.x, a.y], [b.tokens, b.x, b.y], `${id} data`);
    assert.deepEqual(weights(initTextParams(ours, 3)), weights(text.initTextParams(theirs, 3)), `${id} weights`);
  }
});
