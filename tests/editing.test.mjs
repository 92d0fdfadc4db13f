// The learner's hands on the page: reshaping the network with + / −, saving a model and loading
// it back, and driving training from the keyboard alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, counterNumber, open, press, screenshot, useBrowser, waitForAtLeast, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

test('the + and − buttons add and remove layers and neurons in the diagram', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&hidden=3:tanh,2:relu');
  const neurons = () => page.getByTestId('node').count();
  // Clicks a layer-editor button, then waits for the diagram to show `count` neurons.
  const clickFor = async (key, count) => {
    await page.click(`[data-key="${key}"]`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="node"]').length === n, count);
  };
  assert.equal(await neurons(), 3 + 2 + 2, 'hidden neurons and the two outputs');

  await clickFor('units+0', 8);
  await clickFor('units+0', 9);
  await clickFor('units-1', 8);
  assert.match(page.url(), /hidden=5:tanh,1:relu&/);
  assert.equal(await page.getByTestId('edge').count(), 2 * 5 + 5 * 1 + 1 * 2);

  // A new layer copies the last one.
  await clickFor('layers+', 9);
  assert.match(page.url(), /hidden=5:tanh,1:relu,1:relu&/);
  assert.match(await page.locator('.layer-count').innerText(), /Hidden layers: 3/);
  await screenshot(page, 'layers-added');

  await clickFor('layers-', 8);
  await clickFor('layers-', 7);
  assert.match(page.url(), /hidden=5:tanh&/);
  assert.ok(await page.locator('[data-key="units-0"]').isEnabled());
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('a saved model loads back with the same step count and loss', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=moons&seed=8&optimizer=momentum');
  await press(page, 's', 7);
  await waitForCounter(page, 'step', '7');
  // The batch loss belongs to a step in progress, not to the model file.
  const shown = async () => ({
    step: await counter(page, 'step'), trainLoss: await counter(page, 'trainLoss'), testLoss: await counter(page, 'testLoss'),
  });
  const saved = await shown();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  assert.equal(download.suggestedFilename(), 'neural-kitchen-model.json');
  const file = await download.path();
  // The run as it goes on without the file, to compare the loaded model against.
  await press(page, 's');
  await waitForCounter(page, 'step', '8');
  const continued = { trainLoss: await counter(page, 'trainLoss'), batchLoss: await counter(page, 'batchLoss') };

  // Something else entirely, so the load has to bring back config, parameters and counters.
  await page.selectOption('#dataset', 'xor');
  await waitForCounter(page, 'step', '0');
  assert.notEqual(await counter(page, 'trainLoss'), saved.trainLoss);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('.file-button')]);
  await chooser.setFiles(file);
  await page.getByTestId('page-message').filter({ hasText: 'Model loaded.' }).waitFor();
  await waitForCounter(page, 'step', saved.step);
  assert.deepEqual(await shown(), saved);
  assert.equal(await page.inputValue('#dataset'), 'moons');
  assert.equal(await page.inputValue('#optimizer'), 'momentum');
  assert.match(page.url(), /dataset=moons&seed=8&/);

  // The loaded model goes on exactly as the run it was saved from (same shuffle, same state).
  await press(page, 's');
  await waitForCounter(page, 'step', '8');
  assert.deepEqual({ trainLoss: await counter(page, 'trainLoss'), batchLoss: await counter(page, 'batchLoss') }, continued);
  await screenshot(page, 'model-loaded');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('with the keyboard alone: Tab reaches Play, Space plays and pauses, S, P and E train', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&seed=6');
  let tabs = 0;
  while (!(await page.evaluate(() => document.activeElement?.id === 'play'))) {
    assert.ok(++tabs <= 12, 'Play is among the first dozen stops of the Tab order');
    await page.keyboard.press('Tab');
  }

  await page.keyboard.press('Space');
  await page.waitForSelector('#play[aria-pressed="true"]');
  await waitForAtLeast(page, 'step', 1);
  await page.keyboard.press('Space');
  await page.waitForSelector('#play[aria-pressed="false"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'play', 'the focus stays on Play');

  // Letters work while a button has the focus.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const step = await counterNumber(page, 'step');
  await page.keyboard.press('s');
  await waitForAtLeast(page, 'step', step + 1);
  assert.equal(await counterNumber(page, 'step'), step + 1, 'S runs exactly one step');

  await page.keyboard.press('p');
  await page.waitForSelector('.phases li.done[data-phase="forward"]');
  assert.equal(await counterNumber(page, 'step'), step + 1, 'P runs a phase, not a step');

  const epoch = await counterNumber(page, 'epoch');
  await page.keyboard.press('e');
  await waitForAtLeast(page, 'epoch', epoch + 1);
  assert.equal(await counterNumber(page, 'epoch'), epoch + 1, 'E runs to the end of the epoch');
  await page.waitForSelector('.phases li.done[data-phase="update"]');
  await screenshot(page, 'keyboard');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
