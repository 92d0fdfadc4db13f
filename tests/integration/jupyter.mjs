// The Jupyter widget (python/neural_kitchen) in a real JupyterLab and Notebook 7 from PyPI (the
// venv that scripts/install-jupyter.sh makes, `make test-integration`), driven in headless
// Chromium: a notebook creates the widget, plays it and reads its metrics, weights and refusals
// back into Python cells. It waits for what the notebook and the widget show (polling, with a
// generous limit); nothing is timed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launch, ROOT, SCREENSHOTS } from '../page-harness.mjs';

const VENV = path.join(ROOT, '.venv-jupyter');
const WAIT = 120000; // ms for a cell to run, a widget to draw or a figure to arrive
const SETTLE = 200; // ms between reads of a cell polled for a figure

// The notebook's cells, in order; the test runs them one by one (some again).
const CELLS = [
  "from neural_kitchen import NeuralKitchen\nw = NeuralKitchen(preset='xor', views=['boundary', 'loss', 'counters'], counters=['epoch', 'step', 'testLoss'], config={'speed': 'fast', 'pauseLearned': False})\nw",
  'w.play()',
  "print(w.metrics['epoch'])",
  'w.pause()',
  "s0 = w.metrics['step']\nw.step(5)",
  "print(w.metrics['step'] - s0)",
  "print({name: list(a.shape) for name, a in w.weights.items()})",
  "w.config = {'learningRate': 50}",
  "print(repr(w.error), w.config['learningRate'], w.metrics['step'] - s0)",
  "w.config = {'learningRate': 0.1}",
  "print(repr(w.error), w.config['learningRate'], w.metrics['step'] - s0)",
  "cnn = NeuralKitchen(preset='digits-cnn', views=['counters'])\ncnn",
  "print({name: list(a.shape) for name, a in cnn.weights.items()})",
  "print(w.metrics['step'])",
  "w.preset = 'moons'",
  "print(w.config['dataset'], w.config['hidden'])",
  'w',
];

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

