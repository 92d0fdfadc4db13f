// Training throughput of W1–W4 and the text workloads (T1, T2, the names presets) through the
// project's `Trainer` in headless Chromium, measured
// the way bench-peers measures (page/harness.mjs): per rep and workload a fresh page; setup and
// warm-up untimed; calls of `trainSteps(n)` sized to about 0.25 s, timed with
// performance.now() until `seconds` have passed.

import { TEXT_WORKLOADS, targetsPerExample, textTrainFlopsPerExample } from './text-workloads.mjs';
import { WORKLOADS, trainFlopsPerExample } from './workloads.mjs';

export const workloadOf = (id) => WORKLOADS[id] ?? TEXT_WORKLOADS[id];
// Training FLOPs per example (W2–W4, T1), per token (T2) or per step (W1: per example × batch),
// or null.
export const flopsPerExample = (w) => (w.kind ? textTrainFlopsPerExample(w) : trainFlopsPerExample(w));
// What a step counts in the workload's metric: 1 step (W1), its examples, or its predicted
// tokens (a GPT's every position).
export const unitsPerStep = (w) => (w.metric === 'steps/s' ? 1 : w.batch * (w.kind ? targetsPerExample(w) : 1));

// Runs in the page: returns { rate, lossBefore, lossAfter, stats }. `workers`: null for the
// Trainer on the page's thread (adapter.mjs), else that many replicas in workers
// (parallel-adapter.mjs; `shared`: their gradient exchange through shared memory, the default
// where the page is cross-origin isolated, or not). `pkg`: the wasm glue the page-thread adapter
// loads (default: this project's build).
export async function measureInPage({ id, seed, seconds, warmup, workers, shared, pkg }) {
  const adapter = workers
    ? (await import('/tests/bench/parallel-adapter.mjs')).workers(workers, { shared })
    : await import('/tests/bench/adapter.mjs');
  const { workloadOf: workload, unitsPerStep: units } = await import('/tests/bench/throughput.mjs');
  const w = workload(id);
  await adapter.setup(w, seed, pkg);
  const lossBefore = await adapter.evalLoss();
  let n = 1;
  const warmEnd = performance.now() + warmup * 1000;
  for (let calls = 0; calls < 2 || performance.now() < warmEnd; calls++) {
    const t0 = performance.now();
    await adapter.trainSteps(n);
    const dt = performance.now() - t0;
    if (dt < 250) n = Math.max(n + 1, Math.round(n * Math.min(4, 250 / Math.max(dt, 1))));
  }
  let steps = 0;
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    const t0 = performance.now();
    await adapter.trainSteps(n);
    elapsed += performance.now() - t0;
    steps += n;
  }
  const perSecond = steps / (elapsed / 1000);
  await adapter.finishFirstEpoch();
  const result = {
    rate: perSecond * units(w),
    lossBefore,
    lossAfter: await adapter.evalLoss(),
    stats: adapter.stats(),
  };
  adapter.close?.();
  return result;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// { W1: { rate (median), rates, gflops, lossBefore, lossAfter, stats }, ... }
export async function measureThroughput(context, origin, { ids = Object.keys(WORKLOADS), reps = 3, seconds = 2, warmup = 1, seed = 1, workers = null, shared } = {}) {
  const runs = Object.fromEntries(ids.map((id) => [id, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const id of ids) {
      const page = await context.newPage();
      await page.goto(`${origin}/tests/bench/page.html`);
      runs[id].push(await page.evaluate(measureInPage, { id, seed, seconds, warmup, workers, shared }));
      await page.close();
    }
  }
  return Object.fromEntries(ids.map((id) => {
    const rate = median(runs[id].map((r) => r.rate));
    const w = workloadOf(id);
    const examples = w.metric === 'steps/s' ? rate * w.batch : rate;
    const last = runs[id].at(-1);
    const flops = flopsPerExample(w);
    return [id, { rate, rates: runs[id].map((r) => r.rate), gflops: flops == null ? null : (examples * flops) / 1e9,
      lossBefore: last.lossBefore, lossAfter: last.lossAfter, stats: last.stats }];
  }));
}
