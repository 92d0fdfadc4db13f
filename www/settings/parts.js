// The names of the app's views and controls, and keeping only the chosen ones in an embed: the
// markup marks each with data-nk-view / data-nk-control; everything else in the way is hidden.

import { echo } from '../views/format.js';

export const VIEWS = ['boundary', 'network', 'loss', 'accuracy', 'phase', 'counters', 'data', 'recipe', 'cook',
  'kernels', 'feature-maps', 'gallery', 'drawing', 'confusion', 'histogram', 'grad-norms', 'chat', 'samples', 'pantry', 'position-loss', 'attention', 'blocks', 'parameters', 'header', 'footer'];
// Transport buttons, the speed fields, then config and view fields by their URL names.
export const CONTROLS = ['play', 'step', 'phase', 'epoch', 'reset', 'speed', 'preset', 'dataset', 'noise', 'trainShare',
  'points', 'seed', 'features', 'hidden', 'layers', 'example', 'loss', 'outputActivation', 'init', 'optimizer',
  'learningRate', 'regularization', 'regularizationRate', 'batchSize', 'lang', 'showTest', 'discretize'];
// The plot's toggles: inside the boundary view, but shown in an embed only when named as controls.
const ASKED_TOGGLES = ['showTest', 'discretize'];
// An embed's own box: a frame (border, padding, the panel's white) or none (transparent, flush).
export const FRAMES = ['box', 'none'];
export const DEFAULT_VIEWS = ['boundary', 'loss', 'phase', 'counters'];
export const DEFAULT_CONTROLS = ['play', 'step', 'reset'];
// The counters by their ids (count-…); a regression's RMSE takes its accuracy's place, so
// testAccuracy and testRmse name the same counter; testBits and perplexity are text mode's own.
// An embed shows a few unless told.
export const COUNTERS = ['epoch', 'step', 'examples', 'speed', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy',
  'trainRmse', 'testRmse', 'batchLoss', 'testBits', 'perplexity'];
export const DEFAULT_COUNTERS = ['epoch', 'testLoss', 'testAccuracy'];

// Checks a list of names (from an option or an attribute); throws an Error naming the option,
// the bad name and the allowed ones.
export function checkNames(option, names, allowed) {
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw new Error(`${option} must be a list of names from ${allowed.join(', ')}`);
  }
  const bad = names.find((n) => !allowed.includes(n));
  if (bad !== undefined) throw new Error(`${option} must name only ${allowed.join(', ')}, got ${echo(bad)}`);
  return names;
}

// A list an embed may get wrong and still work with (counters): a bad name goes into `notes` as
// { message, fallback } and the defaults are used.
export function namesOrDefaults(option, names, allowed, defaults, notes) {
  if (names === undefined) return defaults;
  try {
    return checkNames(option, names, allowed);
  } catch (error) {
    notes.push({ message: error.message, fallback: defaults.join(',') });
    return defaults;
  }
}

export function checkFrame(frame) {
  if (!FRAMES.includes(frame)) throw new Error(`frame must be one of ${FRAMES.join(', ')}, got ${echo(frame)}`);
  return frame;
}

// "boundary, loss" → ['boundary', 'loss'] (an attribute or URL list).
export function splitNames(text) {
  return String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function partNames(el, attribute) {
  return (el.getAttribute(attribute) ?? '').split(' ').filter(Boolean);
}

// Hides (data-nk-off) every element of `container` that is neither a chosen part, inside one, nor
// holding one; kept: the message box and the caption (data-nk-keep). Run again after controls
// are added (the schema's, once the core is loaded), it decides afresh.
export function keepOnly(container, views, controls) {
  for (const el of container.querySelectorAll('[data-nk-off]')) el.removeAttribute('data-nk-off');
  const chosen = (el) => el.hasAttribute('data-nk-keep')
    || partNames(el, 'data-nk-view').some((n) => views.includes(n))
    || partNames(el, 'data-nk-control').some((n) => controls.includes(n));
  const holdsChosen = (el) => [...el.querySelectorAll('[data-nk-view], [data-nk-control], [data-nk-keep]')].some(chosen);
  const prune = (el) => {
    for (const child of el.children) {
      if (chosen(child)) continue;
      if (holdsChosen(child)) prune(child);
      else child.setAttribute('data-nk-off', '');
    }
  };
  prune(container);
  for (const name of ASKED_TOGGLES.filter((n) => !controls.includes(n))) {
    for (const input of container.querySelectorAll(`[data-view="${name}"]`)) (input.closest('label') ?? input).setAttribute('data-nk-off', '');
  }
}

// The boxes of one view (a few views have a box per mode: the boundary is the point plot, or
// text mode's chat box).
export function viewBoxes(container, name) {
  if (!VIEWS.includes(name)) throw new Error(`highlight: the view must be one of ${VIEWS.join(', ')} or null, got ${echo(name)}`);
  return [...container.querySelectorAll('[data-nk-view]')].filter((el) => partNames(el, 'data-nk-view').includes(name));
}
