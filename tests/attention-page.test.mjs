// The reading panel (issue 15): for names-gpt, one attention map per head of each layer over the
// chat box's text (or an example while it is empty), labelled with its characters, sharpening
// after practice; a clicked or keyed cell said in words; each character's loss as a bar, for
// every text model; in English and Chinese, on a phone, and in an embed that names the views.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, openEmbeds, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// The maps' sharpness (each map's mean largest share of a row), once drawn for `positions` tokens.
async function sharpness(page, positions) {
  await page.waitForFunction((n) => document.querySelector('[data-testid="attention-maps"]')?.dataset.positions === String(n), positions);
  return page.evaluate(() => [...document.querySelectorAll('.attention-map')].map((f) => Number(f.dataset.sharpness)));
}

// Clicks cell (query, key) of map `index` (layer by layer, head by head).
async function clickCell(page, index, query, key) {
  const canvas = page.getByTestId('attention-map').nth(index);
  const box = await canvas.boundingBox();
  const n = await page.evaluate(() => Number(document.querySelector('[data-testid="attention-maps"]').dataset.positions));
  const cell = box.width / n;
  await canvas.click({ position: { x: (key + 0.5) * cell, y: (query + 0.5) * cell } });
}

const said = (page) => page.getByTestId('attention-said').innerText();
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

