// The handle that drives one app from a script (a lesson, an article's embed, the full page):
// the same calls as the transport buttons, settings checked like the controls check them, the
// app's events, and a highlight and caption for telling a story around the views.

import { parseSetting, tidyConfig } from '../settings/config-options.js';
import { VIEWS, viewBoxes } from '../settings/parts.js';
import { reconcile, VIEW_FIELDS } from '../settings/state.js';
import { echo } from '../views/format.js';
import { parameterTensors } from './parameter-tensors.js';

// container: the app's box; loop: its TrainingLoop; actions: the transport's (as the buttons run
// them); events: AppEvents; view: the page's own state; session: the TrainerSession; changes:
// ConfigChanges; fields: the config's field table (settings/fields.js); destroy(): frees what
// createApp made.
export function makeHandle({ container, loop, actions, events, view, session, changes, fields, destroy }) {
  const live = () => {
    if (destroyed) throw new Error('this Neural Kitchen was destroyed');
  };
  let destroyed = false;
  let highlighted = [];
  const caption = container.querySelector('#embed-caption');
  // A scripted call resolves once the views show its result.
  const settle = () => loop.settle();

  return {
    element: container,
    get playing() {
      return loop.playing;
    },
    get lang() {
      return view.lang;
    },
    play() {
      live();
      if (!loop.playing) actions.play();
    },
    // Pauses playing, or stops a run of steps (its step() resolves with the steps it ran).
    pause() {
      live();
      actions.pause();
    },
    // n whole steps (finishing a step left between phases first), trained in the worker while
    // the page keeps drawing; resolves once the views show them, with { steps, cancelled }.
    async step(n = 1) {
      live();
      if (!Number.isInteger(n) || n < 1 || n > 100000) throw new Error(`step(n): n must be a whole number between 1 and 100000, got ${echo(n)}`);
      const ran = await actions.step(n);
      await settle();
      return ran;
    },
    // The next phase; resolves with its name: 'forward' | 'loss' | 'backward' | 'update'.
    async phase() {
      live();
      const ran = await actions.phase();
      await settle();
      return ran;
    },
    // Trains to the end of the current epoch over frames (the views keep drawing), then pauses.
    async epoch() {
      live();
      return new Promise((resolve) => actions.epoch(resolve));
    },
    async reset() {
      live();
      await actions.reset();
      await settle();
    },
    // A partial config (URL names and values, or config values), checked whole before anything
    // changes; a value the core rejects leaves the running model as it was.
    async setConfig(partial) {
      live();
      if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) throw new Error('setConfig takes an object of settings, e.g. { learningRate: 0.03 }');
      const parsed = Object.entries(partial).map(([name, value]) => [name, parseSetting(fields, name, value)]);
      const config = parsed.filter(([, p]) => p.spec.config);
      // As in the controls, a new dataset or loss brings the fields that follow from it, unless
      // the partial names them too.
      const withValues = (base) => {
        let next = { ...base };
        for (const [name, p] of config) next = reconcile(fields, { ...next, [name]: p.value }, name);
        for (const [name, p] of config) next[name] = p.value;
        return next;
      };
      const next = withValues(session.intent);
      const dataset = next.dataset;
      if (dataset !== session.intent.dataset && fields.needsRecipe(session.intent.dataset, dataset)) {
        // Points ↔ images (or another image size) needs the dataset's recipe, as in the menu,
        // with the other settings on top: one new cook, or none if a setting is bad.
        const error = await changes.recipe(fields.recipeOf(dataset), withValues);
        if (error) throw new Error(error);
      } else if (config.length > 0) {
        const error = await changes.apply(next);
        if (error) throw new Error(error);
      }
      // The view's values are checked against the cook the config made (an example's range is
      // its test set).
      const viewError = parsed.map(([name, p]) => !p.spec.config && changes.viewError(name, p.value)).find(Boolean);
      if (viewError) throw new Error(viewError);
      for (const [name, p] of parsed) if (!p.spec.config) changes.setView(name, p.value);
      await settle();
    },
    // The page's own settings (speed, pause when learned, language, ...: the view fields of the
    // link), a copy; setConfig changes them too.
    settings() {
      live();
      return Object.fromEntries(VIEW_FIELDS.map(({ name }) => [name, structuredClone(view[name])]));
    },
    config() {
      live();
      return structuredClone(tidyConfig(session.intent));
    },
    metrics() {
      live();
      const m = session.metrics();
      return {
        epoch: m.epoch, step: m.step, nextPhase: m.nextPhase, lastPhase: m.lastPhase ?? null,
        trainLoss: m.trainLoss, testLoss: m.testLoss, trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy,
      };
    },
    // The trained parameters, tensor by tensor: [{ name, shape, values: Float32Array }].
    async weights() {
      live();
      return parameterTensors(session);
    },
    // Calls fn(detail) on each event; returns the function that stops it.
    on(event, fn) {
      live();
      return events.on(event, fn);
    },
    // Draws the eye to one view (a glow around its box, scrolled into sight); null clears it.
    highlight(name) {
      live();
      for (const el of highlighted) el.classList.remove('nk-highlight');
      highlighted = [];
      if (name === null || name === undefined) return;
      highlighted = viewBoxes(container, name);
      for (const el of highlighted) el.classList.add('nk-highlight');
      const shown = highlighted.find((el) => el.getClientRects().length > 0);
      if (!shown) return;
      // A view taller than the room the page's scroll padding leaves (a docked lesson panel's)
      // shows its top; a shorter one moves no further than into sight.
      const doc = shown.ownerDocument;
      const padding = parseFloat(getComputedStyle(doc.documentElement).scrollPaddingBottom) || 0;
      const tall = shown.getBoundingClientRect().height > doc.documentElement.clientHeight - padding;
      shown.scrollIntoView({ block: tall ? 'start' : 'nearest', behavior: 'smooth' });
    },
    // A caption box inside the app (plain text); null hides it.
    caption(text) {
      live();
      if (text === null || text === undefined) {
        caption.hidden = true;
        caption.textContent = '';
        return;
      }
      caption.textContent = String(text);
      caption.hidden = false;
    },
    views: [...VIEWS],
    destroy() {
      if (destroyed) return;
      destroyed = true;
      loop.stop();
      destroy();
      if (container.isConnected && container.classList.contains('nk-app')) container.remove();
      else container.replaceChildren();
    },
  };
}

