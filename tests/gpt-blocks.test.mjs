// The GPT's shape and its seasonings (issue 15): names-gpt draws its diagram (embeddings, each
// block's LayerNorm → attention and LayerNorm → MLP, the final LayerNorm, the head) in English
// and Chinese; a box picked by click or keyboard shows its tensors, their gradients only after
// Backward and their update only after Update; every text cook shows its parameter count (which
// is the sum of its tensors) next to GPT-2 small and GPT-3; the views work in an embed and fit a
// phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, openEmbeds, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1440, height: 900 } });

// names-gpt's shape (its preset): width 32, a window of 16, 2 blocks, an MLP 4 times wider, the
// head tied to the token table.
const D = 32;
const T = 16;
const BLOCKS = 2;
// Per block: two layer norms (gain and shift), Q, K, V (3d × d + 3d), the output projection
// (d × d + d), the MLP's two layers (4d × d + 4d, d × 4d + d).
const PER_BLOCK = 2 * 2 * D + (3 * D * D + 3 * D) + (D * D + D) + (4 * D * D + 4 * D) + (4 * D * D + D);
const gptCount = (v) => v * D + T * D + BLOCKS * PER_BLOCK + 2 * D + v;

const number = (text) => Number(text.replace(/[^\d]/g, ''));

async function vocabularySize(page) {
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="text-vocabulary"]').textContent));
  return number((await page.getByTestId('text-vocabulary').innerText()).split(' ')[0]);
}

// The words of the detail's title and, per tensor card, whether each heatmap shows and the
// largest |value| written under it.
function detail(root) {
  return root.evaluate((el) => {
    const box = el.querySelector('[data-testid="gpt-detail"]');
    return {
      title: box.querySelector('[data-testid="gpt-detail-title"]').textContent,
      cards: [...box.querySelectorAll('[data-testid="tensor-card"]')].map((card) => Object.fromEntries(
        ['weights', 'gradients', 'updates'].map((s) => {
          const canvas = card.querySelector(`[data-testid="tensor-${s}"]`);
          const largest = card.querySelector(`[data-testid="tensor-largest-${s}"]`);
          return [s, canvas.hidden ? null : Number(largest.dataset.max)];
        }),
      )),
      shapes: [...box.querySelectorAll('.tensor-shape')].map((s) => s.textContent),
      histograms: [...box.querySelectorAll('[data-testid="tensor-histogram"]')].map((c) => c.width > 0 && c.dataset.spread),
    };
  });
}

// Waits until the detail shows `phase`'s heatmaps (the last draw may be a frame behind).
function waitForMaps(page, shown) {
  return page.waitForFunction((want) => {
    const cards = [...document.querySelectorAll('[data-testid="tensor-card"]')];
    return cards.length > 0 && cards.every((card) => ['gradients', 'updates']
      .every((s) => card.querySelector(`[data-testid="tensor-${s}"]`).hidden === !want[s]));
  }, shown);
}

