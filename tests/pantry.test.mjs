// The pantry (www/modes/text/pantry.js) alone on a fixture page, with the real vocabularies of
// the names and poems sets and synthetic embedding tables: it draws, search finds a character,
// a click selects it and its editor calls setWeight at the right index, and after Backward only
// the rows that have a gradient are lit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, open, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1000, height: 900 } });

// A text set's vocabulary as the core builds it: "" (the boundary) first, then every character
// of its train and test files by code point; counts: how often each is a training target.
function vocabulary(set) {
  const read = (part) => zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'crate', 'data', `${set}-${part}.txt.gz`))).toString('utf8');
  const train = read('train').split('\n').filter(Boolean);
  const chars = [...new Set([...train.join(''), ...read('test').replace(/\n/g, '')])].sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
  const tokens = ['', ...chars];
  const id = new Map(tokens.map((token, i) => [token, i]));
  const counts = new Array(tokens.length).fill(0);
  counts[0] = train.length;
  for (const line of train) for (const c of line) counts[id.get(c)] += 1;
  return { tokens, counts };
}

const NAMES = vocabulary('names');
const POEMS = vocabulary('poems');
const VOWELS = new Set([...'aeiou']);
const OFFSET = 7; // the embedding's first entry in the model's parameters (any place but 0)

function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

// A table in which vowels, consonants and the boundary sit apart (as training moves them).
function table({ tokens }, dims, seed = 1) {
  const next = random(seed);
  const centre = (token) => (token === '' ? 1.2 : VOWELS.has(token) ? 0.7 : /\p{P}/u.test(token) ? -1 : -0.4);
  return tokens.flatMap((token) => Array.from({ length: dims }, (_, j) => centre(token) * (j % 3 === 0 ? 1 : j % 3 === 1 ? 0.6 : -0.3) + next() * 1.2));
}

// Gradient rows for the characters of `batch` only (names: the boundary too), zero elsewhere.
function batchGradients({ tokens }, dims, batch) {
  const used = new Set(['', ...batch.join('')]);
  const next = random(99);
  return tokens.flatMap((token) => Array.from({ length: dims }, () => (used.has(token) ? next() * 0.02 : 0)));
}

async function openFixture(query = '') {
  const opened = await open(env.browser.context, env.server.origin, `tests/fixtures/pantry.html${query}`);
  return opened;
}

async function show(page, data) {
  return page.evaluate((d) => window.showPantry(d), data);
}

function names(dims, extra = {}) {
  return { ...NAMES, embedding: table(NAMES, dims), gradients: null, dims, offset: OFFSET, ...extra };
}

const rowTokens = (page, selector) => page.$$eval(selector, (rows) => rows.map((row) => Number(row.dataset.token)));

function assertNoProblems(problems) {
  assert.deepEqual([...problems.console, ...problems.page], []);
}

test('names with d = 2: every character has a row and a point, and a click on a point selects it', async () => {
  const { page, problems } = await openFixture();
  await show(page, names(2));
  assert.deepEqual(await rowTokens(page, '[data-testid="pantry-row"]'), NAMES.tokens.map((_, i) => i));
  assert.equal(await page.locator('[data-testid="pantry-row"]').first().innerText(), '⏎');
  const inked = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="pantry-scatter"]');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 500, `the map is drawn (${inked} pixels inked)`);

  const e = NAMES.tokens.indexOf('e');
  const box = await page.getByTestId('pantry-scatter').boundingBox();
  const at = await page.evaluate((token) => window.pantry.scatter.positionOf(token), e);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.waitForSelector(`[data-testid="pantry-row"][data-token="${e}"].selected`);
  assert.equal(await page.locator('.pantry-jar').innerText(), 'e');
  const entries = page.getByTestId('pantry-entry');
  assert.equal(await entries.count(), 2);
  const expected = names(2).embedding.slice(e * 2, e * 2 + 2);
  for (let j = 0; j < 2; j++) assert.ok(Math.abs(Number(await entries.nth(j).inputValue()) - expected[j]) < 1e-3);
  assert.equal(await page.getByTestId('pantry-same-note').isVisible(), false);
  await screenshot(page, 'pantry-names-d2');
  // Constant init: every row the same, every character on one point, and the map says why.
  await show(page, names(2, { embedding: new Array(NAMES.tokens.length * 2).fill(1) }));
  assert.match(await page.getByTestId('pantry-same-note').innerText(), /Every character has the very same numbers/);
  assertNoProblems(problems);
  await page.close();
});