test('names-gpt: a map per head of each layer over the example, sharper after practice; a cell in words; every character a loss', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt');
  assert.match(await page.getByTestId('reading-text').innerText(), /“christopher”, an example/);
  const before = await sharpness(page, 12);
  assert.equal(before.length, 8, '2 layers × 4 heads');
  // Fresh, every row is spread almost evenly over the keys it sees (mean largest share ≈ 0.26).
  assert.ok(before.every((s) => s < 0.3), `fresh: ${before}`);
  const captions = await page.locator('.attention-map figcaption').allInnerTexts();
  assert.deepEqual(captions.slice(0, 2), ['layer 1 · head 1', 'layer 1 · head 2']);
  assert.deepEqual(await page.locator('.attention-map').first().locator('.attention-queries span').allInnerTexts(), ['⏎', ...'christopher']);
  assert.match(await page.getByTestId('legend-attention').innerText(), /0 %.*100 %/s);

  await clickCell(page, 1, 3, 1);
  assert.match(await said(page), /^layer 1 · head 2: “r” \(position 3\) looks at “c” \(position 1\): \d+(\.\d)? %\.$/);
  await clickCell(page, 0, 2, 5);
  assert.equal(await said(page), 'layer 1 · head 1: “h” (position 2) cannot look at “s” (position 5): it comes later.');
  // The keyboard: a map takes the focus, the arrow keys move the picked cell.
  await page.getByTestId('attention-map').nth(4).focus();
  assert.match(await said(page), /^layer 2 · head 1: “r” \(position 11\) looks at /);
  await page.keyboard.press('ArrowUp');
  assert.match(await said(page), /^layer 2 · head 1: “e” \(position 10\) /);

  const losses = page.getByTestId('position');
  assert.equal(await losses.count(), 11);
  const values = await page.locator('.position-losses li').evaluateAll((items) => items.map((li) => Number(li.dataset.loss)));
  assert.ok(values.every((l) => Math.abs(l - Math.log(27)) < 1), `fresh losses near ln 27: ${values}`);
  await losses.nth(3).click();
  assert.match(await page.getByTestId('position-said').innerText(), /^“i” after “chr”: the cook gave it \d/);
  await screenshot(page, 'attention-names-en-fresh');

  await press(page, 's', 40);
  await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '40');
  await page.waitForFunction((b) => {
    const now = [...document.querySelectorAll('.attention-map')].map((f) => Number(f.dataset.sharpness));
    return now.reduce((a, x) => a + x, 0) / now.length > b + 0.05;
  }, mean(before));
  const trained = await page.locator('.position-losses li').evaluateAll((items) => items.map((li) => Number(li.dataset.loss)));
  assert.notDeepEqual(trained, values, 'the losses follow the weights');
  assert.match(await said(page), /^layer 2 · head 1: “e” \(position 10\) /, 'the picked cell stays picked');
  await screenshot(page, 'attention-names-en-trained');

  // The learner's own text replaces the example; a character the vocabulary lacks is refused.
  await page.fill('#prompt', 'emma');
  await sharpness(page, 5);
  assert.match(await page.getByTestId('reading-text').innerText(), /“emma”, what you typed/);
  assert.equal(await losses.count(), 4);
  await page.fill('#prompt', 'em!');
  await page.waitForSelector('[data-testid="reading-problem"].visible');
  assert.match(await page.getByTestId('reading-problem').innerText(), /'!'/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('in Chinese, the maps and their sentences; on a phone nothing overflows', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&lang=zh&prompt=anna');
  await page.setViewportSize({ width: 390, height: 844 });
  await sharpness(page, 5);
  // Drawn again for the phone's width before a cell is clicked by its place.
  await page.waitForFunction(() => Math.max(...[...document.querySelectorAll('.attention-map')].map((f) => f.getBoundingClientRect().right)) <= 390);
  assert.deepEqual((await page.locator('.attention-map figcaption').allInnerTexts()).slice(0, 2), ['第 1 层 · 第 1 头', '第 1 层 · 第 2 头']);
  await clickCell(page, 0, 4, 0);
  assert.match(await said(page), /^第 1 层 · 第 1 头：“a”（第 4 位）看向开头（⏎）：\d/);
  assert.match(await page.getByTestId('position-summary').innerText(), /^最难猜：/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scroll on a phone');
  // Two maps a row (a caption's width each), the text's length whatever.
  const rows = () => page.evaluate(() => {
    const tops = [...document.querySelectorAll('.attention-map')].map((f) => f.getBoundingClientRect());
    return { rows: new Set(tops.map((r) => Math.round(r.top))).size, right: Math.max(...tops.map((r) => r.right)) };
  });
  const short = await rows();
  assert.equal(short.rows, 4);
  assert.ok(short.right <= 390, `maps end at ${short.right}`);
  await page.fill('#prompt', '');
  await sharpness(page, 12);
  const long = await rows();
  assert.equal(long.rows, 4);
  assert.ok(long.right <= 390, `maps end at ${long.right}`);
  await screenshot(page, 'attention-names-zh-phone');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('names-mlp has no attention: one line says so; its characters still get their losses', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-mlp&prompt=mar');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="position"]').length === 3);
  assert.equal(await page.getByTestId('attention-none').isVisible(), true);
  assert.equal(await page.getByTestId('attention-map').count(), 0);
  assert.match(await page.getByTestId('attention-none').innerText(), /Only a GPT has attention/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('an embed that names attention and position-loss shows them alone and they draw', async () => {
  const { page, problems } = await openEmbeds(env.browser.context, env.server.origin, [{ preset: 'names-gpt', views: 'attention,position-loss', controls: 'step', lang: 'en' }]);
  const drawn = () => page.evaluate(() => {
    const root = document.querySelector('neural-kitchen').shadowRoot;
    const visible = (sel) => [...root.querySelectorAll(sel)].filter((el) => el.getClientRects().length > 0).length;
    return { maps: visible('[data-testid="attention-map"]'), positions: visible('[data-testid="position"]'), chat: visible('#prompt'), pantry: visible('#pantry') };
  });
  const sharp = () => page.evaluate(() => [...document.querySelector('neural-kitchen').shadowRoot.querySelectorAll('.attention-map')].map((f) => f.dataset.sharpness).join());
  await page.waitForFunction(() => document.querySelector('neural-kitchen').shadowRoot.querySelectorAll('[data-testid="attention-map"]').length === 8);
  assert.deepEqual(await drawn(), { maps: 8, positions: 11, chat: 0, pantry: 0 });
  const first = await sharp();
  await page.evaluate(() => document.querySelector('neural-kitchen').handle.step(30));
  await page.waitForFunction((was) => [...document.querySelector('neural-kitchen').shadowRoot.querySelectorAll('.attention-map')].map((f) => f.dataset.sharpness).join() !== was, first);
  assert.deepEqual(problems, []);
  await page.close();
});
