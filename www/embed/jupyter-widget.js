// The Jupyter widget's front end (anywidget, python/neural_kitchen/): render({ model, el }) mounts
// one app in the notebook's output area and keeps the model's traits and the app's handle in step —
// `config` both ways (a refused setting comes back in `error`, the cook keeping its state),
// `metrics` and `_weights` from the app at each epoch's end, a pause, a reset, a new cook and a
// finished step(n), and play / pause / step(n) as the Python side's messages. Built with the
// assets inlined into one module by scripts/build-widget.mjs (anywidget imports it from a blob:
// URL, beside which nothing can be fetched).

import { mount } from './mount.js';
import { echo } from '../views/format.js';

// Traits that choose the app at mount time; changing one mounts it again (a new preset with the
// preset's config, the others with the running one).
const REMOUNT_TRAITS = ['views', 'controls', 'counters'];
const MOUNT_TRAITS = ['preset', ...REMOUNT_TRAITS];
// A widget shown in two output areas would train twice and report two cooks; the second says so.
// (anywidget hands each view its own model object: the widget is known by its `_instance`.)
const shown = new Set();
const METRICS_EVERY = 250;

// What a new mount keeps of the running app's own settings: its pace and guard.
const KEPT_SETTINGS = ['speed', 'pauseLearned', 'maxSteps', 'budget', 'guard'];

