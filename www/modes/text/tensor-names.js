// A named tensor of the model (network().tensors: part, block, role) in the learner's language,
// and the boxes of a GPT's diagram they group into.

// The box a tensor belongs to: its part, within its block ("attention:1", "head:").
export function boxKey(tensor) {
  return `${tensor.part}:${tensor.block ?? ''}`;
}

// The tensors grouped by box, in the order of the parameter vector: [{ key, part, block,
// tensors: [{ tensor, index }], count }].
export function boxesOf(tensors) {
  const boxes = new Map();
  tensors.forEach((tensor, index) => {
    const key = boxKey(tensor);
    if (!boxes.has(key)) boxes.set(key, { key, part: tensor.part, block: tensor.block ?? null, tensors: [], count: 0 });
    const box = boxes.get(key);
    box.tensors.push({ tensor, index });
    box.count += tensor.length;
  });
  return [...boxes.values()];
}

// "Attention", "Block 2 · MLP", "Embedding", "Layer 2", "Output layer".
export function partName(tensor, net, t, withBlock = true) {
  if (tensor.part === 'layer') {
    if (tensor.role === 'table') return t('part.embedding');
    return tensor.layer === net.layers.length - 1 ? t('part.output') : t('part.layer', { n: tensor.layer + 1 });
  }
  const name = t(`part.${tensor.part}`);
  return withBlock && tensor.block ? `${t('blocks.block', { b: tensor.block })} · ${name}` : name;
}

// "Block 1 · Attention · Q, K, V weights".
export function tensorName(tensor, net, t) {
  return `${partName(tensor, net, t)} · ${t(`role.${tensor.role}`)}`;
}
