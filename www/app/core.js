// Loads the wasm core once per page: every app instance on the page builds its own Trainers from
// the one module (from its file, or from the bytes the single-file build inlined).

import { BUNDLED } from './bundled-assets.js';

// The one shared load; immutable once done, cleared on failure so a later mount can retry.
let loading = null;

export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function loadCore() {
  loading ??= (async () => {
    const core = await import('../../crate/pkg/neural_kitchen.js');
    await core.default(BUNDLED ? { module_or_path: base64Bytes(BUNDLED.wasm) } : undefined);
    return core;
  })().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}
