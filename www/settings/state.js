// The page's whole state as one table of {name, type, range}: it drives reading the URL, writing
// it, and checking a value typed into a field. Pure functions, no module-level mutable state.

export const POINT_DATASETS = ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'plane', 'bumps'];
export const IMAGE_DATASETS = ['digits8', 'mnist', 'fashion'];
export const DATASETS = [...POINT_DATASETS, ...IMAGE_DATASETS];
// The recipe a dataset starts from when the page switches to it (point datasets: their own name).
export const IMAGE_RECIPES = { digits8: 'digits8-mlp', mnist: 'digits-cnn', fashion: 'fashion-cnn' };
export const LAYER_KINDS = ['conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'dropout', 'dense'];
export const MAX_IMAGE_LAYERS = 12;
export const KERNEL_VIEWS = ['weights', 'gradients', 'update'];
export const REGRESSION_DATASETS = ['plane', 'bumps'];
export const FEATURES = ['x1', 'x2', 'x1Squared', 'x2Squared', 'x1TimesX2', 'sinX1', 'sinX2'];
export const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];
export const LOSSES = ['crossEntropy', 'binaryCrossEntropy', 'mse'];
export const INITS = ['xavier', 'he', 'uniform', 'zeros', 'ones'];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const EDGE_MODES = ['weights', 'gradients', 'update'];
export const LANGUAGES = ['en', 'zh'];
export const MAX_HIDDEN_LAYERS = 8;
export const MAX_UNITS = 32;

// `config: true` fields go to `new Trainer(config)`; the others are the page's own view state.
// `training: true` fields can change during training through `setTraining`, without a reset.
// `only: 'points' | 'images'` fields mean something in that mode only; the link leaves them out
// in the other mode (they come back from the dataset's recipe), so it stays short and readable.
export const FIELDS = [
  { name: 'dataset', type: 'enum', values: DATASETS, config: true },
  { name: 'seed', type: 'int', min: 0, max: 4294967295, config: true },
  { name: 'noise', type: 'number', min: 0, max: 50, config: true, only: 'points' },
  { name: 'trainShare', type: 'number', min: 10, max: 90, config: true },
  { name: 'points', type: 'int', min: 50, max: 2000, config: true, only: 'points' },
  { name: 'features', type: 'list', values: FEATURES, config: true, only: 'points' },
  { name: 'hidden', type: 'layers', config: true, only: 'points' },
  { name: 'layers', type: 'imageLayers', config: true, only: 'images' },
  { name: 'outputActivation', type: 'enum', values: ACTIVATIONS, config: true },
  { name: 'loss', type: 'enum', values: LOSSES, config: true },
  { name: 'init', type: 'enum', values: INITS, config: true },
  { name: 'optimizer', type: 'enum', values: OPTIMIZERS, config: true },
  { name: 'learningRate', type: 'number', min: 0.00001, max: 10, config: true, training: true },
  { name: 'regularization', type: 'enum', values: REGULARIZATIONS, config: true, training: true },
  { name: 'regularizationRate', type: 'number', min: 0, max: 1, config: true, training: true },
  { name: 'batchSize', type: 'int', min: 1, max: 2000, config: true, training: true },
  { name: 'lang', type: 'enum', values: LANGUAGES },
  { name: 'showTest', type: 'bool', default: false },
  { name: 'discretize', type: 'bool', default: false },
  { name: 'edges', type: 'enum', values: EDGE_MODES, default: 'weights' },
  { name: 'maxSteps', type: 'int', min: 1, max: 1000, default: 20 },
  { name: 'budget', type: 'int', min: 1, max: 30, default: 10 },
  { name: 'example', type: 'int', min: 0, max: 99999, default: 0, only: 'images' },
  { name: 'kernels', type: 'enum', values: KERNEL_VIEWS, default: 'weights', only: 'images' },
];

export const CONFIG_FIELDS = FIELDS.filter((f) => f.config).map((f) => f.name);
export const TRAINING_FIELDS = FIELDS.filter((f) => f.training).map((f) => f.name);

export function fieldSpec(name) {
  return FIELDS.find((f) => f.name === name);
}

export function isImageDataset(dataset) {
  return IMAGE_DATASETS.includes(dataset);
}

export function modeOf(dataset) {
  return isImageDataset(dataset) ? 'images' : 'points';
}

// The recipe a dataset starts from when the page switches to it.
export function recipeOf(dataset) {
  return IMAGE_RECIPES[dataset] ?? dataset;
}

// Switching between points and images, or between image sizes, brings the dataset's recipe
// (a network for 2 features or for 8×8 pixels does not fit 28×28 images).
export function needsRecipe(from, to) {
  if (!isImageDataset(from) && !isImageDataset(to)) return false;
  return !(['mnist', 'fashion'].includes(from) && ['mnist', 'fashion'].includes(to));
}

