// How the page talks to the wasm core, counted in the page: each animation frame reads metrics()
// at most once and each buffer view at most once (points and images, playing, after a step and
// after a phase by hand), and a core that panics stops the app with a message and a Reload button.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, open, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// The Trainer's getters that hand out a view (or copy) of a buffer.
const BUFFERS = ['params', 'grads', 'lastUpdate', 'optimizerState', 'gridMaps', 'gridScores', 'batchIndices', 'batchValues',
  'batchGradients', 'trainPoints', 'testPoints', 'trainTargets', 'testTargets', 'trainImages', 'testImages', 'trainLabels',
  'testLabels', 'testPredictions', 'epochTestPredictions'];

// Wraps every method of the page's Trainer class (the module the page loaded) to count its calls
// made inside animation frames (every requestAnimationFrame callback of the page, the app's loop
// included), by frame: window.nkFrames holds { method → calls } per frame that called any.
function countCalls(page) {
  return page.evaluate(async () => {
    const { Trainer } = await import('/crate/pkg/neural_kitchen.js');
    const byFrame = new Map(); // frame timestamp → counts
    let frameAt = null; // the timestamp of the frame whose callback runs now, else null
    window.nkFrames = [];
    for (const name of Object.getOwnPropertyNames(Trainer.prototype)) {
      const { value } = Object.getOwnPropertyDescriptor(Trainer.prototype, name);
      if (name === 'constructor' || typeof value !== 'function') continue;
      Trainer.prototype[name] = function counted(...args) {
        if (frameAt !== null) {
          const counts = byFrame.get(frameAt) ?? {};
          const key = name === 'optimizerState' ? `${name}(${args[0]})` : name;
          counts[key] = (counts[key] ?? 0) + 1;
          if (!byFrame.has(frameAt)) {
            byFrame.set(frameAt, counts);
            window.nkFrames.push(counts);
          }
        }
        return value.apply(this, args);
      };
    }
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => request((time) => {
      frameAt = time;
      try {
        callback(time);
      } finally {
        frameAt = null;
      }
    });
  });
}

// The frames recorded since the last call (each: method → calls in that frame).
async function takeFrames(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => window.nkFrames.splice(0));
}

function assertOncePerFrame(frames, what) {
  // (After a click the metrics are read by its handler, for the 'step' event; the frame reuses them.)
  assert.ok(frames.some((f) => BUFFERS.some((b) => f[b] >= 1)), `${what}: some frame read a buffer (it drew)`);
  for (const [i, f] of frames.entries()) {
    assert.ok((f.metrics ?? 0) <= 1, `${what}, frame ${i}: metrics() called ${f.metrics} times (${JSON.stringify(f)})`);
    for (const [name, calls] of Object.entries(f)) {
      if (BUFFERS.includes(name.replace(/\(.*\)$/, ''))) assert.ok(calls <= 1, `${what}, frame ${i}: ${name} read ${calls} times (${JSON.stringify(f)})`);
    }
  }
}

async function playFrames(page, frames) {
  await page.click('#play');
  await page.waitForFunction((n) => window.nkFrames.length >= n, frames);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
}

for (const [mode, query] of [['points', '?dataset=spiral&seed=1&optimizer=adam'], ['images', '?dataset=digits8&seed=3']]) {
  test(`${mode}: each frame reads metrics() once and each buffer at most once (playing, after a step, after a phase)`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, query);
    await countCalls(page);
    await playFrames(page, 30);
    const playing = await takeFrames(page);
    assert.ok(playing.filter((f) => f.runFor === 1 && f.metrics === 1).length >= 20, 'frames that trained read the metrics once');
    assertOncePerFrame(playing, `${mode} playing`);
    const step = Number(await counter(page, 'step'));
    await page.click('#step');
    await page.waitForFunction((n) => document.querySelector('[data-testid="count-step"]').textContent === String(n), step + 1);
    assertOncePerFrame(await takeFrames(page), `${mode} after a step`);
    for (let i = 0; i < 3; i++) await page.click('#phase');
    await page.waitForSelector('.phases li.done[data-phase="backward"]');
    assertOncePerFrame(await takeFrames(page), `${mode} after phases`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  });
}

// The app stops: Play trains nothing more, and the message says why, with a Reload button.
async function assertStopped(page) {
  const message = page.getByTestId('page-message').filter({ hasText: 'The training core crashed' });
  await message.waitFor();
  assert.equal(await message.getByRole('button', { name: 'Reload' }).count(), 1);
  const step = await counter(page, 'step');
  await page.click('#play');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await counter(page, 'step'), step, 'nothing trains after a panic');
}

test('the core\'s panic event stops the app and shows a message with a Reload button', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?seed=1');
  await page.evaluate(() => globalThis.dispatchEvent(new CustomEvent('neural-kitchen-panic', { detail: { message: 'index out of bounds' } })));
  await assertStopped(page);
  assert.match(await page.getByTestId('page-message').first().innerText(), /index out of bounds/);
  assert.deepEqual(problems.page, []);
  await page.close();
});

test('a WebAssembly.RuntimeError from a core call is taken as a panic (without the event)', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?seed=1');
  await page.evaluate(async () => {
    const { Trainer } = await import('/crate/pkg/neural_kitchen.js');
    Trainer.prototype.step = () => {
      throw new WebAssembly.RuntimeError('unreachable');
    };
  });
  await page.click('#step');
  await assertStopped(page);
  assert.match(await page.getByTestId('page-message').first().innerText(), /unreachable/);
  assert.deepEqual(problems.page, []);
  await page.close();
});

test('a real panic in the core (Trainer.debugPanic) reaches the page as a message with a Reload button', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?seed=1');
  const thrown = await page.evaluate(async () => {
    const { Trainer } = await import('/crate/pkg/neural_kitchen.js');
    try {
      Trainer.debugPanic();
      return null;
    } catch (error) {
      return error.constructor.name;
    }
  });
  assert.equal(thrown, 'RuntimeError', 'the panic traps like any bug in the core');
  await assertStopped(page);
  assert.match(await page.getByTestId('page-message').first().innerText(), /a panic on purpose/);
  assert.deepEqual(problems.page, []);
  await page.close();
});
