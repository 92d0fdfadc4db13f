// Builds python/neural_kitchen/static/widget.js: the Jupyter widget's front end
// (www/embed/jupyter-widget.js) as one ES module with the wasm, the stylesheets, the data files and
// the workers inlined (scripts/single-file-bundle.mjs), since anywidget imports it from a blob:
// URL beside which nothing can be fetched. Uses the already built crate/pkg.

import fs from 'node:fs';
import path from 'node:path';
import { bundledAssets, bundleModule, ROOT } from './single-file-bundle.mjs';

const OUT = path.join(ROOT, 'python', 'neural_kitchen', 'static', 'widget.js');

const module = await bundleModule('www/embed/jupyter-widget.js', await bundledAssets());
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, module);
console.log(`${path.relative(ROOT, OUT)}: ${fs.statSync(OUT).size} bytes`);
