// Number formatting shared by every view, so the same value reads the same everywhere.

export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size >= 1e4 || size < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}

export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatCount(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

// At most five characters ("-0.04", "-3.9", "-123", "2e+4"), for labels on neurons that are only
// a few dozen pixels wide; the exact value is in the node's zoom.
export function formatShort(value) {
  if (!Number.isFinite(value)) return formatNumber(value);
  const size = Math.abs(value);
  if (size < 0.005) return '0';
  if (size < 0.995) return value.toFixed(2);
  if (size < 9.95) return value.toFixed(1);
  if (size < 1000) return value.toFixed(0);
  return value.toExponential(0);
}

// A tensor's shape: "8 × 28 × 28" for maps, "128" for a vector.
export function shapeText(shape) {
  if (shape.height === 1 && shape.width === 1) return String(shape.channels);
  return `${shape.channels} × ${shape.height} × ${shape.width}`;
}

// The longest value a message echoes whole: a longer one (a 100 KB link value) is cut, so a
// message never outgrows the page.
const ECHO_CHARS = 40;

// A value as a message echoes it: "(empty)" for nothing, the first 40 characters and "…" for a
// long one.
export function echo(value) {
  const text = String(value);
  if (text === '') return '(empty)';
  return text.length > ECHO_CHARS ? `${text.slice(0, ECHO_CHARS)}…` : text;
}

// A whole message (the core's, or one that quotes a list of names) with every long run of
// non-space characters cut like echo() cuts a value, and the message itself cut at 400
// characters.
export function shortMessage(message) {
  const cut = String(message).replace(new RegExp(`\\S{${ECHO_CHARS + 1},}`, 'g'), (word) => `${word.slice(0, ECHO_CHARS)}…`);
  return cut.length > 10 * ECHO_CHARS ? `${cut.slice(0, 10 * ECHO_CHARS)}…` : cut;
}

// A number in arithmetic a learner redoes by hand: three decimals ("-0.052", "1.300"), whole
// numbers past a thousand; never scientific notation.
export function formatFixed(value) {
  if (!Number.isFinite(value)) return String(value);
  const text = Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}
