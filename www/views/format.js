// Number formatting shared by every view, so the same value reads the same everywhere.

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

// A number as a learner reads it: `digits` significant digits as a plain decimal (0.000123),
// whole thousands with separators (12,345), and only the very large or very small as a power of
// ten (8.14 × 10⁻⁸), never the "e-8" of code.
export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size >= 1e4 && size < 1e9) return Math.round(value).toLocaleString('en-US');
  if (size >= 1e-4 && size < 1e4) return Number(value.toPrecision(digits)).toString();
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const power = String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c]);
  return `${Number(mantissa)} × 10${power}`;
}

// A number for a field the learner edits: plain, and read back by Number() exactly as shown.
export function formatEditable(value, digits = 4) {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : String(value);
}

export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(1)} %`;
}

// Counters are written every frame: one formatter, made once (toLocaleString makes one a call).
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value) {
  return Number.isFinite(value) ? COUNT_FORMAT.format(Math.round(value)) : '–';
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
