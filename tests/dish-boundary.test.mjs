// The dish's crisp 0.5 line and its discretized classes (www/modes/points/data-plot.js): pure
// functions over the grid of scores, checked on grids whose answer is known.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundarySegments, finerSigns, withoutSpecks } from '../www/modes/points/data-plot.js';

// A res×res grid of f(x, y) over cell indices.
function grid(res, f) {
  return Float32Array.from({ length: res * res }, (_, i) => f(i % res, Math.floor(i / res)));
}

test('a vertical boundary is one straight line, placed between the cells by interpolation', () => {
  const segments = boundarySegments(grid(4, (x) => x - 1.25), 4); // crosses 0 at x = 1.25
  assert.equal(segments.length, 3 * 4, 'one segment per row of cells');
  for (let i = 0; i < segments.length; i += 4) {
    assert.equal(segments[i], 1.25);
    assert.equal(segments[i + 2], 1.25);
    assert.equal(segments[i + 3] - segments[i + 1], 1);
  }
});

test('a grid of one sign has no boundary', () => {
  assert.deepEqual(boundarySegments(grid(5, () => 0.3), 5), []);
});

test('a saddle gives two segments, cutting off the corners unlike the centre', () => {
  // +1 top left and bottom right, −1 elsewhere; the centre (mean 0) counts as negative.
  const segments = boundarySegments(Float32Array.of(1, -1, -1, 1), 2);
  assert.equal(segments.length, 8);
  assert.deepEqual(segments, [0.5, 0, 0, 0.5, 0.5, 1, 1, 0.5], 'the lines cut off the two positive corners');
});

test('discretized classes on a finer grid follow the interpolated boundary, not the cells', () => {
  const signs = finerSigns(grid(4, (x) => x - 1.25), 4, 4);
  const side = 16;
  // Fine cell centres sit at (fx + 0.5) / 4 − 0.5 in grid units: the boundary x = 1.25 falls
  // between fine columns 6 (1.125) and 7 (1.375).
  for (let fy = 0; fy < side; fy++) {
    assert.equal(signs[fy * side + 6], -1);
    assert.equal(signs[fy * side + 7], 1);
  }
});

test('a speck of boundary around one grid point is dropped; a long line stays whole', () => {
  // −1 everywhere but one point, and a vertical boundary further right.
  const scores = grid(12, (x, y) => (x === 2 && y === 5 ? 1 : x >= 8 ? 1 : -1));
  const all = boundarySegments(scores, 12);
  const kept = withoutSpecks(all, 2);
  assert.equal(all.length - kept.length, 4 * 4, 'the four segments round the lone point go');
  assert.equal(kept.length, 11 * 4, 'the line between columns 7 and 8 stays, one segment per row of cells');
  assert.ok(kept.every((v, i) => i % 2 === 1 || v === 7.5));
});
