// Embeds Neural Kitchen in a tutorial: mount(element, options) puts one app, with its own Trainer,
// into a shadow root (so the page's styles and ids never clash with it) and returns its handle.
// Options are checked before anything trains; a bad one is an Error naming it and what it allows.

import { AutoplayRun, parseAutoplay } from './autoplay.js';
import { createApp } from '../app/create-app.js';
import { BUNDLED } from '../app/bundled-assets.js';
import { stateFromOptions } from '../settings/config-options.js';
import { preferredLanguage } from '../app/i18n.js';
import { checkFrame, checkNames, namesOrDefaults, CONTROLS, COUNTERS, DEFAULT_CONTROLS, DEFAULT_COUNTERS, DEFAULT_VIEWS, VIEWS } from '../settings/parts.js';
import { echo } from '../views/format.js';
import { WORKER_CHOICES } from '../core/data-parallel.js';

export const OPTIONS = ['preset', 'config', 'lang', 'controls', 'views', 'counters', 'frame', 'autoplay', 'workers'];

// mount(element, { preset, config, lang, controls, views, counters, frame, autoplay, workers }) →
// handle (app/handle.js); `workers`: 'auto' (default: two where the machine has two cores and the
// network gains, see core/data-parallel.js), 1 or 2;
// handle.host is the element added inside `element`, handle.element the app's own box.
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new Error('mount: the first argument must be an element to put Neural Kitchen in');
  const host = element.ownerDocument.createElement('div');
  host.className = 'neural-kitchen';
  element.append(host);
  let handle;
  try {
    handle = await mountInShadow(host.attachShadow({ mode: 'open' }), host, options);
  } catch (error) {
    host.remove();
    throw error;
  }
  const destroy = handle.destroy;
  handle.destroy = () => {
    destroy();
    host.remove();
  };
  return handle;
}

// The stylesheet inside the shadow root (page styles do not reach in): the page's own file, or the
// text the single-file build inlined. Resolves once it applies, so the first draw measures right.
export function addStyles(shadow) {
  const doc = shadow.ownerDocument;
  if (BUNDLED) {
    const style = doc.createElement('style');
    style.textContent = BUNDLED.css;
    shadow.append(style);
    return Promise.resolve();
  }
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../style.css', import.meta.url).href;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Error(`the stylesheet ${link.href} did not load`)), { once: true });
  });
  shadow.append(link);
  return loaded;
}

// The options' parts; a bad counter name is a note shown in the app (which still works).
function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw new Error(`mount: the options must be an object with some of ${OPTIONS.join(', ')}`);
  const unknown = Object.keys(options).find((k) => !OPTIONS.includes(k));
  if (unknown !== undefined) throw new Error(`${unknown} is not an option; the options are ${OPTIONS.join(', ')}`);
  if (options.workers !== undefined && !WORKER_CHOICES.includes(options.workers)) throw new Error(`workers must be one of ${WORKER_CHOICES.join(', ')}, got ${echo(options.workers)}`);
  const notes = [];
  return {
    views: checkNames('views', options.views ?? DEFAULT_VIEWS, VIEWS),
    controls: checkNames('controls', options.controls ?? DEFAULT_CONTROLS, CONTROLS),
    counters: namesOrDefaults('counters', options.counters, COUNTERS, DEFAULT_COUNTERS, notes),
    frame: checkFrame(options.frame ?? 'box'),
    autoplay: parseAutoplay(options.autoplay),
    notes,
  };
}

// One app in `shadow` (whose host is `host`), paused while it is off-screen.
export async function mountInShadow(shadow, host, options = {}) {
  const { views, controls, counters, frame, autoplay, notes } = checkOptions(options);
  await addStyles(shadow);
  const container = shadow.ownerDocument.createElement('div');
  container.className = `nk-app ${frame === 'none' ? 'nk-frameless' : 'nk-framed'}`;
  container.tabIndex = -1; // clicking anywhere in the app gives it the keyboard
  shadow.append(container);
  let handle;
  try {
    handle = await createApp(shadow, container, {
      lang: options.lang ?? 'en',
      state: (recipes, presetOf, fields) => stateFromOptions(fields, options, recipes, presetOf, preferredLanguage(navigator.languages ?? [navigator.language])),
      writeUrl: null,
      shortcuts: 'instance',
      views,
      controls,
      workers: options.workers ?? 'auto',
      counters,
      notes,
    });
  } catch (error) {
    container.remove();
    throw error;
  }
  // The autoplay's end is told on the host: 'autoplay-end' with { reason, epoch }.
  const run = autoplay && new AutoplayRun(handle, autoplay, (detail) => host.dispatchEvent(new CustomEvent('autoplay-end', { detail })));
  const stopWatching = pauseWhileHidden(host, handle, run);
  const destroy = handle.destroy;
  handle.host = host;
  handle.destroy = () => {
    stopWatching();
    run?.stop();
    destroy();
  };
  return handle;
}

// Off-screen an embed stops training (the reader is not watching, and several embeds would share
// the processor); back on screen it plays again if it was playing, or its autoplay (`run`) goes
// on toward its goal.
function pauseWhileHidden(host, handle, run) {
  let resume = Boolean(run);
  const observer = new IntersectionObserver(([entry]) => {
    if (entry.isIntersecting) {
      if (resume && run && !run.done) run.start();
      else if (resume) handle.play();
      resume = false;
    } else {
      resume = resume || handle.playing;
      if (handle.playing) handle.pause(); // a scripted run of steps goes on
    }
    host.toggleAttribute('data-offscreen', !entry.isIntersecting);
  });
  observer.observe(host);
  return () => observer.disconnect();
}
