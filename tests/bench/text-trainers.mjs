// The text workloads as Neural Kitchen trainers (the bench adapter's setup, untimed). T1: the
// caller's tensors as windows of token ids (`withTensors` with an embedding first: the
// vocabulary is the classes), starting from bench-peers' initial weights; names-mlp: the preset
// on the names files, fetched as the page fetches them.

import { initTextParams, makeTextData } from './text-workloads.mjs';

// T1 as a config: 8 token ids → embedding 32 × 16 → concat 128 → dense 128 tanh → dense 32 softmax.
export function tokenConfigOf(w, seed) {
  return {
    seed, dataset: 'tensors', input: { channels: w.context, height: 1, width: 1, classes: w.vocab },
    layers: [{ kind: 'embed', dims: w.embed }, { kind: 'dense', units: w.hidden, activation: 'tanh' }],
    loss: 'crossEntropy', optimizer: 'sgd', learningRate: w.lr, batchSize: w.batch,
  };
}

// Writes bench-peers' initial weights into the trainer: the embedding table as it is (rows =
// tokens), each dense matrix transposed ([in, out] there, a row per output unit here).
function loadInitialWeights(trainer, w, seed) {
  const [emb, fc1w, fc1b, fc2w, fc2b] = initTextParams(w, seed);
  const [embed, hidden, output] = trainer.network().layers.filter((l) => l.weights);
  const put = (offset, values) => values.forEach((v, i) => trainer.setWeight(offset + i, v));
  const putTransposed = (slot, { shape: [inputs, outputs], data }) => {
    for (let o = 0; o < outputs; o++) {
      for (let i = 0; i < inputs; i++) trainer.setWeight(slot.offset + o * inputs + i, data[i * outputs + o]);
    }
  };
  put(embed.weights.offset, emb.data);
  putTransposed(hidden.weights, fc1w);
  put(hidden.biases.offset, fc1b.data);
  putTransposed(output.weights, fc2w);
  put(output.biases.offset, fc2b.data);
  if (trainer.params().length !== [emb, fc1w, fc1b, fc2w, fc2b].reduce((s, p) => s + p.data.length, 0)) {
    throw new Error('T1: the network has parameters bench-peers does not');
  }
}

// T1's trainer on its 16 batches, and the test set's labels: the first batch (bench-peers' evalLoss).
export function tokenTrainer(core, w, seed) {
  const data = makeTextData(w, seed);
  const x = Float32Array.from(data.x);
  const y = Uint32Array.from(data.y);
  const testLabels = y.slice(0, w.batch);
  const trainer = core.Trainer.withTensors(tokenConfigOf(w, seed), x, y, x.slice(0, w.batch * w.context), testLabels);
  loadInitialWeights(trainer, w, seed);
  return { trainer, testLabels };
}

// The preset's trainer on its text files (repository paths, fetched next to this folder).
export async function presetTrainer(core, w, seed) {
  const config = { ...core.Trainer.preset(w.preset), seed };
  const files = core.Trainer.textFiles(config);
  const bytes = await Promise.all(files.map(async (file) => {
    const response = await fetch(new URL(`../../${file}`, import.meta.url));
    if (!response.ok) throw new Error(`${file}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }));
  return core.Trainer.withText(config, ...bytes);
}
