// Every recipe keeps its promise: picked from the Recipe menu, trained for the epochs the page
// says it needs ("learns in about N epochs"), each classification recipe reaches 95 % test
// accuracy and each regression recipe lowers its test RMSE. Training is by the Epoch key, so the
// counters end exactly at N (no clock involved).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, counterNumber, open, press, runEpoch, screenshot, useBrowser, waitForCounter } from '../page-harness.mjs';

const env = useBrowser();

// A newcomer's page: a small ReLU cook on noisy circles, no recipe at all.
const CUSTOM = '?dataset=circle&seed=7&noise=20&features=x1&hidden=2:relu&optimizer=momentum&learningRate=0.5&batchSize=3';

// What the core says about a recipe, read through the module the page already loaded.
function corePreset(page, name) {
  return page.evaluate(async (n) => {
    const { Trainer } = await import('/crate/pkg/neural_kitchen.js');
    return { config: Trainer.preset(n), epochs: Trainer.defaultEpochs(n) };
  }, name);
}

async function pickRecipe(page, name) {
  await page.selectOption('#preset', name);
  await page.waitForFunction((n) => location.search.startsWith(`?dataset=${n}&`), name);
  await waitForCounter(page, 'step', '0');
  const hint = await page.getByTestId('preset-epochs').innerText();
  const shown = /learns in about (\d+) epochs/.exec(hint);
  assert.ok(shown, `the epochs hint reads "${hint}"`);
  return Number(shown[1]);
}

async function trainEpochs(page, epochs) {
  for (let n = 1; n <= epochs; n++) await runEpoch(page, n);
}

for (const name of ['spiral', 'circle', 'xor', 'gaussian', 'moons']) {
  test(`the ${name} recipe reaches 95 % test accuracy in the epochs it promises`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, CUSTOM);
    assert.equal(await page.inputValue('#preset'), '', 'a custom config is no recipe');
    const epochs = await pickRecipe(page, name);
    assert.equal(epochs, (await corePreset(page, name)).epochs, 'the hint shows Trainer.defaultEpochs');
    await trainEpochs(page, epochs);
    const accuracy = await counterNumber(page, 'testAccuracy');
    assert.ok(accuracy >= 95, `${name}: test accuracy after ${epochs} epochs is ${await counter(page, 'testAccuracy')}`);
    await screenshot(page, `preset-${name}`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  });
}

for (const name of ['plane', 'bumps']) {
  test(`the ${name} recipe lowers its test RMSE in the epochs it promises`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, CUSTOM);
    const epochs = await pickRecipe(page, name);
    assert.equal(await page.inputValue('#loss'), 'mse');
    const before = await counterNumber(page, 'testRmse');
    await trainEpochs(page, epochs);
    const after = await counterNumber(page, 'testRmse');
    assert.ok(after < before / 2, `${name}: test RMSE ${before} → ${after} after ${epochs} epochs`);
    await screenshot(page, `preset-${name}`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  });
}

test('a recipe sets every control and the link; changing a field makes it your own recipe', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, CUSTOM);
  await press(page, 's', 3);
  await waitForCounter(page, 'step', '3');
  await pickRecipe(page, 'spiral');
  const { config } = await corePreset(page, 'spiral');

  // Every control shows the recipe, and the link holds all of it (seed included).
  for (const name of ['dataset', 'seed', 'noise', 'trainShare', 'points', 'loss', 'outputActivation', 'init', 'optimizer', 'learningRate', 'regularization', 'regularizationRate', 'batchSize']) {
    const value = config[name];
    const expected = typeof value === 'number' ? String(Number(value.toPrecision(6))) : value;
    assert.equal(await page.inputValue(`#${name}`), expected, name);
  }
  const checked = await page.locator('input[data-feature]:checked').evaluateAll((els) => els.map((el) => el.value));
  assert.deepEqual(checked, config.features);
  assert.match(await page.locator('.layer-count').innerText(), new RegExp(`Hidden layers: ${config.hidden.length}`));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('features'), config.features.join(','));
  assert.equal(url.searchParams.get('hidden'), config.hidden.map((l) => `${l.units}:${l.activation}`).join(','));
  assert.equal(url.searchParams.get('optimizer'), config.optimizer);
  assert.equal(url.searchParams.get('seed'), String(config.seed));
  assert.equal(url.searchParams.has('preset'), false, 'the fields alone are the state');
  assert.equal(await counter(page, 'step'), '0', 'a fresh cook');
  await screenshot(page, 'preset-picked');

  // The link alone brings the recipe back, with its name in the menu.
  const shared = await open(env.browser.context, env.server.origin, url.search);
  assert.equal(await shared.page.inputValue('#preset'), 'spiral');
  assert.match(await shared.page.getByTestId('preset-epochs').innerText(), /learns in about \d+ epochs/);
  await shared.page.close();

  // New data (another seed) is still the recipe; another optimizer is the learner's own.
  await page.fill('#seed', '12');
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => location.search.includes('seed=12&'));
  assert.equal(await page.inputValue('#preset'), 'spiral');
  await page.selectOption('#optimizer', 'sgd');
  await page.waitForFunction(() => location.search.includes('optimizer=sgd&'));
  assert.equal(await page.inputValue('#preset'), '');
  assert.match(await page.locator('#preset option:checked').innerText(), /Your own recipe/);
  assert.equal(await page.getByTestId('preset-epochs').innerText(), '');

  // The Dataset menu still changes only the data.
  await page.selectOption('#dataset', 'moons');
  await page.waitForFunction(() => location.search.startsWith('?dataset=moons&'));
  assert.equal(await page.inputValue('#optimizer'), 'sgd');
  assert.equal(new URL(page.url()).searchParams.get('hidden'), '16:tanh,16:tanh,8:tanh');

  // In Chinese the menu and the hint are translated.
  await page.selectOption('#preset', 'circle');
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
  assert.match(await page.locator('label[for="preset"] > span').innerText(), /菜谱/);
  assert.match(await page.locator('#preset option:checked').innerText(), /圆形/);
  assert.match(await page.getByTestId('preset-epochs').innerText(), /大约 \d+ 轮学会/);
  await screenshot(page, 'preset-chinese');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