test('an edited entry calls setWeight at offset + row × d + j; a refused value shows the core\u2019s message', async () => {
  const { page, problems } = await openFixture();
  await show(page, names(2));
  const m = NAMES.tokens.indexOf('m');
  await page.locator(`[data-testid="pantry-row"][data-token="${m}"]`).click();
  const second = page.getByTestId('pantry-entry').nth(1);
  await second.fill('0.5');
  await second.press('Tab');
  await page.waitForFunction(() => window.pantryCalls.requestDraw === 1);
  assert.deepEqual(await page.evaluate(() => window.pantryCalls.setWeight), [[OFFSET + m * 2 + 1, 0.5]]);
  assert.equal(await second.inputValue(), '0.5');
  assert.equal(await page.getByTestId('pantry-error').isVisible(), false);

  await second.fill('5000');
  await second.press('Tab');
  await page.waitForSelector('[data-testid="pantry-error"].visible');
  assert.match(await page.getByTestId('pantry-error').innerText(), /between -1000 and 1000, got 5000/);
  assert.deepEqual((await page.evaluate(() => window.pantryCalls.setWeight))[1], [OFFSET + m * 2 + 1, 5000]);
  assert.equal(await page.evaluate(() => window.pantryCalls.requestDraw), 1, 'a refused edit draws nothing new');
  assertNoProblems(problems);
  await page.close();
});

for (const shadow of [false, true]) {
  test(`a number being typed survives the frames drawn meanwhile${shadow ? ' (in a shadow root, as in an embed)' : ''}`, async () => {
    const { page, problems } = await openFixture(shadow ? '?shadow=1' : '');
    await show(page, names(10));
    await page.locator('[data-testid="pantry-row"][data-token="3"]').click();
    const entry = page.getByTestId('pantry-entry').nth(4);
    await entry.click();
    await entry.fill('0.123');
    await show(page, names(10)); // a training frame
    assert.equal(await entry.inputValue(), '0.123');
    await entry.press('Enter');
    await page.waitForFunction(() => window.pantryCalls.setWeight.length === 1);
    assert.deepEqual(await page.evaluate(() => window.pantryCalls.setWeight), [[OFFSET + 3 * 10 + 4, 0.123]]);
    assertNoProblems(problems);
    await page.close();
  });
}

test('names-bigram (d = V = 27) on a phone: the whole table and the map fit its width', async () => {
  const { page, problems } = await openFixture('?width=390');
  await page.setViewportSize({ width: 390, height: 900 });
  await show(page, names(27));
  await page.locator('[data-testid="pantry-row"][data-token="5"]').click();
  assert.equal(await page.getByTestId('pantry-entry').count(), 27);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'nothing wider than the phone');
  await screenshot(page, 'pantry-names-bigram-phone');
  assertNoProblems(problems);
  await page.close();
});

