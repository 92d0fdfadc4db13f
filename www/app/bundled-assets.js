// What the single-file build (scripts/build-dist.mjs) inlines: null here, so the page fetches the
// wasm module, the stylesheet and the image files from its own origin; the build replaces this
// module with one holding { wasm, css, files: { path: base64 }, worker: the trainer worker's
// bundled source }.

export const BUNDLED = null;
