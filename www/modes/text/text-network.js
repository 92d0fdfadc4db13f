// The text network in words: its stations in order (the embedding table, the context side by
// side, the hidden layers, the output over the vocabulary), and the vocabulary's size.

import { formatCount } from '../../views/format.js';

// list: the <ol> the stations go in; net: network(); vocabulary: { tokens, counts } or null;
// layers: the config's layers (a GPT's heads and blocks, an RNN's cell, are not in the network's
// description).
export function describeStack(list, net, vocabulary, t, layers = []) {
  const v = vocabulary?.tokens.length ?? net.outputs;
  const [embed, ...dense] = net.layers;
  const context = embed.inputs;
  const lines = [];
  const gpt = layers.find((l) => l.kind === 'gpt');
  if (embed.kind === 'gpt' && gpt) {
    lines.push(t('stack.embed', { v, d: embed.units }));
    lines.push(t('stack.positions', { k: context, d: embed.units }));
    lines.push(t('stack.blocks', { b: gpt.blocks, h: gpt.heads, m: gpt.mlpRatio * embed.units }));
    lines.push(t('stack.output', { v }));
  } else if (embed.kind === 'rnn') {
    const gru = layers.find((l) => l.kind === 'rnn')?.cell === 'gru';
    lines.push(t('stack.embed', { v, d: embed.units }));
    lines.push(t(gru ? 'stack.gru' : 'stack.rnn', { k: context, h: embed.units }));
    lines.push(t('stack.outputEach', { v }));
  } else if (dense.length === 0) {
    lines.push(t('stack.bigram', { v }));
  } else {
    lines.push(t('stack.embed', { v, d: embed.units }));
    lines.push(t('stack.context', { k: context, n: context * embed.units }));
    for (const layer of dense.slice(0, -1)) lines.push(t('stack.dense', { units: layer.units, act: layer.activation }));
    lines.push(t('stack.output', { v }));
  }
  const key = JSON.stringify(lines);
  if (list.dataset.shown === key) return;
  list.dataset.shown = key;
  const doc = list.ownerDocument;
  list.replaceChildren(...lines.map((line) => {
    const li = doc.createElement('li');
    li.textContent = line;
    return li;
  }));
}

// "27 characters in the vocabulary …": its size and how many training characters it counts.
export function vocabularyLine(vocabulary, t) {
  const train = vocabulary.counts.reduce((sum, c) => sum + c, 0);
  return t('vocabulary', { v: formatCount(vocabulary.tokens.length), train: formatCount(train) });
}