async function waitForServer(url, lab) {
  for (;;) {
    if (lab.exitCode !== null) throw new Error(`jupyter lab exited (${lab.exitCode}):\n${lab.log}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const env = {};

before(async () => {
  assert.ok(fs.existsSync(path.join(VENV, 'bin', 'jupyter-lab')), 'run scripts/install-jupyter.sh first (make test-integration does)');
  env.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-jupyter-'));
  const notebook = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: CELLS.map((source, i) => ({ cell_type: 'code', id: `cell-${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  };
  for (const name of ['widget.ipynb', 'notebook7.ipynb']) fs.writeFileSync(path.join(env.dir, name), JSON.stringify(notebook));
  const port = await freePort();
  const home = (name) => path.join(env.dir, `.${name}`);
  env.lab = spawn(path.join(VENV, 'bin', 'jupyter-lab'), [
    '--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--IdentityProvider.token=', '--ServerApp.password=',
    `--ServerApp.root_dir=${env.dir}`, '--ServerApp.disable_check_xsrf=True', '--LabApp.news_url=',
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []), // a CI container runs as root
  ], {
    env: { ...process.env, JUPYTER_CONFIG_DIR: home('config'), JUPYTER_RUNTIME_DIR: home('runtime'), IPYTHONDIR: home('ipython') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  env.lab.log = '';
  for (const stream of [env.lab.stdout, env.lab.stderr]) stream.on('data', (chunk) => { env.lab.log += chunk; });
  env.origin = `http://127.0.0.1:${port}`;
  await waitForServer(`${env.origin}/api/status`, env.lab);
  env.browser = await launch({ viewport: { width: 1200, height: 900 } });
});

after(async () => {
  await env.browser?.close();
  env.lab?.kill('SIGTERM');
  if (env.lab && env.lab.exitCode === null) await new Promise((resolve) => env.lab.once('exit', resolve));
  if (env.dir) fs.rmSync(env.dir, { recursive: true, force: true });
});

// Opens a notebook and waits for its kernel: a cell run before it is connected is dropped. (Both
// JupyterLab and Notebook 7 name the kernel in the toolbar and show its state in an indicator,
// 'idle' also before a kernel is chosen.)
async function openNotebook(page, url) {
  await page.goto(url);
  await page.locator('.jp-Notebook .jp-CodeCell').first().waitFor({ timeout: WAIT });
  await page.waitForFunction(() => document.querySelector('.jp-Toolbar-kernelName')?.getAttribute('aria-label') === 'Python 3 (ipykernel)'
    && document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle', null, { timeout: WAIT });
}

// Runs cell i (selected by a click on its prompt, run by the toolbar's Run button) and waits
// until its prompt shows a new execution count; returns its output's text.
async function run(page, i) {
  const cell = page.locator('.jp-Notebook .jp-CodeCell').nth(i);
  const prompt = cell.locator('.jp-InputArea-prompt');
  const before = await prompt.textContent();
  await prompt.click();
  await page.locator('.jp-Toolbar [data-command="notebook:run-cell-and-select-next"]').first().click();
  await page.waitForFunction(([el, was]) => /\[\d+\]/.test(el.textContent) && el.textContent !== was, [await prompt.elementHandle(), before], { timeout: WAIT });
  const error = await cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allTextContents();
  assert.deepEqual(error, [], `cell ${i} wrote to stderr`);
  return (await cell.locator('.jp-OutputArea-output').allTextContents()).join('\n').trim();
}

// Runs cell i again until `done(output)`; returns that output.
async function poll(page, i, done, what) {
  const end = Date.now() + WAIT;
  let output;
  do {
    output = await run(page, i);
    if (done(output)) return output;
    await page.waitForTimeout(SETTLE);
  } while (Date.now() < end);
  assert.fail(`cell ${i} never showed ${what}; last output: ${output}`);
}

// The number a counter of the widget shows ('epoch', 'step').
const counter = async (page, name) => Number((await page.locator(`.neural-kitchen [data-testid="count-${name}"]`).first().textContent()).replace(/[^\d]/g, ''));

test('the widget renders in JupyterLab, plays, and Python reads its metrics, weights and refusals', async () => {
  const page = await env.browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await driveNotebook(page, errors);
  } catch (error) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'jupyter-lab-failure.png') });
    throw error;
  } finally {
    await page.close();
  }
});

