// Plain words (issue 14): the counters read as a learner would say them, each keeping its
// technical name in a tooltip; the selected input's readout says what the cook answers and how
// sure it is; no number on the page is written in the e-notation of code, even once a cook is sure.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, playEpochs, useBrowser } from './page-harness.mjs';

const env = useBrowser();

const counters = (page) => page.locator('#counters dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.title]));

test('the counters speak plainly with the technical name in their tooltips, in English and Chinese', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=gauss');
  const en = Object.fromEntries(await counters(page));
  assert.ok('Dishes tasted' in en && /Examples seen: steps × batch size/.test(en['Dishes tasted']), JSON.stringify(en));
  assert.match(en['Last tasting'], /^Batch loss: /);
  assert.match(en['Steps a second'], /steps per second/);
  for (const [name, title] of Object.entries(en)) assert.ok(title.length > name.length, `"${name}" explains itself: "${title}"`);
  await page.selectOption('#lang', 'zh');
  const zh = Object.fromEntries(await counters(page));
  assert.match(zh['尝过的菜'], /已见样本数/);
  assert.match(zh['最近一次品尝'], /^批次损失/);
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});

test('a trained cook: the readout says its answer and how sure, and no number shows e-notation', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=gauss&optimizer=adam&learningRate=0.1');
  await playEpochs(page, 20);
  // The middle of one of the two clusters (the plot spans −6 to 6 on both axes).
  const box = await page.locator('#data-plot').boundingBox();
  await page.mouse.click(box.x + box.width * (8 / 12), box.y + box.height * (4 / 12));
  await page.waitForFunction(() => /the cook answers class [01], [\d.]+ % sure/.test(document.querySelector('#probe-readout').textContent));
  const shown = await page.evaluate(() => document.querySelector('main').innerText + document.querySelector('#counters').innerText);
  assert.doesNotMatch(shown, /\d[eE][+-]?\d/, 'no e-notation anywhere the learner reads');
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});
