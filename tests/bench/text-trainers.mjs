// The text workloads as Neural Kitchen trainers (the bench adapter's setup, untimed). T1 and T2:
// the caller's tensors as windows of token ids (`withTensors` with an embedding first, or a
// gpt: the vocabulary is the classes), starting from bench-peers' initial weights; the presets
// (names-mlp, names-gpt) on the names files, fetched as the page fetches them.

import { initTextParams, makeTextData, targetsPerExample } from './text-workloads.mjs';

// T1 as a config: 8 token ids → embedding 32 × 16 → concat 128 → dense 128 tanh → dense 32
// softmax; T2: 16 token ids → the core's GPT (d 32, 4 heads, 2 blocks, MLP 128, its own head).
export function tokenConfigOf(w, seed) {
  const layers = w.model === 'gpt'
    ? [{ kind: 'gpt', dModel: w.dModel, heads: w.heads, blocks: w.blocks, mlpRatio: w.mlpHidden / w.dModel, tied: false }]
    : [{ kind: 'embed', dims: w.embed }, { kind: 'dense', units: w.hidden, activation: 'tanh' }];
  return {
    seed, dataset: 'tensors', input: { channels: w.context, height: 1, width: 1, classes: w.vocab },
    layers, loss: 'crossEntropy', optimizer: 'sgd', learningRate: w.lr, batchSize: w.batch,
  };
}

// What the core's T2 is not of bench-peers' (said in the adapter's info and the bench table).
export const T2_DIFFERENCES = 'the head has a bias (32 values starting at 0, trained like the rest; the core\'s head always has one, bench-peers\' none)';

// bench-peers' initial weights in the core's layout: the same order (T1: the embedding, then each
// dense layer's weights and biases; T2: token and position tables, each block's ln1, qkv, proj,
// ln2, fc, proj, then lnf and the head), every [in, out] matrix transposed to the core's row per
// output unit, the tables as they are (rows = tokens, positions); T2's head bias, 0, last.
function coreLayoutOf(w, seed) {
  const params = initTextParams(w, seed);
  const transposed = ({ shape: [inputs, outputs], data }) => {
    const out = new Float32Array(data.length);
    for (let o = 0; o < outputs; o++) {
      for (let i = 0; i < inputs; i++) out[o * inputs + i] = data[i * outputs + o];
    }
    return out;
  };
  const parts = params.map((p) => (p.name.endsWith('.w') ? transposed(p) : p.data));
  if (w.model === 'gpt') parts.push(new Float32Array(w.vocab));
  const all = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}

// Writes bench-peers' initial weights into the trainer.
function loadInitialWeights(trainer, w, seed) {
  const values = coreLayoutOf(w, seed);
  if (trainer.params().length !== values.length) {
    throw new Error(`${w.id}: the network has ${trainer.params().length} parameters, bench-peers' (in the core's layout) ${values.length}`);
  }
  values.forEach((v, i) => trainer.setWeight(i, v));
}

// T1's or T2's trainer on its 16 batches, and the test set's labels: the first batch
// (bench-peers' evalLoss).
export function tokenTrainer(core, w, seed) {
  const data = makeTextData(w, seed);
  const x = Float32Array.from(data.x);
  const y = Uint32Array.from(data.y);
  const testLabels = y.slice(0, w.batch * targetsPerExample(w));
  const trainer = core.Trainer.withTensors(tokenConfigOf(w, seed), x, y, x.slice(0, w.batch * w.context), testLabels);
  loadInitialWeights(trainer, w, seed);
  return { trainer, testLabels };
}

// The preset's trainer on its text files (repository paths, fetched next to this folder).
export async function presetTrainer(core, w, seed) {
  const config = { ...core.Trainer.preset(w.preset), seed };
  // The metric counts `batch` × `positions` characters a step: the preset's own numbers.
  const positions = config.layers[0].kind === 'gpt' ? config.context : 1;
  if (config.batchSize !== w.batch || positions !== targetsPerExample(w)) {
    throw new Error(`${w.id}: the preset trains batches of ${config.batchSize} × ${positions} characters, not ${w.batch} × ${targetsPerExample(w)}`);
  }
  const files = core.Trainer.textFiles(config);
  const bytes = await Promise.all(files.map(async (file) => {
    const response = await fetch(new URL(`../../${file}`, import.meta.url));
    if (!response.ok) throw new Error(`${file}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }));
  return core.Trainer.withText(config, ...bytes);
}
