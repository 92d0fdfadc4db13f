// The sequence models in the page (issue 15): names-gpt (a tiny GPT) and names-rnn (a GRU) are
// recipes like any other. Each one's stack reads as what it is, the link carries it (gpt32h4b2,
// gru64; rnn64 a tanh cell), the chat box answers before and after 25 steps of practice, the
// pantry lists its token table, in English and Chinese; a shape out of range is refused by name
// and the page runs on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatAnswer as answer, open, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

const RECIPES = [
  {
    preset: 'names-gpt', named: /a tiny GPT/, link: 'gpt32h4b2', shot: 'gpt-names',
    stack: [/Positions: each of the 16 places/, /2 blocks, each: attention with 4 heads/],
    zh: { named: /小小 GPT/, stack: /2 个模块，每个先做 4 头注意力/ },
  },
  {
    preset: 'names-rnn', named: /a recurrent GRU/, link: 'gru64', shot: 'rnn-names',
    stack: [/A GRU of 64 neurons reads the 16 characters one at a time/, /Output after every character/],
    zh: { named: /循环神经网络（GRU）/, stack: /64 个神经元的 GRU 逐个读入 16 个字符/ },
  },
];

const stackText = (page) => page.getByTestId('text-stack').innerText();
const stepsShown = (page, n) => page.waitForFunction((n) => document.querySelector('[data-testid="count-step"]').textContent === String(n), n);

for (const recipe of RECIPES) {
  test(`${recipe.preset}: in words and in the link; the chat box answers before and after practice; the pantry is its token table; in Chinese too`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?preset=${recipe.preset}&prompt=ma`);
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
    assert.equal(await page.inputValue('#preset'), recipe.preset);
    assert.match(await page.locator('#preset option:checked').innerText(), recipe.named);
    await page.waitForFunction((link) => location.search.includes(`layers=${link}`), recipe.link);
    const stack = await stackText(page);
    for (const words of recipe.stack) assert.match(stack, words);
    const before = await answer(page);
    assert.ok(before.length > 0, 'untrained, it writes something');
    await press(page, 's', 25);
    await stepsShown(page, 25);
    const after = await answer(page);
    assert.notEqual(after, before, 'after 25 steps it writes something else');
    await page.waitForSelector('[data-testid="pantry-row"]');
    assert.ok(await page.getByTestId('pantry-row').count() > 20, 'the pantry lists the token table');
    await screenshot(page, `${recipe.shot}-en`);

    await page.selectOption('#lang', 'zh');
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="text-stack"]').textContent), recipe.zh.stack.source);
    assert.match(await page.locator('#preset option:checked').innerText(), recipe.zh.named);
    await press(page, 's', 5);
    await stepsShown(page, 30);
    assert.ok((await answer(page)).length > 0, 'it answers in the Chinese page too');
    await screenshot(page, `${recipe.shot}-zh`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  });
}

test('the link alone brings a sequence model back: a GPT, or a tanh cell (rnn64)', async () => {
  const common = 'dataset=names&context=16&optimizer=adam&learningRate=0.003&batchSize=32';
  for (const [layers, words] of [
    ['gpt32h4b2', /2 blocks, each: attention with 4 heads/],
    ['rnn64', /A recurrent cell of 64 neurons reads the 16 characters one at a time/],
  ]) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?${common}&layers=${layers}`);
    assert.match(await stackText(page), words);
    assert.ok((await answer(page)).length > 0);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  }
});

test('a shape out of range is refused by name, and the page runs on', async () => {
  for (const [link, words] of [
    ['preset=names-gpt&layers=gpt32h5b2', [/heads/, /32/]], // heads that do not divide the width
    ['preset=names-rnn&layers=gru300', [/layers\[0\]\.units/, /256/]], // too many units
  ]) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?${link}`);
    const said = await page.locator('#page-messages').innerText();
    for (const word of words) assert.match(said, word);
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
    assert.deepEqual(problems.page, []);
    await page.close();
  }
});
