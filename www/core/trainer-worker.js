// The Web Worker a page's trainer runs in (one per app on the page), so training never blocks
// the page: it instantiates the wasm module the page compiled and sends, then hands every
// message to a TrainerHost. A panic in the core is reported to the page, which stops the app.
// Where the page gives it the replica worker's script, it may train on a second core too
// (data-parallel.js).

import init, { Trainer } from '../../crate/pkg/neural_kitchen.js';
import { DataParallel } from './data-parallel.js';
import { TrainerHost } from './trainer-host.js';
import { errorToWire } from './wire.js';

const PANIC_EVENT = 'neural-kitchen-panic';
let host = null;

// The replica worker's script: { url, type }, given or made from its text ({ source, type }).
function replicaOf(replica) {
  if (!replica?.source) return replica ?? null;
  return { url: URL.createObjectURL(new Blob([replica.source], { type: 'text/javascript' })), type: replica.type };
}

globalThis.addEventListener(PANIC_EVENT, (event) => {
  globalThis.postMessage({ type: 'panic', message: String(event.detail?.message ?? 'panic') });
});

globalThis.onmessage = async ({ data }) => {
  if (data.type !== 'init') {
    host.receive(data);
    return;
  }
  try {
    const { memory } = await init({ module_or_path: data.module });
    const post = (message, transfer = []) => globalThis.postMessage(message, transfer);
    const parallel = new DataParallel({ replica: replicaOf(data.replica), wasm: data.module, workers: data.workers ?? 'auto', cores: data.cores ?? 1 });
    host = new TrainerHost(Trainer, post, () => memory.buffer.byteLength, parallel);
    globalThis.postMessage({ type: 'ready' });
  } catch (error) {
    globalThis.postMessage({ type: 'failed', error: errorToWire(error) });
  }
};
