// How the page talks to the wasm core, counted in the page: the page's own thread never calls a
// Trainer (training and every view live in the trainer's worker); each animation frame sends the
// worker at most one request, and each snapshot carries each view once (points, images and text,
// playing, after a step and after a phase by hand); a core that panics stops the app with a
// message and a Reload button.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, open, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// Records, by animation frame, the requests the page sends its workers and the reads each answer
// (a frame's, or the snapshot a call's answer brings) carries, and counts every call of the page's own Trainer instances: window.nkFrames holds
// { requests, keys: [[read, ...] per answer] } per frame that sent or received any,
// window.nkTrainerCalls the page thread's Trainer method calls.
function countCalls(page) {
  return page.evaluate(async () => {
    const { Trainer } = await import('/crate/pkg/neural_kitchen.js');
    window.nkTrainerCalls = [];
    for (const name of Object.getOwnPropertyNames(Trainer.prototype)) {
      const { value } = Object.getOwnPropertyDescriptor(Trainer.prototype, name);
      if (name === 'constructor' || typeof value !== 'function') continue;
      Trainer.prototype[name] = function counted(...args) {
        window.nkTrainerCalls.push(name);
        return value.apply(this, args);
      };
    }
    const byFrame = new Map();
    window.nkForget = () => byFrame.clear();
    let frameAt = null;
    window.nkFrames = [];
    const current = () => {
      const at = frameAt ?? 'between';
      if (!byFrame.has(at)) {
        byFrame.set(at, { requests: 0, answers: [] });
        window.nkFrames.push(byFrame.get(at));
      }
      return byFrame.get(at);
    };
    const listened = new WeakSet();
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function counted(message, transfer) {
      if (!listened.has(this)) {
        listened.add(this);
        this.addEventListener('message', ({ data }) => {
          // A frame's answer, or the snapshot a call's answer brings.
          const snapshot = data.result?.packed ? data.result : data.snapshot;
          if (snapshot) current().answers.push([...snapshot.packed.table.map((e) => e.key), ...Object.keys(snapshot.plain)]);
        });
      }
      if (message?.type === 'frame' && frameAt !== null) current().requests += 1;
      return post.call(this, message, transfer);
    };
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

// The frames recorded since the last call.
async function takeFrames(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    window.nkForget();
    return window.nkFrames.splice(0);
  });
}

// drawn: a read the mode's views make in every draw (the parameters; text mode's samples).
function assertOncePerFrame(frames, what, drawn) {
  const answers = frames.flatMap((f) => f.answers);
  assert.ok(answers.some((keys) => keys.includes(drawn)), `${what}: some snapshot carried ${drawn} (the views drew)`);
  for (const [i, f] of frames.entries()) {
    assert.ok(f.requests <= 1, `${what}, frame ${i}: ${f.requests} requests to the worker`);
  }
  for (const keys of answers) assert.equal(new Set(keys).size, keys.length, `${what}: a read came twice in one snapshot (${keys})`);
}

async function playFrames(page, frames) {
  await page.click('#play');
  await page.waitForFunction((n) => window.nkFrames.filter((f) => f.requests > 0).length >= n, frames);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
}

// The view each mode's draw must have read: a GPT's diagram shows its first block's Q, K, V
// weights (tensor 4, after the two tables and the first layer norm's gain and shift).
const MODES = [['points', '?dataset=spiral&seed=1&optimizer=adam', 'params'], ['images', '?dataset=digits8&seed=3', 'params'], ['text', '?dataset=names&seed=1', 'epochSamples'],
  ['gpt', '?preset=names-gpt', 'tensorValues:4,weights']];
for (const [mode, query, drawn] of MODES) {
  test(`${mode}: the page thread calls no Trainer, each frame sends one request and each snapshot a view once (playing, after a step, after a phase)`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, query);
    await countCalls(page);
    const before = Number(await counter(page, 'step'));
    await playFrames(page, 30);
    assertOncePerFrame(await takeFrames(page), `${mode} playing`, drawn);
    const step = Number(await counter(page, 'step'));
    assert.ok(step > before, 'playing trained');
    await page.click('#step');
    await page.waitForFunction((n) => document.querySelector('[data-testid="count-step"]').textContent === String(n), step + 1);
    assertOncePerFrame(await takeFrames(page), `${mode} after a step`, drawn);
    for (let i = 0; i < 3; i++) await page.click('#phase');
    await page.waitForSelector('.phases li.done[data-phase="backward"]');
    assertOncePerFrame(await takeFrames(page), `${mode} after phases`, drawn);
    assert.deepEqual(await page.evaluate(() => window.nkTrainerCalls), [], 'the page thread never calls a Trainer');
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

test('a WebAssembly.RuntimeError from the worker\'s core is taken as a panic (without the event)', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?seed=1');
  // The worker's next answer says its core trapped.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function broken(message, transfer) {
      if (message?.type === 'run') {
        this.dispatchEvent(new MessageEvent('message', { data: { id: message.id, error: { name: 'RuntimeError', message: 'unreachable' } } }));
        return undefined;
      }
      return post.call(this, message, transfer);
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
