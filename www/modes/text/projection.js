// Where each character's embedding lands on a plane: its two dimensions as they are when d ≤ 2,
// else its coordinates along the table's two principal axes (PCA by power iteration on the d × d
// covariance). An axis keeps the orientation it had on the previous frame, so points never flip.

const MAX_ITERATIONS = 300;
const TOLERANCE = 1e-10;

// values: rows × dims, row-major; of them, the rows listed in `among` (null: all). Returns their
// mean (dims) and covariance (dims × dims).
function covariance(values, rows, dims, among) {
  const list = among ?? Array.from({ length: rows }, (_, r) => r);
  const n = Math.max(1, list.length);
  const mean = new Float64Array(dims);
  for (const r of list) for (let j = 0; j < dims; j++) mean[j] += values[r * dims + j];
  for (let j = 0; j < dims; j++) mean[j] /= n;
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (const r of list) {
    for (let j = 0; j < dims; j++) centred[j] = values[r * dims + j] - mean[j];
    for (let i = 0; i < dims; i++) {
      const ci = centred[i];
      if (ci === 0) continue;
      for (let j = i; j < dims; j++) cov[i * dims + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      cov[i * dims + j] /= n;
      cov[j * dims + i] = cov[i * dims + j];
    }
  }
  return { mean, cov };
}

function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

// Scales v to length 1 in place; false when it is (numerically) zero.
function normalise(v) {
  const n = Math.sqrt(dot(v, v));
  if (!(n > 1e-30)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return true;
}

// Removes from v its parts along each of `axes` (unit vectors).
function orthogonalise(v, axes) {
  for (const a of axes) {
    const p = dot(v, a);
    for (let i = 0; i < v.length; i++) v[i] -= p * a[i];
  }
}

function multiply(cov, dims, v, out) {
  for (let i = 0; i < dims; i++) {
    let s = 0;
    for (let j = 0; j < dims; j++) s += cov[i * dims + j] * v[j];
    out[i] = s;
  }
}

// A start for the power iteration not orthogonal to the top of what is left: the covariance's
// column of largest norm (orthogonal to `found`), else the first unit vector that is not.
function freshStart(cov, dims, found) {
  let best = null;
  let bestNorm = 0;
  for (let j = 0; j < dims; j++) {
    const column = Float64Array.from({ length: dims }, (_, i) => cov[i * dims + j]);
    orthogonalise(column, found);
    const n = dot(column, column);
    if (n > bestNorm) {
      bestNorm = n;
      best = column;
    }
  }
  if (best && normalise(best)) return best;
  for (let j = 0; j < dims; j++) {
    const unit = new Float64Array(dims);
    unit[j] = 1;
    orthogonalise(unit, found);
    if (normalise(unit)) return unit;
  }
  return new Float64Array(dims);
}

// The axis of largest variance orthogonal to `found`, by power iteration from `start` (the
// previous frame's axis: the data moved little, so a few iterations do). Its sign: the one that
// agrees with `start`, else the one whose largest entry is positive.
function topAxis(cov, dims, found, start) {
  let v = start ? Float64Array.from(start) : null;
  if (v) orthogonalise(v, found);
  if (!v || !normalise(v)) v = freshStart(cov, dims, found);
  const next = new Float64Array(dims);
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    multiply(cov, dims, v, next);
    orthogonalise(next, found);
    if (!normalise(next)) break; // nothing left in these directions: keep v
    const change = 1 - Math.abs(dot(next, v));
    if (dot(next, v) < 0) for (let i = 0; i < dims; i++) next[i] = -next[i];
    v.set(next);
    if (change < TOLERANCE) break;
  }
  const reference = start ?? largestEntrySign(v);
  if (dot(v, reference) < 0) for (let i = 0; i < dims; i++) v[i] = -v[i];
  multiply(cov, dims, v, next);
  return { axis: v, variance: Math.max(0, dot(v, next)) };
}

// (Entries within 1e-6 of each other are a tie, which the first wins: float noise decides nothing.)
function largestEntrySign(v) {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[k]) + 1e-6) k = i;
  const e = new Float64Array(v.length);
  e[k] = 1;
  return e;
}

// The two principal axes of the rows of `values` (rows × dims), each a unit vector of dims,
// with the variance along each and the total variance. `previous`: the axes of the last frame;
// `among`: the rows whose spread counts (null: all).
export function principalAxes(values, rows, dims, previous = null, among = null) {
  const { mean, cov } = covariance(values, rows, dims, among);
  let total = 0;
  for (let j = 0; j < dims; j++) total += cov[j * dims + j];
  const first = topAxis(cov, dims, [], previous?.[0]);
  const second = topAxis(cov, dims, [first.axis], previous?.[1]);
  return { mean, axes: [first.axis, second.axis], variances: [first.variance, second.variance], total };
}

// Every row's place on the plane: { x, y (Float32Array of rows), axes (null when the
// dimensions are shown as they are), explained: [share of the variance along x, along y] }.
// `among`: the rows whose spread sets the axes (null: all); every row is placed.
export function projectRows(values, rows, dims, previousAxes = null, among = null) {
  const x = new Float32Array(rows);
  const y = new Float32Array(rows);
  if (dims <= 2) {
    for (let r = 0; r < rows; r++) {
      x[r] = values[r * dims];
      y[r] = dims === 2 ? values[r * dims + 1] : 0;
    }
    return { x, y, axes: null, explained: null };
  }
  const { mean, axes, variances, total } = principalAxes(values, rows, dims, previousAxes, among);
  const [a, b] = axes;
  for (let r = 0; r < rows; r++) {
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < dims; j++) {
      const c = values[r * dims + j] - mean[j];
      sx += c * a[j];
      sy += c * b[j];
    }
    x[r] = sx;
    y[r] = sy;
  }
  const explained = total > 0 ? variances.map((v) => v / total) : [0, 0];
  return { x, y, axes, explained };
}
