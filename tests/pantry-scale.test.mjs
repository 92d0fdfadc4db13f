// The colour scale of the pantry's table (www/modes/text/pantry-heatmap.js): a robust size, so
// one outlier or a gradient table's many zero rows leave the other cells readable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleOf } from '../www/modes/text/pantry-heatmap.js';

test('one outlier does not set the scale', () => {
  const values = Float32Array.from({ length: 270 }, (_, i) => ((i % 7) - 3) / 10); // sizes up to 0.3
  values[100] = -50;
  assert.equal(scaleOf(values), Math.fround(0.3));
});

test('the zero rows of a gradient table do not count', () => {
  const values = new Float32Array(3650 * 16);
  for (let j = 0; j < 3; j++) values[5 * 16 + j] = j % 2 ? 0.02 : -0.02; // three entries of one row
  assert.equal(scaleOf(values), Math.fround(0.02));
});

test('an all-zero table has scale 0', () => {
  assert.equal(scaleOf(new Float32Array(100)), 0);
});