async function driveNotebook(page, errors) {
  await openNotebook(page, `${env.origin}/lab/tree/widget.ipynb?reset`);

  // Rendered: the element's plot and loss chart inside the first cell's output area.
  await run(page, 0);
  const output = page.locator('.jp-CodeCell').first().locator('.jp-OutputArea-output');
  await output.locator('.neural-kitchen #data-plot').waitFor({ timeout: WAIT });
  await output.locator('.neural-kitchen #loss-chart').waitFor({ timeout: WAIT });
  const box = await output.boundingBox();
  const app = await output.locator('.nk-app').boundingBox();
  assert.ok(app.width > 300 && app.x + app.width <= box.x + box.width + 1, `the app (${app.width} px wide) fits the output area (${box.width} px)`);

  await playAndReadEpochs(page, 'jupyter-lab.png');

  // step(5) after a pause (once Python holds the paused widget's step): five more steps.
  await run(page, 3);
  await page.locator('.neural-kitchen #play', { hasText: /^Play$/ }).waitFor({ timeout: WAIT });
  const paused = await counter(page, 'step');
  await poll(page, 13, (out) => Number(out) === paused, `the paused step ${paused}`);
  await run(page, 4);
  assert.equal(await poll(page, 5, (out) => out !== '0', 'the steps of step(5)'), '5');

  // The weights: xor's 2 features → 8 → 4 → its 2 classes (crate/src/presets.rs: cross-entropy
  // over a softmax), a float32 array per tensor.
  assert.deepEqual(JSON.parse((await run(page, 6)).replace(/'/g, '"')), {
    'layer 1 · weights': [8, 2], 'layer 1 · biases': [8],
    'layer 2 · weights': [4, 8], 'layer 2 · biases': [4],
    'layer 3 · weights': [2, 4], 'layer 3 · biases': [2],
  });

  // A refused setting names itself in w.error; the cook keeps its learning rate and its steps.
  await run(page, 7);
  const refused = await poll(page, 8, (out) => !out.startsWith("''"), 'the refusal');
  assert.match(refused, /^'learningRate must be between 0\.00001 and 10, got 50' 0\.03 5$/);
  assert.match(await output.locator('.neural-kitchen-error').textContent(), /learningRate must be between/);
  // An accepted one applies in place: the error clears, the steps stay.
  await run(page, 9);
  assert.equal(await poll(page, 10, (out) => out.includes(' 0.1 '), 'the new learning rate'), "'' 0.1 5");

  // A CNN's weights come in its layers' shapes: kernels (out, in, k, k).
  await run(page, 11);
  const cnn = await poll(page, 12, (out) => out !== '{}', "the CNN's weights");
  assert.deepEqual(JSON.parse(cnn.replace(/'/g, '"')), {
    'layer 1 · weights': [8, 1, 5, 5], 'layer 1 · biases': [8],
    'layer 3 · weights': [16, 8, 5, 5], 'layer 3 · biases': [16],
    'layer 5 · weights': [10, 256], 'layer 5 · biases': [10],
  });

  // Keys typed in the widget are its own, not the notebook's: B (insert a cell below) inserts
  // nothing, and Space plays it.
  const cells = await page.locator('.jp-Notebook .jp-Cell').count();
  await output.locator('.neural-kitchen [data-testid="count-epoch"]').click();
  await page.keyboard.press('b');
  await page.keyboard.press('Space');
  await output.locator('.neural-kitchen #play', { hasText: /^Pause$/ }).waitFor({ timeout: WAIT });
  assert.equal(await page.locator('.jp-Notebook .jp-Cell').count(), cells);

  // A new preset from Python: the widget becomes that recipe (moons: two layers of 8).
  await run(page, 14);
  assert.match(await poll(page, 15, (out) => out.startsWith('moons'), 'the new preset'), /^moons \[\{'units': 8, 'activation': 'tanh'\}, \{'units': 8, 'activation': 'tanh'\}\]$/);

  // Shown a second time, the widget says so rather than train a second cook.
  await run(page, 16);
  await page.locator('.jp-CodeCell').nth(16).locator('.jp-OutputArea-output', { hasText: /already shown above/ }).waitFor({ timeout: WAIT });
  assert.equal(await page.locator('.neural-kitchen').count(), 2); // the xor widget and the CNN
  assert.deepEqual(errors, []);
}

test('the widget renders and plays in Notebook 7, and Python reads a growing epoch', async () => {
  const page = await env.browser.context.newPage();
  try {
    await openNotebook(page, `${env.origin}/notebooks/notebook7.ipynb`);
    await run(page, 0);
    await page.locator('.jp-CodeCell').first().locator('.neural-kitchen #data-plot').waitFor({ timeout: WAIT });
    await playAndReadEpochs(page, 'jupyter-notebook7.png');
  } finally {
    await page.close();
  }
});

// Plays (cell 1): the epoch read from Python (cell 2) is above 0, and a later read is larger;
// then a screenshot of the widget's cell named `shot`.
async function playAndReadEpochs(page, shot) {
  await run(page, 1);
  await waitForEpoch(page, 1);
  const first = Number(await run(page, 2));
  assert.ok(first > 0, `w.metrics['epoch'] after play: ${first}`);
  await waitForEpoch(page, first + 1);
  const second = Number(await run(page, 2));
  assert.ok(second > first, `a later w.metrics['epoch'] (${second}) is larger than ${first}`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('.jp-CodeCell').first().screenshot({ path: path.join(SCREENSHOTS, shot) });
}

// Waits until the widget's epoch counter shows at least `epoch`.
async function waitForEpoch(page, epoch) {
  const end = Date.now() + WAIT;
  while ((await counter(page, 'epoch')) < epoch) {
    if (Date.now() > end) assert.fail(`the widget never reached epoch ${epoch}`);
    await page.waitForTimeout(SETTLE);
  }
}
