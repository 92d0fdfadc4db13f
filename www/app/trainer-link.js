// The page's connection to one trainer worker (core/trainer-worker.js): it starts the worker with
// the compiled wasm module, sends requests and matches their answers, and builds trainers there.
// Each app on a page has its own link, so a panic or a long run in one never touches another.

import { BUNDLED } from './bundled-assets.js';
import { TrainerMirror } from './trainer-mirror.js';
import { appScriptURL } from './trusted-html.js';
import { PageThreadWorker } from './page-thread-worker.js';
import { crossOrigin, startWorker } from '../core/module-worker.js';
import { errorFromWire } from '../core/wire.js';

// How many draws a read is still asked for after the last one that made it (about a second).
const KEEP_DRAWS = 60;

// The worker's script: the file beside this module, or the single-file build's inlined copy.
function workerURL() {
  if (BUNDLED) return URL.createObjectURL(new Blob([BUNDLED.worker], { type: 'text/javascript' }));
  return new URL('../core/trainer-worker.js', import.meta.url);
}

// Calls `reject` when the page's Content Security Policy refuses a worker's script (a blob:
// URL); → stop().
function watchWorkerPolicy(reject) {
  const seen = (event) => {
    if (/^(worker|script|child)-src/.test(event.effectiveDirective) && /^blob/.test(event.blockedURI)) {
      reject(new Error(`the page's Content Security Policy refused it (${event.effectiveDirective})`));
    }
  };
  document.addEventListener('securitypolicyviolation', seen);
  return () => document.removeEventListener('securitypolicyviolation', seen);
}

// The script of the replica a trainer worker may start on a second core (core/data-parallel.js):
// the file beside the trainer's, or the single file's inlined text (a classic script the trainer
// worker starts from a blob: URL of its own: from file:// a page's blob: URL is another origin's
// to it).
function replicaScript() {
  if (BUNDLED) return { source: BUNDLED.replica, type: 'classic' };
  return { url: new URL('../core/replica-worker.js', import.meta.url).href, type: 'module' };
}

// How long a worker started from another origin's script (through a blob: URL) may take to say
// it is ready before the app trains on the page's thread instead: a page's policy may block it
// without an error the page can see.
const CROSS_ORIGIN_READY_MS = 10000;
// Set once such a worker failed: the page's later apps train on its thread at once (the policy
// that refused one refuses them all; no refusal logged again, no wait).
let crossOriginWorkerFailed = false;

export class TrainerLink {
  // A worker running `module` (a compiled WebAssembly.Module), once it is ready; `workers`:
  // 'auto' | 1 | 2, the workers it trains in (core/data-parallel.js). The app's scripts served
  // from another origin (a package CDN) start it from a blob: URL; where the page's Content
  // Security Policy forbids that (no `worker-src blob:`), the trainer runs on the page's thread.
  static async open(module, workers = 'auto') {
    const url = workerURL();
    const init = { module, replica: replicaScript(), workers };
    if (BUNDLED || !crossOrigin(url)) {
      // The single-file build's worker is a classic script: from file:// only those start.
      const worker = new Worker(appScriptURL(url), { type: BUNDLED ? 'classic' : 'module', name: 'neural-kitchen-trainer' });
      try {
        return await TrainerLink.started(worker, init);
      } finally {
        if (url instanceof URL === false) URL.revokeObjectURL(url);
      }
    }
    if (!crossOriginWorkerFailed) {
      try {
        const worker = startWorker(url, { type: 'module', name: 'neural-kitchen-trainer' }, appScriptURL);
        return await TrainerLink.started(worker, init, CROSS_ORIGIN_READY_MS);
      } catch (error) {
        crossOriginWorkerFailed = true;
        console.warn(`Neural Kitchen trains on the page's thread: its worker did not start (${error.message}). A Content Security Policy allows it with worker-src blob:`);
      }
    }
    return TrainerLink.started(await PageThreadWorker.start(), { ...init, replica: null });
  }

  // `worker` given `init` ({ module, replica, workers }), once it says it is ready (within
  // `readyMs`, when given); it is ended if it fails.
  static async started(worker, init, readyMs = Infinity) {
    const stopWatching = [];
    try {
      await new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => (data.type === 'ready' ? resolve() : reject(errorFromWire(data.error)));
        worker.onerror = (event) => reject(new Error(`the trainer's worker did not start (${event.message || 'no message'})`));
        if (Number.isFinite(readyMs)) {
          const timer = setTimeout(() => reject(new Error(`no answer in ${readyMs / 1000} s`)), readyMs);
          stopWatching.push(() => clearTimeout(timer), watchWorkerPolicy(reject));
        }
        worker.postMessage({ type: 'init', ...init, cores: navigator.hardwareConcurrency ?? 1 });
      });
    } catch (error) {
      worker.terminate();
      throw error;
    } finally {
      for (const stop of stopWatching) stop();
    }
    return new TrainerLink(worker);
  }

  constructor(worker) {
    this.worker = worker;
    this.nextId = 1;
    this.pending = new Map(); // id → { resolve, reject }
    this.closed = false;
    this.onPanic = () => {}; // (message): the core in this worker panicked
    // What the views read, kept across trainers (a new one's first snapshot brings them all)
    // until no draw has read it for a while (the batch's values, read only after a step by hand,
    // are megabytes an image network should not copy in every frame of play).
    this.wanted = new Map(); // key → { read: [name, ...args], draw: the last draw that read it }
    this.draws = 0;
    worker.onmessage = ({ data }) => this.receive(data);
    worker.onerror = (event) => this.onPanic(event.message || 'the trainer\'s worker failed');
  }

  receive(message) {
    if (message.type === 'panic') {
      this.onPanic(message.message);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(errorFromWire(message.error));
    else waiting.resolve(message);
  }

  // Sends { type, ...fields }; resolves with the answer ({ result, state? }), rejects with the
  // core's error.
  request(fields, transfer = []) {
    if (this.closed) return Promise.reject(new Error('this Neural Kitchen was destroyed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...fields, id }, transfer);
    });
  }

  // Reads (names of views without arguments) the next snapshots bring whether or not a draw
  // read them yet.
  expect(names) {
    for (const name of names) {
      const held = this.wanted.get(name);
      if (held) held.draw = this.draws;
      else this.wanted.set(name, { read: [name], draw: this.draws });
    }
  }

  // A draw completed: reads no draw made in the last KEEP_DRAWS are asked for no more.
  drawn() {
    this.draws += 1;
    for (const [key, { draw }] of this.wanted) if (draw < this.draws - KEEP_DRAWS) this.wanted.delete(key);
  }

  // A message that needs no answer (a cancel).
  tell(fields) {
    if (!this.closed) this.worker.postMessage(fields);
  }

  // A new trainer in the worker (how: 'config' | 'images' | 'text' | 'json' | 'jsonImages' | 'jsonText', with the
  // Trainer's arguments), as a mirror; the running one stays if the core refuses.
  async build(how, args) {
    const reads = [...this.wanted.values()].map((w) => w.read);
    const answer = await this.request({ type: 'build', how, args, reads, have: { dataVersion: null, historyKey: null } });
    const mirror = new TrainerMirror(this, answer.state);
    mirror.adopt(answer);
    return mirror;
  }

  close() {
    this.closed = true;
    this.worker.terminate();
    for (const { reject } of this.pending.values()) reject(new Error('this Neural Kitchen was destroyed'));
    this.pending.clear();
  }
}
