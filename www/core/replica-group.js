// A data-parallel trainer across workers: N replicas (replica-worker.js), each holding a Trainer
// built the same way, split every step's batch between them and exchange their gradients directly
// (gradient-exchange.js), so that every replica applies the same update and the training equals
// one trainer's up to float summation order (crate/src/trainer/replicas.rs). Replica 0 is the one
// to read for views. With shared memory (a cross-origin isolated page) the exchange is a
// SharedArrayBuffer and Atomics; without it, MessagePorts between every pair of replicas.
//
//   const group = await createReplicaGroup({ count: 2, build: { method: 'withTensors', args } });
//   const { steps, metrics } = await group.run({ budgetMs: 8, maxSteps: 1000 });
//   const params = await group.lead('params');      // replica 0
//   await group.each('setTraining', …);              // every replica (keeps them equal)
//   group.close();
//
// Calls are queued: each starts when the one before has ended, so a run never meets a call. A run
// that fails closes the group (its replicas may be waiting on each other).

import { sharedBytes } from './gradient-exchange.js';
import { startWorker } from './module-worker.js';

// The replica's worker script beside this module (made when asked: the single file's classic
// trainer worker has no hierarchical URL to resolve it against).
export const replicaWorkerURL = () => new URL('./replica-worker.js', import.meta.url);

// Most replicas a group makes (the core splits a batch between at most 64).
export const MAX_REPLICAS = 64;

// Whether workers of this page can share memory (SharedArrayBuffer and Atomics.wait).
export const canShareMemory = () => typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;

// Replicas to use on this machine: one per core, at most `most` (2 by default: the split's gain
// is largest there; a one-core machine trains in one worker).
export const replicasForThisMachine = (most = 2) => Math.max(1, Math.min(most, globalThis.navigator?.hardwareConcurrency ?? 1));

function whole(field, value, low, high) {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw Object.assign(new RangeError(`${field}: a whole number from ${low} to ${high}, got ${value}`), { field, allowed: `${low} to ${high}` });
  }
}

// One worker and its pending requests, answered by id (`type`: 'module', or 'classic' for the
// single file's inlined script; a module from another origin starts through a blob: URL).
export class Replica {
  constructor(url, type = 'module') {
    this.worker = startWorker(url, { type });
    this.pending = new Map();
    this.nextId = 0;
    this.worker.onmessage = ({ data }) => {
      const waiter = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.type === 'error') waiter?.reject(Object.assign(new Error(data.error.message), data.error));
      else waiter?.resolve(data.value);
    };
    this.worker.onerror = (event) => this.failAll(new Error(`replica worker: ${event.message ?? 'failed to load'}`));
  }

  request(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  failAll(error) {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  close() {
    this.worker.terminate();
    this.failAll(new Error('the replica group is closed'));
  }
}

// `build`: { method, args } as replica-worker.js takes it (args structured-cloned to every
// replica); `shared`: use shared memory (default: when the page can); `workerUrl`: the worker
// script (a file:// page passes its inline one); `wasm`: passed to the wasm glue's init.
export async function createReplicaGroup({ count = replicasForThisMachine(), build, shared = canShareMemory(), workerUrl = replicaWorkerURL(), wasm } = {}) {
  whole('count', count, 1, MAX_REPLICAS);
  if (shared && !canShareMemory()) throw new Error('shared: this page is not cross-origin isolated (no SharedArrayBuffer between workers)');
  const replicas = Array.from({ length: count }, () => new Replica(workerUrl));
  try {
    const [length] = await Promise.all(replicas.map((r) => r.request({ type: 'setup', build, wasm })));
    const memory = shared && count > 1 ? new SharedArrayBuffer(sharedBytes(count, length)) : null;
    // Without shared memory, a channel per pair: ports[p][q] is p's end towards q.
    const ports = Array.from({ length: count }, () => Array(count).fill(null));
    if (!memory) {
      for (let p = 0; p < count; p++) {
        for (let q = p + 1; q < count; q++) {
          const channel = new MessageChannel();
          [ports[p][q], ports[q][p]] = [channel.port1, channel.port2];
        }
      }
    }
    await Promise.all(replicas.map((r, part) => {
      const own = memory ? null : ports[part];
      return r.request({ type: 'connect', part, parts: count, shared: memory, ports: own }, own ? own.filter(Boolean) : []);
    }));
    return new ReplicaGroup(replicas, { sharedMemory: memory !== null, parameters: length });
  } catch (error) {
    for (const r of replicas) r.close();
    throw error;
  }
}

class ReplicaGroup {
  constructor(replicas, { sharedMemory, parameters }) {
    Object.assign(this, { replicas, sharedMemory, parameters, queue: Promise.resolve(), closed: false });
  }

  get count() {
    return this.replicas.length;
  }

  // Runs `task` after every call before it has ended (whether it failed or not).
  queued(task) {
    if (this.closed) return Promise.reject(new Error('the replica group is closed'));
    const result = this.queue.then(task);
    this.queue = result.catch(() => {});
    return result;
  }

  // Trains until `budgetMs` milliseconds have passed (Infinity: no budget; at least one step) or
  // `maxSteps` steps have run; every replica runs the same steps. → { steps, metrics } (replica
  // 0's), and per replica the run's time and the part of it spent exchanging: `busyMs`, `waitMs`.
  run({ budgetMs = Infinity, maxSteps }) {
    if (!(budgetMs >= 0)) return Promise.reject(Object.assign(new RangeError(`budgetMs: 0 or more milliseconds, got ${budgetMs}`), { field: 'budgetMs' }));
    try {
      whole('maxSteps', maxSteps, 1, Number.MAX_SAFE_INTEGER);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.queued(async () => {
      try {
        const done = await Promise.all(this.replicas.map((r) => r.request({ type: 'run', budgetMs, maxSteps })));
        if (done.some((d) => d.steps !== done[0].steps)) throw new Error(`replicas ran different steps: ${done.map((d) => d.steps)}`);
        return { steps: done[0].steps, metrics: done[0].metrics, busyMs: done.map((d) => d.busyMs), waitMs: done.map((d) => d.waitMs) };
      } catch (error) {
        // A replica that failed mid-run leaves the others waiting for its gradient: end them all.
        this.close();
        throw error;
      }
    });
  }

  // trainer[name](...args) on replica 0 (reads: views, metrics, a model file).
  lead(name, ...args) {
    return this.queued(() => this.replicas[0].request({ type: 'call', name, args }));
  }

  // trainer[name](...args) on every replica (writes that must keep them equal); → every answer.
  each(name, ...args) {
    return this.queued(() => Promise.all(this.replicas.map((r) => r.request({ type: 'call', name, args }))));
  }

  close() {
    this.closed = true;
    for (const r of this.replicas) r.close();
  }
}
