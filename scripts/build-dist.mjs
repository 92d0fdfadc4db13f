// Builds dist/neural-kitchen.html: the whole page in one file that opens from file:// offline.
// esbuild bundles www/page.js (the lesson's dynamic import included) and, apart, the trainer's
// worker (www/core/trainer-worker.js, a classic script started from a blob: URL of its inlined
// text) and the replica worker it may start (www/core/replica-worker.js, the same way), and this
// script inlines the stylesheets (www/style.css with its imports), the wasm module (compiled
// from the inlined bytes) and the image and text data files (read by www/app/data-files.js from the
// inlined map). Uses the already built crate/pkg.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'neural-kitchen.html');
const read = (file) => fs.readFileSync(path.join(ROOT, file));

// A stylesheet with its `@import url('./x.css');` lines replaced by the files they name.
const IMPORT = /^@import url\((['"])(\.[^'"]+)\1\);$/gm;
const inlineImports = (file) => fs.readFileSync(file, 'utf8')
  .replace(IMPORT, (_, quote, name) => inlineImports(path.join(path.dirname(file), name)));
const css = inlineImports(path.join(ROOT, 'www/style.css'));
const files = Object.fromEntries(fs.readdirSync(path.join(ROOT, 'crate/data'))
  .filter((name) => name.endsWith('.nkimg.gz') || name.endsWith('.txt.gz'))
  .map((name) => [`crate/data/${name}`, read(`crate/data/${name}`).toString('base64')]));
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
const assets = {
  wasm: read('crate/pkg/neural_kitchen_bg.wasm').toString('base64'), css, files,
  worker: await classicWorker('www/core/trainer-worker.js'), replica: await classicWorker('www/core/replica-worker.js'),
};
const hasLesson = fs.existsSync(path.join(ROOT, 'www/lesson/lesson.js'));

// A stylesheet a module links by `new URL('./x.css', import.meta.url).href` becomes a data: URL.
const CSS_LINK = /new URL\((['"])\.\/([\w-]+\.css)\1, import\.meta\.url\)\.href/g;

const inline = {
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

const result = await build({
  entryPoints: [path.join(ROOT, 'www/page.js')],
  bundle: true,
  format: 'esm',
  splitting: false, // dynamic imports (the lesson, the wasm glue) are inlined into the one script
  minify: true,
  write: false,
  target: 'es2022',
  plugins: [inline],
  logLevel: 'warning',
});
const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');

const html = read('index.html').toString()
  .replace(/<link rel="stylesheet" href="www\/style\.css">/, () => `<style>\n${css}</style>`)
  .replace(/<script type="module" src="www\/page\.js"><\/script>/, () => `<script type="module">${script}</script>`);
if (html.includes('src="www/') || html.includes('href="www/')) throw new Error('index.html changed: a www/ reference was not inlined');
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, html);
console.log(`${path.relative(ROOT, OUT)}: ${fs.statSync(OUT).size} bytes`);
