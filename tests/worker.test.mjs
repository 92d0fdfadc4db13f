// Training runs in a Web Worker, one per app: a long step(n) leaves the page's frames coming (the
// page thread never trains) and can be cancelled keeping what it trained; a panic in one app's
// worker stops that app alone. How long the page thread's tasks are while training is a speed
// figure, measured by `make bench` (tests/bench/page-figures.mjs), not asserted here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './page-harness.mjs';
import { mountApps, whileWatching } from './watched-apps.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1280, height: 1600 } });

const mountPage = (preset, count) => mountApps(env.browser.context, env.server.origin, preset, count);

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

// Setting a canvas's font in the page resolves it against the page's style, which (the app's
// container queries) waits for a layout of whatever changed since the last frame: a forced layout
// in the middle of a draw, 2–40 ms each. Views that write text draw on detached canvases.
test('while step(300) runs, no view sets a font on a canvas in the page (each would force a layout)', async () => {
  for (const preset of ['digits-cnn', 'spiral']) {
    const { page, problems } = await mountPage(preset);
    const { value } = await whileWatching(page, async ([h]) => {
      const font = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'font');
      const sets = { inPage: 0, detached: 0 };
      Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', {
        ...font,
        set(value) {
          sets[this.canvas.isConnected ? 'inPage' : 'detached'] += 1;
          font.set.call(this, value);
        },
      });
      await h.step(300);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', font);
      return sets;
    });
    assert.equal(value.inPage, 0, `${preset}: ${value.inPage} fonts set on canvases in the page`);
    assert.ok(value.detached > 0, `${preset}: the charts drew their text (${value.detached} fonts set)`);
    assert.deepEqual(problems, []);
    await page.close();
  }
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
