// The files the page hands to the learner: the model file (JSON) and the network exported as
// PyTorch (a Python file the core writes, see crate/src/export/pytorch.rs).

// Saves `text` as a file called `name` through a link the page clicks.
export function download(doc, text, name, type) {
  const link = doc.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// The network's own settings: a recipe whose values these all are is the network's name.
const NETWORK_FIELDS = ['dataset', 'features', 'hidden', 'layers', 'outputActivation', 'loss', 'context'];

// neural-kitchen-<recipe>.py when the network is a recipe's (xor, digits-cnn), else named by its
// dataset.
export function pytorchFileName(config, recipes) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const recipe = recipes.find((r) => NETWORK_FIELDS.every((name) => same(r.config[name], config[name])));
  return `neural-kitchen-${recipe?.name ?? config.dataset}.py`;
}
