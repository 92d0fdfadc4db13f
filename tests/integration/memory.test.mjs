// Bounded memory in the browser: every preset, built in its own page and trained a few steps,
// holds at most 64 MB of wasm memory (the same figure `make bench` prints; memory is counted, not
// timed), and five digits-cnn embeds on one page all train, a Reset on one leaving it working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../page-harness.mjs';
import { MIB, memoryPerPreset } from '../bench/memory.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1280, height: 4000 } });

test('every preset holds at most 64 MB of wasm memory in the page', async () => {
  const figures = await memoryPerPreset(env.browser.context, env.server.origin);
  assert.ok(Object.keys(figures).length >= 11, `presets measured: ${Object.keys(figures)}`);
  const over = Object.entries(figures).filter(([, bytes]) => bytes > 64 * MIB).map(([name, bytes]) => `${name}: ${(bytes / MIB).toFixed(1)} MB`);
  assert.deepEqual(over, []);
});

test('five digits-cnn embeds on one page all train, and Reset keeps one working', async () => {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 })); // a bare test page has none
  await page.goto(`${env.server.origin}/tests/bench/page.html`);
  await page.evaluate(async () => {
    window.addEventListener('neural-kitchen-panic', (e) => console.error(`panic: ${e.detail.message}`));
    await import('/www/embed/neural-kitchen.js');
    for (let i = 0; i < 5; i++) {
      const el = document.createElement('neural-kitchen');
      el.setAttribute('preset', 'digits-cnn');
      el.setAttribute('views', 'loss,counters');
      el.setAttribute('controls', 'play,reset');
      document.body.append(el);
    }
  });
  const embeds = 'neural-kitchen';
  await page.waitForFunction((s) => [...document.querySelectorAll(s)]
    .every((el) => el.handle && el.shadowRoot.querySelector('.nk-app')?.dataset.ready === 'true'), embeds);
  const datasets = await page.evaluate((s) => [...document.querySelectorAll(s)].map((el) => el.handle.config().dataset), embeds);
  assert.deepEqual(datasets, Array(5).fill('mnist'), 'none fell back to another dataset');
  await page.evaluate((s) => document.querySelectorAll(s).forEach((el) => el.handle.play()), embeds);
  await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.handle.metrics().step >= 30), embeds);
  const trained = await page.evaluate((s) => [...document.querySelectorAll(s)].map((el) => el.handle.metrics()), embeds);
  for (const [i, m] of trained.entries()) assert.ok(Number.isFinite(m.trainLoss) && Number.isFinite(m.testLoss), `embed ${i}: losses ${m.trainLoss}, ${m.testLoss}`);
  // Reset on the third: back to step 0, then it trains again; the others never stopped.
  const others = await page.evaluate((s) => {
    const all = [...document.querySelectorAll(s)];
    return all.map((el) => el.handle.metrics().step);
  }, embeds);
  const afterReset = await page.evaluate(async (s) => {
    const h = document.querySelectorAll(s)[2].handle;
    await h.reset();
    const step = h.metrics().step;
    h.play();
    return step;
  }, embeds);
  assert.equal(afterReset, 0);
  await page.waitForFunction((s) => document.querySelectorAll(s)[2].handle.metrics().step >= 20, embeds);
  await page.waitForFunction(([s, before]) => [...document.querySelectorAll(s)]
    .every((el, i) => i === 2 || el.handle.metrics().step > before[i]), [embeds, others]);
  const again = await page.evaluate((s) => document.querySelectorAll(s)[2].handle.metrics(), embeds);
  assert.ok(Number.isFinite(again.trainLoss), `after reset: train loss ${again.trainLoss}`);
  await page.evaluate((s) => document.querySelectorAll(s).forEach((el) => el.handle.destroy()), embeds);
  assert.deepEqual(problems, []);
  await page.close();
});
