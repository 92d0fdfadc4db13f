// The four reference workloads of ../shared/bench-peers (page/workloads.mjs), kept here so
// that `make bench` runs without it: the same specs, the same seeded data. When bench-peers
// is present, tests/bench/run.mjs checks that both define the same workloads.

export const WORKLOADS = {
  W1: { id: 'W1', name: 'playground MLP', input: [1, 1, 2], batch: 10, lr: 0.03, metric: 'steps/s',
    layers: [{ type: 'fc', units: 8, act: 'tanh' }, { type: 'fc', units: 8, act: 'tanh' }, { type: 'fc', units: 2, act: 'softmax' }] },
  W2: { id: 'W2', name: 'MNIST MLP', input: [1, 1, 784], batch: 32, lr: 0.01, metric: 'examples/s',
    layers: [{ type: 'fc', units: 128, act: 'relu' }, { type: 'fc', units: 10, act: 'softmax' }] },
  W3: { id: 'W3', name: 'ConvNetJS MNIST CNN', input: [24, 24, 1], batch: 20, lr: 0.01, metric: 'examples/s',
    layers: [
      { type: 'conv', filters: 8, size: 5, stride: 1, pad: 2, act: 'relu' }, { type: 'pool', size: 2, stride: 2 },
      { type: 'conv', filters: 16, size: 5, stride: 1, pad: 2, act: 'relu' }, { type: 'pool', size: 3, stride: 3 },
      { type: 'fc', units: 10, act: 'softmax' }] },
  W4: { id: 'W4', name: 'ConvNetJS CIFAR-10 CNN', input: [32, 32, 3], batch: 20, lr: 0.01, metric: 'examples/s',
    layers: [
      { type: 'conv', filters: 16, size: 5, stride: 1, pad: 2, act: 'relu' }, { type: 'pool', size: 2, stride: 2 },
      { type: 'conv', filters: 20, size: 5, stride: 1, pad: 2, act: 'relu' }, { type: 'pool', size: 2, stride: 2 },
      { type: 'conv', filters: 20, size: 5, stride: 1, pad: 2, act: 'relu' }, { type: 'pool', size: 2, stride: 2 },
      { type: 'fc', units: 10, act: 'softmax' }] },
};

export const NUM_BATCHES = 16;
export const numClasses = (w) => w.layers[w.layers.length - 1].units;
export const inputSize = (w) => w.input[0] * w.input[1] * w.input[2];

// Training FLOPs per example: 3 × 2 × forward multiply-adds of the conv and fc layers.
export function trainFlopsPerExample(w) {
  let [h, wd, c] = w.input;
  let macs = 0;
  for (const L of w.layers) {
    if (L.type === 'conv') {
      const oh = Math.floor((h + 2 * L.pad - L.size) / L.stride) + 1;
      const ow = Math.floor((wd + 2 * L.pad - L.size) / L.stride) + 1;
      macs += oh * ow * L.filters * L.size * L.size * c;
      [h, wd, c] = [oh, ow, L.filters];
    } else if (L.type === 'pool') {
      [h, wd] = [Math.floor((h - L.size) / L.stride) + 1, Math.floor((wd - L.size) / L.stride) + 1];
    } else {
      macs += h * wd * c * L.units;
      [h, wd, c] = [1, 1, L.units];
    }
  }
  return 6 * macs;
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand) {
  let u = 0;
  while (u === 0) u = rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// Inputs U(−1, 1) (H × W × C per example) and labels from a fixed random linear "teacher".
export function makeData(w, seed, numBatches = NUM_BATCHES) {
  const rand = mulberry32(seed * 2654435761 + 12345);
  const d = inputSize(w);
  const k = numClasses(w);
  const n = numBatches * w.batch;
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rand() * 2 - 1;
  const teacher = new Float32Array(k * d);
  for (let i = 0; i < teacher.length; i++) teacher[i] = gaussian(rand);
  const y = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    let best = -Infinity, arg = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += teacher[c * d + j] * x[e * d + j];
      if (s > best) { best = s; arg = c; }
    }
    y[e] = arg;
  }
  return { x, y, n, d, k, numBatches, batch: w.batch };
}
