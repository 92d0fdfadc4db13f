// Loads the wasm core once per page: the page's own instance (the schema, the presets, the
// charts; it never trains) and the compiled module every app's trainer worker instantiates (from
// its file, or from the bytes the single-file build inlined).

import { BUNDLED } from './bundled-assets.js';

// The one shared load; immutable once done, cleared on failure so a later mount can retry.
let loading = null;

export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function wasmBytes() {
  if (BUNDLED) return base64Bytes(BUNDLED.wasm);
  const url = new URL('../../crate/pkg/neural_kitchen_bg.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// → the wasm-bindgen module (Trainer's static calls, Charts) with `module`, the compiled
// WebAssembly.Module for the workers.
export function loadCore() {
  loading ??= (async () => {
    const core = await import('../../crate/pkg/neural_kitchen.js');
    const module = await WebAssembly.compile(await wasmBytes());
    await core.default({ module_or_path: module });
    return { ...core, module };
  })().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}
