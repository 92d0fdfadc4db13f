// The page's whole state as one table of {name, type, range}: it drives reading the URL, writing
// it, and checking a value typed into a field. The config fields come from the core's schema
// (`fieldTable(schema)`, settings/fields.js); the page's own view fields are listed here. Pure
// functions, no module-level mutable state: each takes the table it works with.

import { echo } from '../views/format.js';
import { formatImageLayers, parseImageLayers } from './image-layers.js';

export const KERNEL_VIEWS = ['weights', 'gradients', 'update'];
export const EDGE_MODES = ['weights', 'gradients', 'update'];
export const LANGUAGES = ['en', 'zh'];
// How fast Play trains, in words: slow motion (a step every SLOW_STEP_MS), normal (a step every
// NORMAL_STEP_MS: about 30 a second, whatever the display's frame rate), fast (as many steps a
// frame as fit the time budget, up to maxSteps).
export const SPEEDS = ['slow', 'normal', 'fast'];
export const SLOW_STEP_MS = 250;
export const NORMAL_STEP_MS = 1000 / 30;
// What a colour scale spans: each layer its own, or one for the whole network.
export const SCOPES = ['layer', 'network'];

// The page's own view state (never sent to the core). `modes` as in the schema: a field means
// something in those modes only, and the link leaves it out in the others.
export const VIEW_FIELDS = [
  { name: 'lang', type: 'enum', values: LANGUAGES },
  { name: 'showTest', type: 'bool', default: false },
  { name: 'discretize', type: 'bool', default: false },
  { name: 'edges', type: 'enum', values: EDGE_MODES, default: 'weights' },
  { name: 'scope', type: 'enum', values: SCOPES, default: 'layer', modes: ['points', 'images'] },
  { name: 'speed', type: 'enum', values: SPEEDS, default: 'normal' },
  { name: 'pauseLearned', type: 'bool', default: true },
  { name: 'maxSteps', type: 'int', min: 1, max: 1000, default: 20 },
  { name: 'budget', type: 'int', min: 1, max: 30, default: 10 },
  { name: 'guard', type: 'bool', default: true },
  { name: 'example', type: 'int', min: 0, max: 99999, default: 0, modes: ['images'] },
  { name: 'kernels', type: 'enum', values: KERNEL_VIEWS, default: 'weights', modes: ['images'] },
  // Text mode's chat box: what the learner typed, how adventurous the sampling is, its dice.
  { name: 'prompt', type: 'text', maxLength: 40, default: '', modes: ['text'] },
  { name: 'temperature', type: 'number', min: 0.1, max: 2, default: 1, modes: ['text'] },
  { name: 'sampleSeed', type: 'int', min: 0, max: 4294967295, default: 1, modes: ['text'] },
];

// The same wording as the core's errors, so URL, field and Trainer messages read alike.
function rangeError(name, min, max, got) {
  return `${name} must be between ${min} and ${max}, got ${echo(got)}`;
}

function oneOfError(name, values, got) {
  return `${name} must be one of ${values.join(', ')}, got ${echo(got)}`;
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
      return { error: `${spec.name} must be true or false, got ${echo(raw)}` };
    case 'int':
    case 'number': {
      const value = raw === '' ? NaN : Number(raw);
      const whole = spec.type === 'number' || Number.isInteger(value);
      if (!Number.isFinite(value) || !whole || value < spec.min || value > spec.max) {
        const kind = spec.type === 'int' ? 'a whole number ' : '';
        return { error: `${spec.name} must be ${kind}between ${spec.min} and ${spec.max}, got ${echo(raw)}` };
      }
      return { value };
    }
    case 'list': {
      const items = raw === '' ? [] : raw.split(',');
      const bad = items.find((item) => !spec.values.includes(item));
      if (bad !== undefined) return { error: oneOfError(`${spec.name} entries`, spec.values, bad) };
      if (items.length === 0) return { error: `${spec.name} must name at least one of ${spec.values.join(', ')}, got none` };
      if (new Set(items).size !== items.length) return { error: `${spec.name} must not repeat an entry, got ${echo(raw)}` };
      return { value: items };
    }
    case 'text': {
      // Taken as typed (a leading space is part of a prompt); its characters are the core's to check.
      const value = String(text);
      const length = [...value].length;
      if (length > spec.maxLength) return { error: `${spec.name} must be at most ${spec.maxLength} characters, got ${length}` };
      return { value };
    }
    case 'layers':
      return parseLayers(spec, raw);
    case 'imageLayers':
      return parseImageLayers(spec, raw);
    default:
      return { error: `${spec.name}: unknown type` };
  }
}

