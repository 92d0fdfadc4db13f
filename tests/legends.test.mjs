// Every coloured view carries a legend of the scale it is drawn on (issue 14): the dish's fixed
// probability scale, the network's thumbnails per layer or for the whole network, one width scale
// for every edge, image mode's maps, gradients, kernels, example and verdict, text mode's pantry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { clickEdge, open, press, useBrowser, waitForCounter } from './page-harness.mjs';
import { edgeShare, edgeWidth, WIDTH_MARKS } from '../www/views/edge-width.js';

const env = useBrowser();

const SMALL_CNN = '?dataset=digits8&seed=3&layers=conv4k3p1-relu,max2,conv8k3p1-relu,flatten,dense16-relu&optimizer=adam&learningRate=0.01&batchSize=20';

// The legends with `testid` as { max, column, text }, in page order.
function legends(page, testid) {
  return page.$$eval(`[data-testid="${testid}"]`, (els) => els.map((el) => ({ max: Number(el.dataset.max), column: el.dataset.column, text: el.innerText, visible: el.offsetParent !== null })));
}

test('the edge width grows with the size of the value on one fixed scale', () => {
  assert.ok(edgeWidth(0.01) < edgeWidth(0.1) && edgeWidth(0.1) < edgeWidth(1) && edgeWidth(1) < edgeWidth(5));
  assert.equal(edgeWidth(-5), edgeWidth(5), 'the sign is the colour, not the width');
  assert.equal(edgeShare(0), 0);
  assert.equal(edgeShare(NaN), 0);
  assert.equal(edgeShare(1e6), 1);
  assert.ok(edgeWidth(5) > 2.5 * edgeWidth(0.01), 'a 5.0 weight is far thicker than a 0.01 update');
  assert.deepEqual(WIDTH_MARKS, [...WIDTH_MARKS].sort((a, b) => a - b));
});

