// The embed's autoplay forms and its "learned" rule, without a browser: parseAutoplay reads every
// allowed form and names them all for a bad one; LearnedRule stops at the recipes' promised
// accuracy, at a plateau of the test loss, or at a loss that is no longer a number.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnedRule, PLATEAU_EPOCHS } from '../www/app/learned-rule.js';
import { parseAutoplay } from '../www/embed/autoplay.js';

test('parseAutoplay reads present, true, false, until-epoch:N and until-learned', () => {
  assert.deepEqual(parseAutoplay(''), { until: null });
  assert.deepEqual(parseAutoplay(true), { until: null });
  assert.deepEqual(parseAutoplay('true'), { until: null });
  assert.equal(parseAutoplay('false'), null);
  assert.equal(parseAutoplay(undefined), null);
  assert.deepEqual(parseAutoplay('until-epoch:50'), { until: 'epoch', epoch: 50 });
  assert.deepEqual(parseAutoplay('until-learned'), { until: 'learned' });
});

test('a bad autoplay value names the allowed forms', () => {
  const forms = 'autoplay must be present (or "true"), "false", "until-epoch:N" (N a whole number from 1 to 100000) or "until-learned"';
  for (const [value, shown] of [['until-epoch:0', 'until-epoch:0'], ['until-epoch:2.5', 'until-epoch:2.5'], ['until-epoch:100001', 'until-epoch:100001'],
    ['until-epoch', 'until-epoch'], ['always', 'always'], [7, '7']]) {
    assert.throws(() => parseAutoplay(value), { message: `${forms}, got ${shown}` });
  }
});

test('the learned rule stops at 95 % test accuracy', () => {
  const rule = new LearnedRule();
  assert.equal(rule.observe({ testLoss: 0.6, testAccuracy: 0.7 }), null);
  assert.equal(rule.observe({ testLoss: 0.3, testAccuracy: 0.949 }), null);
  assert.equal(rule.observe({ testLoss: 0.2, testAccuracy: 0.95 }), 'accuracy');
});

test('the learned rule stops when the test loss makes no new best for five epochs', () => {
  const rule = new LearnedRule();
  // A regression (no accuracy): the loss falls, then only creeps (less than 1 % of its best).
  const losses = [1, 0.5, 0.3, 0.299, 0.2985, 0.31, 0.2999];
  assert.deepEqual(losses.map((testLoss) => rule.observe({ testLoss, testAccuracy: null })), [null, null, null, null, null, null, null]);
  assert.equal(rule.observe({ testLoss: 0.2981, testAccuracy: null }), 'plateau', `${PLATEAU_EPOCHS} epochs without a new best`);
  // A real improvement starts the count again.
  const again = new LearnedRule();
  for (const testLoss of [1, 1, 1, 1]) again.observe({ testLoss, testAccuracy: 0.5 });
  assert.equal(again.observe({ testLoss: 0.9, testAccuracy: 0.5 }), null);
  for (let i = 1; i < PLATEAU_EPOCHS; i++) assert.equal(again.observe({ testLoss: 0.9, testAccuracy: 0.5 }), null);
  assert.equal(again.observe({ testLoss: 0.9, testAccuracy: 0.5 }), 'plateau');
});

test('the learned rule stops a cook whose loss is no longer a number', () => {
  assert.equal(new LearnedRule().observe({ testLoss: NaN, testAccuracy: 0.5 }), 'diverged');
  assert.equal(new LearnedRule().observe({ testLoss: Infinity, testAccuracy: null }), 'diverged');
});
