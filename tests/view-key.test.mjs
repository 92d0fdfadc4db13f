// Typed redraw keys (www/views/view-key.js): a view redraws when any field of what it shows
// changed, a field gained or lost included.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedKey } from '../www/views/view-key.js';

test('a view never drawn always draws', () => {
  assert.equal(changedKey(null, { step: 0 }), true);
});

test('the same fields with the same values are unchanged; any other value is a change', () => {
  assert.equal(changedKey({ step: 3, lang: 'en' }, { step: 3, lang: 'en' }), false);
  assert.equal(changedKey({ step: 3, lang: 'en' }, { step: 4, lang: 'en' }), true);
  assert.equal(changedKey({ measuring: false }, { measuring: true }), true);
});

test('a field that one key has and the other lacks is a change (a verdict dropped, a new one held)', () => {
  assert.equal(changedKey({ generation: 0, step: 0, lang: 'en' }, { lang: 'en' }), true);
  assert.equal(changedKey({ lang: 'en' }, { generation: 1, step: 0, lang: 'en' }), true);
});

test('compared on some fields only, the others may differ', () => {
  assert.equal(changedKey({ epoch: 1, lang: 'en' }, { epoch: 2, lang: 'en' }, ['lang']), false);
  assert.equal(changedKey({ epoch: 1, lang: 'en' }, { epoch: 1, lang: 'zh' }, ['lang']), true);
});
