// One Neural Kitchen app: its markup inside a container (the page's body, or a box in an embed's
// shadow root), the wasm core, the controls, the training loop and the views of every mode, wired
// together. Each instance keeps its own state, so several can share a page; it is driven from
// outside through the handle (handle.js).

import { ConfigChanges } from './config-changes.js';
import { CookTimeline } from './cook-timeline.js';
import { loadCore } from './core.js';
import { DataFiles } from './data-files.js';
import { download, pytorchFileName } from './downloads.js';
import { drawFrame } from './draw.js';
import { AppEvents } from './events.js';
import { FrameData } from './frame-data.js';
import { GhostCooks } from './ghost-cooks.js';
import { LearnedPause } from './learned-pause.js';
import { makeHandle } from './handle.js';
import { applyTranslations, translator } from './i18n.js';
import { TrainingLoop } from './loop.js';
import { appMarkup } from './markup.js';
import { messageOf, Messages } from './messages.js';
import { watchPanic } from './panic.js';
import { firstSession } from './session.js';
import { loadWeights, weightsText } from './shared-cook.js';
import { installShortcuts } from './shortcuts.js';
import { TrainerLink } from './trainer-link.js';
import { MissingRead } from './trainer-mirror.js';
import { Transport } from './transport.js';
import { MODES, modeNamed } from '../modes/index.js';
import { tidyConfig } from '../settings/config-options.js';
import { Controls } from '../settings/controls.js';
import { keepOnly } from '../settings/parts.js';
import { MAX_LINK_LENGTH } from '../settings/weights-link.js';
import { fieldTable } from '../settings/fields.js';
import { HistoryCharts } from '../views/charts.js';
import { PhaseStrip } from '../views/phase-strip.js';

