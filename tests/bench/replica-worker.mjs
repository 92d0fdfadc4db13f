// One replica of a data-parallel trainer (crate/src/trainer/replicas.rs) in a module worker.
// Replica 0 coordinates: each step it gathers the other replicas' share gradients through
// their MessagePorts, sums them with its own, sends the sum back, and every replica applies it.
// One replica alone trains whole steps. Messages: { type: 'setup', config, inputs, labels,
// testInputs, testLabels, part, parts, ports } → 'ready'; { type: 'run', steps } → 'done'.

import init, { Trainer } from '../../crate/pkg/neural_kitchen.js';

let trainer = null;
let part = 0;
let parts = 1;
let ports = [];

// The messages of a port, awaited one after another.
function inbox(port) {
  const waiting = [];
  const queued = [];
  port.onmessage = ({ data }) => (waiting.length > 0 ? waiting.shift()(data) : queued.push(data));
  return () => (queued.length > 0 ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));
}
let receive = [];

async function coordinatedStep() {
  const tally = trainer.shareGradient(part, parts);
  if (part !== 0) {
    const grads = trainer.grads().slice();
    ports[0].postMessage({ grads, tally }, [grads.buffer, tally.buffer]);
    const sum = await receive[0]();
    trainer.applyGradient(sum.grads, sum.tally);
    return;
  }
  const grads = trainer.grads().slice();
  for (const next of receive) {
    const share = await next();
    for (let i = 0; i < grads.length; i++) grads[i] += share.grads[i];
    for (let i = 0; i < 4; i++) tally[i] += share.tally[i];
  }
  for (const port of ports) port.postMessage({ grads, tally });
  trainer.applyGradient(grads, tally);
}

async function run(steps) {
  if (parts === 1) trainer.step(steps);
  else for (let s = 0; s < steps; s++) await coordinatedStep();
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'setup') {
      await init();
      trainer?.free();
      trainer = Trainer.withTensors(data.config, data.inputs, data.labels, data.testInputs, data.testLabels);
      ({ part, parts, ports } = data);
      receive = ports.map(inbox);
      self.postMessage({ type: 'ready' });
    } else if (data.type === 'run') {
      await run(data.steps);
      const { epoch, stepsLeftInEpoch, testLoss } = trainer.metrics();
      self.postMessage({ type: 'done', epoch, stepsLeftInEpoch, testLoss, params: data.withParams ? trainer.params().slice() : null });
    }
  } catch (error) {
    self.postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
