// The iframe form (index.html?embed=1&…): only the views and controls the link names, no header,
// and the link is never rewritten; it may name a preset whose config the link's fields change.

import { parseAutoplay } from './autoplay.js';
import { checkFrame, namesOrDefaults, splitNames, CONTROLS, COUNTERS, DEFAULT_CONTROLS, DEFAULT_COUNTERS, DEFAULT_VIEWS, VIEWS } from '../settings/parts.js';
import { readState } from '../settings/state.js';
import { echo } from '../views/format.js';

// The iframe form's list (views=, controls=, counters=): a bad name is reported and the defaults used.
function listParam(params, name, allowed, defaults, errors) {
  return namesOrDefaults(name, params.has(name) ? splitNames(params.get(name)) : undefined, allowed, defaults, errors);
}

// The link's frame= (box or none); a bad one is reported and the box used.
function frameParam(params, errors) {
  try {
    return checkFrame(params.get('frame') ?? 'box');
  } catch (error) {
    errors.push({ message: error.message, fallback: 'box' });
    return 'box';
  }
}

// The link's autoplay= (1 is "true"); a bad one is reported and nothing plays.
function autoplayParam(params, errors) {
  try {
    return parseAutoplay(params.get('autoplay') === '1' ? 'true' : params.get('autoplay') ?? undefined);
  } catch (error) {
    errors.push({ message: error.message, fallback: 'false' });
    return null;
  }
}

// The views, controls, counters, frame and autoplay the link keeps; a bad one goes into `errors`.
export function iframeParts(params, errors) {
  return {
    frame: frameParam(params, errors),
    autoplay: autoplayParam(params, errors),
    views: listParam(params, 'views', VIEWS, DEFAULT_VIEWS, errors),
    controls: listParam(params, 'controls', CONTROLS, DEFAULT_CONTROLS, errors),
    counters: listParam(params, 'counters', COUNTERS, DEFAULT_COUNTERS, errors),
  };
}

// Tells the parent page the form's height (the message www/embed/iframe-host.js answers), at once
// and whenever it changes (a view drawn, a message shown, a narrower column), so the parent can
// size the iframe to it: no cut diagram, no inner scroll bar.
export function reportHeight(doc) {
  const win = doc.defaultView;
  if (win.parent === win) return;
  let sent = null;
  const send = () => {
    const height = Math.ceil(doc.body.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    win.parent.postMessage({ type: 'neural-kitchen:height', height }, '*');
  };
  new win.ResizeObserver(send).observe(doc.body);
  send();
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
