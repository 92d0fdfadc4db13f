// The text workloads of `make bench`: bench-peers' T1 and T2 (page/text-workloads.mjs: a
// char-level MLP language model and a tiny GPT on a seeded order-2 Markov chain, with their
// initial weights), kept here so that `make bench` runs without it, and the names-mlp and
// names-gpt presets on their own data. tests/integration/bench.test.mjs checks that T1 and T2 are
// bench-peers' (spec, data and weights) when bench-peers is present.

import { NUM_BATCHES, gaussian, mulberry32 } from './workloads.mjs';

export const TEXT_WORKLOADS = {
  T1: { id: 'T1', kind: 'text', model: 'mlp', name: 'char MLP language model', vocab: 32, context: 8, embed: 16, hidden: 128,
    batch: 32, optimizer: 'sgd', lr: 0.1, metric: 'examples/s' },
  T2: { id: 'T2', kind: 'text', model: 'gpt', name: 'tiny GPT', vocab: 32, context: 16, dModel: 32, blocks: 2, heads: 4,
    mlpHidden: 128, act: 'gelu-tanh', lnEps: 1e-5, batch: 16, optimizer: 'sgd', lr: 0.1, metric: 'tokens/s' },
  // The presets as the page trains them (Adam, their own names data): a names-mlp step predicts
  // `batch` characters, a names-gpt step `batch` windows of `positions` characters.
  'names-mlp': { id: 'names-mlp', kind: 'preset', name: 'names-mlp preset', preset: 'names-mlp', batch: 32, metric: 'characters/s' },
  'names-gpt': { id: 'names-gpt', kind: 'preset', name: 'names-gpt preset', preset: 'names-gpt', batch: 32, positions: 16,
    metric: 'characters/s' },
};

// Predicted tokens per example: every position of a GPT's window, else one.
export const targetsPerExample = (w) => (w.model === 'gpt' ? w.context : w.positions ?? 1);

// The chain: every previous token b owns a pool of POOL tokens; every pair (a, b) is followed
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
// x [n × context] (oldest first); y T1: [n] (the token after each window), T2: [n × context]
// (the inputs shifted by one: position t predicts token t + 1).
export function makeTextData(w, seed, numBatches = NUM_BATCHES) {
  const rand = mulberry32(seed * 2654435761 + 54321);
  const V = w.vocab, T = w.context, L = T + 1, K = targetsPerExample(w);
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
  const x = new Int32Array(n * T), y = new Int32Array(n * K);
  for (let e = 0; e < n; e++) {
    x.set(tokens.subarray(e * L, e * L + T), e * T);
    y.set(tokens.subarray(e * L + L - K, (e + 1) * L), e * K);
  }
  return { tokens, x, y, n, numBatches, batch: w.batch };
}

// The parameters in bench-peers' order as [name, shape, init std], 'ones' or 0 (zeros);
// matrices [in, out] row-major (y = x·W + b). T2 repeats the `hl.` rows for each block.
function textParams(w) {
  const dense = (name, inputs, outputs, gain = 1) => [[`${name}.w`, [inputs, outputs], gain / Math.sqrt(inputs)], [`${name}.b`, [outputs], 0]];
  if (w.model === 'mlp') {
    const concat = w.context * w.embed;
    return [['emb', [w.vocab, w.embed], 1], ...dense('fc1', concat, w.hidden), ...dense('fc2', w.hidden, w.vocab, 0.1)];
  }
  const d = w.dModel;
  const norm = (name) => [[`${name}.g`, [d], 'ones'], [`${name}.b`, [d], 0]];
  const block = (l) => [...norm(`h${l}.ln1`), ...dense(`h${l}.attn.qkv`, d, 3 * d), ...dense(`h${l}.attn.proj`, d, d),
    ...norm(`h${l}.ln2`), ...dense(`h${l}.mlp.fc`, d, w.mlpHidden), ...dense(`h${l}.mlp.proj`, w.mlpHidden, d)];
  const blocks = Array.from({ length: w.blocks }, (_, l) => block(l)).flat();
  return [['wte', [w.vocab, d], 1], ['wpe', [w.context, d], 1], ...blocks, ...norm('lnf'), ['head.w', [d, w.vocab], 0.1 / Math.sqrt(d)]];
}

// The parameters with their initial values: normals drawn in table order, ones, zeros.
export function initTextParams(w, seed) {
  const rand = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  return textParams(w).map(([name, shape, init]) => {
    const data = new Float32Array(shape.reduce((s, k) => s * k, 1));
    if (init === 'ones') data.fill(1);
    else if (init > 0) for (let i = 0; i < data.length; i++) data[i] = gaussian(rand) * init;
    return { name, shape, data };
  });
}

// Forward multiply-adds of the matmul-like ops per predicted token (lookups, norms,
// activations, softmax not counted). T2's attention counts the full T × T score and value
// products (the causal mask not subtracted), as bench-peers does.
function forwardMacsPerToken(w) {
  if (w.model === 'mlp') return w.context * w.embed * w.hidden + w.hidden * w.vocab;
  const { dModel: d, context: T, blocks: L } = w;
  return L * (3 * d * d + d * d + 2 * d * w.mlpHidden + 2 * T * d) + d * w.vocab;
}

// Training FLOPs per example (T1) or per token (T2): 3 × 2 × the forward multiply-adds; null for
// a preset (not a bench-peers workload).
export const textTrainFlopsPerExample = (w) => (w.kind === 'text' ? 6 * forwardMacsPerToken(w) : null);
