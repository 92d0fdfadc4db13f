// An embed's starting state from its options (preset, config, lang), checked strictly: a bad
// value is an Error naming the setting and what it allows, never a silent fallback.

import { formatValue, LANGUAGES, parseValue, readState, VIEW_FIELDS } from './state.js';
import { echo } from '../views/format.js';

// Rounds the core's f32 numbers (0.029999999) back to what a person would have typed.
export function tidyConfig(config) {
  const tidy = { ...config };
  for (const name of Object.keys(tidy)) {
    if (name !== 'seed' && typeof tidy[name] === 'number') tidy[name] = Number(tidy[name].toPrecision(6));
  }
  tidy.layers = (tidy.layers ?? []).map((l) => (l.kind === 'dropout' ? { ...l, rate: Number(l.rate.toPrecision(6)) } : l));
  return tidy;
}

// What a setting's value may be, besides its URL text: never a value that only turns into one
// when made text ([0.1] is "0.1", true is "true").
const TYPE_WORDS = {
  number: 'a number', int: 'a whole number', enum: 'a string', bool: 'true or false',
  list: 'an array of names', layers: 'an array of layers', imageLayers: 'an array of layers',
};

function fitsType(spec, value) {
  if (typeof value === 'string') return true;
  switch (spec.type) {
    case 'number':
    case 'int':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'layers':
    case 'imageLayers':
      return Array.isArray(value) && value.every((l) => l !== null && typeof l === 'object' && !Array.isArray(l));
    default:
      return false;
  }
}

// A value as a message shows it: JSON where it has a form ([0.1], {"a":1}), else its text.
function describe(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// One setting given as its URL text ("8:tanh,4:relu") or as its config value ([{units, activation}]).
export function parseSetting(fields, name, value) {
  const all = [...fields.configFields, ...VIEW_FIELDS];
  const spec = all.find((f) => f.name === name);
  if (!spec) throw new Error(`${echo(name)} is not a setting; the settings are ${all.map((f) => f.name).join(', ')}`);
  if (!fitsType(spec, value)) throw new Error(`${name} must be ${TYPE_WORDS[spec.type]}, got ${echo(describe(value))}`);
  let text;
  try {
    text = typeof value === 'string' ? value : formatValue(spec, value);
  } catch {
    text = String(value);
  }
  const parsed = parseValue(spec, text);
  if ('error' in parsed) throw new Error(parsed.error);
  return { spec, value: parsed.value, text: formatValue(spec, parsed.value) };
}

// → { config, view, errors: [] } like readState; throws on a bad preset, setting or language.
export function stateFromOptions(fields, { preset = 'spiral', config = {}, lang }, recipes, presetOf, preferredLang) {
  const recipe = recipes.find((r) => r.name === preset);
  if (!recipe) throw new Error(`preset must be one of ${recipes.map((r) => r.name).join(', ')}, got ${echo(preset)}`);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error('config must be an object of settings, e.g. {"learningRate": 0.03}');
  if (lang !== undefined && !LANGUAGES.includes(lang)) throw new Error(`lang must be one of ${LANGUAGES.join(', ')}, got ${echo(lang)}`);
  const params = new URLSearchParams({ dataset: recipe.config.dataset });
  for (const [name, value] of Object.entries(config)) {
    try {
      params.set(name, parseSetting(fields, name, value).text);
    } catch (error) {
      throw new Error(`config: ${error.message}`);
    }
  }
  if (lang) params.set('lang', lang);
  // The recipe's own config is the default for its dataset (its seed and network included).
  const defaultsFor = (dataset) => (dataset === recipe.config.dataset ? recipe.config : presetOf(dataset));
  return readState(fields, `?${params}`, defaultsFor, preferredLang);
}