test('names-gpt: every box of its shape, picked by click or keyboard, shows its tensors; gradients after Backward, the update after Update; EN and ZH', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&prompt=ma');
  await page.waitForSelector('[data-testid="gpt-box"]');
  const parts = await page.$$eval('[data-testid="gpt-box"]', (boxes) => boxes.map((b) => b.dataset.box));
  assert.deepEqual(parts, ['tokens:', 'positions:', 'ln1:1', 'attention:1', 'ln2:1', 'mlp:1', 'ln1:2', 'attention:2', 'ln2:2', 'mlp:2', 'finalNorm:', 'head:']);
  assert.equal(await page.locator('.gpt-add').count(), 1 + 2 * BLOCKS, 'each embedding sum and each half of a block adds into the stream');

  // The counts: the boxes add up to the total, which is the GPT's by its shape.
  const v = await vocabularySize(page);
  const boxCounts = await page.$$eval('[data-testid="gpt-box"] .gpt-box-count', (texts) => texts.map((x) => Number(x.textContent.replace(/,/g, ''))));
  assert.equal(boxCounts.reduce((a, b) => a + b, 0), gptCount(v));
  assert.equal(boxCounts[0], v * D, 'the token table');
  assert.equal(boxCounts[11], v, 'a tied head adds only its biases');
  const summary = await page.getByTestId('param-summary').innerText();
  assert.equal(number(summary.split('seasonings')[0]), gptCount(v));
  const bars = await page.getByTestId('param-bar').allInnerTexts();
  assert.equal(bars.length, 3);
  assert.match(bars[1], /GPT-2 small.*124 million/s);
  assert.match(bars[2], /GPT-3.*175 billion/s);
  await page.locator('.param-tensors summary').click();
  const rows = await page.locator('[data-testid="param-table"] tbody tr').allInnerTexts();
  assert.equal(rows.length, 2 + 12 * BLOCKS + 2 + 1 + 1, 'every tensor, then the total');
  assert.match(rows[4], /Block 1 · Attention · Q, K, V weights\s+96 × 32\s+3,072/);
  assert.equal(number(rows.at(-1)), gptCount(v));

  // Before any step: the first block's attention, values only.
  await waitForMaps(page, { gradients: false, updates: false });
  let shown = await detail(page.locator('body'));
  assert.match(shown.title, /^Block 1 · Attention: 4,224 seasonings in 4 tensors$/);
  assert.deepEqual(shown.shapes, ['96 × 32 = 3,072', '1 × 96 = 96', '32 × 32 = 1,024', '1 × 32 = 32']);
  assert.ok(shown.cards[0].weights > 0, 'the Q, K, V weights start random');
  assert.equal(shown.cards[1].weights, 0, 'biases start at 0');
  assert.equal(await page.getByTestId('tensor-wait-gradients').first().innerText(), 'after Backward');

  // Click a box: its tensors. The head, tied, says where its weights are.
  await page.locator('[data-box="mlp:2"]').click();
  await page.waitForFunction(() => /Block 2 · MLP/.test(document.querySelector('[data-testid="gpt-detail-title"]').textContent));
  shown = await detail(page.locator('body'));
  assert.deepEqual(shown.shapes, ['128 × 32 = 4,096', '1 × 128 = 128', '32 × 128 = 4,096', '1 × 32 = 32']);
  assert.equal(await page.locator('[data-box="mlp:2"]').getAttribute('aria-pressed'), 'true');
  await page.locator('[data-box="head:"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Head:/.test(document.querySelector('[data-testid="gpt-detail-title"]').textContent));
  assert.match(await page.getByTestId('gpt-tied').innerText(), /token table/);
  assert.equal(await page.getByTestId('gpt-detail-title').innerText(), `Head: ${v} seasonings in one tensor`);
  assert.equal(await page.locator('.gpt-tie').count(), 1, 'a dashed line ties the head to the token table');
  await page.locator('[data-box="ln1:1"]').focus();
  await page.keyboard.press(' ');
  await page.waitForFunction(() => /^Block 1 · LayerNorm:/.test(document.querySelector('[data-testid="gpt-detail-title"]').textContent));
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false', 'Space on a box picks it, it does not play');
  assert.equal(number(await page.getByTestId('count-step').innerText()), 0);

  // Phase by phase: no gradient after Forward and Loss; every tensor has one after Backward; the
  // update shows after Update.
  await page.locator('[data-box="attention:1"]').click();
  await press(page, 'p', 2);
  await page.waitForFunction(() => document.querySelector('[data-testid="phase-loss"]').classList.contains('done'));
  await waitForMaps(page, { gradients: false, updates: false });
  assert.equal(await page.getByTestId('gpt-phase').innerText(), 'Loss: the predictions were tasted. No box has a gradient yet.');
  await press(page, 'p');
  await waitForMaps(page, { gradients: true, updates: false });
  shown = await detail(page.locator('body'));
  assert.ok(shown.cards.every((c) => c.gradients > 0), `every tensor has a gradient: ${JSON.stringify(shown.cards)}`);
  assert.equal(await page.locator('svg.gpt-shape').getAttribute('data-phase'), 'backward');
  await page.getByTestId('gpt-spread-gradients').check();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="tensor-histogram"]')].every((c) => c.dataset.spread === 'gradients'));
  await press(page, 'p');
  await waitForMaps(page, { gradients: true, updates: true });
  shown = await detail(page.locator('body'));
  assert.ok(shown.cards.every((c) => c.updates > 0), 'every tensor changed');
  assert.deepEqual(shown.histograms, ['gradients', 'gradients', 'gradients', 'gradients']);
  await screenshot(page, 'gpt-blocks-en');
  await page.getByTestId('gpt-blocks').screenshot({ path: 'tests/screenshots/gpt-blocks-panel-en.png' });

  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.querySelector('[data-box="attention:1"] .gpt-box-name').textContent === '注意力');
  assert.match(await page.getByTestId('gpt-detail-title').innerText(), /^第 1 个模块 · 注意力：4 个张量共 4,224 种调料$/);
  assert.match(await page.getByTestId('param-summary').innerText(), /^这位厨师：[\d,]+ 种调料/);
  assert.match((await page.getByTestId('param-bar').allInnerTexts())[2], /1750 亿/);
  await page.getByTestId('gpt-blocks').screenshot({ path: 'tests/screenshots/gpt-blocks-panel-zh.png' });
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('on a phone the diagram and the counts fit the width, in English and Chinese', async () => {
  for (const lang of ['en', 'zh']) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?preset=names-gpt&lang=${lang}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('[data-testid="tensor-card"]');
    await page.waitForFunction(() => document.querySelector('svg.gpt-shape')?.getBoundingClientRect().width <= 390);
    await press(page, 's');
    await waitForMaps(page, { gradients: true, updates: true });
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('#gpt-blocks *, #param-count *')]
        .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > innerWidth + 0.5);
      return { page: document.documentElement.scrollWidth - innerWidth, wide: wide.map((el) => el.className.baseVal ?? el.className) };
    });
    assert.deepEqual(overflow, { page: 0, wide: [] }, `${lang}: nothing wider than the phone`);
    await page.getByTestId('gpt-blocks').screenshot({ path: `tests/screenshots/gpt-blocks-phone-${lang}.png` });
    await page.getByTestId('param-count').screenshot({ path: `tests/screenshots/param-count-phone-${lang}.png` });
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  }
});