test('the table’s rows are one Tab stop; the arrow keys move the selection', async () => {
  const { page, problems } = await openFixture();
  await show(page, names(10));
  assert.deepEqual(await page.$$eval('[data-testid="pantry-row"]', (rows) => rows.filter((row) => row.tabIndex === 0).length), 1);
  const focusedToken = () => page.evaluate(() => document.activeElement?.dataset.token);
  await page.locator('[data-testid="pantry-row"][tabindex="0"]').focus();
  assert.equal(await focusedToken(), '0', 'before a pick, the first row is the stop');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[data-testid="pantry-row"][data-token="2"].selected');
  assert.equal(await focusedToken(), '2');
  assert.equal(await page.locator('.pantry-jar').innerText(), 'b');
  await page.keyboard.press('End');
  assert.equal(await focusedToken(), String(NAMES.tokens.length - 1));
  assert.deepEqual(await page.$$eval('[data-testid="pantry-row"][tabindex="0"]', (rows) => rows.map((row) => row.dataset.token)), [String(NAMES.tokens.length - 1)]);
  assertNoProblems(problems);
  await page.close();
});

test('names with d = 10: the table\u2019s row under a click opens that character\u2019s ten numbers', async () => {
  const { page, problems } = await openFixture();
  await show(page, names(10));
  assert.match(await page.locator('.pantry-scatter figcaption').innerText(), /principal axes/);
  const r = NAMES.tokens.indexOf('r');
  const box = await page.getByTestId('pantry-heatmap').boundingBox();
  await page.mouse.click(box.x + box.width * 0.6, box.y + r * 16 + 8);
  await page.waitForSelector(`[data-testid="pantry-row"][data-token="${r}"].selected`);
  assert.equal(await page.getByTestId('pantry-entry').count(), 10);
  const tenth = page.getByTestId('pantry-entry').nth(9);
  await tenth.fill('-0.25');
  await tenth.press('Tab');
  await page.waitForFunction(() => window.pantryCalls.setWeight.length === 1);
  assert.deepEqual(await page.evaluate(() => window.pantryCalls.setWeight), [[OFFSET + r * 10 + 9, -0.25]]);
  assertNoProblems(problems);
  await page.close();
});

test('after Backward only the rows of the batch\u2019s characters are lit; the others fade', async () => {
  const { page, problems } = await openFixture();
  const batch = ['emma', 'liam'];
  await show(page, names(10, { gradients: batchGradients(NAMES, 10, batch) }));
  const used = new Set(['', ...batch.join('')]);
  const expected = NAMES.tokens.map((token, i) => (used.has(token) ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(await rowTokens(page, '[data-testid="pantry-row"].lit'), expected);
  assert.equal((await rowTokens(page, '[data-testid="pantry-row"].faded')).length, NAMES.tokens.length - expected.length);
  assert.match(await page.getByTestId('pantry-gradient-note').innerText(), /Only the characters in this batch get a gradient: 6 of 27 rows lit/);
  // The cells themselves: a lit row is opaque, a faded one mostly transparent.
  const alphas = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="pantry-heatmap"]');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: canvas.height }, (_, row) => pixels[row * canvas.width * 4 + 3]);
  });
  alphas.forEach((alpha, token) => assert.equal(alpha === 255, used.has(NAMES.tokens[token]), `row ${token} (${NAMES.tokens[token]}) alpha ${alpha}`));
  // The table can show the gradients themselves.
  await page.getByTestId('pantry-show-gradients').check();
  assert.equal(await page.getByTestId('pantry-show-values').isChecked(), false, 'one choice at a time');
  assert.match(await page.locator('.pantry-scale').innerText(), /gradient/);
  await screenshot(page, 'pantry-names-d10-gradients');

  await show(page, names(10));
  assert.equal(await page.locator('[data-testid="pantry-row"].lit').count(), 0);
  assert.equal(await page.getByTestId('pantry-gradient-note').isVisible(), false);
  assert.equal(await page.getByTestId('pantry-show-gradients').isDisabled(), true);

  // The language changes under an open jar: every text follows, the jar stays open.
  await page.locator('[data-testid="pantry-row"][data-token="1"]').click();
  await page.evaluate((d) => window.showPantry(d, 'zh'), names(10));
  assert.equal(await page.locator('.pantry > h3').innerText(), '调料柜：每个字一罐调料');
  assert.equal(await page.locator('[data-testid="pantry-row"][data-token="1"]').getAttribute('title'), `“a”：在训练文本中出现 ${NAMES.counts[1].toLocaleString('en-US')} 次`);
  assert.equal(await page.getByTestId('pantry-entry').first().getAttribute('aria-label'), '“a”的第 1 个数');
  assert.match(await page.locator('.pantry-scatter figcaption').innerText(), /主轴/);
  assertNoProblems(problems);
  await page.close();
});

