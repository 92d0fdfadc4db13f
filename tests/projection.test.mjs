// The pantry's scatter projection (www/modes/text/projection.js): PCA of a matrix whose axes are
// known, the dimensions as they are when d ≤ 2, and orientations that hold from frame to frame.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { principalAxes, projectRows } from '../www/modes/text/projection.js';

const SQRT_HALF = Math.SQRT1_2;
// In 3 dimensions: spread 3 along (1, 1, 0)/√2, spread 1 along (1, −1, 0)/√2, nothing along z;
// the mean is (5, −2, 1).
const U = [SQRT_HALF, SQRT_HALF, 0];
const W = [SQRT_HALF, -SQRT_HALF, 0];
const MEAN = [5, -2, 1];
const COEFFICIENTS = [[3, 1], [-3, 1], [3, -1], [-3, -1]];

function knownMatrix(mean = MEAN) {
  return Float32Array.from(COEFFICIENTS.flatMap(([a, b]) => [0, 1, 2].map((j) => mean[j] + a * U[j] + b * W[j])));
}

function assertVector(actual, expected, message) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < 1e-5, `${message}: ${[...actual]} ≉ ${expected}`);
}

const negate = (v) => v.map((x) => -x);

test('the principal axes of a known matrix are its directions of largest spread, with their variances', () => {
  const { mean, axes, variances, total } = principalAxes(knownMatrix(), 4, 3);
  assertVector(mean, MEAN, 'mean');
  // Variance along u: the mean of 3² over four rows; along w: 1.
  assert.ok(Math.abs(variances[0] - 9) < 1e-4, `first variance ${variances[0]}`);
  assert.ok(Math.abs(variances[1] - 1) < 1e-4, `second variance ${variances[1]}`);
  assert.ok(Math.abs(total - 10) < 1e-4);
  // With no previous frame the sign puts each axis's largest entry positive (the first on a tie).
  assertVector(axes[0], U, 'first axis');
  assertVector(axes[1], W, 'second axis');
});

test('rows are placed at their coordinates along the axes, and the share of variance each explains', () => {
  const { x, y, explained } = projectRows(knownMatrix(), 4, 3);
  assertVector(x, COEFFICIENTS.map(([a]) => a), 'x');
  assertVector(y, COEFFICIENTS.map(([, b]) => b), 'y');
  assertVector(explained, [0.9, 0.1], 'explained');
});

test('each axis keeps the orientation of the previous frame', () => {
  const previous = [negate(U), negate(W)];
  const { axes } = principalAxes(knownMatrix(), 4, 3, previous);
  assertVector(axes[0], negate(U), 'first axis follows the previous one');
  assertVector(axes[1], negate(W), 'second axis follows the previous one');
  const { x } = projectRows(knownMatrix(), 4, 3, previous);
  assertVector(x, COEFFICIENTS.map(([a]) => -a), 'x follows the flipped axis');
});

test('frames of a slowly turning table never flip a point to the other side', () => {
  // The spread turns from x towards −y: past 45° the first axis's largest entry is negative, so
  // a rule on the entries alone would flip it there; following the previous frame does not.
  const spread = (angle) => [[Math.cos(angle), -Math.sin(angle), 0], [Math.sin(angle), Math.cos(angle), 0]];
  let axes = null;
  let lastX = null;
  for (let frame = 0; frame < 40; frame++) {
    const [u, w] = spread(frame * 0.03);
    const values = Float32Array.from(COEFFICIENTS.flatMap(([a, b]) => [0, 1, 2].map((j) => a * u[j] + b * w[j])));
    const placed = projectRows(values, 4, 3, axes);
    if (lastX) for (let r = 0; r < 4; r++) assert.ok(Math.sign(placed.x[r]) === Math.sign(lastX[r]), `frame ${frame}: row ${r} flipped`);
    axes = placed.axes;
    lastX = placed.x;
  }
  // And the first axis did follow the spread.
  assertVector(axes[0], spread(39 * 0.03)[0], 'final axis');
});

test('two dimensions are shown as they are; one dimension on a line', () => {
  const values = Float32Array.from([1, 2, -3, 4, 0.5, -0.25]);
  const two = projectRows(values, 3, 2);
  assert.equal(two.axes, null);
  assertVector(two.x, [1, -3, 0.5], 'x');
  assertVector(two.y, [2, 4, -0.25], 'y');
  const one = projectRows(Float32Array.from([1, 2, 3]), 3, 1);
  assertVector(one.x, [1, 2, 3], 'x');
  assertVector(one.y, [0, 0, 0], 'y');
});

test('a table whose rows are all equal (constant init) lands on one point, with finite axes', () => {
  const values = new Float32Array(27 * 10).fill(1);
  const { x, y, axes, explained } = projectRows(values, 27, 10);
  assert.ok([...x, ...y].every((v) => v === 0));
  assert.ok(axes.every((a) => a.every(Number.isFinite)));
  assert.deepEqual(explained, [0, 0]);
});

test('the axes can come from some rows only (a big vocabulary\u2019s frequent ones) while every row is placed', () => {
  // The known matrix, then two far rows along z that would take the first axis if they counted.
  const values = Float32Array.from([...knownMatrix(), 5, -2, 101, 5, -2, -99]);
  const { x, axes } = projectRows(values, 6, 3, null, [0, 1, 2, 3]);
  assertVector(axes[0], U, 'first axis from the four rows');
  assertVector(x, [...COEFFICIENTS.map(([a]) => a), 0, 0], 'x of every row');
  const all = principalAxes(values, 6, 3);
  assertVector(all.axes[0], [0, 0, 1], 'with every row the far ones take the first axis');
});
