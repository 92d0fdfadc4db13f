// The text workloads of `make bench`: bench-peers' T1 (page/text-workloads.mjs: a char-level
// MLP language model on a seeded order-2 Markov chain, with its initial weights), kept here so
// that `make bench` runs without it, and the names-mlp preset on its own data. tests/bench.test.mjs
// checks that T1 is bench-peers' (spec, data and weights) when bench-peers is present.

import { NUM_BATCHES, gaussian, mulberry32 } from './workloads.mjs';

export const TEXT_WORKLOADS = {
  T1: { id: 'T1', kind: 'text', model: 'mlp', name: 'char MLP language model', vocab: 32, context: 8, embed: 16, hidden: 128,
    batch: 32, optimizer: 'sgd', lr: 0.1, metric: 'examples/s' },
  // The preset as the page trains it (Adam, its own names data); a step predicts `batch` characters.
  'names-mlp': { id: 'names-mlp', kind: 'preset', name: 'names-mlp preset', preset: 'names-mlp', batch: 32, metric: 'characters/s' },
};

// T1's chain: every previous token b owns a pool of POOL tokens; every pair (a, b) is followed
// by PROBS.length distinct tokens of b's pool with probabilities PROBS.
const POOL = 8;
const PROBS = [0.4, 0.3, 0.2, 0.1];

// k distinct items of `items` in random order (a partial Fisher–Yates shuffle).
function pickDistinct(rand, items, k) {
  const a = items.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

// successors[(a·V + b)·4 + r]: the token that follows (a, b) with probability PROBS[r].
function markovTable(vocab, rand) {
  const all = Array.from({ length: vocab }, (_, i) => i);
  const pools = all.map(() => pickDistinct(rand, all, POOL));
  const successors = new Int32Array(vocab * vocab * PROBS.length);
  for (let a = 0; a < vocab; a++) {
    for (let b = 0; b < vocab; b++) successors.set(pickDistinct(rand, pools[b], PROBS.length), (a * vocab + b) * PROBS.length);
  }
  return successors;
}

// One stream of the chain cut into numBatches · batch examples of context + 1 tokens:
// x [n × context] (oldest first), y [n] (the token after each window).
export function makeTextData(w, seed, numBatches = NUM_BATCHES) {
  const rand = mulberry32(seed * 2654435761 + 54321);
  const V = w.vocab, T = w.context, L = T + 1;
  const successors = markovTable(V, rand);
  const n = numBatches * w.batch;
  const tokens = new Int32Array(n * L);
  let a = Math.floor(rand() * V), b = Math.floor(rand() * V);
  for (let i = 0; i < tokens.length; i++) {
    const u = rand();
    let r = 0, cum = PROBS[0];
    while (u >= cum && r < PROBS.length - 1) cum += PROBS[++r];
    [a, b] = [b, successors[(a * V + b) * PROBS.length + r]];
    tokens[i] = b;
  }
  const x = new Int32Array(n * T), y = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    x.set(tokens.subarray(e * L, e * L + T), e * T);
    y[e] = tokens[e * L + T];
  }
  return { tokens, x, y, n, numBatches, batch: w.batch };
}

// T1's parameters in bench-peers' order, matrices [in, out] row-major (y = x·W + b), with their
// initial values: normals drawn in that order (emb N(0, 1), fc1 std 1/√in, fc2 std 0.1/√in), biases 0.
export function initTextParams(w, seed) {
  const rand = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const concat = w.context * w.embed;
  const table = [
    ['emb', [w.vocab, w.embed], 1], ['fc1.w', [concat, w.hidden], 1 / Math.sqrt(concat)], ['fc1.b', [w.hidden], 0],
    ['fc2.w', [w.hidden, w.vocab], 0.1 / Math.sqrt(w.hidden)], ['fc2.b', [w.vocab], 0],
  ];
  return table.map(([name, shape, std]) => {
    const data = new Float32Array(shape.reduce((s, k) => s * k, 1));
    if (std > 0) for (let i = 0; i < data.length; i++) data[i] = gaussian(rand) * std;
    return { name, shape, data };
  });
}

// Training FLOPs per example (T1): 3 × 2 × the dense layers' multiply-adds (lookups not
// counted); null for a preset (not a bench-peers workload).
export const textTrainFlopsPerExample = (w) => (w.kind === 'text' ? 6 * (w.context * w.embed * w.hidden + w.hidden * w.vocab) : null);