// root: the Document or a ShadowRoot (ids are looked up in it); container: the element the
// markup goes into, which carries data-mode and data-ready.
// options: {
//   lang: the language of a message shown before the state is known,
//   state(recipes, presetOf, fields) → { config, view, errors }: the starting state (may throw),
//   writeUrl(config, view, fields, weights) → the link | null: the full page keeps the link up to
//     date (with the shared cook's weights, when it still runs), an embed never does,
//   weights: the link's weights text (a shared cook), or null,
//   shortcuts: 'page' (keys anywhere on the page) | 'instance' (only with focus or pointer inside),
//   views, controls, counters: the names to keep (an embed), or null for everything (the full page),
//   notes: [{ message, fallback }] an embed's options that were ignored (shown as messages),
//   workers: 'auto' | 1 | 2, the workers it trains in (core/data-parallel.js; default 'auto'),
// }
export async function createApp(root, container, options) {
  const doc = root.ownerDocument ?? root;
  container.append(appMarkup(doc, MODES));
  if (options.views) {
    container.classList.add('nk-compact');
    keepOnly(container, options.views, options.controls);
  }
  const byId = (id) => root.getElementById(id);
  const messages = new Messages(byId('page-messages'));
  let core;
  let link;
  try {
    core = await loadCore();
    link = await TrainerLink.open(core.module, options.workers);
  } catch (error) {
    messages.add('wasmMissing');
    messages.render(translator(options.lang));
    throw error;
  }
  const { Trainer, Charts } = core;
  // The config's fields, datasets and constants, from the core's schema (read once).
  const fields = fieldTable(Trainer.schema(), MODES.map((m) => m.name));
  // An image dataset's defaults are its recipe's (digits8 → digits8-mlp, ...).
  const presetOf = (dataset) => tidyConfig(Trainer.preset(fields.recipeOf(dataset)));
  // The core's recipes (a dataset with a cook that learns it) for the datasets the page knows.
  const recipes = Trainer.presets()
    .map((name) => ({ name, config: tidyConfig(Trainer.preset(name)), epochs: Trainer.defaultEpochs(name) }))
    .filter((r) => fields.dataset(r.config.dataset));
  const { config, view, errors } = options.state(recipes, presetOf, fields);
  for (const e of errors) messages.add('urlFallback', { message: e.message, fallback: e.fallback });
  for (const e of options.notes ?? []) messages.add('optionFallback', { message: e.message, fallback: e.fallback });
  const t = () => translator(view.lang);
  const files = new DataFiles(link, fields);
  // Downloads a config's data files (if any), saying so while it takes; false if they failed.
  const loadFiles = async (wanted) => {
    if (files.ready(wanted)) return true;
    messages.add('loadingFiles');
    messages.render(t());
    try {
      await files.load(wanted);
      return true;
    } catch (error) {
      messages.add('filesFailed', { message: messageOf(error) });
      return false;
    } finally {
      messages.items = messages.items.filter((m) => m.key !== 'loadingFiles');
      messages.render(t());
    }
  };
  const firstConfig = (await loadFiles(config)) ? config : presetOf('spiral');
  // A new trainer in the worker; its first snapshot brings what its mode's views read.
  const build = (c) => {
    link.expect(modeNamed(fields.modeOf(c.dataset)).reads);
    return files.build(c);
  };
  let session;
  try {
    session = await firstSession(fields, build, presetOf, firstConfig, messages);
  } catch (error) {
    link.close();
    throw error;
  }

  // The cook whose weights the link carries (shared, or opened from a shared link), while it runs.
  let sharedCook = null;
  const sharedWeights = () => (sharedCook?.trainer === session.trainer && sharedCook.generation === session.generation ? sharedCook.weights : null);
  const share = (weights) => {
    sharedCook = weights && { weights, trainer: session.trainer, generation: session.generation };
  };
  if (options.weights != null) {
    try {
      await loadWeights(session, files, options.weights);
      share(options.weights);
      messages.add('weightsLoaded');
    } catch (error) {
      messages.add('weightsFallback', { message: messageOf(error) });
    }
  }

  // The running trainer's description (the mirror keeps its last).
  const network = () => session.trainer.network();
  // This frame's reading of the trainer, shared by its idle work and its draw.
  let frameData = null;
  const frame = () => {
    if (!frameData || frameData.frame !== loop.frames || frameData.data.trainer !== session.trainer) {
      frameData = { frame: loop.frames, data: new FrameData(session, network()) };
    }
    return frameData.data;
  };

  const events = new AppEvents();
  const mode = () => modeNamed(fields.modeOf(session.intent.dataset));
  const writeUrl = () => options.writeUrl?.(session.intent, view, fields, sharedWeights());
  // The instance's parts the transport and the config changes work with (completed below, once
  // the controls, the modes' views and the loop exist). It holds no state of its own: that lives
  // in the session (the trainer), the view (the page's fields), the transport (what the views
  // follow) and each view.
  const app = {
    session, view, fields, recipes, files, loadFiles, container, byId, events, messages, mode, frame, network, writeUrl, t,
    translate: () => translate(),
  };
  const panic = watchPanic((message) => {
    loop.stop();
    link.close();
    messages.add('panic', { message }, { label: 'reload', run: () => globalThis.location.reload() });
    messages.render(t());
  });
  const transport = new Transport(app);
  const changes = new ConfigChanges(app);
  const actions = {
    play: () => transport.play(),
    pause: () => transport.pause(),
    step: (n) => transport.step(n),
    phase: () => transport.phase(),
    epoch: (done) => transport.epoch(done),
    reset: async () => {
      await transport.reset();
      writeUrl(); // a new cook: the link no longer carries the shared one's weights
    },
    regenerate: () => changes.field('seed', String(Math.floor(Math.random() * 4294967296))),
    'save-model': async () => {
      // The core refuses to write a diverged model (NaN has no JSON form); say why instead.
      try {
        download(doc, await session.trainer.toJSON(), 'neural-kitchen-model.json', 'application/json');
      } catch (error) {
        messages.add('modelSaveFailed', { message: messageOf(error) });
        messages.render(t());
      }
    },
    // The core refuses a network it cannot write as torch.nn (a GPT, an RNN): say why.
    'export-pytorch': async () => {
      try {
        const name = pytorchFileName(session.intent, recipes);
        download(doc, await session.trainer.exportPytorch(), name, 'text/x-python');
      } catch (error) {
        messages.add('exportFailed', { message: messageOf(error) });
        messages.render(t());
      }
    },
  };
  // The link takes the cook's weights too, unless that makes it too long to travel.
  actions['share-cook'] = async () => {
    try {
      share(await weightsText(session));
      const link = writeUrl() ?? '';
      if (link.length > MAX_LINK_LENGTH) {
        share(null);
        writeUrl();
        messages.add('shareTooLong', { n: link.length.toLocaleString('en-US'), max: MAX_LINK_LENGTH.toLocaleString('en-US') });
      } else {
        messages.add('cookShared', { n: link.length.toLocaleString('en-US') });
      }
    } catch (error) {
      messages.add('shareFailed', { message: messageOf(error) });
    }
    messages.render(t());
  };
  for (const name of Object.keys(actions)) actions[name] = panic.guard(actions[name]);
  const act = (name) => actions[name]();

  const controls = new Controls(root, fields, {
    field: panic.guard((name, text) => changes.field(name, text)),
    view: panic.guard((name, text) => changes.viewField(name, text)),
    action: act,
    recipe: panic.guard((name) => changes.recipe(name)),
  }, recipes);
  // The controls made from the schema were not there when the embed first chose its parts.
  if (options.views) keepOnly(container, options.views, options.controls);
  const host = {
    Trainer,
    Charts,
    fields,
    trainer: () => session.trainer,
    intent: () => session.intent,
    network,
    t,
    requestDraw: () => loop.requestDraw(),
    answered: (detail) => events.emit('answer', detail),
    pick: (name, value) => {
      transport.follow.showBatch = false;
      if (name !== undefined) {
        view[name] = value;
        controls.show(session.intent, view);
        writeUrl();
      }
      loop.requestDraw();
    },
    changeField: (name, text) => changes.field(name, text),
    changeValue: (name, value) => changes.value(name, value),
    showError: (field, message) => controls.showError(field, message),
    setWeight: async (index, value) => {
      try {
        await session.setWeight(index, value);
      } catch (error) {
        return messageOf(error);
      }
      loop.requestDraw();
      events.emit('edit', { index, value });
      return null;
    },
  };
  const modes = new Map(MODES.map((m) => [m.name, m.create(root, host)]));
  const shared = {
    strip: new PhaseStrip(byId('phase-strip')),
    charts: new HistoryCharts(Charts, byId('loss-chart'), byId('accuracy-chart'), () => loop.requestDraw()),
    ghosts: new GhostCooks(byId('ghost-cooks'), fields, () => loop.requestDraw()),
  };
  // A cook that ends leaves its ghost: its curves, its size and its mode's last dish, as last drawn.
  session.onCookEnds = (trainer, started) => {
    let dish = null;
    try {
      dish = app.modeViews().dish?.(t()) ?? null;
    } catch (error) {
      if (!(error instanceof MissingRead)) throw error; // (a read the last snapshot lacked: no thumbnail)
    }
    shared.ghosts.keep(trainer.history(), started, trainer.network(), dish);
  };

  // Marks the first complete draw (tests and embedding pages wait for it instead of sleeping).
  const markReady = () => {
    if (container.dataset.ready) return;
    container.dataset.ready = 'true';
    // `make bench` reads the time from page load to this first drawn frame.
    performance.mark('neural-kitchen:first-frame');
  };
  // One draw from the last snapshot; false when a view read what it lacked (the next brings it).
  const draw = () => {
    try {
      drawFrame(frame(), {
        views: app.modeViews(), shared, byId, pacing: loop, follow: transport.follow, view, intent: session.intent,
        generation: session.generation, fixedSplit: changes.fixedSplit, t: t(), counters: options.counters ?? null,
      });
      app.learned?.draw();
    } catch (error) {
      if (error instanceof MissingRead) return false;
      throw error;
    }
    link.drawn();
    app.timeline?.draw();
    // Which trainer the views show, complete (tests wait for a new cook's first draw by it), and
    // the wasm memory its worker holds (tests and `make bench`; it only grows), the workers it
    // trains in.
    const { trainer } = session;
    const shown = { trainer: String(trainer.id), wasmMemory: String(trainer.memoryBytes()), workers: String(trainer.workers()) };
    for (const [key, value] of Object.entries(shown)) if (container.dataset[key] !== value) container.dataset[key] = value;
    markReady();
    return true;
  };

  const translate = () => {
    applyTranslations(root, view.lang, root === doc ? doc.documentElement : container);
    controls.showPlaying(loop.playing, t());
    changes.showControls();
    messages.render(t());
  };
  Object.assign(app, { controls, transport, modes, modeViews: () => modes.get(mode().name) });

  // A core that panicked runs nothing more (a guarded call returns undefined).
  const exchange = panic.guard((kind) => {
    const order = transport.order(kind);
    if (!order) return null;
    link.expect(mode().reads);
    return session.trainer.frame(order);
  });
  const consume = panic.guard((answer, kind) => {
    if (kind === 'train') transport.trained(answer.steps);
    return answer.steps;
  });
  const failed = (error) => {
    if (error instanceof WebAssembly.RuntimeError) panic.report(error.message);
    else console.error(error);
  };
  const loop = new TrainingLoop({ exchange: (kind) => exchange(kind) ?? null, consume: (a, k) => consume(a, k) ?? 0, draw: () => panic.guard(draw)() ?? true, failed, pendingWork: () => Boolean(session.trainer?.working), trainInterval: () => transport.trainInterval() });
  link.onPanic = (message) => panic.report(message);
  app.loop = loop;
  app.timeline = new CookTimeline(app);
  app.learned = new LearnedPause(app);
  // The link's example is a test image: past the test set it is named, not wrapped.
  const badExample = changes.viewError('example', view.example);
  if (badExample) {
    messages.add('urlFallback', { message: badExample, fallback: '0' });
    view.example = 0;
  }
  const announcePlaying = panic.guard((playing) => events.emit(playing ? 'play' : 'pause', { metrics: session.metrics() }));
  loop.onPlayingChange = (playing) => {
    if (!playing) transport.paused();
    controls.showPlaying(playing, t());
    announcePlaying(playing);
  };

  const removeShortcuts = installShortcuts(options.shortcuts === 'page' ? doc : container, act);
  byId('load-model').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const trainer = await files.fromJSON(await file.text());
      session.replace(trainer, tidyConfig(trainer.config()));
      messages.add('modelLoaded');
      for (const views of modes.values()) views.forget();
    } catch (error) {
      messages.add('modelLoadFailed', { message: messageOf(error) });
    }
    event.target.value = '';
    messages.render(t());
    changes.showControls();
    writeUrl();
    loop.requestDraw();
  });
  translate();
  writeUrl();
  loop.requestDraw();

  return makeHandle({
    container, loop, actions, events, view, session, changes, fields,
    destroy: () => {
      removeShortcuts();
      panic.stop();
      events.clear();
      link.close();
    },
  });
}
