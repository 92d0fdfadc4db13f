// "You changed the kitchen: put the scene back?": notices when the recipe leaves the setup a
// scene fixed (other than the settings its tasks ask the learner to change) and offers, in the
// panel, one click that sets the scene up again, or keeping the learner's own recipe.

import { translator } from '../app/i18n.js';

// The page's words for a setting, where its own name is not the key (the layer editor's).
const LABEL_KEYS = { hidden: 'hiddenLayers', layers: 'hiddenLayers' };

// The scene's settings that the running config no longer has, in the scene's order. A list of
// names (input features) counts as a set: ticking x₁ off and on again is no change.
export function driftedFields(sceneConfig, config, free = []) {
  return Object.keys(sceneConfig).filter((name) => !free.includes(name) && !same(sceneConfig[name], config[name]));
}

// Settings' names as the page's labels call them, in the learner's language.
export function fieldLabels(names, lang) {
  const t = translator(lang);
  return names.map((name) => t(LABEL_KEYS[name] ?? name));
}

function same(a, b) {
  const text = (v) => JSON.stringify(Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v].sort() : v);
  return text(a) === text(b);
}

// The prompt's box in the panel. actions: { putBack(), keep() }.
export class DriftPrompt {
  constructor(parent, actions) {
    const doc = parent.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'nk-lesson-drift';
    this.root.setAttribute('role', 'alert');
    this.root.dataset.testid = 'lesson-drift';
    this.root.hidden = true;
    this.message = doc.createElement('p');
    const row = doc.createElement('div');
    row.className = 'nk-lesson-drift-actions';
    this.putBack = doc.createElement('button');
    this.keep = doc.createElement('button');
    for (const [button, key, action] of [[this.putBack, 'put-back', actions.putBack], [this.keep, 'keep', actions.keep]]) {
      button.type = 'button';
      button.dataset.testid = `lesson-${key}`;
      button.addEventListener('click', action);
      row.append(button);
    }
    this.putBack.className = 'nk-lesson-put-back';
    this.root.append(this.message, row);
    parent.append(this.root);
  }

  // fields: the drifted settings' names as the learner reads them (none: the prompt hides).
  show(fields, ui, fill) {
    this.root.hidden = fields.length === 0;
    if (fields.length === 0) return;
    // A new recipe changes most settings: the first few name the change well enough.
    const named = fields.slice(0, 3).join(ui.listJoin) + (fields.length > 3 ? '…' : '');
    const message = fill(ui.drift, { fields: named });
    if (this.message.textContent !== message) this.message.textContent = message;
    if (this.putBack.textContent !== ui.putBack) this.putBack.textContent = ui.putBack;
    if (this.keep.textContent !== ui.keepMine) this.keep.textContent = ui.keepMine;
  }
}
