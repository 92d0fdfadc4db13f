// Numbers as a learner reads them (views/format.js): never the "e-8" of code; plain decimals with
// three significant digits, thousands with separators, and only the very large or very small as a
// power of ten; each reads back as the number it shows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEditable, formatNumber } from '../www/views/format.js';
import { readShown } from './page-harness.mjs';

test('every size of number reads without e-notation and back within its three significant digits', () => {
  for (let exponent = -12; exponent <= 12; exponent++) {
    for (const mantissa of [1, 2.5, 8.14, 9.996]) {
      for (const sign of [1, -1]) {
        const value = sign * mantissa * 10 ** exponent;
        const text = formatNumber(value);
        assert.doesNotMatch(text, /e/i, `${value} → ${text}`);
        const back = readShown(text);
        const tolerance = Math.abs(value) >= 1e4 && Math.abs(value) < 1e9 ? 0.5 : Math.abs(value) * 5e-3;
        assert.ok(Math.abs(back - value) <= tolerance, `${value} → ${text} → ${back}`);
      }
    }
  }
});

test('the usual sizes: plain decimals, thousands with separators, powers of ten at the ends', () => {
  assert.equal(formatNumber(0.87654), '0.877');
  assert.equal(formatNumber(0.000123), '0.000123');
  assert.equal(formatNumber(12345.678), '12,346');
  assert.equal(formatNumber(8.14e-8), '8.14 × 10⁻⁸');
  assert.equal(formatNumber(-3.2e12), '-3.2 × 10¹²');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(null), '–');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(Infinity), 'Infinity');
});

test('an editable number reads back by Number() exactly as shown', () => {
  for (const value of [8.14e-8, -0.5, 1234.5678, 3.4e38]) assert.equal(Number(formatEditable(value)), Number(value.toPrecision(4)));
});
