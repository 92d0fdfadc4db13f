// Neural Kitchen as a bench-peers contender (see ../shared/bench-peers/README.md): a workload
// becomes a config for the `tensors` dataset, its data a trainer's training set (converted
// from H × W × C to the core's C × H × W here, untimed), its first batch the test set. Text
// workloads (T1, T2, the names presets) are built by text-trainers.mjs.

import { T2_DIFFERENCES, presetTrainer, tokenTrainer } from './text-trainers.mjs';
import { makeData, numClasses } from './workloads.mjs';

const PKG = new URL('../../crate/pkg/neural_kitchen.js', import.meta.url);
let trainer = null;
let memory = null;
// The first batch's labels (the trainer's test set), or null for a text preset (its own test set).
let testLabels = null;

// A bench-peers workload spec as a Neural Kitchen config.
export function configOf(w, seed) {
  const [height, width, channels] = w.input;
  const layers = [];
  let spatial = height > 1 || width > 1;
  for (const L of w.layers.slice(0, -1)) {
    if (L.type === 'conv') {
      layers.push({ kind: 'conv2d', channels: L.filters, kernel: L.size, stride: L.stride, padding: L.pad, activation: L.act });
    } else if (L.type === 'pool') {
      layers.push({ kind: 'maxPool2d', size: L.size, stride: L.stride });
    } else {
      if (spatial) layers.push({ kind: 'flatten' });
      spatial = false;
      layers.push({ kind: 'dense', units: L.units, activation: L.act });
    }
  }
  if (spatial) layers.push({ kind: 'flatten' });
  return {
    seed, dataset: 'tensors', input: { channels, height, width, classes: numClasses(w) },
    layers, loss: 'crossEntropy', optimizer: 'sgd', learningRate: w.lr, batchSize: w.batch,
  };
}

// H × W × C examples to C × H × W.
export function toChw(x, [h, w, c]) {
  const out = new Float32Array(x.length);
  const size = h * w * c;
  for (let e = 0; e < x.length; e += size) {
    for (let p = 0; p < h * w; p++) {
      for (let ch = 0; ch < c; ch++) out[e + ch * h * w + p] = x[e + p * c + ch];
    }
  }
  return out;
}

// `pkg`: the wasm glue to load (tests/bench/ab.mjs compares two builds); the project's own by default.
export async function setup(w, seed, pkg = PKG.href) {
  const core = await import(pkg);
  memory = (await core.default()).memory;
  trainer?.free();
  trainer = null;
  testLabels = null;
  if (w.kind === 'text') {
    ({ trainer, testLabels } = tokenTrainer(core, w, seed));
  } else if (w.kind === 'preset') {
    trainer = await presetTrainer(core, w, seed);
  } else {
    const data = makeData(w, seed);
    const x = toChw(data.x, w.input);
    const labels = Uint32Array.from(data.y);
    const first = w.batch * data.d;
    testLabels = labels.slice(0, w.batch);
    trainer = core.Trainer.withTensors(configOf(w, seed), x, labels, x.slice(0, first), testLabels);
  }
  const info = { library: 'neural-kitchen', version: '0.1.0', simd: 'wasm simd128', threads: 1, precision: 'f32' };
  return w.id === 'T2' ? { ...info, differences: T2_DIFFERENCES } : info;
}

export async function trainSteps(n) {
  trainer.step(n);
}

// Untimed, after a measurement: ends the first epoch if the timed steps did not, so that
// `evalLoss` reads a loss measured after training (a slow machine may not reach it in time).
export async function finishFirstEpoch() {
  const { epoch, stepsLeftInEpoch } = trainer.metrics();
  if (epoch === 0) trainer.step(stepsLeftInEpoch);
}

// Mean cross-entropy on the first batch (the trainer's test set) for the current parameters,
// from the trainer's class probabilities (so T1's and T2's first figure is that of bench-peers' initial
// weights, written after the trainer measured its own); a text preset's test loss as of the
// last epoch's end (a text set keeps no probabilities).
export async function evalLoss() {
  if (testLabels == null) return trainer.metrics().testLoss;
  const p = trainer.testPredictions();
  const classes = p.length / testLabels.length;
  return testLabels.reduce((sum, y, i) => sum - Math.log(p[i * classes + y]), 0) / testLabels.length;
}

export function stats() {
  return { wasmMemoryBytes: memory.buffer.byteLength };
}