test('every text cook shows its parameter count, the sum of its tensors; only a GPT draws the diagram', async () => {
  // names-mlp: 3 characters' 10-number rows → dense 128 → an output over the vocabulary;
  // names-bigram: a vocabulary × vocabulary table; names-rnn: a GRU of 64 (a token table, the
  // cell's layers from the input and from the last state, each 3 gates × 64 wide, a head).
  const expected = {
    'names-mlp': [(v) => v * 10 + (30 * 128 + 128) + (128 * v + v), /^Embedding · table/],
    'names-bigram': [(v) => v * v, /^Embedding · table/],
    'names-rnn': [(v) => v * 64 + 2 * (64 * 192 + 192) + (64 * v + v), /^Token embedding · table/],
  };
  for (const [preset, [count, first]] of Object.entries(expected)) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?preset=${preset}`);
    const v = await vocabularySize(page);
    await page.waitForSelector('[data-testid="param-summary"]');
    assert.equal(number((await page.getByTestId('param-summary').innerText()).split('seasonings')[0]), count(v), preset);
    await page.locator('.param-tensors summary').click();
    const rows = await page.locator('[data-testid="param-table"] tbody tr').allInnerTexts();
    assert.equal(number(rows.at(-1)), count(v), `${preset}: the table's total`);
    assert.match(rows[0], first);
    assert.equal(await page.getByTestId('gpt-blocks').isVisible(), false, `${preset} has no GPT diagram`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  }
});

test('in an embed that asks for them, the diagram and the counts work, in Chinese too', async () => {
  const { page, problems } = await openEmbeds(env.browser.context, env.server.origin,
    [{ preset: 'names-gpt', views: 'blocks,parameters,phase', controls: 'phase', lang: 'zh' }], 720);
  const embed = page.locator('neural-kitchen');
  await embed.locator('[data-box="mlp:1"]').click();
  await page.waitForFunction(() => /第 1 个模块 · MLP/.test(document.querySelector('neural-kitchen').shadowRoot.querySelector('[data-testid="gpt-detail-title"]').textContent));
  assert.ok(await embed.getByTestId('param-summary').isVisible());
  assert.equal(await embed.locator('#loss-chart').isVisible(), false, 'only the views it asked for');
  await page.evaluate(async () => {
    const h = document.querySelector('neural-kitchen').handle;
    for (let i = 0; i < 3; i++) await h.phase();
  });
  await page.waitForFunction(() => {
    const root = document.querySelector('neural-kitchen').shadowRoot;
    const cards = [...root.querySelectorAll('[data-testid="tensor-card"]')];
    return cards.length === 4 && cards.every((c) => !c.querySelector('[data-testid="tensor-gradients"]').hidden
      && Number(c.querySelector('[data-testid="tensor-largest-gradients"]').dataset.max) > 0);
  });
  await page.evaluate(() => document.querySelector('neural-kitchen').handle.highlight('blocks'));
  await embed.screenshot({ path: 'tests/screenshots/gpt-blocks-embed-zh.png' });
  assert.deepEqual(problems, []);
  await page.close();
});
