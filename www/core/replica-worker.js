// One replica of a data-parallel trainer (crate/src/trainer/replicas.rs) in a module worker,
// driven by replica-group.js. Alone it trains whole steps; with others, each step it computes
// the gradient of its share of the batch, exchanges it with every other replica directly
// (gradient-exchange.js: shared memory or MessagePorts, no coordinator) and applies the sum, so
// all replicas stay equal. Replica 0 decides when a run ends and tells the others in the exchange.
//
// Messages in (each answered by { type: 'reply', id, value } or { type: 'error', id, error }):
//   { type: 'setup', id, build: { method, args }, wasm? } → the parameter count. `method`:
//       'new' (new Trainer(...args)) or a Trainer factory ('withImages', 'withTensors', 'fromJSON',
//       'fromJSONWithImages'); `wasm`: what the wasm glue's init takes (a WebAssembly.Module, bytes
//       or a URL; the glue's own file by default).
//   { type: 'connect', id, part, parts, ports?, shared? } → null. `ports[p]`: a MessagePort to
//       replica p; `shared`: a SharedArrayBuffer of gradient-exchange.js's layout (used instead).
//   { type: 'run', id, budgetMs, maxSteps } → { steps, metrics, busyMs, waitMs }: steps until
//       `budgetMs` has passed (Infinity: no budget; at least one step) or `maxSteps` are run;
//       `waitMs` of the run's `busyMs` went on exchanging gradients (waiting for the others).
//   { type: 'call', id, name, args } → trainer[name](...args) (typed arrays copied out).

import init, { Trainer } from '../../crate/pkg/neural_kitchen.js';
import { PortExchange, SharedExchange } from './gradient-exchange.js';
import { splitSteps } from './split-steps.js';

let trainer = null;
let part = 0;
let parts = 1;
let exchange = null;

const FACTORIES = new Set(['withImages', 'withTensors', 'fromJSON', 'fromJSONWithImages']);

async function setup({ build, wasm }) {
  await init(wasm ? { module_or_path: wasm } : undefined);
  if (build.method !== 'new' && !FACTORIES.has(build.method)) throw new Error(`build.method: 'new' or one of ${[...FACTORIES].join(', ')}, got ${build.method}`);
  trainer?.free();
  trainer = build.method === 'new' ? new Trainer(...build.args) : Trainer[build.method](...build.args);
  return trainer.params().length;
}

function connect(message) {
  ({ part, parts } = message);
  const length = trainer.params().length;
  if (parts === 1) exchange = null;
  else if (message.shared) exchange = new SharedExchange(message.shared, part, parts, length);
  else exchange = new PortExchange(message.ports, part, parts, length);
  return null;
}

async function run({ budgetMs, maxSteps }) {
  const start = performance.now();
  let steps = maxSteps;
  let waitMs = 0;
  if (!exchange) {
    if (Number.isFinite(budgetMs)) steps = trainer.runFor(budgetMs, maxSteps);
    else trainer.step(maxSteps);
  } else {
    ({ steps, waitMs } = await splitSteps(trainer, exchange, part, parts, { budgetMs, maxSteps }));
  }
  return { steps, metrics: part === 0 ? trainer.metrics() : null, busyMs: performance.now() - start, waitMs };
}

// A typed array that views wasm memory is copied before it is posted.
const copied = (value) => (ArrayBuffer.isView(value) ? value.slice() : value);

function call({ name, args }) {
  if (typeof trainer[name] !== 'function') throw new Error(`name: a Trainer method, got ${name}`);
  return copied(trainer[name](...args));
}

const HANDLERS = { setup, connect, run, call };

// One message at a time, in order: a call posted while a setup awaits the wasm module, or a run
// awaits an exchange, waits for it to end.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};

async function handle(data) {
  try {
    const value = await HANDLERS[data.type](data);
    self.postMessage({ type: 'reply', id: data.id, value });
  } catch (error) {
    // The core's errors carry field, path and allowed (crate/src/web/errors.rs).
    const { message, field = null, path = null, allowed = null } = error ?? {};
    self.postMessage({ type: 'error', id: data.id, error: { message: String(message ?? error), field, path, allowed } });
  }
}
