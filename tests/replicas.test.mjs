// Data-parallel training across workers (crate/src/trainer/replicas.rs through
// tests/bench/replica-worker.mjs): two workers splitting every step stay equal bit for bit, and
// train what one worker training whole steps trains, up to float summation order.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, startServer } from './page-harness.mjs';

let server;
let chromium;
before(async () => {
  server = await startServer();
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  await server?.close();
});

test('two workers splitting each step train as one worker does', async () => {
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/tests/bench/page.html`);
  const result = await page.evaluate(async () => {
    const { workers } = await import('/tests/bench/parallel-adapter.mjs');
    const { WORKLOADS } = await import('/tests/bench/workloads.mjs');
    const train = async (count) => {
      const replicas = workers(count);
      await replicas.setup(WORKLOADS.W3, 1);
      await replicas.trainSteps(12);
      const params = await replicas.params();
      replicas.close();
      return params.map((p) => Array.from(p));
    };
    return { one: await train(1), two: await train(2) };
  });
  await page.close();
  const [whole] = result.one;
  const [first, second] = result.two;
  assert.deepEqual(first, second, 'the two replicas hold the same parameters');
  assert.equal(first.length, whole.length);
  let moved = 0;
  for (let i = 0; i < whole.length; i++) {
    const tolerance = 1e-4 * (1 + Math.max(Math.abs(whole[i]), Math.abs(first[i])));
    assert.ok(Math.abs(first[i] - whole[i]) <= tolerance, `parameter ${i}: ${first[i]} vs ${whole[i]}`);
  }
  // Training moved the parameters (the comparison is not of two untouched initialisations).
  const fresh = await chromium.context.newPage();
  await fresh.goto(`${server.origin}/tests/bench/page.html`);
  const initial = await fresh.evaluate(async () => {
    const { workers } = await import('/tests/bench/parallel-adapter.mjs');
    const { WORKLOADS } = await import('/tests/bench/workloads.mjs');
    const replicas = workers(1);
    await replicas.setup(WORKLOADS.W3, 1);
    const [params] = await replicas.params();
    replicas.close();
    return Array.from(params);
  });
  await fresh.close();
  for (let i = 0; i < whole.length; i++) moved += Number(initial[i] !== whole[i]);
  assert.ok(moved > whole.length / 2, `${moved} of ${whole.length} parameters moved`);
});