test('poems: the most frequent characters fill the table, search finds any other and selects it', async (t) => {
  const { page, problems } = await openFixture();
  const data = { ...POEMS, embedding: table(POEMS, 16), gradients: null, dims: 16, offset: OFFSET };
  const ms = await show(page, data);
  t.diagnostic(`first draw of 3,650 × 16: ${ms.toFixed(1)} ms`);
  const rows = await rowTokens(page, '[data-testid="pantry-row"]');
  assert.equal(rows.length, 32);
  const byCount = POEMS.tokens.map((_, i) => i).sort((a, b) => POEMS.counts[b] - POEMS.counts[a] || a - b);
  assert.deepEqual(rows, byCount.slice(0, 32));
  // The map draws the rarer characters as dots (of their kind's colour) around the labelled ones.
  const rareDots = await page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="pantry-scatter"]');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === 0xa9 && pixels[i + 1] === 0xc7 && pixels[i + 2] === 0xe2) n++;
    return n;
  });
  assert.ok(rareDots > 1000, `rare characters' dots on the map: ${rareDots} pixels`);

  const rare = byCount[2000];
  await page.getByTestId('pantry-search').fill(POEMS.tokens[rare]);
  await page.waitForSelector(`[data-testid="pantry-row"][data-token="${rare}"].selected`);
  assert.equal((await rowTokens(page, '[data-testid="pantry-row"]')).length, 33, 'the found row joins the table');
  assert.match(await page.getByTestId('pantry-status').innerText(), /is number 2001 of 3650/);
  assert.equal(await page.locator('.pantry-jar').innerText(), POEMS.tokens[rare]);
  assert.equal(await page.getByTestId('pantry-entry').count(), 16);
  await screenshot(page, 'pantry-poems');

  await page.getByTestId('pantry-search').fill('x');
  assert.match(await page.getByTestId('pantry-status').innerText(), /“x” is not in the vocabulary/);
  const times = await page.evaluate((d) => Array.from({ length: 5 }, () => window.showPantry(d)), data);
  t.diagnostic(`later draws (with the fixture copying the table from plain arrays): ${times.map((v) => v.toFixed(1)).join(', ')} ms`);
  assertNoProblems(problems);
  await page.close();
});

test('in Chinese, on a phone: the pantry speaks Chinese and fits the width', async () => {
  const { page, problems } = await openFixture('?lang=zh&width=390');
  await page.setViewportSize({ width: 390, height: 900 });
  const batch = ['春风', '明月'];
  await show(page, { ...POEMS, embedding: table(POEMS, 16), gradients: batchGradients(POEMS, 16, batch), dims: 16, offset: OFFSET });
  assert.equal(await page.locator('.pantry > h3').innerText(), '调料柜：每个字一罐调料');
  assert.match(await page.getByTestId('pantry-gradient-note').innerText(), /只有这一批里出现的字才有梯度/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'nothing wider than the phone');
  await screenshot(page, 'pantry-poems-zh-phone');
  assertNoProblems(problems);
  await page.close();
});

test('the pantry’s heading says what it is before its first draw, in the page’s language', async () => {
  for (const [query, title] of [['', 'The pantry: one jar of seasonings per character'], ['?lang=zh', '调料柜：每个字一罐调料']]) {
    const { page, problems } = await openFixture(query);
    // No vocabulary has come: nothing is drawn yet.
    assert.equal(await page.getByTestId('pantry-row').count(), 0);
    assert.equal(await page.locator('.pantry > h3').innerText(), title);
    assertNoProblems(problems);
    await page.close();
  }
});
