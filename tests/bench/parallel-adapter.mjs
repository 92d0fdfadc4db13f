// The bench adapter's interface (setup, trainSteps, finishFirstEpoch, evalLoss) over replicas
// in module workers (replica-worker.mjs): `workers(1)` trains whole steps in one worker,
// `workers(2)` splits each step's batch between two (the page's data-parallel training).

import { configOf, toChw } from './adapter.mjs';
import { makeData } from './workloads.mjs';

const WORKER = new URL('./replica-worker.mjs', import.meta.url);

// The next message of a worker (an 'error' one rejects).
const reply = (worker) => new Promise((resolve, reject) => {
  worker.onmessage = ({ data }) => (data.type === 'error' ? reject(new Error(data.message)) : resolve(data));
  worker.onerror = (event) => reject(new Error(event.message));
});

export function workers(count) {
  let replicas = [];
  let last = null;
  const runAll = async (steps, withParams = false) => {
    const replies = replicas.map(reply);
    for (const worker of replicas) worker.postMessage({ type: 'run', steps, withParams });
    const done = await Promise.all(replies);
    last = done[0];
    return done;
  };
  return {
    async setup(w, seed) {
      for (const worker of replicas) worker.terminate();
      replicas = Array.from({ length: count }, () => new Worker(WORKER, { type: 'module' }));
      const data = makeData(w, seed);
      const inputs = toChw(data.x, w.input);
      const labels = Uint32Array.from(data.y);
      const first = w.batch * data.d;
      // Replica 0 talks to each other replica through a channel of their own.
      const channels = replicas.slice(1).map(() => new MessageChannel());
      const ready = replicas.map(reply);
      replicas.forEach((worker, part) => {
        const ports = part === 0 ? channels.map((c) => c.port1) : [channels[part - 1].port2];
        worker.postMessage({
          type: 'setup', config: configOf(w, seed), inputs, labels, testInputs: inputs.slice(0, first),
          testLabels: labels.slice(0, w.batch), part, parts: count, ports,
        }, ports);
      });
      await Promise.all(ready);
      await runAll(0);
      return { library: 'neural-kitchen', version: '0.1.0', simd: 'wasm simd128', threads: count, precision: 'f32' };
    },
    trainSteps: (n) => runAll(n),
    // Every replica's parameters (they must be equal).
    params: async () => (await runAll(0, true)).map((r) => r.params),
    async finishFirstEpoch() {
      if (last.epoch === 0) await runAll(last.stepsLeftInEpoch);
    },
    evalLoss: async () => last.testLoss,
    stats: () => ({ workers: count }),
    close() {
      for (const worker of replicas) worker.terminate();
      replicas = [];
    },
  };
}
