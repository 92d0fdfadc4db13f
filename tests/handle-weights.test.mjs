// handle.weights() (www/app/parameter-tensors.js): the running cook's parameters, one entry per
// named tensor in a framework's shapes, as float32 copies that follow training.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEmbeds, useBrowser } from './page-harness.mjs';

const env = useBrowser();

// Embed i's weights as plain data: [{ name, shape, kind, values: [...] }].
const weightsOf = (page, i) => page.evaluate(async (i) => (await document.querySelectorAll('neural-kitchen')[i].handle.weights())
  .map(({ name, shape, values }) => ({ name, shape, kind: values.constructor.name, values: Array.from(values) })), i);

test('weights() gives every tensor of an MLP and a CNN in its shape, and training changes them', async () => {
  const { page, problems } = await openEmbeds(env.browser.context, env.server.origin, [{ preset: 'xor' }, { preset: 'digits-cnn', views: 'counters' }]);
  const xor = await weightsOf(page, 0);
  // xor: 2 features → 8 → 4 → 2 classes (crate/src/presets.rs); weights (outputs, inputs).
  assert.deepEqual(xor.map(({ name, shape }) => [name, shape]), [
    ['layer 1 · weights', [8, 2]], ['layer 1 · biases', [8]],
    ['layer 2 · weights', [4, 8]], ['layer 2 · biases', [4]],
    ['layer 3 · weights', [2, 4]], ['layer 3 · biases', [2]],
  ]);
  for (const { name, shape, kind, values } of xor) {
    assert.equal(kind, 'Float32Array', name);
    assert.equal(values.length, shape.reduce((a, b) => a * b), name);
    assert.ok(values.every(Number.isFinite), name);
  }
  assert.ok(xor[0].values.some((v) => v !== 0), 'the first layer starts from random weights');

  await page.evaluate(() => document.querySelector('neural-kitchen').handle.step(5));
  const trained = await weightsOf(page, 0);
  assert.ok(trained.every((t, i) => t.values.some((v, k) => v !== xor[i].values[k])), 'five steps change every tensor');

  // digits-cnn: convolutions' kernels (out, in, k, k), then the head over 16 × 4 × 4 values.
  assert.deepEqual((await weightsOf(page, 1)).map(({ name, shape }) => [name, shape]), [
    ['layer 1 · weights', [8, 1, 5, 5]], ['layer 1 · biases', [8]],
    ['layer 3 · weights', [16, 8, 5, 5]], ['layer 3 · biases', [16]],
    ['layer 5 · weights', [10, 256]], ['layer 5 · biases', [10]],
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});