test('points mode: the dish, the neurons and the edges each have a legend; the scope toggle changes the neurons\' numbers', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&seed=2&hidden=3:relu,2:tanh');
  await press(page, 's', 3);
  await waitForCounter(page, 'step', '3');
  const [dish] = await legends(page, 'legend-dish');
  assert.equal(dish.max, 1, 'the dish shows a probability: a fixed scale');
  assert.match(dish.text, /class 0[\s\S]*class 1/);
  const [output] = await legends(page, 'legend-output');
  assert.equal(output.max, 1);
  assert.equal((await legends(page, 'legend-values')).length, 1);
  assert.equal((await legends(page, 'legend-inputs')).length, 1);

  await page.waitForFunction(() => document.querySelectorAll('[data-testid="legend-neurons"]').length === 2);
  const perLayer = await legends(page, 'legend-neurons');
  assert.deepEqual(perLayer.map((s) => s.column), ['1', '2'], 'one scale per hidden layer');
  assert.ok(perLayer.every((s) => s.max > 0));
  assert.ok(perLayer[1].max <= 1, 'a tanh layer\'s outputs stay within ±1');
  assert.match(perLayer[0].text, /L1/);

  await page.check('input[name="scope"][value="network"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="legend-neurons"]')?.dataset.column === 'all');
  const whole = await legends(page, 'legend-neurons');
  assert.equal(whole.length, 1, 'one scale for the whole network');
  assert.equal(whole[0].max, Math.max(...perLayer.map((s) => s.max)), 'the largest of the layers\' scales');
  assert.match(page.url(), /scope=network/);

  await page.check('input[name="scope"][value="layer"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="legend-neurons"]').length === 2);
  assert.deepEqual(await legends(page, 'legend-neurons'), perLayer, 'back to each layer\'s own scale');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('edge widths: a 0.01 weight is drawn thin and a 5 weight thick, as the width legend says', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=xor&seed=2');
  const marks = await page.$$eval('[data-testid="width-legend"] .legend-width', (els) => els.map((el) => [Number(el.dataset.value), Number(el.dataset.width)]));
  assert.deepEqual(marks, WIDTH_MARKS.map((v) => [v, edgeWidth(v)]));
  // Sets the weight of the edge a click picks, and returns the width its path is drawn with.
  const setAndMeasure = async (n, value) => {
    await clickEdge(page, n);
    const index = await page.waitForFunction(() => document.querySelector('path.edge.selected') && document.querySelector('.edge-tip')?.dataset.index).then((h) => h.jsonValue());
    await page.fill('[data-testid="param-input"]', String(value));
    await page.press('[data-testid="param-input"]', 'Enter');
    const selected = page.locator('path.edge.selected');
    await page.waitForFunction((w) => document.querySelector('path.edge.selected')?.getAttribute('stroke-width') === w, edgeWidth(value).toFixed(1));
    return { index, width: Number(await selected.getAttribute('stroke-width')) };
  };
  const small = await setAndMeasure(0, 0.01);
  const large = await setAndMeasure(5, 5);
  assert.notEqual(small.index, large.index);
  assert.equal(small.width, Number(edgeWidth(0.01).toFixed(1)));
  assert.equal(large.width, Number(edgeWidth(5).toFixed(1)));
  assert.ok(large.width > 2.5 * small.width);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('image mode: every map, gradient strip and kernel block has a legend; the scope toggle shares one scale', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, SMALL_CNN);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="legend-map"]').length > 0
    && [...document.querySelectorAll('[data-testid="legend-kernel"]')].every((el) => el.dataset.max));
  assert.equal(await page.getByTestId('legend-map').count(), await page.getByTestId('feature-map').count(), 'one legend per feature-map strip');
  assert.equal(await page.getByTestId('legend-kernel').count(), await page.getByTestId('kernel').count(), 'one legend per kernel block');
  const [example] = await legends(page, 'legend-example');
  assert.equal(example.max, 1, 'pixels: a fixed scale');

  const maps = await legends(page, 'legend-map');
  const kernels = await legends(page, 'legend-kernel');
  assert.ok(maps.every((m) => m.max > 0) && kernels.every((k) => k.max > 0));
  assert.notEqual(kernels[0].max, kernels[1].max, 'each conv layer on its own scale');
  // The numbers are the weights': the model file's parameters (conv 1: 4 kernels of 3×3 from
  // offset 0, then 4 biases; conv 3: 8 × 4 kernels of 3×3).
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  const { params } = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const largest = (from, count) => Math.max(...params.slice(from, from + count).map((v) => Math.abs(Math.fround(v))));
  assert.equal(kernels[0].max, largest(0, 36), 'conv 1\'s legend: its largest |weight|');
  assert.equal(kernels[1].max, largest(40, 288), 'conv 3\'s legend: its largest |weight|');

  await page.check('input[name="map-scope"][value="network"]');
  await page.waitForFunction(() => new Set([...document.querySelectorAll('[data-testid="legend-kernel"]')].map((el) => el.dataset.max)).size === 1);
  const sharedKernels = await legends(page, 'legend-kernel');
  assert.ok(sharedKernels.every((k) => k.max === Math.max(...kernels.map((s) => s.max))), 'kernels: the largest of the blocks\' scales');
  const sharedMaps = await legends(page, 'legend-map');
  // The first strip is the input image, on its own scale; every layer's maps share one.
  assert.equal(sharedMaps[0].max, maps[0].max);
  assert.ok(sharedMaps.slice(1).every((m) => m.max === Math.max(...maps.slice(1).map((s) => s.max))), `maps: ${JSON.stringify(sharedMaps)}`);
  assert.match(page.url(), /scope=network/);

  await press(page, 'p', 3);
  await page.waitForSelector('.phases li.done[data-phase="backward"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="legend-map-gradient"]')].some((el) => el.offsetParent && el.dataset.max));
  const gradients = (await legends(page, 'legend-map-gradient')).filter((g) => g.visible);
  assert.equal(gradients.length, await page.locator('[data-testid="feature-gradient"]:visible').count(), 'one legend per gradient strip');
  assert.equal(new Set(gradients.map((g) => g.max)).size, 1, 'the gradients share one scale too');
  assert.match(gradients[0].text, /gradients/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the verdict and the pantry have legends, in Chinese too', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${SMALL_CNN}&lang=zh`);
  await page.waitForFunction(() => document.querySelector('[data-testid="legend-confusion"]')?.dataset.max);
  assert.match((await legends(page, 'legend-confusion'))[0].text, /答错[\s\S]*答对/);
  assert.match((await legends(page, 'legend-kernel'))[0].text, /权重（本层）/);
  await page.close();

  const text = await open(env.browser.context, env.server.origin, '?preset=names-mlp');
  await text.page.waitForFunction(() => Number(document.querySelector('[data-testid="legend-pantry"]')?.dataset.max) > 0);
  assert.equal(await text.page.getByTestId('legend-pantry').count(), await text.page.getByTestId('pantry-heatmap').count());
  assert.deepEqual(problems.console.concat(problems.page, text.problems.console, text.problems.page), []);
  await text.page.close();
});
