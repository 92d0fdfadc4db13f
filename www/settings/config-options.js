// An embed's starting state from its options (preset, config, lang), checked strictly: a bad
// value is an Error naming the setting and what it allows, never a silent fallback.

import { formatValue, LANGUAGES, parseValue, readState, VIEW_FIELDS } from './state.js';

// Rounds the core's f32 numbers (0.029999999) back to what a person would have typed.
export function tidyConfig(config) {
  const tidy = { ...config };
  for (const name of Object.keys(tidy)) {
    if (name !== 'seed' && typeof tidy[name] === 'number') tidy[name] = Number(tidy[name].toPrecision(6));
  }
  tidy.layers = (tidy.layers ?? []).map((l) => (l.kind === 'dropout' ? { ...l, rate: Number(l.rate.toPrecision(6)) } : l));
  return tidy;
}

// One setting given as its URL text ("8:tanh,4:relu") or as its config value ([{units, activation}]).
export function parseSetting(fields, name, value) {
  const all = [...fields.configFields, ...VIEW_FIELDS];
  const spec = all.find((f) => f.name === name);
  if (!spec) throw new Error(`${name} is not a setting; the settings are ${all.map((f) => f.name).join(', ')}`);
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
  if (!recipe) throw new Error(`preset must be one of ${recipes.map((r) => r.name).join(', ')}, got ${preset === '' ? '(empty)' : preset}`);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error('config must be an object of settings, e.g. {"learningRate": 0.03}');
  if (lang !== undefined && !LANGUAGES.includes(lang)) throw new Error(`lang must be one of ${LANGUAGES.join(', ')}, got ${lang === '' ? '(empty)' : lang}`);
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
