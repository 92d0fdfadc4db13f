// The recurrent network in the page (issue 15, "what about a recurrent network?"): names-rnn is a
// recipe like any other; its stack reads as a GRU reading one character at a time, the link
// carries it as gru64 (rnn64: a tanh cell), the chat box answers before and after practice, in
// English and Chinese; a number out of its range is refused by name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatAnswer as answer, open, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

test('names-rnn: a GRU in words and in the link; the chat box answers before and after practice, in English and Chinese', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-rnn&prompt=ma');
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.equal(await page.inputValue('#preset'), 'names-rnn');
  assert.match(await page.locator('#preset option:checked').innerText(), /a recurrent GRU/);
  await page.waitForFunction(() => location.search.includes('layers=gru64'));
  const stack = await page.getByTestId('text-stack').innerText();
  assert.match(stack, /A GRU of 64 neurons reads the 16 characters one at a time/);
  assert.match(stack, /Output after every character/);
  const before = await answer(page);
  assert.ok(before.length > 0, 'untrained, it writes something');
  await press(page, 's', 25);
  await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '25');
  const after = await answer(page);
  assert.notEqual(after, before, 'after 25 steps it writes something else');
  await page.waitForSelector('[data-testid="pantry-row"]');
  assert.ok(await page.getByTestId('pantry-row').count() > 20, "the pantry lists the RNN's token table");
  await screenshot(page, 'rnn-names-en');

  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => /64 个神经元的 GRU 逐个读入 16 个字符/.test(document.querySelector('[data-testid="text-stack"]').textContent));
  assert.match(await page.locator('#preset option:checked').innerText(), /循环神经网络（GRU）/);
  await press(page, 's', 5);
  await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '30');
  assert.ok((await answer(page)).length > 0, 'it answers in the Chinese page too');
  await screenshot(page, 'rnn-names-zh');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();

  // The link alone brings a tanh cell: rnn64.
  const again = await open(env.browser.context, env.server.origin, '?dataset=names&layers=rnn64&context=16&optimizer=adam&learningRate=0.003&batchSize=32');
  assert.match(await again.page.getByTestId('text-stack').innerText(), /A recurrent cell of 64 neurons reads the 16 characters one at a time/);
  assert.ok((await answer(again.page)).length > 0);
  assert.deepEqual(again.problems.console.concat(again.problems.page), []);
  await again.page.close();
});

test('an RNN with too many units is refused by name, and the page runs on', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-rnn&layers=gru300');
  const said = await page.locator('#page-messages').innerText();
  assert.match(said, /layers\[0\]\.units/);
  assert.match(said, /256/);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.deepEqual(problems.page, []);
  await page.close();
});
