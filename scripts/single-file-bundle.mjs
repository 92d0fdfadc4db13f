// What the single-file builds share (the page's dist/neural-kitchen.html and the Jupyter widget's
// module): the assets that www/app/bundled-assets.js holds in them — the wasm module, the
// stylesheets (www/style.css with its imports), the image and text data files and the workers'
// scripts — and an esbuild bundle of one entry module with those assets inlined, so it runs
// where nothing can be fetched beside it (file://, a blob: or data: module URL). Uses the already
// built crate/pkg.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const read = (file) => fs.readFileSync(path.join(ROOT, file));

// A stylesheet with its `@import url('./x.css');` lines replaced by the files they name.
const IMPORT = /^@import url\((['"])(\.[^'"]+)\1\);$/gm;
const inlineImports = (file) => fs.readFileSync(file, 'utf8')
  .replace(IMPORT, (_, quote, name) => inlineImports(path.join(path.dirname(file), name)));

// A worker's script as a classic script (a page from file:// may start a worker from a blob: URL,
// but not a module one): the trainer's, and the replica's it may start on a second core.
const classicWorker = async (file) => (await build({
  entryPoints: [path.join(ROOT, file)],
  bundle: true,
  format: 'iife',
  define: { 'import.meta.url': 'self.location.href' }, // the wasm glue's default path; the module is handed over
  minify: true,
  write: false,
  target: 'es2022',
  logLevel: 'warning',
})).outputFiles[0].text;

// { wasm, css, files: { path: base64 }, worker, replica }: what www/app/bundled-assets.js exports
// as BUNDLED in a single-file build.
export async function bundledAssets() {
  const files = Object.fromEntries(fs.readdirSync(path.join(ROOT, 'crate/data'))
    .filter((name) => name.endsWith('.nkimg.gz') || name.endsWith('.txt.gz'))
    .map((name) => [`crate/data/${name}`, read(`crate/data/${name}`).toString('base64')]));
  return {
    wasm: read('crate/pkg/neural_kitchen_bg.wasm').toString('base64'),
    css: inlineImports(path.join(ROOT, 'www/style.css')),
    files,
    worker: await classicWorker('www/core/trainer-worker.js'),
    replica: await classicWorker('www/core/replica-worker.js'),
  };
}

// A stylesheet a module links by `new URL('./x.css', import.meta.url).href` becomes a data: URL.
const CSS_LINK = /new URL\((['"])\.\/([\w-]+\.css)\1, import\.meta\.url\)\.href/g;

function inlinePlugin(assets) {
  const hasLesson = fs.existsSync(path.join(ROOT, 'www/lesson/lesson.js'));
  return {
    name: 'neural-kitchen-inline',
    setup(b) {
      b.onResolve({ filter: /\/bundled-assets\.js$/ }, () => ({ path: 'bundled-assets', namespace: 'nk' }));
      b.onLoad({ filter: /.*/, namespace: 'nk' }, (args) => (args.path === 'bundled-assets'
        ? { contents: `export const BUNDLED = ${JSON.stringify(assets)};`, loader: 'js' }
        : { contents: "throw new Error('the guided lesson is not part of this build');", loader: 'js' }));
      // Without www/lesson/ the Lesson button says so (the import fails, as on a server).
      if (!hasLesson) b.onResolve({ filter: /\/lesson\/lesson\.js$/ }, () => ({ path: 'missing-lesson', namespace: 'nk' }));
      b.onLoad({ filter: /[\\/]www[\\/].*\.js$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const contents = source.replace(CSS_LINK, (_, quote, name) => {
          const text = fs.readFileSync(path.join(path.dirname(args.path), name));
          return JSON.stringify(`data:text/css;base64,${text.toString('base64')}`);
        });
        return { contents, loader: 'js' };
      });
    },
  };
}

// One ES module: `entry` (a path from the repository's root) with everything it imports, dynamic
// imports (the lesson, the wasm glue) included — no code splitting — and `assets` inlined.
export async function bundleModule(entry, assets) {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: 'esm',
    splitting: false,
    minify: true,
    write: false,
    target: 'es2022',
    plugins: [inlinePlugin(assets)],
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}
