// The Epoch button trains over animation frames (the page keeps drawing) and stops paused at the
// epoch's end; an image network's measurement of that epoch then catches up while paused. No
// clock waits and no timing thresholds: frames are counted, not timed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, counterNumber, open, press, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

const DIGITS8_CNN = '?dataset=digits8&seed=5&layers=conv4k3p1-relu,max2,flatten,dense16-relu&optimizer=adam&learningRate=0.01&batchSize=20';

const measureStatus = (page) => page.getByTestId('measure-status').innerText();
const playing = async (page) => (await page.getAttribute('#play', 'aria-pressed')) === 'true';

// Counts animation frames from now on (the page's own loop is not touched): `stop()` returns the
// number of frames and the longest gap between two of them, in ms.
function countFrames(page) {
  const started = page.evaluate(() => {
    const frames = { n: 0, last: null, longest: 0, on: true };
    window.__frames = frames;
    const tick = (now) => {
      if (frames.last !== null) frames.longest = Math.max(frames.longest, now - frames.last);
      frames.last = now;
      frames.n += 1;
      if (frames.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return {
    started,
    stop: () => page.evaluate(() => {
      window.__frames.on = false;
      return { n: window.__frames.n, longest: Math.round(window.__frames.longest) };
    }),
  };
}

test('Epoch on an image network stops paused at exactly one epoch, and its measurement then catches up by itself', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, DIGITS8_CNN);
  assert.equal(await measureStatus(page), 'Train and test figures measured before training.');
  const accuracy0 = await counter(page, 'testAccuracy');
  const loss0 = await counterNumber(page, 'trainLoss');
  const trainImages = Number(/([\d,]+) training images/.exec(await page.getByTestId('image-split').innerText())[1].replace(/,/g, ''));

  await page.click('#epoch');
  await waitForCounter(page, 'epoch', '1');
  await page.waitForSelector('#play[aria-pressed="false"]');
  assert.equal(await playing(page), false, 'paused at the end of the epoch');
  assert.equal(await page.getAttribute('#epoch', 'aria-busy'), null, 'the epoch run is over');
  const step = await counterNumber(page, 'step');
  assert.equal(await counterNumber(page, 'examples'), trainImages, 'exactly one pass over the training images');

  // Nothing pressed: the teacher finishes marking the epoch while the page stays paused.
  await page.getByTestId('measure-status').filter({ hasText: 'Train and test figures measured at epoch 1.' }).waitFor();
  await page.waitForFunction((a) => document.querySelector('[data-testid="count-testAccuracy"]').textContent !== a, accuracy0);
  assert.ok(await counterNumber(page, 'trainLoss') < loss0, 'the train loss of epoch 1 is shown');
  assert.ok(await counterNumber(page, 'testAccuracy') > 50, 'the test accuracy of epoch 1 is shown');
  assert.equal(await counter(page, 'epoch'), '1', 'still one epoch');
  assert.equal(await counterNumber(page, 'step'), step, 'measuring trains no step');
  assert.equal(await playing(page), false);
  await screenshot(page, 'epoch-measured', false);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Epoch on a point dataset runs the same way: one epoch, then paused', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&seed=3');
  assert.equal(await page.getByTestId('measure-status').isVisible(), false, 'points are measured every step');
  await press(page, 'e');
  await waitForCounter(page, 'epoch', '1');
  await page.waitForSelector('#play[aria-pressed="false"]');
  const step = await counterNumber(page, 'step');
  await press(page, 'e');
  await waitForCounter(page, 'epoch', '2');
  await page.waitForSelector('#play[aria-pressed="false"]');
  assert.equal(await counterNumber(page, 'step'), 2 * step, 'each press one whole epoch');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Epoch on the MNIST CNN keeps the page drawing; a second press does not start another, and Play stops one', async (t) => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle');
  await page.selectOption('#preset', 'digits-cnn');
  await page.waitForFunction(() => location.search.startsWith('?dataset=mnist&') && document.body.dataset.mode === 'images');
  await page.waitForSelector('[data-testid="confusion-cell"]');

  const frames = countFrames(page);
  await frames.started;
  await page.click('#epoch');
  await page.waitForSelector('#epoch[aria-busy="true"]');
  assert.equal(await playing(page), true, 'the Play button shows Pause while the epoch runs');
  // A second press while the epoch runs (once some steps have been drawn) changes nothing.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, '')) >= 5);
  await page.click('#epoch');
  await waitForCounter(page, 'epoch', '1');
  const { n, longest } = await frames.stop();
  await page.waitForSelector('#play[aria-pressed="false"]');
  assert.equal(await counter(page, 'epoch'), '1', 'one epoch, not two');
  assert.equal(await counter(page, 'step'), '250', '5,000 images in batches of 20');
  t.diagnostic(`during the epoch: ${n} frames, longest gap between two ${longest} ms`);
  assert.ok(n >= 20, `frames kept coming during the epoch: ${n} frames, longest gap ${longest} ms`);

  // The measurement of epoch 1 catches up while paused; then Epoch again, stopped by Play.
  await page.getByTestId('measure-status').filter({ hasText: 'Train and test figures measured at epoch 1.' }).waitFor({ timeout: 60000 });
  await page.click('#epoch');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, '')) >= 255);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  assert.equal(await page.getAttribute('#epoch', 'aria-busy'), null, 'Play (now Pause) stopped the epoch');
  const stopped = await counterNumber(page, 'step');
  assert.ok(stopped > 250 && stopped < 500, `stopped inside the second epoch, at step ${stopped}`);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await counterNumber(page, 'step'), stopped, 'and it stays stopped');
  assert.equal(await counter(page, 'epoch'), '1');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
