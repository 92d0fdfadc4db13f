// The project's shape, checked without a browser: every module in www/ and every source file of
// the core stays short enough to read in one sitting, every relative import names a file that
// exists, and neither the page's import graph nor the core's module graph has a cycle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const CORE = path.join(ROOT, 'crate', 'src');
const MAX_LINES = 400;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const files = filesUnder(WWW);
const modules = files.filter((f) => f.endsWith('.js'));
const name = (file) => path.relative(ROOT, file);

// Static imports and re-exports (`import … from './x.js'`, `export … from './x.js'`, a bare
// `import './x.js'`), relative ones only: the wasm glue and the lesson's dynamic import are
// loaded on demand and cannot close a cycle at load time.
const STATIC_IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function importsOf(file) {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(STATIC_IMPORT)].map((m) => path.resolve(path.dirname(file), m[1]));
}

const graph = new Map(modules.map((file) => [file, importsOf(file)]));

// The first cycle of `graph` (file → imported files) found by a depth-first walk, as the list of
// files around it, or null.
function findCycle(graph) {
  const state = new Map(); // file → 'open' while on the walk's path, 'done' after
  const trail = [];
  const visit = (file) => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...trail.slice(trail.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return null;
}

test(`no file in www/ is over ${MAX_LINES} lines`, () => {
  const long = files
    .map((file) => ({ file: name(file), lines: fs.readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  assert.deepEqual(long, [], `too long: ${long.map(({ file, lines }) => `${file} (${lines} lines)`).join(', ')}`);
});

test('every relative import in www/ names a file that exists', () => {
  const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !fs.existsSync(t)).map((t) => `${name(file)} → ${name(t)}`));
  assert.deepEqual(missing, []);
});

test('the import graph of www/ has no cycle', () => {
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `import cycle: ${cycle?.map(name).join(' → ')}`);
});

test('the cycle finder reports a cycle', () => {
  const [a, b, c] = ['a.js', 'b.js', 'c.js'].map((f) => path.join(WWW, f));
  assert.deepEqual(findCycle(new Map([[c, [a]], [a, [b]], [b, [a]]]))?.map(name), ['www/a.js', 'www/b.js', 'www/a.js']);
  assert.equal(findCycle(new Map([[a, [b]], [b, [c]], [c, []]])), null);
});

// The core's top-level modules (`config`, `nn`, `trainer`, ... of crate/src) and the ones each
// names through `crate::` paths (`use crate::nn::Layer`, `use crate::{config, data}`, or
// `crate::error::Result` in code).
function coreModuleGraph() {
  const graph = new Map();
  for (const file of filesUnder(CORE).filter((f) => f.endsWith('.rs'))) {
    const [first] = path.relative(CORE, file).split(path.sep);
    if (first === 'lib.rs') continue;
    const module = first.replace(/\.rs$/, '');
    // Comments may name a module without using it.
    const source = fs.readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
    const named = [
      ...[...source.matchAll(/\bcrate::([a-z_][a-z0-9_]*)/g)].map((m) => m[1]),
      ...[...source.matchAll(/\bcrate::\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((p) => p.trim().split('::')[0])),
    ].filter((other) => other !== module && (fs.existsSync(path.join(CORE, other)) || fs.existsSync(path.join(CORE, `${other}.rs`))));
    graph.set(module, new Set([...(graph.get(module) ?? []), ...named]));
  }
  return new Map([...graph].map(([module, targets]) => [module, [...targets]]));
}

test(`no source file in crate/src is over ${MAX_LINES} lines`, () => {
  const long = filesUnder(CORE)
    .filter((file) => file.endsWith('.rs'))
    .map((file) => ({ file: name(file), lines: fs.readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  assert.deepEqual(long, [], `too long: ${long.map(({ file, lines }) => `${file} (${lines} lines)`).join(', ')}`);
});

test('no module of crate/src reaches back to a module that reaches it', () => {
  const graph = coreModuleGraph();
  assert.ok(graph.get('trainer').includes('nn'), 'the module graph is read (trainer uses nn)');
  const cycle = findCycle(graph);
  assert.equal(cycle, null, `module cycle: ${cycle?.join(' → ')}`);
});