// Hidden layers as "8:tanh,4:relu" ("" = no hidden layer); limits and activations from the schema.
function parseLayers({ name, values: activations, limits }, raw) {
  if (raw === '') return { value: [] };
  const parts = raw.split(',');
  const { maxLayers, units: { min, max } } = limits;
  if (parts.length > maxLayers) {
    return { error: `${name} must have at most ${maxLayers} layers, got ${parts.length}` };
  }
  const layers = [];
  for (const [i, part] of parts.entries()) {
    const [unitsText, activation] = part.split(':');
    const units = Number(unitsText);
    if (!Number.isInteger(units) || units < min || units > max) {
      return { error: rangeError(`${name}[${i}].units`, min, max, unitsText) };
    }
    if (!activations.includes(activation)) {
      return { error: oneOfError(`${name}[${i}].activation`, activations, activation ?? '') };
    }
    layers.push({ units, activation });
  }
  return { value: layers };
}

export function formatValue(spec, value) {
  switch (spec.type) {
    case 'list':
      return value.join(',');
    case 'layers':
      return value.map((l) => `${l.units}:${l.activation}`).join(',');
    case 'imageLayers':
      return formatImageLayers(value);
    default:
      return String(value);
  }
}

// Reads the view fields alone (the language, before the core is loaded).
export function readView(search, preferredLanguage) {
  return readFields(VIEW_FIELDS, new URLSearchParams(search), (spec) => (spec.name === 'lang' ? preferredLanguage : spec.default), []);
}

function readFields(specs, params, fallbackOf, errors) {
  const values = {};
  for (const spec of specs) {
    const fallback = fallbackOf(spec);
    values[spec.name] = fallback;
    if (!params.has(spec.name)) continue;
    const parsed = parseValue(spec, params.get(spec.name));
    if ('error' in parsed) errors.push({ field: spec.name, message: parsed.error, fallback: formatValue(spec, fallback) });
    else values[spec.name] = parsed.value;
  }
  return values;
}

// Reads every field of `table` (settings/fields.js) from a query string. `defaultsFor(dataset)`
// gives the config defaults (the core's preset for that dataset), `preferredLanguage` the default
// language. Each bad value is reported and replaced by its default, so one typo never stops the page.
export function readState(table, search, defaultsFor, preferredLanguage) {
  const params = new URLSearchParams(search);
  const errors = [];
  const { dataset } = readFields([table.spec('dataset')], params, () => 'spiral', errors);
  const defaults = defaultsFor(dataset);
  const rest = table.configFields.filter((spec) => spec.name !== 'dataset');
  const config = { dataset, ...readFields(rest, params, (spec) => defaults[spec.name], errors) };
  const view = readFields(VIEW_FIELDS, params, (spec) => (spec.name === 'lang' ? preferredLanguage : spec.default), errors);
  return { config, view, errors };
}

// Writes every field, so a shared link reproduces the run even if the defaults change later.
export function writeState(table, config, view) {
  const mode = table.modeOf(config.dataset);
  const parts = [...table.configFields, ...VIEW_FIELDS].filter((spec) => !spec.modes || spec.modes.includes(mode)).map((spec) => {
    const value = spec.config ? config[spec.name] : view[spec.name];
    const text = encodeURIComponent(formatValue(spec, value)).replace(/%2C/g, ',').replace(/%3A/g, ':');
    return `${spec.name}=${text}`;
  });
  return `?${parts.join('&')}`;
}

// Only the fields the core knows, in its schema (it rejects unknown fields).
export function configOnly(table, config) {
  return Object.fromEntries(table.configNames.map((name) => [name, config[name]]));
}

// Which changed fields differ between two configs; used to pick setTraining over a rebuild.
export function changedFields(table, before, after) {
  return table.configFields.filter((spec) => formatValue(spec, before[spec.name]) !== formatValue(spec, after[spec.name])).map((spec) => spec.name);
}

// The recipe (preset) the config is, or null: every config field but the seed must match, since
// a recipe learns its dataset from any seed ("New data" keeps the recipe; the link holds the seed).
export function matchingRecipe(table, config, recipes) {
  return recipes.find((r) => changedFields(table, r.config, config).every((name) => name === 'seed'))?.name ?? null;
}

// Follows a change through to the fields that depend on it, so one choice never needs two:
// a regression dataset brings least squares; leaving least squares brings a linear output.
// A direct choice the core rejects (cross-entropy on a regression dataset) is left for its error.
export function reconcile(table, config, changed) {
  const next = { ...config };
  if (table.modeOf(next.dataset) !== 'points') return next;
  if (changed === 'dataset' && table.dataset(next.dataset).regression) next.loss = 'mse';
  if ((changed === 'dataset' || changed === 'loss') && next.loss !== 'mse') next.outputActivation = 'linear';
  return next;
}
