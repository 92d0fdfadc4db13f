// Image mode, the learner's own hand in training: a drawing added to the training set, an image
// model saved and loaded back, and the clothing recipe with its class names in both languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, counterNumber, drawOne, open, press, runEpoch, screenshot, useBrowser, waitForAtLeast, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

const FASHION_EN = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const FASHION_ZH = ['T 恤/上衣', '裤子', '套衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴'];

async function trainingImages(page) {
  const text = await page.getByTestId('image-split').innerText();
  return Number(/([\d,]+) training images/.exec(text)[1].replace(/,/g, ''));
}

// The class names as the probability bars and the confusion matrix's row headers show them.
async function shownClassNames(page) {
  const bars = await page.locator('.class-bars .bar-name').allInnerTexts();
  const rows = await page.locator('[data-testid="confusion"] th[scope="row"]').allInnerTexts();
  return { bars: bars.map((name) => name.replace(/ ✓$/, '')), rows };
}

test('a drawn digit added with its label grows the training set by one, and training goes on with it', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2');
  assert.ok(await page.locator('#trainShare').isVisible(), 'the 8×8 digits are split by the training share');
  const before = await trainingImages(page);
  const loss0 = await counterNumber(page, 'trainLoss');
  await drawOne(page);
  await page.selectOption('#pad-label', '1');
  await page.click('#pad-add');
  const grown = `${(before + 1).toLocaleString('en-US')} training images`;
  await page.getByTestId('image-split').filter({ hasText: grown }).waitFor();
  assert.match(await page.locator('#pad-status').innerText(), new RegExp(`^Added with the label 1: the training set now has ${(before + 1).toLocaleString('en-US')} images\\.$`));

  // One epoch is one pass over every training image, the drawing included.
  await runEpoch(page, 1);
  assert.equal(await counterNumber(page, 'examples'), before + 1);
  assert.ok(await counterNumber(page, 'trainLoss') < loss0, 'the loss fell');
  await screenshot(page, 'images-drawing-added');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

// Saved mid-epoch: the losses shown are the last epoch's measurement, which the file must keep.
test('a saved image model loads back with the same step count and loss, and goes on the same', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=4');
  await runEpoch(page, 1);
  await press(page, 's', 3);
  await waitForCounter(page, 'step', '75');
  const shown = async () => ({
    step: await counter(page, 'step'), trainLoss: await counter(page, 'trainLoss'), testLoss: await counter(page, 'testLoss'),
    testAccuracy: await counter(page, 'testAccuracy'),
  });
  const saved = await shown();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  const file = await download.path();
  // The run as it goes on without the file, to compare the loaded model against.
  await press(page, 's');
  await waitForCounter(page, 'step', String(Number(saved.step) + 1));
  const continued = await counter(page, 'batchLoss');

  // A fresh cook on other data, so the load has to bring back config, parameters and counters.
  await page.fill('#seed', '9');
  await page.press('#seed', 'Enter');
  await waitForCounter(page, 'step', '0');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('.file-button')]);
  await chooser.setFiles(file);
  await page.getByTestId('page-message').filter({ hasText: 'Model loaded.' }).waitFor();
  await waitForCounter(page, 'step', saved.step);
  assert.deepEqual(await shown(), saved);
  assert.match(page.url(), /dataset=digits8&seed=4&/);
  assert.ok(await page.getByTestId('feature-maps').isVisible(), 'still in image mode');
  await press(page, 's');
  await waitForCounter(page, 'step', String(Number(saved.step) + 1));
  assert.equal(await counter(page, 'batchLoss'), continued, 'the same next batch, the same parameters');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the clothing recipe trains, names its classes in English and Chinese, and has a fixed split', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8');
  const digits = await page.getAttribute('body', 'data-trainer');
  await page.selectOption('#preset', 'fashion-cnn');
  await page.waitForFunction(() => location.search.startsWith('?dataset=fashion&'));
  // The new cook's views draw, completely, with its first snapshot from the worker.
  await page.waitForFunction((before) => document.body.dataset.trainer !== before, digits);
  await page.locator('[data-testid="confusion"] th[scope="row"]').first().waitFor();
  assert.deepEqual(await shownClassNames(page), { bars: FASHION_EN, rows: FASHION_EN });
  assert.deepEqual(await page.locator('[data-testid="confusion"] th[scope="col"]').evaluateAll((ths) => ths.map((th) => th.title)), FASHION_EN);
  assert.equal(await page.inputValue('#pad-label'), '', 'the pad asks for the label');
  assert.equal(await page.locator('#pad-label option').nth(1).innerText(), 'T-shirt/top');
  assert.equal(await page.locator('#pad-title').innerText(), 'Draw a piece of clothing');
  assert.equal(await page.locator('#trainShare').isVisible(), false, 'the training share does not apply');
  assert.equal(await page.getByTestId('image-split').innerText(), 'Split fixed by the dataset: 5,000 training images, 1,000 test images.');

  // The train and test losses are measured once an epoch; the batch loss shows every step's.
  const loss0 = await counterNumber(page, 'trainLoss');
  await page.selectOption('#maxSteps', '5');
  await page.click('#play');
  await waitForAtLeast(page, 'step', 30);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  const batchLoss = await counterNumber(page, 'batchLoss');
  assert.ok(batchLoss < loss0 * 0.8, `the loss fell: ${loss0} → ${batchLoss}`);
  await screenshot(page, 'images-fashion');

  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.querySelector('.class-bars .bar-name').textContent.startsWith('T 恤'));
  await page.waitForFunction(() => document.querySelector('[data-testid="confusion"] th[scope="row"]').innerText === 'T 恤/上衣');
  assert.deepEqual(await shownClassNames(page), { bars: FASHION_ZH, rows: FASHION_ZH });
  assert.equal(await page.locator('#pad-title').innerText(), '画一件服饰');
  assert.match(await page.getByTestId('image-split').innerText(), /^数据集自带的划分：5,000 张训练图像/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
