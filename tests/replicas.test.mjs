// Data-parallel training across workers (crate/src/trainer/replicas.rs through
// www/core/replica-group.js): replicas splitting every step stay equal bit for bit and train what
// one worker training whole steps trains, up to float summation order; the shared-memory exchange
// (a cross-origin isolated page) and the MessagePort fallback (a page without SharedArrayBuffer
// between workers) add the same numbers in the same order, so they agree bit for bit; a
// time-budgeted run ends every replica at the same step; bad arguments are named; a run that
// fails ends the group rather than leaving replicas waiting.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, startServer } from './page-harness.mjs';

let isolated;
let plain;
let chromium;
before(async () => {
  isolated = await startServer({ isolated: true });
  plain = await startServer();
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  await isolated?.close();
  await plain?.close();
});

// In a fresh page of `server`: W3 trained by `count` replicas for `steps` steps (or a run of
// `run`), → { params (one array per replica), sharedMemory, isolated, steps, metrics }.
async function train(server, { count, steps = 12, shared, run, workload = 'W3' }) {
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/tests/bench/page.html`);
  try {
    return await page.evaluate(async ({ count, steps, shared, run, workload }) => {
      const { createReplicaGroup } = await import('/www/core/replica-group.js');
      const { configOf, toChw } = await import('/tests/bench/adapter.mjs');
      const { WORKLOADS, makeData } = await import('/tests/bench/workloads.mjs');
      const w = WORKLOADS[workload];
      const data = makeData(w, 1);
      const inputs = toChw(data.x, w.input);
      const labels = Uint32Array.from(data.y);
      const args = [configOf(w, 1), inputs, labels, inputs.slice(0, w.batch * data.d), labels.slice(0, w.batch)];
      const group = await createReplicaGroup({ count, build: { method: 'withTensors', args }, ...(shared === undefined ? {} : { shared }) });
      const done = steps > 0 || run ? await group.run(run ?? { maxSteps: steps }) : null;
      const params = (await group.each('params')).map((p) => Array.from(p));
      group.close();
      return { params, sharedMemory: group.sharedMemory, isolated: crossOriginIsolated, steps: done?.steps, metrics: done?.metrics, busyMs: done?.busyMs, waitMs: done?.waitMs };
    }, { count, steps, shared, run, workload });
  } finally {
    await page.close();
  }
}

function assertClose(actual, expected, what) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-4 * (1 + Math.max(Math.abs(expected[i]), Math.abs(actual[i])));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${what}, parameter ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

test('two workers sharing memory split each step and train as one worker does', async () => {
  const one = await train(isolated, { count: 1 });
  const two = await train(isolated, { count: 2 });
  assert.equal(two.isolated, true);
  assert.equal(two.sharedMemory, true, 'a cross-origin isolated page exchanges through shared memory');
  const [whole] = one.params;
  const [first, second] = two.params;
  assert.deepEqual(first, second, 'the two replicas hold the same parameters');
  assertClose(first, whole, 'two workers vs one');
  // Training moved the parameters (the comparison is not of two untouched initialisations).
  const [initial] = (await train(isolated, { count: 1, steps: 0 })).params;
  const moved = whole.filter((x, i) => x !== initial[i]).length;
  assert.ok(moved > whole.length / 2, `${moved} of ${whole.length} parameters moved`);
});

test('without shared memory the MessagePort exchange gives the same bits', async () => {
  const shared = await train(isolated, { count: 2, workload: 'W4', steps: 6 });
  const ports = await train(plain, { count: 2, workload: 'W4', steps: 6 });
  assert.equal(ports.isolated, false);
  assert.equal(ports.sharedMemory, false, 'a page without cross-origin isolation falls back to MessagePorts');
  assert.deepEqual(ports.params[0], ports.params[1], 'the two replicas hold the same parameters');
  assert.deepEqual(ports.params[0], shared.params[0], 'both exchanges add the same numbers in the same order');
  const forced = await train(isolated, { count: 2, workload: 'W4', steps: 6, shared: false });
  assert.equal(forced.sharedMemory, false);
  assert.deepEqual(forced.params[0], shared.params[0]);
});

test('three replicas (uneven shares) under a time budget stop at the same step and stay equal', async () => {
  for (const server of [isolated, plain]) {
    const three = await train(server, { count: 3, run: { budgetMs: 40, maxSteps: 100000 } });
    assert.ok(three.steps >= 1 && three.steps < 100000, `${three.steps} steps`);
    assert.equal(three.metrics.step, three.steps, 'replica 0 reports the steps run');
    // Each replica's time, and the part of it spent exchanging gradients.
    assert.equal(three.busyMs.length, 3);
    three.busyMs.forEach((busy, i) => assert.ok(three.waitMs[i] >= 0 && three.waitMs[i] <= busy, `replica ${i}: ${three.waitMs[i]} of ${busy} ms`));
    assert.deepEqual(three.params[1], three.params[0]);
    assert.deepEqual(three.params[2], three.params[0]);
    const one = await train(server, { count: 1, steps: three.steps });
    assertClose(three.params[0], one.params[0], `three replicas vs one (${three.steps} steps)`);
  }
});

test('bad counts, budgets and configs are refused by name', async () => {
  const page = await chromium.context.newPage();
  await page.goto(`${plain.origin}/tests/bench/page.html`);
  const errors = await page.evaluate(async () => {
    const { createReplicaGroup } = await import('/www/core/replica-group.js');
    const { configOf } = await import('/tests/bench/adapter.mjs');
    const { WORKLOADS } = await import('/tests/bench/workloads.mjs');
    const caught = async (promise) => promise.then(() => null, (e) => ({ message: e.message, field: e.field ?? null }));
    const input = new Float32Array(20 * 576);
    const labels = new Uint32Array(20);
    const build = (config) => ({ method: 'withTensors', args: [config, input, labels, input, labels] });
    const good = configOf(WORKLOADS.W3, 1);
    const group = await createReplicaGroup({ count: 2, build: build(good) });
    const result = {
      count: await caught(createReplicaGroup({ count: 0, build: build(good) })),
      shared: await caught(createReplicaGroup({ count: 2, build: build(good), shared: true })),
      config: await caught(createReplicaGroup({ count: 2, build: build({ ...good, learningRate: -1 }) })),
      maxSteps: await caught(group.run({ maxSteps: 0 })),
      budget: await caught(group.run({ budgetMs: Number.NaN, maxSteps: 1 })),
      still: await group.run({ maxSteps: 1 }).then((r) => r.steps),
    };
    group.close();
    result.closed = await caught(group.run({ maxSteps: 1 }));
    // Replica 0 moved mid-step by hand: its share is refused, replica 1 waits for it in vain.
    const broken = await createReplicaGroup({ count: 2, build: build(good) });
    await broken.lead('phase');
    result.midStep = await caught(broken.run({ maxSteps: 3 }));
    result.afterFailure = await caught(broken.each('params'));
    return result;
  });
  await page.close();
  assert.equal(errors.count.field, 'count');
  assert.match(errors.count.message, /count: a whole number from 1 to 64, got 0/);
  assert.match(errors.shared.message, /shared: this page is not cross-origin isolated/);
  assert.equal(errors.config.field, 'learningRate', errors.config.message);
  assert.equal(errors.maxSteps.field, 'maxSteps');
  assert.equal(errors.budget.field, 'budgetMs');
  assert.equal(errors.still, 1, 'a refused call leaves the group working');
  assert.match(errors.closed.message, /closed/);
  assert.match(errors.midStep.message, /split between replicas from its start/);
  assert.match(errors.afterFailure.message, /closed/, 'a failed run ends every replica (none is left waiting)');
});
