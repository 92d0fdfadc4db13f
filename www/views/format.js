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
