// The zero contour of a grid of values (marching squares): where a decision boundary lies, as
// line segments, so a view can draw an earlier boundary as a thin line over the current one.

// values: res × res numbers, row by row; → [[x0, y0, x1, y1], ...] in grid units, where the
// value of row y, column x sits at (x + 0.5, y + 0.5) (the centre of its pixel).
export function zeroContour(values, res) {
  const segments = [];
  const at = (x, y) => values[y * res + x];
  for (let y = 0; y + 1 < res; y++) {
    for (let x = 0; x + 1 < res; x++) {
      // The square's corners in order round it; a crossing on each side whose ends differ in sign.
      const corners = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]];
      const crossings = [];
      for (let k = 0; k < 4; k++) {
        const [xa, ya] = corners[k];
        const [xb, yb] = corners[(k + 1) % 4];
        const a = at(xa, ya);
        const b = at(xb, yb);
        if ((a < 0) === (b < 0)) continue;
        const f = a / (a - b);
        crossings.push([xa + (xb - xa) * f + 0.5, ya + (yb - ya) * f + 0.5]);
      }
      // Two crossings make one segment; four (a saddle) make two.
      for (let k = 0; k + 1 < crossings.length; k += 2) segments.push([...crossings[k], ...crossings[k + 1]]);
    }
  }
  return segments;
}
