// The form controls: shows the config and view state in them, and reports what the user typed
// (as text, checked by the caller) or pressed. Each field's error appears right below it. The
// number and choice fields' controls are made from the core's schema (field-controls.js).

import { buildFieldControls } from './field-controls.js';
import { formatValue } from './state.js';
import { shortMessage } from '../views/format.js';

export class Controls {
  // handlers: { field(name, text), view(name, text), action(name), recipe(name) };
  // recipes: [{ name, config, epochs }], the core's presets offered in the Recipe menu.
  // fields: the config's field table (settings/fields.js).
  constructor(root, fields, handlers, recipes = []) {
    this.root = root; // the Document or a ShadowRoot: ids are looked up in it
    this.doc = root.ownerDocument ?? root;
    this.fields = fields;
    this.handlers = handlers;
    buildFieldControls(root, fields);
    this.fillRecipeOptions(recipes);
    this.buildFeatureToggles(fields.spec('features').values);
    for (const el of root.querySelectorAll('[data-field]')) {
      el.addEventListener('change', () => handlers.field(el.dataset.field, this.textOf(el)));
      if (el.type === 'range') el.addEventListener('input', () => this.showOutput(el.dataset.field, el.value));
    }
    for (const el of root.querySelectorAll('[data-view]')) {
      el.addEventListener('change', () => handlers.view(el.dataset.view, this.textOf(el)));
    }
    for (const name of ['play', 'step', 'phase', 'epoch', 'reset', 'regenerate', 'save-model', 'export-pytorch', 'share-cook']) {
      root.getElementById(name).addEventListener('click', () => handlers.action(name));
    }
  }

  // One option per recipe, named like its dataset, and a last one that only shows (never picked)
  // when the config is no recipe: the learner's own.
  fillRecipeOptions(recipes) {
    const select = this.root.getElementById('preset');
    for (const { name } of recipes) {
      const option = this.doc.createElement('option');
      option.value = name;
      option.dataset.i18n = `ds.${name}`;
      option.textContent = name;
      select.append(option);
    }
    const own = this.doc.createElement('option');
    own.value = '';
    own.disabled = true;
    own.dataset.i18n = 'preset.custom';
    own.textContent = 'Your own recipe';
    select.append(own);
    select.addEventListener('change', () => {
      if (select.value) this.handlers.recipe(select.value);
    });
  }

  // Shows which recipe the config is (name or null) and how many epochs it needs.
  showRecipe(name, epochs, t) {
    this.root.getElementById('preset').value = name ?? '';
    this.root.getElementById('preset-epochs').textContent = name ? t('preset.epochs', { n: epochs }) : '';
  }

  buildFeatureToggles(features) {
    const box = this.root.getElementById('feature-toggles');
    for (const name of features) {
      const label = this.doc.createElement('label');
      label.className = 'toggle chip';
      const input = this.doc.createElement('input');
      input.type = 'checkbox';
      input.value = name;
      input.dataset.feature = name;
      input.addEventListener('change', () => this.handlers.field('features', this.checkedFeatures().join(',')));
      const span = this.doc.createElement('span');
      span.dataset.i18n = `feat.${name}`;
      span.textContent = name;
      label.append(input, ' ', span);
      box.append(label);
    }
  }

  checkedFeatures() {
    return [...this.root.querySelectorAll('input[data-feature]')].filter((el) => el.checked).map((el) => el.value);
  }

  textOf(el) {
    if (el.type === 'checkbox') return String(el.checked);
    if (el.type === 'radio') return this.root.querySelector(`input[name="${el.name}"]:checked`)?.value ?? '';
    return el.value;
  }

  // Puts the state into the controls (never fires their change events).
  show(config, view) {
    for (const el of this.root.querySelectorAll('[data-field]')) {
      const name = el.dataset.field;
      el.value = formatValue(this.fields.spec(name), config[name]);
      this.showOutput(name, el.value);
    }
    for (const el of this.root.querySelectorAll('input[data-feature]')) el.checked = config.features.includes(el.value);
    this.showView(view);
  }

  // Puts the view's values (or only `name`'s) into their controls.
  showView(view, name = null) {
    // The fast pace's own limits show only at that speed.
    const fast = this.root.querySelector('.speed-fast');
    if (fast && (name === null || name === 'speed')) fast.hidden = view.speed !== 'fast';
    for (const el of this.root.querySelectorAll(name ? `[data-view="${name}"]` : '[data-view]')) {
      const value = view[el.dataset.view];
      if (el.type === 'checkbox') el.checked = Boolean(value);
      else if (el.type === 'radio') el.checked = el.value === value;
      else {
        // A value from the link that the list lacks (e.g. 37 steps per frame) still shows.
        if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === String(value))) el.append(new Option(String(value)));
        el.value = String(value);
      }
    }
  }

  showOutput(name, text) {
    const out = this.root.querySelector(`output[data-shows="${name}"]`);
    if (out) out.textContent = text;
  }

  showPlaying(playing, t) {
    const button = this.root.getElementById('play');
    button.querySelector('span').textContent = t(playing ? 'pause' : 'play');
    button.setAttribute('aria-pressed', String(playing));
    button.classList.toggle('playing', playing);
  }

  // While the Epoch button's epoch runs over frames (pressing it again does nothing meanwhile).
  showEpochRunning(running) {
    const button = this.root.getElementById('epoch');
    button.classList.toggle('running', running);
    if (running) button.setAttribute('aria-busy', 'true');
    else button.removeAttribute('aria-busy');
  }

  errorSlot(name) {
    return [...this.root.querySelectorAll('[data-error-for]')].find((el) => el.dataset.errorFor.split(' ').includes(name));
  }

  showError(name, message) {
    const slot = this.errorSlot(name);
    if (!slot) return false;
    slot.textContent = shortMessage(message);
    slot.classList.add('visible');
    this.root.getElementById(name)?.setAttribute('aria-invalid', 'true');
    return true;
  }

  clearAllErrors() {
    for (const slot of this.root.querySelectorAll('[data-error-for]')) {
      for (const name of slot.dataset.errorFor.split(' ')) this.clearError(name);
    }
  }

  clearError(name) {
    const slot = this.errorSlot(name);
    if (slot) {
      slot.textContent = '';
      slot.classList.remove('visible');
    }
    this.root.getElementById(name)?.removeAttribute('aria-invalid');
  }
}
