// A cook's weights in a link, without a browser: the text holds every float32 exactly, is short
// for a small network, and a damaged, cut or mismatched one is refused by name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWeights, encodeWeights } from '../www/settings/weights-link.js';

test('weights survive the link bit for bit, in base64url text', async () => {
  const params = Float32Array.from([0, -0, 1.5, -3.25e-7, 3.4e38, 1e-45, 0.1, -12345.678]);
  const text = await encodeWeights(params);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  const back = await decodeWeights(text, params.length);
  assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(params.buffer));
});

test('a small network\'s weights make a short link', async () => {
  let seed = 1;
  const params = Float32Array.from({ length: 100 }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  });
  const text = await encodeWeights(params);
  assert.ok(text.length < 600, `100 parameters: ${text.length} characters`);
});

test('damaged, cut, mismatched or non-finite weights are refused by name', async () => {
  const text = await encodeWeights(Float32Array.from([1, 2, 3]));
  await assert.rejects(decodeWeights('ab$cd', 3), { message: 'weights must be base64url text (A–Z, a–z, 0–9, - and _), got ab$cd' });
  await assert.rejects(decodeWeights('AAAAAAAA', 3), { message: 'weights are damaged (they do not inflate): the link was cut or changed' });
  await assert.rejects(decodeWeights(text.slice(0, -3), 3), /^Error: weights (are damaged|must hold)/);
  await assert.rejects(decodeWeights(text, 4), { message: 'weights must hold the 4 parameters of this network, got 3' });
  const nan = await encodeWeights(Float32Array.from([1, NaN, 3]));
  await assert.rejects(decodeWeights(nan, 3), { message: 'weights must be finite numbers, got NaN at parameter 1' });
});
