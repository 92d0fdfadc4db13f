// One width scale for every edge, whatever it shows (weights, gradients, last update): the width
// grows with log |value| on a fixed range, so a 0.01 update is drawn thin next to a 5.0 weight.

// The smallest size drawn wider than a hairline, and the size drawn at full width.
const SMALLEST = 0.001;
const LARGEST = 10;
const THIN = 0.5;
const THICK = 4.5;
const DECADES = Math.log10(LARGEST / SMALLEST);

// The sizes the width legend draws, one per decade.
export const WIDTH_MARKS = [0.001, 0.01, 0.1, 1, 10];

// How far up the scale |value| is, 0 (≤ 0.001) … 1 (≥ 10); NaN counts as 0.
export function edgeShare(value) {
  const size = Math.abs(value);
  if (!(size > SMALLEST)) return 0;
  return Math.min(1, Math.log10(size / SMALLEST) / DECADES);
}

// The stroke width of an edge, in CSS pixels.
export function edgeWidth(value) {
  return THIN + (THICK - THIN) * edgeShare(value);
}
