// The one diverging colour scale every view uses: orange (−1) ↔ near-white (0) ↔ blue (+1).
// Orange/blue stays distinct for red–green colour blindness, unlike red/green.

const STOPS = [
  [-1, [179, 88, 6]],
  [-0.5, [241, 163, 64]],
  [0, [247, 247, 245]],
  [0.5, [116, 169, 207]],
  [1, [33, 102, 172]],
];

// 256-entry lookup table, so painting a heatmap is one table read per pixel.
const LUT = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const v = (i / 255) * 2 - 1;
    let k = 0;
    while (k < STOPS.length - 2 && v > STOPS[k + 1][0]) k++;
    const [v0, c0] = STOPS[k];
    const [v1, c1] = STOPS[k + 1];
    const f = (v - v0) / (v1 - v0);
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(c0[c] + (c1[c] - c0[c]) * f);
  }
  return lut;
})();

function lutIndex(value) {
  const v = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  return Math.round((v + 1) * 127.5);
}

// [r, g, b] for a value in [-1, 1] (clamped; NaN shows as the neutral middle).
export function rgb(value) {
  const i = lutIndex(value) * 3;
  return [LUT[i], LUT[i + 1], LUT[i + 2]];
}

export function css(value, alpha = 1) {
  const [r, g, b] = rgb(value);
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// An opaque pixel as one 32-bit word of ImageData seen through a Uint32Array (`pixelWords`):
// a heatmap then costs one table read and one store per pixel.
export function pixelWord(r, g, b) {
  return (LITTLE_ENDIAN ? (255 << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

// The pixels of `image` (ImageData) as 32-bit words.
export function pixelWords(image) {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
}

const WORDS = Uint32Array.from({ length: 256 }, (_, i) => pixelWord(LUT[i * 3], LUT[i * 3 + 1], LUT[i * 3 + 2]));

// The pixel word of a value on the diverging scale (as `rgb`).
export function signedWord(value) {
  return WORDS[lutIndex(value)];
}

// Fills `image` (ImageData of res×res) from `values` (one per pixel, a Float32Array), each
// multiplied by `gain` then raised by `offset`. A plain loop over an array: no call per pixel.
export function paintValues(image, values, gain = 1, offset = 0) {
  const pixels = pixelWords(image);
  for (let i = 0; i < values.length; i++) pixels[i] = WORDS[lutIndex(values[i] * gain + offset)];
}

// An ImageData of `width × height` for `canvas`, made once and reused while the size stays
// (a view repainted every frame allocates nothing).
const images = new WeakMap();
export function imageFor(canvas, width, height) {
  let image = images.get(canvas);
  if (!image || image.width !== width || image.height !== height) {
    image = new ImageData(width, height);
    images.set(canvas, image);
  }
  return image;
}

// Colours for the two classes: label 1 is the positive (blue) end, label 0 the negative (orange).
export function classValue(label) {
  return label >= 0.5 ? 1 : -1;
}

// Stroke colour of an edge: the sign picks the end of the scale, so weights read like the heatmaps.
export function edgeColour(value) {
  return value >= 0 ? 'rgb(33 102 172)' : 'rgb(214 110 20)';
}

// The gradient palette: gradients (and error signals δ) are purple (−) ↔ green (+), never the
// weights' orange ↔ blue, so a learner cannot mistake "what went wrong" for "the seasonings".
export const GRADIENT_NEGATIVE = 'rgb(118 42 131)';
export const GRADIENT_POSITIVE = 'rgb(27 120 55)';

// Stroke colour of a gradient (an edge's, a neuron's δ): the sign picks the end of the scale.
export function gradientColour(value) {
  return value >= 0 ? GRADIENT_POSITIVE : GRADIENT_NEGATIVE;
}

// The earlier cooks' curves on the charts (app/ghost-cooks.js): a hue neither current curve
// (blue, orange) nor the reference lines (green) has, and a dash pattern of their own each, so
// that colour-blind readers tell them apart by the dashes ([dash, gap] CSS pixels; 0: solid).
export const GHOST_STYLES = [
  { colour: [118, 42, 131], dash: [0, 0] }, // violet, solid
  { colour: [140, 81, 10], dash: [10, 4] }, // brown, long dashes
  { colour: [204, 121, 167], dash: [3, 3] }, // pink, short dashes
  { colour: [64, 64, 64], dash: [1.5, 3] }, // dark grey, dots
];
