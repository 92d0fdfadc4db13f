// Starting a module worker whose script may live on another origin (the package served from a
// CDN): a worker cannot be started from a cross-origin URL (a SecurityError), so it is started
// from a same-origin blob: URL whose module imports the script (fetched with CORS, as any
// cross-origin module is). The worker then has this global's origin and its CSP: a page whose
// policy allows no blob: workers (`worker-src blob:`) blocks it.

// Whether `url` is of another origin than the global starting the worker (a page, or a worker
// that starts a nested one).
export function crossOrigin(url) {
  return new URL(url, globalThis.location.href).origin !== globalThis.location.origin;
}

// A blob: URL of a module that imports `url` (revoke it once the worker has loaded). The import
// is a dynamic one: a worker's static imports are fetched as the worker's script (under a
// policy's worker-src), a dynamic one as a script (script-src, which names the package's
// origin). Messages that come before the script has set its listener are held, then given to it.
export function trampolineURL(url) {
  const href = JSON.stringify(new URL(url, globalThis.location.href).href);
  const source = `const held = [];
const hold = (event) => held.push(event);
addEventListener('message', hold);
await import(${href});
removeEventListener('message', hold);
for (const { data, ports } of held) dispatchEvent(new MessageEvent('message', { data, ports }));
`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

// A Worker running the script at `url` ({ type, name } as `new Worker` takes them): started from
// the URL itself when it is this origin's (or a classic script's blob:), else through a
// trampoline. `trusted(url)`: the URL as `new Worker` accepts it under Trusted Types.
export function startWorker(url, options = { type: 'module' }, trusted = (u) => u) {
  if (options.type !== 'module' || !crossOrigin(url)) return new Worker(trusted(url), options);
  const trampoline = trampolineURL(url);
  const worker = new Worker(trusted(trampoline), options);
  // Once it has answered (or failed), it has its script: the blob's URL is needed no more.
  const revoke = () => URL.revokeObjectURL(trampoline);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}
