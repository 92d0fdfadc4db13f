// The page as a learner uses it, in headless Chromium: load, train, step by phase, share a link,
// recover from bad input, inspect and edit a weight, switch language, read it on a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickEdge, counter, counterNumber, launch, open, playEpochs, press, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

test('the page loads with no console error and nothing fetched from another origin', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin);
  assert.ok(await page.locator('[data-testid="node"]').count() > 0, 'the diagram shows neurons');
  assert.ok(await page.locator('[data-testid="edge"]').count() > 0, 'the diagram shows edges');
  assert.equal(await counter(page, 'step'), '0');
  await screenshot(page, 'loaded');
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});

test('play trains and lowers the training loss', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&seed=3');
  const before = await counterNumber(page, 'trainLoss');
  await playEpochs(page, 10);
  const after = await counterNumber(page, 'trainLoss');
  assert.ok(after < before, `train loss fell: ${before} → ${after}`);
  await screenshot(page, 'after-play');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('while playing, the loss chart follows the epochs, not only once paused', async () => {
  // xor's decision grid repaints nearly every frame: the chart, drawn after it, must still get turns.
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=xor&seed=1');
  const chart = () => page.evaluate(() => document.querySelector('#loss-chart').toDataURL());
  const pictures = new Set([await chart()]);
  await press(page, ' ');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-epoch"]').textContent) >= 1);
  for (let i = 0; i < 80 && pictures.size < 4; i += 1) {
    pictures.add(await chart());
    await page.waitForTimeout(100);
  }
  const epoch = await counterNumber(page, 'epoch');
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid="count-epoch"]').textContent.replace(/,/g, '')) > e, epoch);
  assert.ok(pictures.size >= 4, `the loss chart took ${pictures.size - 1} new pictures in up to 8 s of play (still playing)`);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('stepping by phase runs forward, loss, backward, update in order and shows what each changed', async () => {
  const { page } = await open(env.browser.context, env.server.origin, '?dataset=xor&seed=5');
  const done = () => page.locator('.phases li.done').getAttribute('data-phase');
  const next = () => page.locator('.phases li.next').getAttribute('data-phase');
  const detail = page.getByTestId('phase-detail');
  assert.equal(await next(), 'forward');
  assert.equal(await counter(page, 'batchLoss'), '–');

  await press(page, 'p');
  await page.waitForSelector('.phases li.done[data-phase="forward"]');
  assert.equal(await next(), 'loss');
  assert.match(await detail.innerText(), /batch/i);
  assert.match(await page.locator('#probe-readout').innerText(), /first example of the batch/i);
  await screenshot(page, 'phase-forward');

  await press(page, 'p');
  await page.waitForSelector('.phases li.done[data-phase="loss"]');
  assert.equal(await next(), 'backward');
  const batchLoss = await counterNumber(page, 'batchLoss');
  assert.ok(batchLoss > 0, `batch loss shown: ${batchLoss}`);
  assert.match(await detail.innerText(), new RegExp(`${await counter(page, 'batchLoss')}`));

  await press(page, 'p');
  await page.waitForSelector('.phases li.done[data-phase="backward"]');
  assert.equal(await next(), 'update');
  assert.ok(await page.locator('input[name="edges"][value="gradients"]').isChecked(), 'edges switch to gradients');
  assert.match(await detail.innerText(), /L1 [\d.e-]+ · L2 [\d.e-]+ · output [\d.e-]+/);
  await screenshot(page, 'phase-backward');

  await press(page, 'p');
  await page.waitForSelector('.phases li.done[data-phase="update"]');
  assert.equal(await next(), 'forward');
  assert.equal(await done(), 'update');
  assert.equal(await counter(page, 'step'), '1');
  assert.ok(await page.locator('input[name="edges"][value="update"]').isChecked(), 'edges show the last update');
  assert.match(await detail.innerText(), /Largest change: (Weight .+ → .+|Bias of .+): -?[\d.e-]+ → -?[\d.e-]+/);
  await screenshot(page, 'phase-update');
  await page.close();
});

test('a shared link reproduces the same run', async () => {
  const query = '?dataset=moons&seed=42&noise=10&hidden=6:relu,4:tanh&optimizer=adam&learningRate=0.01&batchSize=5&init=he';
  const run = async () => {
    const { page } = await open(env.browser.context, env.server.origin, query);
    await press(page, 's', 30);
    await waitForCounter(page, 'step', '30');
    await press(page, 'e');
    await waitForCounter(page, 'epoch', '1');
    const result = { url: page.url(), batchLoss: await counter(page, 'batchLoss'), trainLoss: await counter(page, 'trainLoss'), testLoss: await counter(page, 'testLoss') };
    await page.close();
    return result;
  };
  const first = await run();
  const second = await run();
  assert.match(first.url, /seed=42/);
  assert.match(first.url, /hidden=6:relu,4:tanh/);
  assert.deepEqual(second, first);

  // The link carries the seed: another seed is another run.
  const { page } = await open(env.browser.context, env.server.origin, query.replace('seed=42', 'seed=43'));
  await press(page, 's', 30);
  await waitForCounter(page, 'step', '30');
  await press(page, 'e');
  await waitForCounter(page, 'epoch', '1');
  assert.notEqual(await counter(page, 'trainLoss'), first.trainLoss);
  await page.close();
});

test('a bad link value shows a message naming the field and the page still trains', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?learningRate=-1&dataset=foo');
  const messages = await page.getByTestId('page-message').allInnerTexts();
  const rate = messages.find((m) => /learningRate must be between 0\.00001 and 10, got -1/.test(m));
  assert.ok(rate, messages.join('\n'));
  assert.ok(messages.some((m) => /dataset must be one of .*spiral.*, got foo/.test(m)), messages.join('\n'));
  // The field shows the default the message announced.
  const fallback = /Using (\d+(?:\.\d+)?)/.exec(rate)[1];
  assert.equal(await page.inputValue('#learningRate'), fallback);
  assert.equal(await page.inputValue('#dataset'), 'spiral');
  await screenshot(page, 'bad-link');
  await page.click('#step');
  await waitForCounter(page, 'step', '1');
  assert.match(page.url(), new RegExp(`learningRate=${fallback}&`));
  assert.deepEqual(problems.page, []);
  await page.close();
});

test('a bad field value shows a message next to the field and keeps the running model', async () => {
  const { page } = await open(env.browser.context, env.server.origin, '?dataset=gaussian&seed=9');
  await press(page, 's', 3);
  await waitForCounter(page, 'step', '3');
  const lossBefore = await counter(page, 'batchLoss');

  await page.fill('#learningRate', '-1');
  await page.press('#learningRate', 'Enter');
  const error = page.locator('[data-error-for="learningRate"]');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /learningRate must be between 0\.00001 and 10, got -1/);
  assert.equal(await page.getAttribute('#learningRate', 'aria-invalid'), 'true');

  await page.fill('#points', '7');
  await page.press('#points', 'Enter');
  await page.locator('[data-error-for="points"]').waitFor({ state: 'visible' });
  assert.match(await page.locator('[data-error-for="points"]').innerText(), /points must be .*between 50 and 2000, got 7/);

  // Same model: the counters did not reset, and it goes on from step 3.
  assert.equal(await counter(page, 'step'), '3');
  assert.equal(await counter(page, 'batchLoss'), lossBefore);
  assert.doesNotMatch(page.url(), /learningRate=-1|points=7/);
  await screenshot(page, 'bad-field');
  await press(page, 's');
  await waitForCounter(page, 'step', '4');

  // A good value is taken during training, without a reset.
  await page.fill('#learningRate', '0.1');
  await page.press('#learningRate', 'Enter');
  await error.waitFor({ state: 'hidden' });
  assert.match(page.url(), /learningRate=0\.1&/);
  assert.equal(await counter(page, 'step'), '4');
  await page.close();
});

