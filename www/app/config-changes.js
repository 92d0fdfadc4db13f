// A change of settings, from a control, the layer editor or the handle: checked like the link
// checks it, applied to the session (in place or as a new cook), and then shown everywhere (the
// controls, the mode's boxes and settings, the link, the 'config' event).

import { messageOf } from './messages.js';
import { tidyConfig } from '../settings/config-options.js';
import { matchingRecipe, parseValue, reconcile, VIEW_FIELDS } from '../settings/state.js';
import { echo } from '../views/format.js';

export class ConfigChanges {
  // app: { session, view, fields (settings/fields.js), recipes, files (DataFiles), loadFiles(config), controls, container,
  // byId, modes (name → its views), mode(), modeViews(), transport, loop, events, writeUrl(), t(),
  // translate() }.
  constructor(app) {
    this.app = app;
    this.fixedSplit = false; // the running dataset brings its own test set
  }

  isTyped(name) {
    return ['number', 'text'].includes(this.app.byId(name)?.type);
  }

  // A control's text for config field `name`.
  field(name, text) {
    const { session, controls, fields } = this.app;
    const parsed = parseValue(fields.spec(name), text);
    if ('error' in parsed) {
      controls.showError(name, parsed.error);
      if (!this.isTyped(name)) this.showControls();
      return;
    }
    if (name === 'dataset' && fields.needsRecipe(session.intent.dataset, parsed.value)) {
      this.recipe(fields.recipeOf(parsed.value));
      return;
    }
    this.value(name, parsed.value);
  }

  async value(name, value) {
    const error = await this.apply(reconcile(this.app.fields, { ...this.app.session.intent, [name]: value }, name));
    if (!error) return;
    this.app.controls.showError(name, error);
    // Choices (selects, toggles) snap back to what runs; a typed number stays for correction;
    // the layer editor keeps the learner's draft next to the core's message.
    if (name !== 'layers' && !this.isTyped(name)) this.showControls();
  }

  // Applies a whole next config; resolves to null, or to the core's message (nothing changed).
  async apply(next) {
    const { loadFiles, session } = this.app;
    let how;
    try {
      if (!(await loadFiles(next))) return `the files of ${next.dataset} could not be loaded`;
      how = await session.apply(next);
    } catch (error) {
      return messageOf(error);
    }
    // Even when nothing changed (a draft put back as it runs), the controls drop old complaints.
    this.shown(how === 'rebuilt', how !== 'same');
    return null;
  }

  // A recipe replaces the whole config, its seed included (the same recipe is the same run for
  // everyone), and always starts a fresh cook. adjust(config): the recipe's config with a
  // script's own settings on top, checked with it (a bad one leaves the running cook as it
  // was). Resolves to null or the error's message.
  async recipe(name, adjust = (config) => config) {
    const { recipes, loadFiles, session, controls } = this.app;
    const recipe = recipes.find((r) => r.name === name);
    try {
      if (!recipe) throw new Error(`recipe must be one of ${recipes.map((r) => r.name).join(', ')}, got ${echo(name)}`);
      if (!(await loadFiles(recipe.config))) throw new Error(`the files of ${recipe.config.dataset} could not be loaded`);
      await session.load(adjust(recipe.config));
    } catch (error) {
      controls.showError('preset', messageOf(error));
      this.showControls();
      return messageOf(error);
    }
    this.shown(true);
    return null;
  }

  // A control's text for view field `name` (the page's own state: language, speed, ...).
  viewField(name, text) {
    const parsed = parseValue(VIEW_FIELDS.find((f) => f.name === name), text);
    if ('error' in parsed) {
      this.app.controls.showError(name, parsed.error);
      return;
    }
    this.app.controls.clearError(name);
    this.setView(name, parsed.value);
  }

  // The message for view value `value` of `name` that the running cook cannot show, or null:
  // the example is a test image's index, so its range is the test set's (the table's is only
  // the largest any dataset has).
  viewError(name, value) {
    if (name !== 'example' || this.app.mode().name !== 'images') return null;
    const count = this.app.session.trainer.testCount();
    return value < count ? null : `example must be a whole number between 0 and ${count - 1}, got ${value}`;
  }

  setView(name, value) {
    this.app.view[name] = value;
    // (a script's setConfig sets it too: its control follows)
    this.app.controls.showView(this.app.view, name);
    if (name === 'lang') {
      this.app.translate();
      this.app.events.emit('lang', { lang: value });
    }
    this.app.writeUrl();
    this.app.loop.requestDraw();
  }

  // The page after the config changed: every control shows the running config, so no field's
  // old complaint still applies; a new cook also drops what was selected in the old one.
  shown(newCook, changed = true) {
    const { session, controls, transport, modes, loop, events } = this.app;
    controls.clearAllErrors();
    if (newCook) {
      transport.newCook(session.metrics().epoch);
      for (const views of modes.values()) views.forget();
      // A smaller test set (MNIST → 8×8 digits) starts the example over rather than wrap it.
      if (this.viewError('example', this.app.view.example)) this.app.view.example = 0;
    }
    this.showControls();
    this.app.writeUrl();
    loop.requestDraw();
    if (changed) events.emit('config', { config: tidyConfig(session.intent) });
  }

  // Every control, and the current mode's boxes and settings, as the running config has them.
  showControls() {
    const { session, view, recipes, controls, container, byId, files } = this.app;
    const intent = session.intent;
    controls.show(intent, view);
    const recipe = matchingRecipe(this.app.fields, intent, recipes);
    controls.showRecipe(recipe, recipes.find((r) => r.name === recipe)?.epochs, this.app.t());
    const mode = this.app.mode();
    if (container.dataset.mode !== mode.name) {
      container.dataset.mode = mode.name;
      for (const el of container.querySelectorAll('[data-only]')) el.hidden = el.dataset.only !== mode.name;
    }
    this.fixedSplit = files.fixedSplit(intent);
    byId('trainShare-field').hidden = this.fixedSplit;
    this.app.modeViews().showSettings(intent, this.app.network(), this.app.t());
  }
}
