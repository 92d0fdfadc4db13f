// Builds dist/neural-kitchen.html: the whole page in one file that opens from file:// offline.
// esbuild bundles www/page.js (the lesson's dynamic import included) with the assets of
// scripts/single-file-bundle.mjs inlined: the trainer's worker (www/core/trainer-worker.js, a
// classic script started from a blob: URL of its inlined text) and the replica worker it may start
// (www/core/replica-worker.js, the same way), the stylesheets (www/style.css with its imports, also
// put in the page's <style>), the wasm module (compiled from the inlined bytes) and the image and
// text data files (read by www/app/data-files.js from the inlined map). Uses the already built
// crate/pkg.

import fs from 'node:fs';
import path from 'node:path';
import { bundledAssets, bundleModule, read, ROOT } from './single-file-bundle.mjs';

const OUT = path.join(ROOT, 'dist', 'neural-kitchen.html');

const assets = await bundledAssets();
const script = (await bundleModule('www/page.js', assets)).replace(/<\/script/gi, '<\\/script');

const html = read('index.html').toString()
  .replace(/<link rel="stylesheet" href="www\/style\.css">/, () => `<style>\n${assets.css}</style>`)
  .replace(/<script type="module" src="www\/page\.js"><\/script>/, () => `<script type="module">${script}</script>`);
if (html.includes('src="www/') || html.includes('href="www/')) throw new Error('index.html changed: a www/ reference was not inlined');
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, html);
console.log(`${path.relative(ROOT, OUT)}: ${fs.statSync(OUT).size} bytes`);
