// The iframe form (index.html?embed=1&…): only the views and controls the link names, no header,
// and the link is never rewritten; it may name a preset whose config the link's fields change.

import { namesOrDefaults, splitNames, CONTROLS, COUNTERS, DEFAULT_CONTROLS, DEFAULT_COUNTERS, DEFAULT_VIEWS, VIEWS } from '../settings/parts.js';
import { readState } from '../settings/state.js';
import { echo } from '../views/format.js';

// The iframe form's list (views=, controls=, counters=): a bad name is reported and the defaults used.
function listParam(params, name, allowed, defaults, errors) {
  return namesOrDefaults(name, params.has(name) ? splitNames(params.get(name)) : undefined, allowed, defaults, errors);
}

// The views, controls and counters the link keeps; a bad name goes into `errors`.
export function iframeParts(params, errors) {
  return {
    views: listParam(params, 'views', VIEWS, DEFAULT_VIEWS, errors),
    controls: listParam(params, 'controls', CONTROLS, DEFAULT_CONTROLS, errors),
    counters: listParam(params, 'counters', COUNTERS, DEFAULT_COUNTERS, errors),
  };
}

// The starting state from the link; an iframe may name a preset whose config the link's fields
// then change (like an embed's attributes).
export function stateFromLink(fields, params, recipes, presetOf, lang, extraErrors) {
  let defaultsFor = presetOf;
  const query = new URLSearchParams(params);
  if (params.has('preset')) {
    const recipe = recipes.find((r) => r.name === params.get('preset'));
    if (recipe) {
      defaultsFor = (dataset) => (dataset === recipe.config.dataset ? recipe.config : presetOf(dataset));
      if (!query.has('dataset')) query.set('dataset', recipe.config.dataset);
    } else {
      extraErrors.push({ message: `preset must be one of ${recipes.map((r) => r.name).join(', ')}, got ${echo(params.get('preset'))}`, fallback: 'spiral' });
    }
  }
  const state = readState(fields, `?${query}`, defaultsFor, lang);
  return { ...state, errors: [...extraErrors, ...state.errors] };
}
