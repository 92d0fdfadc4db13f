// Every phase by hand changes its own view: Forward the followed example's values at each
// neuron, Loss a ring per batch point as large as its loss and −log p written out, Backward the
// gradient encoding and each neuron's error signal, Update the ghost of the weights and boundary
// before it and the followed neuron's arithmetic card.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();
// Two plain inputs and tanh neurons, so the card's inputs are the point's coordinates.
const QUERY = '?dataset=xor&seed=5&features=x1,x2&hidden=4:tanh,3:tanh&batchSize=10';
// The weights' edge colours (palette.js edgeColour) and the gradients' (gradientColour).
const WEIGHT_COLOURS = ['rgb(33 102 172)', 'rgb(214 110 20)'];
const GRADIENT_COLOURS = ['rgb(27 120 55)', 'rgb(118 42 131)'];

async function phase(page, name) {
  await press(page, 'p');
  await page.waitForSelector(`.phases li.done[data-phase="${name}"]`);
}

// The value strip of every neuron (hidden and output), in the diagram's order.
function nodeValues(page) {
  return page.locator('[data-testid="node"] .node-value').allInnerTexts();
}

// The card's numbers: each input's x, w and x·w, the bias, z and the activation.
async function cardNumbers(page) {
  return page.getByTestId('neuron-card').evaluate((card) => {
    const all = (selector) => [...card.querySelectorAll(selector)].map((cell) => Number(cell.textContent));
    return { x: all('td.x'), w: all('td.w'), xw: all('td.xw'), b: all('td.b')[0], z: all('td.z')[0], a: all('td.a')[0] };
  });
}

