// The Web Worker a page's trainer runs in (one per app on the page), so training never blocks
// the page: it instantiates the wasm module the page compiled and sends, then hands every
// message to a TrainerHost (trainer-service.js). A panic in the core is reported to the page,
// which stops the app. Where the page gives it the replica worker's script, it may train on a
// second core too (data-parallel.js).

import { serveTrainer } from './trainer-service.js';

const PANIC_EVENT = 'neural-kitchen-panic';

globalThis.addEventListener(PANIC_EVENT, (event) => {
  globalThis.postMessage({ type: 'panic', message: String(event.detail?.message ?? 'panic') });
});

serveTrainer(globalThis);
