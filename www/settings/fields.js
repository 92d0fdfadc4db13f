// The config's field table, made from the core's schema (`Trainer.schema()`, docs/trainer-api.md)
// once the core is loaded: every config field's type, values, range, `training` flag and modes,
// the datasets with their modes, recipes and classes, and the core's constants. Nothing here is
// a copy of the core: a new field or range in the core reaches the page through this table.
// Built once per app (app/create-app.js) and passed to whatever needs it; never changed after.

// schema: Trainer.schema(); modes: the names of the page's modes (modes/index.js). Fields and
// datasets of other modes (the tensors a caller gives) are left out.
export function fieldTable(schema, modes) {
  const datasets = schema.datasets.filter((d) => modes.includes(d.mode));
  const datasetNamed = new Map(datasets.map((d) => [d.name, d]));
  const inPage = (field) => field.modes.some((m) => modes.includes(m));
  const configFields = schema.fields.filter(inPage).map((field) => configField(field, schema, datasets));
  // The dataset first: the link is read from it (its recipe gives the other fields' defaults).
  configFields.sort((a, b) => (b.name === 'dataset') - (a.name === 'dataset'));
  const named = new Map(configFields.map((f) => [f.name, f]));
  const table = {
    configFields,
    configNames: configFields.map((f) => f.name),
    trainingNames: configFields.filter((f) => f.training).map((f) => f.name),
    constants: schema.constants,
    datasets,
    spec: (name) => named.get(name),
    dataset: (name) => datasetNamed.get(name),
    // The mode of a dataset ('points' for a name the page does not know: the table rejects it).
    modeOf: (dataset) => datasetNamed.get(dataset)?.mode ?? 'points',
    // The recipe a dataset starts from when the page switches to it.
    recipeOf: (dataset) => datasetNamed.get(dataset)?.recipe ?? dataset,
    // Switching between modes, or between image sizes, brings the dataset's recipe (a network
    // for 2 features or for 8×8 pixels does not fit 28×28 images).
    needsRecipe: (from, to) => {
      const [a, b] = [datasetNamed.get(from), datasetNamed.get(to)];
      if (a?.mode === 'points' && b?.mode === 'points') return false;
      return a?.mode !== b?.mode || String(a?.imageSize) !== String(b?.imageSize);
    },
  };
  return Object.freeze(table);
}

// One config field as the page's table has it: the schema's entry, marked `config`, with the
// page's dataset list and a finite maximum for the link to check.
function configField(field, schema, datasets) {
  const spec = { ...field, config: true };
  if (field.name === 'dataset') spec.values = datasets.map((d) => d.name);
  // A maximum that depends on the data (the batch size: the training examples) is the core's to
  // check; the link accepts up to the most points a dataset has.
  if (field.max === null) spec.max = schema.fields.find((f) => f.name === 'points').max;
  return spec;
}
