// Image mode as a learner uses it: switch to digits, train, watch the feature maps and kernels
// change, draw a digit, read the teacher's confusion matrix, survive a layer that does not fit,
// share the link; a CNN on MNIST; phone width. Headless Chromium, no clock waits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, counterNumber, drawOne, launch, open, press, runEpoch, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

// A small CNN on the 8×8 digits: fast enough to train a few epochs in a test.
const SMALL_CNN = '?dataset=digits8&seed=3&layers=conv4k3p1-relu,max2,conv8k3p1-relu,flatten,dense16-relu&optimizer=adam&learningRate=0.01&batchSize=20';

// What a canvas shows: its number of distinct colours (1 = blank) and a fingerprint.
function canvasSummary(page, selector) {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].map((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      const c = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(c);
      hash = (hash * 31 + c) >>> 0;
    }
    return { colours: colours.size, hash, visible: canvas.offsetWidth > 0 };
  }), selector);
}

// Waits until the views show, completely drawn, another trainer than `before` (the page's
// body's data-trainer): a new cook's views draw with its first snapshot from the worker.
function drawnNewCook(page, before) {
  return page.waitForFunction((b) => document.body.dataset.trainer !== b, before);
}

async function epochs(page, n) {
  const start = await counterNumber(page, 'epoch');
  for (let k = 1; k <= n; k++) await runEpoch(page, start + k);
}

async function confusionTotal(page) {
  await page.waitForSelector('[data-testid="confusion-cell"]');
  return page.locator('[data-testid="confusion-cell"]').evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.textContent || 0), 0));
}

test('switching to 8×8 digits shows image mode; training lowers the loss and changes maps and kernels', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle');
  assert.ok(await page.locator('#data-plot').isVisible(), 'points mode first');
  await page.selectOption('#dataset', 'digits8');
  await page.waitForFunction(() => location.search.startsWith('?dataset=digits8&') && document.body.dataset.mode === 'images');
  assert.equal(await page.inputValue('#preset'), 'digits8-mlp', 'the dataset brings its recipe');
  assert.equal(await page.locator('#data-plot').isVisible(), false, 'the point plot is gone');
  assert.equal(new URL(page.url()).searchParams.get('layers'), 'dense32-relu');
  assert.equal(new URL(page.url()).searchParams.has('hidden'), false, 'points-only fields leave the link');

  // The first draw of the new cook comes with its first snapshot from the worker.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="feature-map"]').length >= 3);
  const maps0 = await canvasSummary(page, '[data-testid="feature-map"]');
  const kernels0 = await canvasSummary(page, '[data-testid="kernel"]');
  assert.ok(maps0.length >= 3 && maps0.every((m) => m.colours > 1), `feature maps drawn: ${JSON.stringify(maps0)}`);
  assert.ok(kernels0.length === 1 && kernels0[0].colours > 1, 'the first layer\'s weights show as templates');
  const before = await counterNumber(page, 'trainLoss');
  await epochs(page, 3);
  const after = await counterNumber(page, 'trainLoss');
  assert.ok(after < before / 2, `train loss fell: ${before} → ${after}`);
  assert.ok(await counterNumber(page, 'testAccuracy') > 80);
  await page.waitForFunction(() => /judged at step 216\./.test(document.getElementById('verdict-status').textContent));
  const maps1 = await canvasSummary(page, '[data-testid="feature-map"]');
  const kernels1 = await canvasSummary(page, '[data-testid="kernel"]');
  assert.notEqual(kernels1[0].hash, kernels0[0].hash, 'the templates changed');
  assert.notEqual(maps1[1].hash, maps0[1].hash, 'the hidden layer\'s maps changed');

  // The teacher's verdict: every test image in the table, mistakes in the gallery.
  const testImages = await page.evaluate(() => Number(/([\d,]+) test images/.exec(document.getElementById('verdict-status').textContent)[1].replace(/,/g, '')));
  assert.equal(await confusionTotal(page), testImages);
  const cell = page.locator('[data-testid="confusion-cell"][data-row="3"][data-column="3"]');
  const n = Number(await cell.innerText());
  await cell.click();
  await page.waitForFunction((k) => document.querySelectorAll('#cell-examples [data-testid="thumb"]').length === Math.min(k, 48), n);
  const focusedCell = () => page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset.testid === 'confusion-cell' ? `${el.dataset.row},${el.dataset.column}` : el?.tagName;
  });
  assert.equal(await focusedCell(), '3,3', 'the clicked cell keeps the keyboard focus');
  assert.equal(await cell.getAttribute('aria-pressed'), 'true');
  // A step from the keyboard brings new numbers, written into the same table; the focus stays
  // on the same cell.
  const step = await counterNumber(page, 'step');
  const table = await page.getByTestId('confusion').elementHandle();
  await page.keyboard.press('s');
  await waitForCounter(page, 'step', String(step + 1));
  await page.waitForFunction((s) => new RegExp(`judged at step ${s}\\.`).test(document.getElementById('verdict-status').textContent), step + 1);
  assert.equal(await confusionTotal(page), testImages, 'the new verdict counts every test image');
  assert.ok(await table.evaluate((t) => t.isConnected), 'the cells changed in place');
  assert.equal(await focusedCell(), '3,3', 'the focus survives the redraw');
  // Cells changed in place show what a table built afresh (for another language) shows.
  const counts = () => page.locator('[data-testid="confusion-cell"]').evaluateAll((cells) => cells.map((c) => c.textContent));
  const inPlace = await counts();
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction((old) => !old.isConnected, table);
  assert.deepEqual(await counts(), inPlace);
  await page.selectOption('#lang', 'en');
  await cell.focus();
  await page.locator('#cell-examples [data-testid="thumb"]').first().click();
  await page.waitForFunction(() => /: 3$/.test(document.getElementById('example-readout').textContent));
  assert.match(await page.locator('.class-bars li.truth').innerText(), /^3 ✓/);
  await screenshot(page, 'images-digits8');
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});