function mountOptions(model, config) {
  const options = { config, lang: model.get('lang') };
  for (const name of MOUNT_TRAITS) {
    const value = model.get(name);
    if (typeof value === 'string' ? value !== '' : value?.length > 0) options[name] = value;
  }
  return options;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// One output area's app, its handle kept in step with the model's traits.
class WidgetView {
  constructor(model, el) {
    this.model = model;
    this.box = el.ownerDocument.createElement('div');
    this.note = el.ownerDocument.createElement('div');
    this.note.className = 'neural-kitchen-error';
    this.note.style.cssText = 'color:#b3261e;font:13px/1.4 system-ui,sans-serif;margin-top:4px;white-space:pre-wrap';
    el.append(this.box, this.note);
    this.handle = null;
    this.offs = [];
    this.weightsBusy = false; // a weights read is on its way; another is wanted after it
    this.weightsAgain = false;
    this.stepsTimer = null;
    this.mounts = 0; // mounts started and apps removed, to tell a superseded mount
  }

  // The config a mount starts from: the traits' at first; then the running one (for a new preset
  // only its pace and guard, the rest being the preset's).
  startConfig(newPreset) {
    const { handle } = this;
    if (!handle) return this.model.get('config') ?? {};
    const settings = handle.settings();
    const kept = Object.fromEntries(KEPT_SETTINGS.map((name) => [name, settings[name]]));
    return newPreset ? kept : { ...handle.config(), ...kept };
  }

  async mount(newPreset = false) {
    const config = this.startConfig(newPreset);
    this.unmount();
    const ticket = this.mounts; // an unmount or a later mount meanwhile supersedes this one
    let handle;
    try {
      handle = await mount(this.box, mountOptions(this.model, config));
    } catch (error) {
      if (ticket === this.mounts) this.report(error);
      return;
    }
    if (ticket !== this.mounts) {
      handle.destroy();
      return;
    }
    this.handle = handle;
    // Keys typed in the app (its shortcuts, the chat box) are not the notebook's: Lumino skips an
    // event whose target (the shadow host, out here) is marked so.
    handle.host.setAttribute('data-lm-suppress-shortcuts', 'true');
    const publish = () => {
      if (this.handle === handle) this.publish();
    };
    for (const event of ['epoch', 'pause', 'play', 'reset', 'config']) this.offs.push(handle.on(event, publish));
    // Steps come every frame of play: their metrics go at most every METRICS_EVERY ms, the last
    // ones always (a frame still on its way when paused ends after the pause).
    this.offs.push(handle.on('step', () => {
      if (this.stepsTimer) return;
      this.stepsTimer = setTimeout(() => {
        this.stepsTimer = null;
        if (this.handle !== handle) return;
        this.model.set('metrics', handle.metrics());
        this.model.save_changes();
        if (!handle.playing) this.readWeights();
      }, METRICS_EVERY);
    }));
    this.report(null);
    this.publish();
  }

  unmount() {
    this.mounts += 1;
    clearTimeout(this.stepsTimer);
    this.stepsTimer = null;
    for (const off of this.offs) off();
    this.offs = [];
    this.handle?.destroy();
    this.handle = null;
  }

  // The app's metrics and config into the traits, and a read of its weights.
  publish() {
    const { model, handle } = this;
    model.set('metrics', handle.metrics());
    const config = handle.config();
    if (!same(config, model.get('config'))) model.set('config', config);
    model.save_changes();
    this.readWeights();
  }

  // The weights trait follows the cook; reads asked while one is on its way make one more after it.
  async readWeights() {
    if (this.weightsBusy) {
      this.weightsAgain = true;
      return;
    }
    this.weightsBusy = true;
    const handle = this.handle;
    try {
      const tensors = await handle.weights();
      if (this.handle !== handle) return;
      this.model.set('_weights', tensors.map(({ name, shape, values }) => ({ name, shape, values: new DataView(values.buffer) })));
      this.model.save_changes();
    } catch (error) {
      console.warn('Neural Kitchen: the weights were not read', error); // a diverged cook's: the last ones stay
    } finally {
      this.weightsBusy = false;
      if (this.weightsAgain && this.handle === handle) {
        this.weightsAgain = false;
        this.readWeights();
      }
    }
  }

  // Python's `config = {...}`: the settings that differ from the running config, checked whole;
  // refused, the trait goes back to the running config and `error` names the setting.
  async configChanged() {
    const handle = this.handle;
    const wanted = this.model.get('config') ?? {};
    if (!handle || same(wanted, handle.config())) return;
    const running = handle.config();
    const partial = Object.fromEntries(Object.entries(wanted).filter(([name, value]) => !same(value, running[name])));
    await this.attempt(() => handle.setConfig(partial));
    if (this.handle === handle) this.publish();
  }

  // A call from Python; its error goes to the `error` trait and under the app.
  async attempt(call) {
    try {
      await call();
      this.report(null);
    } catch (error) {
      this.report(error);
    }
  }

  report(error) {
    const message = error ? String(error.message ?? error) : '';
    this.note.textContent = message && `Neural Kitchen: ${message}`;
    this.model.set('error', message);
    this.model.save_changes();
  }

  async message(msg) {
    const handle = this.handle;
    if (!handle) return;
    if (msg?.type === 'play') handle.play();
    else if (msg?.type === 'pause') handle.pause();
    else if (msg?.type === 'step') {
      await this.attempt(() => handle.step(msg.n));
      if (this.handle === handle) this.publish();
    } else console.warn(`Neural Kitchen: an unknown message from Python: ${echo(msg?.type)}`);
  }
}

async function render({ model, el }) {
  const instance = model.get('_instance');
  if (shown.has(instance)) {
    el.textContent = 'This Neural Kitchen is already shown above; display a widget once (make another with NeuralKitchen(...)).';
    return undefined;
  }
  shown.add(instance);
  const view = new WidgetView(model, el);
  const remount = () => view.mount();
  const presetChanged = () => view.mount(true);
  const configChanged = () => view.configChanged();
  const langChanged = () => view.handle && view.attempt(() => view.handle.setConfig({ lang: model.get('lang') }));
  const message = (msg) => view.message(msg);
  model.on('change:preset', presetChanged);
  for (const name of REMOUNT_TRAITS) model.on(`change:${name}`, remount);
  model.on('change:config', configChanged);
  model.on('change:lang', langChanged);
  model.on('msg:custom', message);
  await view.mount();
  return () => {
    model.off('change:preset', presetChanged);
    for (const name of REMOUNT_TRAITS) model.off(`change:${name}`, remount);
    model.off('change:config', configChanged);
    model.off('change:lang', langChanged);
    model.off('msg:custom', message);
    view.unmount();
    shown.delete(instance);
  };
}

export default { render };
