// Training runs in a Web Worker, one per app: a long step(n) leaves the page's frames coming (the
// page thread never trains) and can be cancelled keeping what it trained; a panic in one app's
// worker stops that app alone. How long the page thread's tasks are while training is a speed
// figure, measured by `make bench` (tests/bench/page-figures.mjs), not asserted here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './page-harness.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1280, height: 1600 } });

// A bare page with `count` apps of `preset` mounted at its top (on screen: an embed off screen
// pauses), every view shown; window.nk holds their handles.
async function mountPage(preset, count = 1) {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(`${env.server.origin}/tests/bench/page.html`);
  await page.evaluate(async ([name, n]) => {
    // The workers the apps start, in order (app i's is window.nkWorkers[i]).
    window.nkWorkers = [];
    window.Worker = class Recorded extends Worker {
      constructor(...args) {
        super(...args);
        window.nkWorkers.push(this);
      }
    };
    const { mount } = await import('/www/embed/mount.js');
    const { VIEWS } = await import('/www/settings/parts.js');
    window.nk = [];
    for (let i = 0; i < n; i++) {
      const box = document.createElement('div');
      document.body.prepend(box);
      window.nk.push(await mount(box, { preset: name, views: VIEWS })); // every view: as heavy as the full page
    }
    // The first layout and paint of every view (the page's load, not training) are over.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, [preset, count]);
  return { page, problems };
}

// Runs `action` (an async function of the handles, in the page) while counting the page's
// animation frames: → { value, frames, ms }.
function whileWatching(page, action) {
  return page.evaluate(async (source) => {
    let frames = 0;
    let counting = true;
    const count = () => {
      frames += 1;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const start = performance.now();
    // eslint-disable-next-line no-new-func
    const value = await new Function('nk', `return (${source})(nk);`)(window.nk);
    const ms = performance.now() - start;
    counting = false;
    return { value, frames, ms };
  }, action.toString());
}

test('step(1000) on digits-cnn trains in the worker: the page keeps drawing frames all along', async () => {
  const { page, problems } = await mountPage('digits-cnn');
  const { value, frames, ms } = await whileWatching(page, async ([h]) => {
    const ran = await h.step(1000);
    return { ran, step: h.metrics().step };
  });
  assert.deepEqual(value.ran, { steps: 1000, cancelled: false });
  assert.equal(value.step, 1000);
  // Trained on the page thread, the run was one task: one frame after it, whatever its length.
  assert.ok(frames >= 30, `${frames} frames in ${Math.round(ms)} ms: the page kept drawing`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long run stops at Pause: step(100000) resolves with the steps it ran, the model keeps them and trains on', async () => {
  const { page, problems } = await mountPage('spiral');
  const { value } = await whileWatching(page, async ([h]) => {
    const run = h.step(100000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.pause();
    const ran = await run;
    const kept = h.metrics().step;
    await h.step(5);
    return { ran, kept, after: h.metrics().step };
  });
  assert.equal(value.ran.cancelled, true);
  assert.ok(value.ran.steps > 0 && value.ran.steps < 100000, `ran ${value.ran.steps} steps before the pause`);
  assert.equal(value.kept, value.ran.steps, 'the model keeps the steps it ran');
  assert.equal(value.after, value.ran.steps + 5);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a panic in one app\'s worker stops that app with a message; another app on the page trains on', async () => {
  const { page } = await mountPage('xor', 2);
  const panicked = await page.evaluate(async () => {
    window.nkWorkers[0].postMessage({ type: 'debugPanic' });
    const root = window.nk[0].element.getRootNode();
    for (let i = 0; i < 100 && !root.querySelector('[data-testid="page-message"]'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return root.querySelector('[data-testid="page-message"]')?.textContent ?? null;
  });
  assert.match(panicked ?? '', /a panic on purpose/);
  const steps = await page.evaluate(async () => {
    const other = window.nk[1];
    const before = other.metrics().step;
    await other.step(10);
    return other.metrics().step - before;
  });
  assert.equal(steps, 10, 'the other app trains on');
  await page.close();
});
