// Every dish can be learned: each dataset picked from the Dataset menu trains when played, a
// regression dataset brings least squares, and a network without hidden layers still learns.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterNumber, open, playEpochs, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();
const EPOCHS = 5;

for (const dataset of ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'plane', 'bumps']) {
  const regression = dataset === 'plane' || dataset === 'bumps';
  test(`the ${dataset} dataset, chosen from the menu, trains when played`, async () => {
    // Start from another dataset so that the menu, not the link, makes the choice.
    const { page, problems } = await open(env.browser.context, env.server.origin, `?dataset=${dataset === 'spiral' ? 'circle' : 'spiral'}&seed=4`);
    await page.selectOption('#dataset', dataset);
    await page.waitForFunction((d) => location.search.includes(`dataset=${d}&`), dataset);
    const quality = regression ? 'trainRmse' : 'trainLoss';
    const before = await counterNumber(page, quality);
    await playEpochs(page, EPOCHS);
    const after = await counterNumber(page, quality);
    assert.ok(after < before, `${quality} fell after ${EPOCHS} epochs: ${before} → ${after}`);
    if (regression) assert.ok(await counterNumber(page, 'trainLoss') > 0);
    await screenshot(page, `dataset-${dataset}`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  });
}

test('a regression dataset switches the loss to least squares and shows RMSE', async () => {
  const { page } = await open(env.browser.context, env.server.origin, '?dataset=circle&loss=crossEntropy');
  assert.equal(await page.inputValue('#loss'), 'crossEntropy');
  await page.selectOption('#dataset', 'plane');
  await page.waitForFunction(() => document.querySelector('#loss').value === 'mse');
  assert.match(page.url(), /loss=mse/);
  assert.equal(await page.getByTestId('count-trainAccuracy').count(), 0);
  assert.ok(await page.getByTestId('count-trainRmse').isVisible());
  assert.equal(await page.getAttribute('#accuracy-chart', 'aria-label'), 'Train and test RMSE per epoch');
  // One output: the prediction itself, no class probabilities.
  assert.equal(await page.locator('.node-label', { hasText: /^output/ }).count(), 1);
  await screenshot(page, 'regression-loss');
  await page.close();
});

test('with no hidden layer the inputs feed the output directly and it still learns', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=gaussian&seed=2&hidden=4:tanh&features=x1,x2');
  await page.click('[data-key="layers-"]');
  await page.waitForFunction(() => location.search.includes('hidden=&'));
  assert.match(await page.locator('.layer-count').innerText(), /Hidden layers: 0/);
  assert.equal(await page.getByTestId('node').count(), 2, 'only the two outputs are neurons');
  assert.equal(await page.getByTestId('edge').count(), 4, 'each input reaches each output');
  const before = await counterNumber(page, 'trainLoss');
  await playEpochs(page, EPOCHS);
  const after = await counterNumber(page, 'trainLoss');
  assert.ok(after < before, `train loss fell: ${before} → ${after}`);
  await screenshot(page, 'no-hidden-layer');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
