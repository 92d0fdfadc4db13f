// The tiny GPT in the page (issue 15): names-gpt is a recipe like any other; its stack reads as
// a GPT (positions, blocks of attention heads and an MLP), the link carries it as gpt32h4b2, the
// chat box answers before and after practice and the pantry shows its token table, in English and
// Chinese; a GPT whose heads do not divide its width is refused by name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatAnswer as answer, open, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

test('names-gpt: a GPT in words and in the link; the chat box answers before and after practice; the pantry is its token table', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&prompt=ma');
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.equal(await page.inputValue('#preset'), 'names-gpt');
  assert.match(await page.locator('#preset option:checked').innerText(), /a tiny GPT/);
  await page.waitForFunction(() => location.search.includes('layers=gpt32h4b2'));
  const stack = await page.getByTestId('text-stack').innerText();
  assert.match(stack, /Positions: each of the 16 places/);
  assert.match(stack, /2 blocks, each: attention with 4 heads/);
  const before = await answer(page);
  assert.ok(before.length > 0, 'untrained, it writes something');
  await press(page, 's', 25);
  await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '25');
  const after = await answer(page);
  assert.notEqual(after, before, 'after 25 steps it writes something else');
  await page.waitForSelector('[data-testid="pantry-row"]');
  assert.ok(await page.getByTestId('pantry-row').count() > 20, "the pantry lists the GPT's token table");
  await screenshot(page, 'gpt-names-en');

  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => /2 个模块，每个先做 4 头注意力/.test(document.querySelector('[data-testid="text-stack"]').textContent));
  assert.match(await page.locator('#preset option:checked').innerText(), /小小 GPT/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();

  // The link alone brings the same GPT back.
  const again = await open(env.browser.context, env.server.origin, '?dataset=names&layers=gpt32h4b2&context=16&optimizer=adam&learningRate=0.003&batchSize=32');
  assert.match(await again.page.getByTestId('text-stack').innerText(), /2 blocks, each: attention with 4 heads/);
  await again.page.close();
});

test('a GPT whose heads do not divide its width is refused by name, and the page runs on', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&layers=gpt32h5b2');
  const said = await page.locator('#page-messages').innerText();
  assert.match(said, /heads/);
  assert.match(said, /32/);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.deepEqual(problems.page, []);
  await page.close();
});