test('a small CNN: kernels per input channel, gradients of the feature maps after the backward phase', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, SMALL_CNN);
  const shapes = await page.locator('[data-testid="layer-shape"]').allTextContents(); // (in the folded editor)
  assert.deepEqual(shapes, ['→ 1 × 8 × 8', '→ 4 × 8 × 8', '→ 4 × 4 × 4', '→ 8 × 4 × 4', '→ 128', '→ 16', '→ 10']);
  const kernels = await canvasSummary(page, '[data-testid="kernel"]');
  assert.equal(kernels.length, 2, 'one block per conv layer');
  assert.ok(kernels.every((k) => k.colours > 1));
  assert.equal(await page.locator('[data-testid="feature-gradient"]:visible').count(), 0, 'no gradients before the backward phase');
  await press(page, 'p', 3);
  await page.waitForSelector('.phases li.done[data-phase="backward"]');
  assert.ok(await page.locator('input[name="kernels"][value="gradients"]').isChecked(), 'kernels switch to gradients');
  const grads = await canvasSummary(page, '[data-testid="feature-gradient"]');
  assert.ok(grads.filter((g) => g.visible && g.colours > 1).length >= 4, `gradient maps drawn: ${JSON.stringify(grads)}`);
  assert.match(await page.getByTestId('phase-detail').innerText(), /conv 1 [\d.e-]+ · conv 3 [\d.e-]+/);
  await screenshot(page, 'images-cnn-backward');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('a layer that does not fit shows the core\'s message; the running cook keeps training', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, SMALL_CNN);
  await press(page, 's', 2);
  await waitForCounter(page, 'step', '2');
  const url = page.url();
  await page.click('[data-testid="stack-details"] > summary'); // the layer editor opens folded
  await page.fill('input[data-key="kernel2"]', '9');
  await page.press('input[data-key="kernel2"]', 'Enter');
  const error = page.getByTestId('layers-error');
  await page.waitForFunction(() => document.querySelector('[data-testid="layers-error"]').textContent.length > 0);
  assert.match(await error.innerText(), /layer 3: kernel 9×9 is larger than its 4×4 input/);
  assert.equal(await page.inputValue('input[data-key="kernel2"]'), '9', 'the draft stays for correction');
  assert.equal(page.url(), url, 'the link keeps the running network');
  assert.equal(await counter(page, 'step'), '2', 'the running model kept its state');
  await press(page, 's');
  await waitForCounter(page, 'step', '3');
  await screenshot(page, 'images-bad-layer');

  // Fixing it rebuilds the network and the shapes follow.
  await page.fill('input[data-key="kernel2"]', '3');
  await page.press('input[data-key="kernel2"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="layers-error"]').textContent === '');
  await page.locator('select[data-key="kind1"]').selectOption('avgPool2d');
  await page.waitForFunction(() => location.search.includes('layers=conv4k3p1-relu,avg2,'));
  await page.click('button[data-key="remove3"]');
  await page.waitForFunction(() => location.search.includes('layers=conv4k3p1-relu,avg2,conv8k3p1-relu,dense16-relu&'));
  assert.deepEqual(await page.locator('[data-testid="layer-shape"]').allInnerTexts(), ['→ 1 × 8 × 8', '→ 4 × 8 × 8', '→ 4 × 4 × 4', '→ 8 × 4 × 4', '→ 16', '→ 10']);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the layer editor names every kind of layer in English and Chinese; a text-only kind is refused by name', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${SMALL_CNN}&lang=zh`);
  await page.click('[data-testid="stack-details"] > summary');
  const kinds = () => page.locator('select[data-key="addKind"] option').evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
  const zh = await kinds();
  assert.deepEqual(zh.map(([value]) => value), ['conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'dropout', 'dense', 'embed', 'gpt', 'rnn']);
  for (const [value, text] of zh) assert.ok(!text.startsWith('kind.') && text !== value, `${value} reads as ${text}`);
  assert.deepEqual(Object.fromEntries(zh.filter(([v]) => ['embed', 'rnn'].includes(v))), { embed: '嵌入', rnn: '循环（RNN）' });
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('select[data-key="addKind"] option[value="rnn"]').textContent === 'recurrent (RNN)');
  const en = await kinds();
  for (const [value, text] of en) assert.ok(!text.startsWith('kind.'), `${value} reads as ${text}`);
  assert.deepEqual(Object.fromEntries(en.filter(([v]) => ['embed', 'gpt', 'rnn'].includes(v))), { embed: 'embedding', gpt: 'GPT', rnn: 'recurrent (RNN)' });
  // A GPT in an image network: the core's message says why; the running cook stays.
  const url = page.url();
  await page.locator('select[data-key="kind1"]').selectOption('gpt');
  await page.waitForFunction(() => document.querySelector('[data-testid="layers-error"]').textContent.length > 0);
  assert.match(await page.getByTestId('layers-error').innerText(), /^layers must be no gpt for this dataset: a gpt reads token ids of a text dataset/);
  assert.equal(page.url(), url, 'the link keeps the running network');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('drawing a digit on the pad shows the cook\'s answer and its feature maps', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2');
  await epochs(page, 2);
  const maps0 = await canvasSummary(page, '[data-testid="feature-map"]');
  await drawOne(page);
  const probabilities = await page.getByTestId('class-probability').allInnerTexts();
  const total = probabilities.reduce((sum, p) => sum + Number(p.replace(/[ %]/g, '')), 0);
  assert.ok(Math.abs(total - 100) < 1, `probabilities shown: ${probabilities.join(', ')}`);
  assert.equal(await page.locator('.class-bars li.truth').count(), 0, 'a drawing has no right answer');
  const maps1 = await canvasSummary(page, '[data-testid="feature-map"]');
  assert.notEqual(maps1[0].hash, maps0[0].hash, 'the input map is the drawing');
  await screenshot(page, 'images-drawing');
  await page.click('#pad-clear');
  await page.waitForFunction(() => /^Test image #/.test(document.getElementById('example-readout').textContent));
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the MNIST CNN recipe trains in the page, and its link reproduces the network', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle');
  const circle = await page.getAttribute('body', 'data-trainer');
  await page.selectOption('#preset', 'digits-cnn');
  await page.waitForFunction(() => location.search.startsWith('?dataset=mnist&') && document.body.dataset.mode === 'images');
  assert.equal(new URL(page.url()).searchParams.get('layers'), 'conv8k5p2-relu,max2,conv16k5p2-relu,max3');
  assert.deepEqual(await page.locator('[data-testid="layer-shape"]').allTextContents(), ['→ 1 × 28 × 28', '→ 8 × 28 × 28', '→ 8 × 14 × 14', '→ 16 × 14 × 14', '→ 16 × 4 × 4', '→ 10']);
  await page.selectOption('#maxSteps', '5');
  await drawnNewCook(page, circle);
  const loss0 = await counterNumber(page, 'trainLoss');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, '')) >= 60);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  const kernels = await canvasSummary(page, '[data-testid="kernel"]');
  assert.ok(kernels.length === 2 && kernels.every((k) => k.colours > 1));
  await runEpoch(page, 1);
  const loss1 = await counterNumber(page, 'trainLoss');
  assert.ok(loss1 < loss0 / 2, `train loss fell: ${loss0} → ${loss1}`);
  await page.waitForFunction(() => document.getElementById('verdict-status').textContent.endsWith(`judged at step ${document.querySelector('[data-testid="count-step"]').textContent}.`), null, { timeout: 60000 });
  assert.equal(await confusionTotal(page), 1000);
  await screenshot(page, 'images-mnist-cnn');

  const shared = await open(env.browser.context, env.server.origin, new URL(page.url()).search);
  assert.equal(await shared.page.inputValue('#preset'), 'digits-cnn');
  assert.equal(await counter(shared.page, 'step'), '0');
  assert.equal(await counterNumber(shared.page, 'trainLoss'), loss0, 'the same cook at the start: same seed, same network');
  await shared.page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('image mode reads on a phone and in Chinese', async () => {
  const phone = await launch({ locale: 'zh-CN', viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { page, problems } = await open(phone.context, env.server.origin, SMALL_CNN);
  await epochs(page, 1);
  assert.match(await page.locator('#verdict-title').innerText(), /老师的评判/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling: ${overflow}px`);
  await screenshot(page, 'images-phone');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await phone.close();
});
