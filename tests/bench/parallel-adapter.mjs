// The bench adapter's interface (setup, trainSteps, finishFirstEpoch, evalLoss) over the page's
// data-parallel replicas (www/core/replica-group.js): `workers(1)` trains whole steps in one
// worker, `workers(2)` splits each step's batch between two. `shared`: the gradient exchange
// through shared memory (default: when the page is cross-origin isolated) or through
// MessagePorts (false).

import { createReplicaGroup } from '../../www/core/replica-group.js';
import { configOf, toChw } from './adapter.mjs';
import { makeData } from './workloads.mjs';

export function workers(count, { shared } = {}) {
  let group = null;
  let last = null;
  // Per replica, the time its timed runs took and spent exchanging gradients.
  const time = { busyMs: Array(count).fill(0), waitMs: Array(count).fill(0) };
  const run = async (maxSteps) => {
    last = await group.run({ maxSteps });
    last.busyMs.forEach((ms, i) => (time.busyMs[i] += ms));
    last.waitMs.forEach((ms, i) => (time.waitMs[i] += ms));
    return last;
  };
  return {
    async setup(w, seed) {
      group?.close();
      const data = makeData(w, seed);
      const inputs = toChw(data.x, w.input);
      const labels = Uint32Array.from(data.y);
      const first = w.batch * data.d;
      const args = [configOf(w, seed), inputs, labels, inputs.slice(0, first), labels.slice(0, w.batch)];
      group = await createReplicaGroup({ count, build: { method: 'withTensors', args }, ...(shared === undefined ? {} : { shared }) });
      last = { metrics: await group.lead('metrics') };
      return { library: 'neural-kitchen', version: '0.1.0', simd: 'wasm simd128', threads: count, precision: 'f32' };
    },
    trainSteps: (n) => run(n),
    // Every replica's parameters (they must be equal).
    params: () => group.each('params'),
    async finishFirstEpoch() {
      if (last.metrics.epoch === 0) await run(last.metrics.stepsLeftInEpoch);
    },
    evalLoss: async () => last.metrics.testLoss,
    // The share of each replica's training time spent exchanging (waiting for the others).
    stats: () => ({ workers: count, sharedMemory: group.sharedMemory, exchangeShare: time.busyMs.map((b, i) => +(time.waitMs[i] / b).toFixed(3)) }),
    close() {
      group?.close();
      group = null;
    },
  };
}