export function isRegression(dataset) {
  return REGRESSION_DATASETS.includes(dataset);
}

// The same wording as the core's errors, so URL, field and Trainer messages read alike.
function rangeError(name, min, max, got) {
  return `${name} must be between ${min} and ${max}, got ${got}`;
}

function oneOfError(name, values, got) {
  return `${name} must be one of ${values.join(', ')}, got ${got === '' ? '(empty)' : got}`;
}

// Parses one textual value (from the URL or a field) into {value} or {error}.
export function parseValue(spec, text) {
  const raw = String(text).trim();
  switch (spec.type) {
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { error: oneOfError(spec.name, spec.values, raw) };
    case 'bool':
      if (raw === 'true' || raw === '1') return { value: true };
      if (raw === 'false' || raw === '0') return { value: false };
      return { error: `${spec.name} must be true or false, got ${raw}` };
    case 'int':
    case 'number': {
      const value = raw === '' ? NaN : Number(raw);
      const whole = spec.type === 'number' || Number.isInteger(value);
      if (!Number.isFinite(value) || !whole || value < spec.min || value > spec.max) {
        const kind = spec.type === 'int' ? 'a whole number ' : '';
        return { error: `${spec.name} must be ${kind}between ${spec.min} and ${spec.max}, got ${raw || '(empty)'}` };
      }
      return { value };
    }
    case 'list': {
      const items = raw === '' ? [] : raw.split(',');
      const bad = items.find((item) => !spec.values.includes(item));
      if (bad !== undefined) return { error: oneOfError(`${spec.name} entries`, spec.values, bad) };
      if (items.length === 0) return { error: `${spec.name} must name at least one of ${spec.values.join(', ')}, got none` };
      if (new Set(items).size !== items.length) return { error: `${spec.name} must not repeat an entry, got ${raw}` };
      return { value: items };
    }
    case 'layers':
      return parseLayers(spec.name, raw);
    case 'imageLayers':
      return parseImageLayers(spec.name, raw);
    default:
      return { error: `${spec.name}: unknown type` };
  }
}

// Hidden layers as "8:tanh,4:relu" ("" = no hidden layer).
function parseLayers(name, raw) {
  if (raw === '') return { value: [] };
  const parts = raw.split(',');
  if (parts.length > MAX_HIDDEN_LAYERS) {
    return { error: `${name} must have at most ${MAX_HIDDEN_LAYERS} layers, got ${parts.length}` };
  }
  const layers = [];
  for (const [i, part] of parts.entries()) {
    const [unitsText, activation] = part.split(':');
    const units = Number(unitsText);
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) {
      return { error: rangeError(`${name}[${i}].units`, 1, MAX_UNITS, unitsText) };
    }
    if (!ACTIVATIONS.includes(activation)) {
      return { error: oneOfError(`${name}[${i}].activation`, ACTIVATIONS, activation ?? '') };
    }
    layers.push({ units, activation });
  }
  return { value: layers };
}

// Image layers, compact and readable: "conv8k5p2-relu,max2,conv16k5p2-relu,max3,flatten,drop0.25,
// dense32-relu,avg2s1"; conv: c channels, k kernel, s stride (if not 1), p padding (if not 0);
// pools: size, s stride (if not the size). The core checks ranges and shapes, naming the layer.
const IMAGE_LAYER_PATTERN = /^(?:conv(\d+)k(\d+)(?:s(\d+))?(?:p(\d+))?-(\w+)|(max|avg)(\d+)(?:s(\d+))?|flatten|drop([\d.]+)|dense(\d+)-(\w+))$/;

function parseImageLayers(name, raw) {
  if (raw === '') return { value: [] };
  const parts = raw.split(',');
  if (parts.length > MAX_IMAGE_LAYERS) {
    return { error: `${name} must have at most ${MAX_IMAGE_LAYERS} layers, got ${parts.length}` };
  }
  const layers = [];
  for (const [i, part] of parts.entries()) {
    const m = IMAGE_LAYER_PATTERN.exec(part);
    const activation = m?.[5] ?? m?.[11];
    if (!m || (activation !== undefined && !ACTIVATIONS.includes(activation))) {
      return { error: `${name}[${i}] must read like conv8k5p2-relu, max2, avg2s1, flatten, drop0.25 or dense32-relu, got ${part || '(empty)'}` };
    }
    if (m[1]) layers.push({ kind: 'conv2d', channels: Number(m[1]), kernel: Number(m[2]), stride: Number(m[3] ?? 1), padding: Number(m[4] ?? 0), activation });
    else if (m[6]) layers.push({ kind: m[6] === 'max' ? 'maxPool2d' : 'avgPool2d', size: Number(m[7]), stride: m[8] === undefined ? null : Number(m[8]) });
    else if (part === 'flatten') layers.push({ kind: 'flatten' });
    else if (m[9]) layers.push({ kind: 'dropout', rate: Number(m[9]) });
    else layers.push({ kind: 'dense', units: Number(m[10]), activation });
  }
  return { value: layers };
}

