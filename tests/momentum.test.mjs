// The momentum coefficient, a config field the page knows only from the core's schema: its
// control exists, changes the running cook in place (setTraining), and goes through the link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, open, press, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();
const QUERY = '?dataset=spiral&seed=1&optimizer=momentum&learningRate=0.03';

// Steps 5, sets momentum to `value` (if given) with the control, steps 5 more: the train loss.
async function lossAfter(value) {
  const { page, problems } = await open(env.browser.context, env.server.origin, QUERY);
  await press(page, 's', 5);
  await waitForCounter(page, 'step', '5');
  if (value !== undefined) {
    await page.fill('#momentum', value);
    await page.press('#momentum', 'Enter');
    await page.waitForFunction((v) => new URLSearchParams(location.search).get('momentum') === v, value);
  }
  await press(page, 's', 5);
  await waitForCounter(page, 'step', '10');
  const loss = await counter(page, 'trainLoss');
  assert.deepEqual(problems.console.concat(problems.page), []);
  return { page, loss };
}

test('the momentum control comes from the schema, changes the run in place and round-trips through the link', async () => {
  const kept = await lossAfter();
  assert.equal(await kept.page.inputValue('#momentum'), '0.9', 'the default is the old constant');
  assert.equal(await kept.page.getAttribute('#momentum', 'max'), '0.999');
  const changed = await lossAfter('0.5');
  // In place: the steps went on from 5 (a new cook would start at 0) with the new coefficient.
  assert.notEqual(changed.loss, kept.loss, 'momentum 0.5 trains differently from 0.9');
  const link = new URL(changed.page.url());
  assert.equal(link.searchParams.get('momentum'), '0.5');
  await kept.page.close();
  await changed.page.close();

  const { page, problems } = await open(env.browser.context, env.server.origin, link.search);
  assert.equal(await page.inputValue('#momentum'), '0.5');
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('a momentum outside its range in the link is reported in the core\'s words and replaced', async () => {
  const { page } = await open(env.browser.context, env.server.origin, `${QUERY}&momentum=2`);
  const messages = await page.locator('#page-messages').innerText();
  assert.match(messages, /momentum must be between 0 and 0\.999, got 2/);
  assert.equal(await page.inputValue('#momentum'), '0.9');
  await page.close();
});