test('clicking an edge opens its panel, and editing the weight changes it', async () => {
  const { page } = await open(env.browser.context, env.server.origin, '?dataset=xor&seed=2');
  const label = await clickEdge(page, 3);
  const panel = page.locator('#edge-panel');
  await panel.waitFor({ state: 'visible' });
  const title = await page.getByTestId('param-title').innerText();
  assert.equal(title.toLowerCase(), label.toLowerCase(), 'the panel names the clicked edge');
  const values = page.getByTestId('param-values');
  assert.match(await values.innerText(), /Value\s+-?[\d.e-]+/);
  assert.match(await values.innerText(), /Gradient/);
  assert.match(await values.innerText(), /Last update/);

  await page.fill('[data-testid="param-input"]', '2.5');
  await page.press('[data-testid="param-input"]', 'Enter');
  await page.waitForFunction(() => /Value\s+2\.5\b/.test(document.querySelector('[data-testid="param-values"]').innerText));

  await page.fill('[data-testid="param-input"]', '5000');
  await page.press('[data-testid="param-input"]', 'Enter');
  const error = page.getByTestId('param-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /1000/);
  assert.match(await values.innerText(), /Value\s+2\.5\b/);
  await screenshot(page, 'edge-panel');
  await page.close();
});

test('with every seasoning at 1 gram the neurons of a layer stay identical', async () => {
  // Two hidden layers and the two-unit softmax output: three layers of identical neurons.
  const { page } = await open(env.browser.context, env.server.origin, '?dataset=circle&init=ones&hidden=4:tanh,3:tanh&loss=crossEntropy');
  assert.equal(await page.getByTestId('identical').count(), 3);
  await press(page, 'e');
  await waitForCounter(page, 'epoch', '1');
  // The hidden neurons stay identical; the two softmax outputs get opposite gradients and split.
  assert.equal(await page.getByTestId('identical').count(), 2, 'symmetry never breaks in the hidden layers');
  await screenshot(page, 'identical-neurons');
  await page.close();

  const xavier = await open(env.browser.context, env.server.origin, '?dataset=circle&init=xavier&hidden=4:tanh,3:tanh');
  assert.equal(await xavier.page.getByTestId('identical').count(), 0);
  await xavier.page.close();
});

test('the language switch shows Chinese and the link keeps it', async () => {
  const { page } = await open(env.browser.context, env.server.origin);
  assert.match(await page.locator('.phases').innerText(), /Forward/);
  assert.deepEqual(await page.locator('.caption').evaluateAll((els) => [...new Set(els.map((el) => getComputedStyle(el).fontStyle))]), ['italic']);
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
  assert.match(await page.locator('.phases').innerText(), /前向/);
  assert.match(await page.locator('#play').innerText(), /开始/);
  // Chinese has no italics: its captions stand upright (the English ones lean).
  const captionStyles = () => page.locator('.caption').evaluateAll((els) => [...new Set(els.map((el) => getComputedStyle(el).fontStyle))]);
  assert.deepEqual(await captionStyles(), ['normal']);
  assert.match(page.url(), /lang=zh/);
  await screenshot(page, 'chinese');
  await page.close();
});

test('a Chinese browser gets the Chinese page by default', async () => {
  const zh = await launch({ locale: 'zh-CN' });
  try {
    const { page } = await open(zh.context, env.server.origin);
    assert.equal(await page.inputValue('#lang'), 'zh');
    assert.match(await page.locator('h2#network-title').innerText(), /厨师/);
  } finally {
    await zh.close();
  }
});

test('at phone width the page stacks without horizontal overflow', async () => {
  const phone = await launch({ viewport: { width: 375, height: 740 }, locale: 'en-US' });
  try {
    const { page, problems } = await open(phone.context, env.server.origin);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `scrollWidth ${widths.scroll} ≤ clientWidth ${widths.client}`);
    const plot = await page.locator('#data-plot').boundingBox();
    const diagram = await page.locator('#network-diagram').boundingBox();
    assert.ok(plot.y + plot.height <= diagram.y, 'the plot sits above the diagram');
    assert.ok(plot.width <= 375 && diagram.x + diagram.width <= 375);
    await screenshot(page, 'phone');
    assert.deepEqual(problems.console.concat(problems.page), []);
  } finally {
    await phone.close();
  }
});