test('Forward shows the followed example at every neuron, and Update recomputes it with the new weights', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, QUERY);
  assert.deepEqual((await nodeValues(page)).filter(Boolean), [], 'no example followed before a phase');
  await phase(page, 'forward');
  const forward = await nodeValues(page);
  assert.ok(forward.every((v) => v !== ''), `every neuron shows a value: ${forward}`);
  // The card's inputs are the followed example's coordinates, as the readout names them.
  const [x1, x2] = (await page.locator('#probe-readout').innerText()).match(/\((-?[\d.]+), (-?[\d.]+)\)/).slice(1).map(Number);
  const card = await cardNumbers(page);
  assert.ok(Math.abs(card.x[0] - x1) < 0.01 && Math.abs(card.x[1] - x2) < 0.01, `card inputs ${card.x} are the point (${x1}, ${x2})`);
  await phase(page, 'loss');
  await phase(page, 'backward');
  assert.deepEqual(await nodeValues(page), forward, 'the values stay those of the forward pass until the update');
  await phase(page, 'update');
  await page.waitForFunction((before) => {
    const shown = [...document.querySelectorAll('[data-testid="node"] .node-value')].map((v) => v.textContent);
    return shown.join() !== before.join();
  }, forward);
  const after = await cardNumbers(page);
  assert.equal(after.x.join(), card.x.join(), 'the same example, the same inputs');
  assert.notEqual(after.z, card.z, 'z recomputed with the updated weights');
  assert.match(await page.getByTestId('neuron-card').innerText(), new RegExp(`Before the update: z = ${card.z.toFixed(3)}, tanh\\(z\\) = ${card.a.toFixed(3)}`));
  await phase(page, 'forward');
  assert.notDeepEqual(await nodeValues(page), forward, 'the next batch: another followed example');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Loss rings each batch point by its own loss and writes −log p for the followed one', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, QUERY);
  const plot = page.locator('#data-plot');
  await phase(page, 'forward');
  assert.equal(await plot.getAttribute('data-loss-rings'), '', 'no loss before tasting');
  await phase(page, 'loss');
  await page.waitForFunction(() => document.querySelector('#data-plot').dataset.lossRings);
  const rings = (await plot.getAttribute('data-loss-rings')).split(' ').map(Number);
  assert.equal(rings.length, 10, 'one ring per example of the batch');
  assert.ok(new Set(rings).size > 1, `rings differ with the loss: ${rings}`);
  const caption = page.getByTestId('plot-phase-caption');
  assert.match(await caption.innerText(), /Ring size = that example’s loss/);
  const readout = await page.locator('#probe-readout').innerText();
  const [, target, p, again, loss] = readout.match(/class (\d): the cook gave the right answer p = ([\d.]+), so its loss is −log p = −log ([\d.]+) = ([\d.]+)/);
  assert.equal(p, again);
  assert.ok(Math.abs(-Math.log(Number(p)) - Number(loss)) < 0.0005 / Number(p) + 0.001, `−log ${p} = ${loss}`);
  // p is what the output of the example's class shows on the diagram.
  const outputs = (await nodeValues(page)).slice(-2).map(Number);
  assert.ok(Math.abs(outputs[Number(target)] - Number(p)) <= 0.006, `output ${target} shows ${outputs[Number(target)]}, p = ${p}`);
  await screenshot(page, 'phase-loss-rings');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Backward draws gradients dashed in their own palette and an error signal ring on every neuron', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, QUERY);
  const svg = page.locator('svg.edges');
  const strokes = () => page.locator('path.edge').evaluateAll((paths) => paths.map((p) => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')]));
  assert.equal(await svg.getAttribute('data-encoding'), 'weights');
  assert.ok((await strokes()).every(([colour]) => WEIGHT_COLOURS.includes(colour)));
  assert.equal(await page.locator('[data-testid="node"][data-delta]').count(), 0, 'no error signal before Backward');
  await phase(page, 'forward');
  await phase(page, 'loss');
  await phase(page, 'backward');
  await page.waitForSelector('svg.edges[data-encoding="gradients"]');
  const drawn = await strokes();
  assert.ok(drawn.every(([colour, dash]) => GRADIENT_COLOURS.includes(colour) && dash !== 'none'), `gradient edges: ${drawn.slice(0, 3)}`);
  const nodes = page.locator('[data-testid="node"]');
  const rings = await nodes.evaluateAll((all) => all.map((n) => [n.dataset.delta, getComputedStyle(n).outlineWidth, getComputedStyle(n).outlineColor]));
  assert.ok(rings.every(([delta]) => delta !== undefined && Number.isFinite(Number(delta))), `every neuron has its δ: ${rings}`);
  assert.ok(new Set(rings.map(([, width]) => width)).size > 1, 'ring widths follow |δ|');
  const computed = GRADIENT_COLOURS.map((c) => c.replace(/ /g, ', ')); // as getComputedStyle writes them
  assert.ok(rings.every(([, , colour]) => computed.includes(colour)), `rings in the gradient palette: ${rings.map(([, , c]) => c)}`);
  assert.match(await page.getByTestId('diagram-phase-caption').innerText(), /error signal δ/);
  await screenshot(page, 'phase-backward-encoding');
  await phase(page, 'update');
  assert.equal(await page.locator('[data-testid="node"][data-delta]').count(), 0, 'the rings go with the gradients');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Update leaves a ghost of the weights and the boundary before it, and the card adds up', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, QUERY);
  for (const name of ['forward', 'loss', 'backward']) await phase(page, name);
  const ghosts = page.getByTestId('edge-ghosts');
  assert.equal(await ghosts.getAttribute('data-shown'), '');
  await phase(page, 'update');
  await page.waitForSelector('[data-testid="edge-ghosts"][data-shown="weights-before"]');
  assert.ok(await ghosts.isVisible(), 'the weights before are drawn');
  // The ghosts' widths are the weights before the update, not all one width.
  const widths = await page.locator('path.edge-ghost').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke-width')));
  assert.ok(new Set(widths).size > 1, `ghost widths follow the weights: ${widths.slice(0, 5)}`);
  await page.waitForFunction(() => Number(document.querySelector('#data-plot').dataset.ghostSegments) > 0);
  assert.match(await page.getByTestId('plot-phase-caption').innerText(), /boundary before the update/);

  const card = await cardNumbers(page);
  assert.equal(card.x.length, 2);
  const rounding = 0.0005 * (card.x.length + 2);
  card.x.forEach((x, k) => assert.ok(Math.abs(x * card.w[k] - card.xw[k]) <= 0.0005 * (Math.abs(x) + Math.abs(card.w[k]) + 1), `x·w: ${x} × ${card.w[k]} = ${card.xw[k]}`));
  const sum = card.xw.reduce((s, v) => s + v, 0) + card.b;
  assert.ok(Math.abs(sum - card.z) <= rounding, `Σ x·w + b = ${sum}, card says z = ${card.z}`);
  assert.ok(Math.abs(Math.tanh(card.z) - card.a) <= 0.001, `tanh(${card.z}) = ${card.a}`);
  assert.doesNotMatch(await page.getByTestId('neuron-card').innerText(), /e[+-]\d/, 'no scientific notation');
  await screenshot(page, 'phase-update-ghost');

  // The first neuron is followed until the learner clicks another one.
  const followed = () => page.locator('[data-testid="node"]').evaluateAll((all) => all.findIndex((n) => n.classList.contains('followed')));
  assert.equal(await followed(), 0);
  await page.locator('[data-testid="node"]').nth(1).click();
  await page.waitForFunction(() => /L1·2/.test(document.querySelector('[data-testid="neuron-card"] h4').textContent));
  assert.equal(await followed(), 1);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('in Chinese the phase captions and the loss sentence are Chinese and upright', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${QUERY}&lang=zh`);
  await phase(page, 'forward');
  await phase(page, 'loss');
  const caption = page.getByTestId('plot-phase-caption');
  await page.waitForFunction(() => document.querySelector('[data-testid="plot-phase-caption"]').textContent !== '');
  assert.match(await caption.innerText(), /圈的大小/);
  assert.equal(await caption.evaluate((c) => getComputedStyle(c).fontStyle), 'normal');
  assert.match(await page.locator('#probe-readout').innerText(), /损失是 −log p = −log [\d.]+ = [\d.]+/);
  await phase(page, 'backward');
  await phase(page, 'update');
  assert.match(await page.getByTestId('neuron-card').innerText(), /怎样算出/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('image mode: after Loss the followed image\'s −log p is written out', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=digits8&seed=3&layers=flatten,dense16-relu&batchSize=20');
  const readout = page.locator('#example-readout');
  await phase(page, 'forward');
  assert.doesNotMatch(await readout.innerText(), /−log/, 'not tasted yet');
  await phase(page, 'loss');
  await page.waitForFunction(() => /−log/.test(document.querySelector('#example-readout').textContent));
  const [, p, again, loss] = (await readout.innerText()).match(/First image of the batch \(20 images\), a .+: the cook gave the right answer p = ([\d.]+), so its loss is −log p = −log ([\d.]+) = ([\d.]+)/);
  assert.equal(p, again);
  assert.ok(Math.abs(-Math.log(Number(p)) - Number(loss)) < 0.0005 / Number(p) + 0.001, `−log ${p} = ${loss}`);
  await phase(page, 'backward');
  await phase(page, 'update');
  assert.doesNotMatch(await readout.innerText(), /−log/, 'the update changed the cook: the taste is old');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
