// Comparing recipes on one chart (issue 15): a bigram, an MLP, a GRU and a GPT trained in turn
// leave the earlier ones as ghosts, each faded in its own style, numbered at its curve's end and
// named beside the chart with its parameter count (the core's, as the page shows it) and last
// test loss; each can be removed on its own; a fifth drops the oldest; ghosts of points stay out
// of the text charts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterNumber, open, runEpoch, screenshot, useBrowser } from '../page-harness.mjs';

const env = useBrowser();

// Pixels of a chart canvas within a few levels of `colour` drawn at half opacity on white.
function fadedPixels(page, id, colour) {
  return page.evaluate(([canvasId, rgb]) => {
    const canvas = document.getElementById(canvasId);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const [r, g, b] = rgb.map((c) => Math.round((c + 255) / 2));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) <= 8 && Math.abs(data[i + 1] - g) <= 8 && Math.abs(data[i + 2] - b) <= 8) n += 1;
    }
    return n;
  }, [id, colour]);
}

// The figure's rows: { label, parameters, colour, text } of each ghost, oldest first.
const ghostRows = (page) => page.getByTestId('ghost').evaluateAll((items) => items.map((li) => ({
  label: li.dataset.label, parameters: Number(li.dataset.parameters), colour: li.dataset.colour.split(',').map(Number), text: li.innerText,
})));

// The running cook's parameter count as the page's parameter view shows it (network().parameterCount).
const ownParameters = (page) => page.locator('[data-testid="param-count"] li.own').getAttribute('data-parameters').then(Number);

// Picks a recipe and waits for its cook's first draw.
async function pick(page, recipe) {
  const before = await page.evaluate(() => document.body.dataset.trainer);
  await page.selectOption('#preset', recipe);
  await page.waitForFunction((id) => document.body.dataset.trainer !== id && document.querySelector('[data-testid="count-epoch"]').textContent === '0', before);
}

// Waits until a chart holds (or no longer holds) pixels of a ghost's faded colour.
async function waitForPixels(page, id, colour, present) {
  const shown = (n) => (present ? n >= 20 : n === 0);
  while (!shown(await fadedPixels(page, id, colour))) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

test('bigram, MLP, GRU, GPT in turn: three ghosts beside the running cook, each named with its parameter count; ✕ removes one; a fifth drops the oldest; a points ghost waits for the points charts', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=spiral&seed=1&lang=en');
  await runEpoch(page, 1);
  const recipes = ['names-bigram', 'names-mlp', 'names-rnn', 'names-gpt'];
  const counts = [];
  const losses = [];
  for (const recipe of recipes) {
    await pick(page, recipe);
    await page.waitForSelector('[data-testid="param-count"] li.own');
    counts.push(await ownParameters(page));
    if (recipe === 'names-bigram') assert.equal(await page.getByTestId('ghost-cooks').isHidden(), true, 'the spiral ghost is not shown in text mode');
    if (recipe === 'names-gpt') break;
    await runEpoch(page, 1);
    losses.push(await counterNumber(page, 'testLoss'));
  }
  assert.equal(new Set(counts).size, 4, `four sizes: ${counts}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ghost"]').length === 3);
  const rows = await ghostRows(page);
  assert.deepEqual(rows.map((r) => r.label), ['Bigram', 'MLP', 'GRU']);
  assert.deepEqual(rows.map((r) => r.parameters), counts.slice(0, 3));
  for (const [i, row] of rows.entries()) {
    const loss = Number(row.text.match(/test loss ([\d.]+)/)[1]);
    assert.ok(Math.abs(loss - losses[i]) < 0.01, `${row.text}: the last test loss ${losses[i]}`);
    assert.ok(row.text.includes(`${counts[i].toLocaleString('en-US')} parameters`), row.text);
  }
  assert.match(await page.getByTestId('ghost-now').innerText(), new RegExp(`^this cook: GPT · ${counts[3].toLocaleString('en-US')} parameters`));
  // Drawn on both charts, each in its own colour.
  for (const row of rows) for (const chart of ['loss-chart', 'accuracy-chart']) await waitForPixels(page, chart, row.colour, true);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'ghosts-compare-en', false);
  // In Chinese: the models and counts in the page's words.
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.querySelector('[data-testid="ghost"]').dataset.label === '二元模型');
  const gru = (await ghostRows(page))[2].text;
  assert.ok(gru.includes(`GRU · ${counts[2].toLocaleString('en-US')} 个参数 · 测试损失 `), gru);
  assert.match(await page.getByTestId('ghost-now').innerText(), /^现在的厨师：GPT · /);
  await page.selectOption('#lang', 'en');

  // ✕ on the MLP: the bigram and the GRU stay, its curve goes.
  await page.getByRole('button', { name: 'Remove cook 2' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ghost"]').length === 2);
  assert.deepEqual((await ghostRows(page)).map((r) => r.label), ['Bigram', 'GRU']);
  await waitForPixels(page, 'loss-chart', rows[1].colour, false);

  // Two more bigrams (the same recipe: named by what differed), then a third: four at most,
  // the oldest (the first bigram) dropped.
  await pick(page, 'names-bigram');
  for (let run = 0; run < 3; run++) {
    await runEpoch(page, 1);
    await page.click('#reset');
    await page.waitForFunction(() => document.querySelector('[data-testid="count-epoch"]').textContent === '0');
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ghost"]').length === 4);
  assert.deepEqual((await ghostRows(page)).map((r) => r.label), ['GRU', 'same recipe', 'same recipe', 'same recipe']);

  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.waitForSelector('[data-testid="ghost-cooks"][hidden]', { state: 'attached' });
  await waitForPixels(page, 'loss-chart', rows[0].colour, false);
  // Clear all cleared the text ghosts: the spiral's waits for the points charts.
  await page.selectOption('#preset', 'spiral');
  await page.waitForFunction(() => document.body.dataset.mode === 'points');
  await page.waitForSelector('[data-testid="ghost-cooks"]:not([hidden])');
  assert.deepEqual((await ghostRows(page)).map((r) => r.label), ['same recipe']);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});
