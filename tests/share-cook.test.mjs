// "Share this cook": the link carries the weights as well as the seed; opening it gives the same
// cook (the same parameters, bit for bit, so the same predictions); a cook too big for a link is
// sent to Save model; damaged weights in a link are named and the rest of the link is kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, open, playEpochs, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// The model file the Save model button downloads, as an object.
async function savedModel(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// The plot's pixels: the cook's prediction for every point of the plane, and the data.
const plotPixels = (page) => page.evaluate(() => {
  const canvas = document.getElementById('data-plot');
  return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 7 === 0)).join(',');
});

const messages = (page) => page.locator('[data-testid="page-message"]').allInnerTexts();

test('a shared cook\'s link opens the same cook: the same parameters and predictions', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, 'index.html?dataset=xor&learningRate=0.1&seed=5');
  await playEpochs(page, 3);
  await page.click('#share-cook');
  await page.waitForFunction(() => new URL(location.href).searchParams.has('weights'));
  const link = page.url();
  assert.match((await messages(page)).join('\n'), /The link now carries this cook’s weights \(\d+ characters\)/);
  assert.ok(link.length < 2000, `a small cook's link: ${link.length} characters`);
  const original = await savedModel(page);
  const shown = { loss: await counter(page, 'testLoss'), accuracy: await counter(page, 'testAccuracy'), pixels: await plotPixels(page) };

  const opened = await open(env.browser.context, env.server.origin, link.slice(env.server.origin.length + 1));
  const model = await savedModel(opened.page);
  assert.equal(model.params.length, original.params.length);
  assert.deepEqual(model.params, original.params, 'every parameter, exactly');
  assert.equal(model.config.seed, 5);
  assert.deepEqual({ loss: await counter(opened.page, 'testLoss'), accuracy: await counter(opened.page, 'testAccuracy'), pixels: await plotPixels(opened.page) }, shown,
    'the same test figures and the same boundary');
  assert.match((await messages(opened.page)).join('\n'), /The link’s cook: its weights are as they were shared/);
  assert.ok(new URL(opened.page.url()).searchParams.has('weights'), 'the link keeps the weights while this cook runs');
  // The iframe form takes the same link: an article can hold the shared cook.
  const framed = await open(env.browser.context, env.server.origin, `index.html?embed=1&views=counters&counters=testLoss,testAccuracy&${new URL(link).search.slice(1)}`);
  assert.deepEqual({ loss: await counter(framed.page, 'testLoss'), accuracy: await counter(framed.page, 'testAccuracy') }, { loss: shown.loss, accuracy: shown.accuracy });
  await framed.page.close();
  // A fresh cook from the same seed predicts otherwise: the weights, not the seed, made it.
  const seedOnly = await open(env.browser.context, env.server.origin, 'index.html?dataset=xor&learningRate=0.1&seed=5');
  assert.notEqual(await plotPixels(seedOnly.page), shown.pixels);
  // Resetting is a new cook: the link drops the weights.
  await opened.page.click('#reset');
  await opened.page.waitForFunction(() => !new URL(location.href).searchParams.has('weights'));
  for (const p of [problems, opened.problems, seedOnly.problems]) assert.deepEqual(p, { console: [], page: [], foreign: [] });
  await Promise.all([page.close(), opened.page.close(), seedOnly.page.close()]);
});

test('damaged weights in a link are named and the rest of the link is kept', async () => {
  const { page } = await open(env.browser.context, env.server.origin, 'index.html?dataset=circle&learningRate=0.3');
  await page.click('#share-cook');
  await page.waitForFunction(() => new URL(location.href).searchParams.has('weights'));
  const weights = new URL(page.url()).searchParams.get('weights');
  for (const [bad, message] of [
    [weights.slice(0, 20), /weights are damaged|weights must hold/],
    [`${weights}!`, /weights must be base64url text/],
  ]) {
    const opened = await open(env.browser.context, env.server.origin, `index.html?dataset=circle&learningRate=0.3&weights=${encodeURIComponent(bad)}`);
    const text = (await messages(opened.page)).join('\n');
    assert.match(text, /The link’s weights were not used \(/);
    assert.match(text, message);
    assert.equal(await opened.page.inputValue('#learningRate'), '0.3', 'the rest of the link is kept');
    assert.equal(await opened.page.inputValue('#dataset'), 'circle');
    await opened.page.close();
  }
  await page.close();
});

test('a cook too big for a link is sent to Save model', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, 'index.html?dataset=spiral&hidden=32:relu,32:relu,32:relu,32:relu');
  await page.click('#share-cook');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="page-message"]')].some((m) => m.textContent.includes('Save model')));
  assert.match((await messages(page)).join('\n'), /This cook’s weights would make a link of [\d,]+ characters \(at most 8,000 travel safely\): use Save model to share it as a file\./);
  assert.ok(!new URL(page.url()).searchParams.has('weights'));
  await screenshot(page, 'share-too-long', false);
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});
