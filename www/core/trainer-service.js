// Serves a page's trainer over a message endpoint: the trainer worker's own global
// (trainer-worker.js), or one end of a MessageChannel on the page's thread where no worker may
// start (app/page-thread-worker.js). The first message, 'init', brings the compiled wasm module;
// every later one goes to a TrainerHost.

import init, { Trainer } from '../../crate/pkg/neural_kitchen.js';
import { DataParallel } from './data-parallel.js';
import { TrainerHost } from './trainer-host.js';
import { errorToWire } from './wire.js';

// The replica worker's script: { url, type }, given or made from its text ({ source, type }).
function replicaOf(replica) {
  if (!replica?.source) return replica ?? null;
  return { url: URL.createObjectURL(new Blob([replica.source], { type: 'text/javascript' })), type: replica.type };
}

// Answers `endpoint`'s messages (it has onmessage and postMessage); → stop(), which frees the
// trainer (a worker's ends with the worker; one on the page's thread shares the page's memory).
export function serveTrainer(endpoint) {
  let host = null;
  endpoint.onmessage = async ({ data }) => {
    if (data.type !== 'init') {
      host.receive(data);
      return;
    }
    try {
      // On the page's thread the page's instance is already made: init returns it.
      const { memory } = await init({ module_or_path: data.module });
      const post = (message, transfer = []) => endpoint.postMessage(message, transfer);
      const parallel = new DataParallel({ replica: replicaOf(data.replica), wasm: data.module, workers: data.workers ?? 'auto', cores: data.cores ?? 1 });
      host = new TrainerHost(Trainer, post, () => memory.buffer.byteLength, parallel);
      endpoint.postMessage({ type: 'ready' });
    } catch (error) {
      endpoint.postMessage({ type: 'failed', error: errorToWire(error) });
    }
  };
  return () => {
    if (!host) return;
    host.job = null; // a run in chunks ends after its current one
    host.parallel?.stop();
    host.trainer?.free();
    host.trainer = null;
  };
}
