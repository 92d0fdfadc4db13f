// Image mode's first screen (issue 14): the followed image and its feature maps in view, in
// framed rows; the layer editor folded; kernels large enough to see; the draw pad asks for the
// label; a mistake picked in the verdict scrolls to its feature maps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawOne, launch, open, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 1440, height: 900 } });

// Each map row's box, against the viewport.
function mapRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.map-row')].map((row) => {
    const box = row.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, head: row.querySelector('.map-head').textContent, border: getComputedStyle(row).borderTopWidth };
  }));
}

test('at 1440×900 the CNN opens on its feature maps, in framed rows named by layer and shape; the editor is folded', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=digits-cnn');
  await page.waitForSelector('[data-testid="feature-map"]');
  const rows = await mapRows(page);
  assert.equal(rows[0].head, 'input · 1 × 28 × 28', 'the followed image heads the maps');
  assert.equal(rows[1].head, 'conv 1 · 8 × 28 × 28');
  assert.ok(rows.slice(0, 3).every((r) => r.bottom <= 900), `the image and the first layers' maps are on the first screen: ${JSON.stringify(rows)}`);
  assert.ok(rows.every((r) => r.border !== '0px'), 'each row is framed');
  assert.equal(await page.getByTestId('stack-details').evaluate((d) => d.open), false);
  assert.equal(await page.getByTestId('stack-editor').isVisible(), false, 'the layer editor is folded');
  await screenshot(page, 'images-first-screen-en', false);

  await page.getByText('Change the network').click();
  assert.equal(await page.getByTestId('stack-editor').isVisible(), true);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('every conv kernel is drawn at least 24 px wide, with crisp pixels', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=digits-cnn');
  await page.waitForSelector('[data-testid="kernel"]');
  // The recipe's kernels are 5×5: a kernel's drawn width is five canvas pixels at the CSS scale.
  const kernels = await page.locator('[data-testid="kernel"]').evaluateAll((canvases) => canvases.map((c) => ({
    px: (c.getBoundingClientRect().width / c.width) * 5, rendering: getComputedStyle(c).imageRendering,
  })));
  assert.equal(kernels.length, 2);
  for (const k of kernels) {
    assert.ok(k.px >= 24, `a kernel ${k.px} px wide`);
    assert.equal(k.rendering, 'pixelated');
  }
  await page.locator('#kernels').scrollIntoViewIfNeeded();
  await screenshot(page, 'images-kernels', false);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('the draw pad asks for the label: no default, the add button waits for one and says so', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2');
  const add = page.getByTestId('pad-add');
  assert.equal(await page.inputValue('#pad-label'), '');
  assert.equal(await add.isDisabled(), true);
  assert.equal(await add.innerText(), 'Choose its label to add it');
  await drawOne(page);
  assert.equal(await add.isDisabled(), true, 'a drawing alone is not enough');
  await page.selectOption('#pad-label', '1');
  assert.equal(await add.isDisabled(), false);
  assert.equal(await add.innerText(), 'Add to training set');
  await add.click();
  await page.locator('#pad-status').filter({ hasText: 'Added with the label 1' }).waitFor();
  assert.equal(await page.inputValue('#pad-label'), '', 'the next drawing asks again');
  assert.equal(await add.isDisabled(), true);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('picking a confident mistake follows it through the network: the page scrolls to its feature maps', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2');
  const mistake = page.locator('[data-testid="gallery"] button').first();
  await mistake.scrollIntoViewIfNeeded();
  const maps = page.locator('#maps-view');
  assert.equal(await maps.evaluate((el) => el.getBoundingClientRect().top >= 0), false, 'the maps are above, out of view');
  await mistake.click();
  await page.waitForFunction(() => {
    const top = document.getElementById('maps-view').getBoundingClientRect().top;
    return top > -1 && top < innerHeight / 2; // (scrolled to a fraction of a pixel)
  });
  assert.match(await page.locator('#example-readout').innerText(), /^Test image #\d+/);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('before training, the loss chart shows the measurement before training as a point (a line needs two)', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=2');
  // Pixels of the test curve's orange in the chart's left quarter (the legend is on the right).
  await page.waitForFunction(() => {
    const canvas = document.getElementById('loss-chart');
    const { data } = canvas.getContext('2d').getImageData(0, 0, Math.floor(canvas.width / 4), canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 230) + Math.abs(data[i + 1] - 97) + Math.abs(data[i + 2] - 1) < 12) n += 1;
    return n >= 10;
  });
  assert.equal(await page.locator('[data-testid="count-epoch"]').innerText(), '0');
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('image mode\'s first screen on a phone and in Chinese', async () => {
  const phone = await launch({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  try {
    const { page, problems } = await open(phone.context, env.server.origin, '?preset=digits-cnn&lang=zh');
    await page.waitForSelector('[data-testid="feature-map"]');
    assert.equal(await page.locator('.stack-details > summary').innerText(), '修改网络');
    assert.equal(await page.getByTestId('pad-add').innerText(), '先选好标签才能加入');
    await page.locator('#maps-view').scrollIntoViewIfNeeded();
    await screenshot(page, 'images-first-screen-phone-zh', false);
    await page.close();
    assert.deepEqual(problems.console.concat(problems.page), []);
  } finally {
    await phone.close();
  }
});