function formatImageLayer(l) {
  switch (l.kind) {
    case 'conv2d':
      return `conv${l.channels}k${l.kernel}${(l.stride ?? 1) !== 1 ? `s${l.stride}` : ''}${l.padding ? `p${l.padding}` : ''}-${l.activation}`;
    case 'maxPool2d':
    case 'avgPool2d':
      return `${l.kind === 'maxPool2d' ? 'max' : 'avg'}${l.size}${l.stride != null && l.stride !== l.size ? `s${l.stride}` : ''}`;
    case 'dropout':
      return `drop${Number(Number(l.rate).toPrecision(4))}`;
    case 'dense':
      return `dense${l.units}-${l.activation}`;
    default:
      return 'flatten';
  }
}

export function formatValue(spec, value) {
  switch (spec.type) {
    case 'list':
      return value.join(',');
    case 'layers':
      return value.map((l) => `${l.units}:${l.activation}`).join(',');
    case 'imageLayers':
      return (value ?? []).map(formatImageLayer).join(',');
    default:
      return String(value);
  }
}

// Reads every field from a query string. `defaultsFor(dataset)` gives the config defaults (the
// core's preset for that dataset), `preferredLanguage` the default language. Each bad value is
// reported and replaced by its default, so one typo never stops the page.
export function readState(search, defaultsFor, preferredLanguage) {
  const params = new URLSearchParams(search);
  const errors = [];
  const read = (spec, fallback) => {
    if (!params.has(spec.name)) return fallback;
    const parsed = parseValue(spec, params.get(spec.name));
    if ('error' in parsed) {
      errors.push({ field: spec.name, message: parsed.error, fallback: formatValue(spec, fallback) });
      return fallback;
    }
    return parsed.value;
  };
  const dataset = read(fieldSpec('dataset'), 'spiral');
  const defaults = defaultsFor(dataset);
  const config = {};
  for (const spec of FIELDS.filter((f) => f.config)) {
    config[spec.name] = spec.name === 'dataset' ? dataset : read(spec, defaults[spec.name]);
  }
  const view = {};
  for (const spec of FIELDS.filter((f) => !f.config)) {
    view[spec.name] = read(spec, spec.name === 'lang' ? preferredLanguage : spec.default);
  }
  return { config, view, errors };
}

// Writes every field, so a shared link reproduces the run even if the defaults change later.
export function writeState(config, view) {
  const mode = modeOf(config.dataset);
  const parts = FIELDS.filter((spec) => !spec.only || spec.only === mode).map((spec) => {
    const value = spec.config ? config[spec.name] : view[spec.name];
    const text = encodeURIComponent(formatValue(spec, value)).replace(/%2C/g, ',').replace(/%3A/g, ':');
    return `${spec.name}=${text}`;
  });
  return `?${parts.join('&')}`;
}

// Only the fields the core knows, in its schema (it rejects unknown fields).
export function configOnly(config) {
  return Object.fromEntries(CONFIG_FIELDS.map((name) => [name, config[name]]));
}

// Which changed fields differ between two configs; used to pick setTraining over a rebuild.
export function changedFields(before, after) {
  return CONFIG_FIELDS.filter((name) => formatValue(fieldSpec(name), before[name]) !== formatValue(fieldSpec(name), after[name]));
}

// The recipe (preset) the config is, or null: every config field but the seed must match, since
// a recipe learns its dataset from any seed ("New data" keeps the recipe; the link holds the seed).
export function matchingRecipe(config, recipes) {
  return recipes.find((r) => changedFields(r.config, config).every((name) => name === 'seed'))?.name ?? null;
}

// Follows a change through to the fields that depend on it, so one choice never needs two:
// a regression dataset brings least squares; leaving least squares brings a linear output.
// A direct choice the core rejects (cross-entropy on a regression dataset) is left for its error.
export function reconcile(config, changed) {
  const next = { ...config };
  if (isImageDataset(next.dataset)) return next;
  if (changed === 'dataset' && isRegression(next.dataset)) next.loss = 'mse';
  if ((changed === 'dataset' || changed === 'loss') && next.loss !== 'mse') next.outputActivation = 'linear';
  return next;
}
