// The ghost of the last cook (issue 14): a cook that trained and is then reset or replaced stays
// on the charts as a faded violet curve, with its dish and a label naming what differed, until
// removed (integration/ghosts-compare.test.mjs: several at once).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, runEpoch, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// The first ghost's curve on the white chart: violet (118, 42, 131) at half opacity.
const GHOST_PIXEL = [187, 149, 193];

// Pixels of a chart canvas within a few levels of the ghost's colour.
function ghostPixels(page, id) {
  return page.evaluate(([canvasId, [r, g, b]]) => {
    const canvas = document.getElementById(canvasId);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) <= 8 && Math.abs(data[i + 1] - g) <= 8 && Math.abs(data[i + 2] - b) <= 8) n += 1;
    }
    return n;
  }, [id, GHOST_PIXEL]);
}

// Waits, a frame at a time, until the chart has (or has no longer) the ghost's curves.
async function waitForGhostPixels(page, id, present) {
  const shown = (n) => (present ? n >= 20 : n === 0);
  while (!shown(await ghostPixels(page, id))) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

const ghost = (page) => page.getByTestId('ghost');
const figure = (page) => page.getByTestId('ghost-cooks');

test('a changed init leaves the last cook as a ghost named by the difference in the page\'s words; a reset without training keeps it; ✕ removes it', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=spiral&seed=1&init=ones&lang=en');
  await runEpoch(page, 1);
  await runEpoch(page, 2);
  assert.equal(await ghostPixels(page, 'loss-chart'), 0, 'no ghost before the cook ends');
  assert.equal(await figure(page).isHidden(), true);
  await page.selectOption('#init', 'xavier');
  await page.waitForSelector('[data-testid="ghost-cooks"]:not([hidden])');
  assert.equal(await ghost(page).getAttribute('data-label'), 'Initial seasonings = All ones (1 gram each)');
  await waitForGhostPixels(page, 'loss-chart', true);
  await waitForGhostPixels(page, 'accuracy-chart', true);
  // The thumbnail is the old cook's plot, copied.
  assert.ok(await page.evaluate(() => document.querySelector('.ghost-dish').width > 0));
  assert.equal(await page.locator('.ghost-dish').isVisible(), true);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'ghost-points-en', false);

  // A cook that never trained leaves no ghost: the last one stays.
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelector('[data-testid="count-epoch"]').textContent === '0');
  assert.equal(await ghost(page).count(), 1);
  assert.equal(await ghost(page).getAttribute('data-label'), 'Initial seasonings = All ones (1 gram each)');

  await ghost(page).getByRole('button', { name: 'Remove cook 1' }).click();
  await page.waitForSelector('[data-testid="ghost-cooks"][hidden]', { state: 'attached' });
  await waitForGhostPixels(page, 'loss-chart', false);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('a reset after training leaves a ghost of the same recipe, in Chinese too, and names a change in Chinese', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=spiral&seed=1&lang=zh');
  await runEpoch(page, 1);
  await page.click('#reset');
  await page.waitForSelector('[data-testid="ghost-cooks"]:not([hidden])');
  assert.equal(await ghost(page).getAttribute('data-label'), '同样的配方');
  await waitForGhostPixels(page, 'loss-chart', true);
  // A changed setting is named in the page's language, as its control names it.
  await runEpoch(page, 1);
  await page.selectOption('#init', 'ones');
  // The older ghost is now named by the change too.
  await page.waitForSelector('[data-testid="ghost"][data-label="初始调料 = Xavier"]');
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'ghost-points-zh', false);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('text mode: a reset after an epoch leaves the ghost with the samples it last wrote', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-bigram&lang=en');
  await runEpoch(page, 1);
  const samples = await page.evaluate(() => [...document.querySelectorAll('#epoch-samples li')].at(-1).textContent);
  await page.click('#reset');
  await page.waitForSelector('[data-testid="ghost-cooks"]:not([hidden])');
  assert.equal(await ghost(page).getAttribute('data-label'), 'same recipe');
  const words = await page.locator('.ghost-words').innerText();
  assert.match(words, /^it wrote: /);
  for (const text of words.replace('it wrote: ', '').split(' · ')) assert.ok(samples.includes(text), `${text} is one of the last samples: ${samples}`);
  assert.equal(await page.locator('.ghost-dish').isVisible(), false);
  await waitForGhostPixels(page, 'loss-chart', true);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'ghost-text-en', false);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('image mode: a recipe change leaves the ghost with its last test accuracy', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2&lang=en');
  await runEpoch(page, 1);
  const accuracy = await page.getByTestId('count-testAccuracy').innerText();
  await page.fill('#learningRate', '0.5');
  await page.press('#learningRate', 'Enter');
  await page.click('#reset');
  await page.waitForSelector('[data-testid="ghost-cooks"]:not([hidden])');
  assert.match(await ghost(page).getAttribute('data-label'), /^Learning rate = [\d.]+$/);
  assert.equal(await page.locator('.ghost-words').innerText(), `test accuracy ${accuracy}`);
  await waitForGhostPixels(page, 'accuracy-chart', true);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});
