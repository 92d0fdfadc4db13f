// One Neural Kitchen app: its markup inside a container (the page's body, or a box in an embed's
// shadow root), the wasm core, the controls, the training loop and the views, all wired together.
// All of an instance's state lives in the `app` object made here, so several instances can share
// a page; it is driven from outside through the handle (app-handle.js).

import { Controls } from '../settings/controls.js';
import { Charts } from '../views/charts.js';
import { DataPlot } from '../modes/points/data-plot.js';
import { EdgePanel } from '../modes/points/edge-panel.js';
import { applyTranslations, translator } from './i18n.js';
import { LayerEditor } from '../settings/layer-editor.js';
import { TrainingLoop } from './loop.js';
import { messageOf, Messages } from './messages.js';
import { NetworkDiagram } from '../modes/points/network-diagram.js';
import { PhaseStrip } from '../views/phase-strip.js';
import { renderCounters, renderMeasureStatus } from '../views/counters.js';
import { installShortcuts } from './shortcuts.js';
import { firstSession } from './session.js';
import { columnNames } from '../modes/points/parameter-index.js';
import { describePhase, readFrame } from '../modes/points/read-frame.js';
import { ImageFiles } from './image-files.js';
import { describeImagePhase, ImageMode } from '../modes/images/image-views.js';
import { LayerStackEditor } from '../settings/layer-stack-editor.js';
import { classNamesOf, ImageControls } from '../modes/images/image-controls.js';
import { appMarkup } from './markup.js';
import { keepOnly } from '../settings/parts.js';
import { loadCore } from './core.js';
import { tidyConfig } from '../settings/config-options.js';
import { makeHandle } from './handle.js';
import { fieldSpec, isImageDataset, matchingRecipe, modeOf, parseValue, reconcile, DATASETS, IMAGE_RECIPES } from '../settings/state.js';

// While playing, the diagram's edges are restyled at most this often: every restyle of its
// hundreds of curves makes the browser repaint the whole diagram (a fifth of the page's CPU
// while training, when done every frame).
const EDGES_EVERY_MS = 100;
const EDGES_AFTER_PHASE = { forward: 'weights', loss: 'weights', backward: 'gradients', update: 'update' };

// root: the Document or a ShadowRoot (ids are looked up in it); container: the element the
// markup goes into, which carries data-mode and data-ready.
// options: {
//   lang: the language of a message shown before the state is known,
//   state(recipes, presetOf) → { config, view, errors }: the starting state (may throw),
//   writeUrl(config, view) | null: the full page keeps the link up to date, an embed never does,
//   shortcuts: 'page' (keys anywhere on the page) | 'instance' (only with focus or pointer inside),
//   views, controls: the names to keep (an embed), or null for everything (the full page),
// }
export async function createApp(root, container, options) {
  const doc = root.ownerDocument ?? root;
  container.append(appMarkup(doc));
  if (options.views) {
    container.classList.add('nk-compact');
    keepOnly(container, options.views, options.controls);
  }
  const byId = (id) => root.getElementById(id);
  const messages = new Messages(byId('page-messages'));
  let core;
  try {
    core = await loadCore();
  } catch (error) {
    messages.add('wasmMissing');
    messages.render(translator(options.lang));
    throw error;
  }
  const { Trainer } = core;
  // An image dataset's defaults are its recipe's (digits8 → digits8-mlp, ...).
  const presetOf = (dataset) => tidyConfig(Trainer.preset(IMAGE_RECIPES[dataset] ?? dataset));
  // The core's recipes (a dataset with a cook that learns it) for the datasets the page knows.
  const recipes = Trainer.presets()
    .map((name) => ({ name, config: tidyConfig(Trainer.preset(name)), epochs: Trainer.defaultEpochs(name) }))
    .filter((r) => DATASETS.includes(r.config.dataset));
  const { config, view, errors } = options.state(recipes, presetOf);
  for (const e of errors) messages.add('urlFallback', { message: e.message, fallback: e.fallback });
  const images = new ImageFiles(Trainer);
  // Downloads a config's image files (if any), saying so while it takes; false if they failed.
  const loadImages = async (wanted) => {
    if (images.ready(wanted)) return true;
    messages.add('loadingImages');
    messages.render(translator(view.lang));
    try {
      await images.load(wanted);
      return true;
    } catch (error) {
      messages.add('imagesFailed', { message: messageOf(error) });
      return false;
    } finally {
      messages.items = messages.items.filter((m) => m.key !== 'loadingImages');
      messages.render(translator(view.lang));
    }
  };
  const firstConfig = (await loadImages(config)) ? config : presetOf('spiral');

  const app = {
    session: firstSession((c) => images.build(c), presetOf, firstConfig, messages),
    view,
    focus: null, // {x1, x2} picked on the plot, or null
    showBatch: false, // after a manual step/phase: the diagram shows the batch's first example
    lastAction: null, // 'phase' | 'step' | null: what the phase detail line describes
    // The Epoch button's epoch, run over frames by the loop: { trainer, epoch, done } (the counter
    // it started from, what to call when it ends) until the counter passes it, then the loop
    // pauses; null otherwise.
    epochRun: null,
    grid: { key: '', at: 0, cost: 0, scores: null },
    edgesAt: -Infinity, // when the diagram's edges were last restyled
    net: null,
    netOf: null,
    seenEpoch: 0, // the epoch last announced to 'epoch' listeners
  };
  const t = () => translator(app.view.lang);
  // Listeners of the handle's events ('step', 'phase', ...): event name → Set of functions.
  const listeners = new Map();
  const emit = (event, detail) => {
    for (const fn of listeners.get(event) ?? []) fn(detail);
  };
  // After any training: tells 'epoch' listeners when a practice round ended.
  const announceEpoch = () => {
    const { epoch } = app.session.trainer.metrics();
    if (epoch !== app.seenEpoch) {
      app.seenEpoch = epoch;
      emit('epoch', { epoch });
    }
  };

  const writeUrl = () => options.writeUrl?.(app.session.intent, app.view);
  const showControls = () => {
    controls.show(app.session.intent, app.view);
    const recipe = matchingRecipe(app.session.intent, recipes);
    controls.showRecipe(recipe, recipes.find((r) => r.name === recipe)?.epochs, t());
    const mode = modeOf(app.session.intent.dataset);
    showMode(mode);
    byId('trainShare-field').hidden = images.fixedSplit(app.session.intent);
    if (mode === 'images') {
      stackEditor.show(app.session.intent.layers, network(), t());
      imageControls.showClasses(app.session.intent.dataset, t());
    } else layerEditor.show(app.session.intent.hidden, t());
  };
  // Point datasets show the MLP views, image datasets the image views.
  const showMode = (mode) => {
    if (container.dataset.mode === mode) return;
    container.dataset.mode = mode;
    for (const el of container.querySelectorAll('[data-only]')) el.hidden = el.dataset.only !== mode;
  };
  const network = () => {
    if (app.netOf !== app.session.trainer) {
      app.net = app.session.trainer.network();
      app.netOf = app.session.trainer;
    }
    return app.net;
  };
  const isTyped = (name) => ['number', 'text'].includes(byId(name)?.type);

  const changeField = (name, text) => {
    const parsed = parseValue(fieldSpec(name), text);
    if ('error' in parsed) {
      controls.showError(name, parsed.error);
      if (!isTyped(name)) showControls();
      return;
    }
    const from = app.session.intent.dataset;
    if (name === 'dataset' && needsRecipe(from, parsed.value)) {
      chooseRecipe(IMAGE_RECIPES[parsed.value] ?? parsed.value);
      return;
    }
    changeValue(name, parsed.value);
  };
  // Switching between points and images, or between image sizes, brings the dataset's recipe
  // (a network for 2 features or for 8×8 pixels does not fit 28×28 images).
  const needsRecipe = (from, to) => {
    if (!isImageDataset(from) && !isImageDataset(to)) return false;
    return !(['mnist', 'fashion'].includes(from) && ['mnist', 'fashion'].includes(to));
  };

  // The page after the config changed: every control shows the running config, so no field's
  // old complaint still applies; a new cook also drops what was selected in the old one.
  const showConfigChange = (newCook, changed = true) => {
    controls.clearAllErrors();
    if (newCook) {
      app.lastAction = null;
      app.showBatch = false;
      app.seenEpoch = app.session.trainer.metrics().epoch;
      edgePanel.close();
    }
    showControls();
    writeUrl();
    loop.requestDraw();
    if (changed) emit('config', { config: tidyConfig(app.session.intent) });
  };

  // Applies a whole next config; resolves to null, or to the core's message (nothing changed).
  const applyConfig = async (next) => {
    if (!images.ready(next) && !(await loadImages(next))) return `images for ${next.dataset} could not be loaded`;
    let how;
    try {
      how = app.session.apply(next);
    } catch (error) {
      return messageOf(error);
    }
    // Even when nothing changed (a draft put back as it runs), the controls drop old complaints.
    showConfigChange(how === 'rebuilt', how !== 'same');
    return null;
  };

  const changeValue = async (name, value) => {
    const error = await applyConfig(reconcile({ ...app.session.intent, [name]: value }, name));
    if (!error) return;
    controls.showError(name, error);
    // Choices (selects, toggles) snap back to what runs; a typed number stays for correction;
    // the layer editor keeps the learner's draft next to the core's message.
    if (name !== 'layers' && !isTyped(name)) showControls();
  };

  // A recipe replaces the whole config, its seed included (the same recipe is the same run for
  // everyone), and always starts a fresh cook. adjust(config): the recipe's config with a
  // script's own settings on top, checked with it (a bad one leaves the running cook as it
  // was). Resolves to null or the error's message.
  const chooseRecipe = async (name, adjust = (config) => config) => {
    const recipe = recipes.find((r) => r.name === name);
    try {
      if (!recipe) throw new Error(`recipe must be one of ${recipes.map((r) => r.name).join(', ')}, got ${name}`);
      if (!(await loadImages(recipe.config))) throw new Error(`images for ${recipe.config.dataset} could not be loaded`);
      app.session.load(adjust(recipe.config));
    } catch (error) {
      controls.showError('preset', messageOf(error));
      showControls();
      return messageOf(error);
    }
    showConfigChange(true);
    return null;
  };

  const changeView = (name, text) => {
    const parsed = parseValue(fieldSpec(name), text);
    if ('error' in parsed) {
      controls.showError(name, parsed.error);
      return;
    }
    controls.clearError(name);
    setView(name, parsed.value);
  };
  const setView = (name, value) => {
    app.view[name] = value;
    if (name === 'lang') {
      translate();
      emit('lang', { lang: value });
    }
    writeUrl();
    loop.requestDraw();
  };

  // The transport's actions; the handle runs the same ones.
  const actions = {
    play: () => {
      app.showBatch = false;
      app.lastAction = 'step';
      loop.toggle();
    },
    step: (n = 1) => {
      loop.pause();
      app.session.trainer.step(n);
      app.lastAction = 'step';
      app.showBatch = true;
      loop.requestDraw();
      emit('step', { steps: n, metrics: app.session.trainer.metrics() });
      announceEpoch();
    },
    phase: () => {
      loop.pause();
      const ran = app.session.trainer.phase();
      app.view.edges = EDGES_AFTER_PHASE[ran];
      if (isImageDataset(app.session.intent.dataset)) app.view.kernels = EDGES_AFTER_PHASE[ran];
      controls.show(app.session.intent, app.view);
      writeUrl();
      app.lastAction = 'phase';
      app.showBatch = true;
      loop.requestDraw();
      emit('phase', { phase: ran, metrics: app.session.trainer.metrics() });
      if (ran === 'update') emit('step', { steps: 1, metrics: app.session.trainer.metrics() });
      announceEpoch();
      return ran;
    },
    epoch: (done = () => {}) => startEpoch(app.session.trainer, done),
    reset: () => {
      loop.pause();
      app.session.reset();
      app.lastAction = null;
      app.showBatch = false;
      app.seenEpoch = 0;
      loop.requestDraw();
      emit('reset', { metrics: app.session.trainer.metrics() });
    },
    regenerate: () => changeField('seed', String(Math.floor(Math.random() * 4294967296))),
    'save-model': () => {
      // The core refuses to write a diverged model (NaN has no JSON form); say why instead.
      try {
        saveModel(doc, app.session.trainer.toJSON());
      } catch (error) {
        messages.add('modelSaveFailed', { message: messageOf(error) });
        messages.render(t());
      }
    },
  };
  const act = (name) => actions[name]();

  // Epoch: trains to the end of the current epoch over frames (drawing each one), then pauses.
  // Pressed while one runs, it does nothing; Play (pause), Step, Phase or Reset stop it.
  const startEpoch = (trainer, done) => {
    if (app.epochRun) {
      const before = app.epochRun.done;
      app.epochRun.done = () => { before(); done(); };
      return;
    }
    app.epochRun = { trainer, epoch: trainer.metrics().epoch, done };
    app.lastAction = 'step';
    app.showBatch = false;
    controls.showEpochRunning(true);
    loop.play(); // already playing: it now stops at the end of this epoch
    loop.requestDraw();
  };
  // One frame of training: the steps that fit the time budget, but never past the running epoch.
  const train = () => {
    const trainer = app.session.trainer;
    const run = app.epochRun;
    let steps;
    if (!run) steps = trainer.runFor(app.view.budget, app.view.maxSteps);
    else if (run.trainer !== trainer) {
      loop.pause(); // another cook (a new config or a loaded model): the press was for the old one
      return 0;
    } else {
      steps = trainer.runFor(app.view.budget, Math.max(1, trainer.metrics().stepsLeftInEpoch));
      if (trainer.metrics().epoch !== run.epoch) {
        app.showBatch = true; // as after a step: the views show the epoch's last batch
        loop.pause();
      }
    }
    if (steps > 0) emit('step', { steps, metrics: trainer.metrics() });
    announceEpoch();
    return steps;
  };
  // While paused, an image network's last epoch may still be being measured, and the teacher's
  // verdict on the current parameters made: one slice a frame, so its figures, curves and
  // verdict catch up without blocking the page.
  const idle = () => {
    const trainer = app.session.trainer;
    if (trainer.metrics().measuring) {
      trainer.advanceEvaluation();
      return true;
    }
    return isImageDataset(app.session.intent.dataset) && imageMode.judge(trainer);
  };

  const controls = new Controls(root, { field: changeField, view: changeView, action: act, recipe: chooseRecipe }, recipes);
  const layerEditor = new LayerEditor(byId('layer-editor'), (text) => changeField('hidden', text));
  const plot = new DataPlot(byId('data-plot'), (point) => {
    app.focus = point;
    app.showBatch = false;
    loop.requestDraw();
  }, () => loop.requestDraw());
  const selectParameter = (index) => {
    diagram.select(index);
    edgePanel.open(index);
    loop.requestDraw();
  };
  const diagram = new NetworkDiagram(byId('network-diagram'), selectParameter, () => loop.requestDraw());
  const edgePanel = new EdgePanel(byId('edge-panel'), {
    select: selectParameter,
    close: () => {
      diagram.select(-1);
      edgePanel.close();
      loop.requestDraw();
    },
    edit: (index, text) => {
      const value = text.trim() === '' ? NaN : Number(text);
      try {
        if (!Number.isFinite(value)) throw new Error(`weight must be a number between -1000 and 1000, got ${text || '(empty)'}`);
        app.session.setWeight(index, value);
      } catch (error) {
        return messageOf(error);
      }
      loop.requestDraw();
      emit('edit', { index, value });
      return null;
    },
  });
  const strip = new PhaseStrip(byId('phase-strip'));
  const charts = new Charts(byId('loss-chart'), byId('accuracy-chart'), () => loop.requestDraw());

  const stackEditor = new LayerStackEditor(byId('stack-editor'), (layers, error) => {
    if (error) controls.showError('layers', error);
    else changeValue('layers', layers);
  });
  // Follows test image `index` through the network (from a gallery, a cell or the picker).
  const pickExample = (index) => {
    app.view.example = index;
    app.showBatch = false;
    imageMode.useTestImage();
    controls.show(app.session.intent, app.view);
    writeUrl();
    loop.requestDraw();
  };
  const imageMode = new ImageMode(root, Trainer, {
    pick: pickExample,
    drew: () => {
      app.showBatch = false;
      loop.requestDraw();
    },
    requestDraw: () => loop.requestDraw(),
  });
  const imageControls = new ImageControls(root, {
    trainer: () => app.session.trainer,
    dataset: () => app.session.intent.dataset,
    t,
    pick: pickExample,
    imageMode,
    network,
    requestDraw: () => loop.requestDraw(),
  });

  // Marks the first complete draw (tests and embedding pages wait for it instead of sleeping).
  const markReady = () => {
    if (container.dataset.ready) return;
    container.dataset.ready = 'true';
    // `make bench` reads the time from page load to this first drawn frame.
    performance.mark('neural-kitchen:first-frame');
  };
  const draw = () => {
    const tr = t();
    const trainer = app.session.trainer;
    const net = network();
    if (isImageDataset(app.session.intent.dataset)) {
      imageMode.draw({
        trainer, net, app, playing: loop.playing, t: tr, generation: app.session.generation,
        classNames: classNamesOf(app.session.intent.dataset, tr), fixedSplit: images.fixedSplit(app.session.intent),
      });
      const metrics = trainer.metrics();
      strip.update(metrics, describeImagePhase(app.lastAction, trainer, net, tr), tr, app.view.lang);
      const tasted = app.lastAction === 'phase' && metrics.lastPhase === 'loss';
      renderCounters(byId('counters'), metrics, loop.stepsPerSecond(), tr, tasted ? 'batchLoss' : null);
      renderMeasureStatus(byId('measure-status'), metrics, tr);
      // The history gains an epoch's entry once its measurement is complete.
      charts.update(trainer, `${metrics.epoch}|${metrics.measuring}`, app.session.generation, false, tr, app.view.lang, loop.playing);
      markReady();
      return;
    }
    const names = columnNames(net, tr);
    if (diagram.layout(net, names, tr)) {
      app.grid.key = ''; // a new diagram: its thumbnails and edges are drawn at once
      app.edgesAt = -Infinity;
    }
    const frame = readFrame(trainer, net, app, diagram, loop.playing);
    plot.draw({ ...frame.plot, generation: app.session.generation, showTest: app.view.showTest, discretize: app.view.discretize, focus: app.focus });
    const now = performance.now();
    if (!loop.playing || now - app.edgesAt >= EDGES_EVERY_MS) {
      app.edgesAt = now;
      diagram.update({ net, t: tr, mode: app.view.edges, values: frame.values, ...frame.buffers });
    }
    edgePanel.update({ net, t: tr, ...frame.buffers, optimizerStates: frame.optimizerStates });
    strip.update(frame.metrics, describePhase(app.lastAction, frame, net, names, tr), tr, app.view.lang);
    const tasted = app.lastAction === 'phase' && frame.metrics.lastPhase === 'loss';
    renderCounters(byId('counters'), frame.metrics, loop.stepsPerSecond(), tr, tasted ? 'batchLoss' : null);
    byId('probe-readout').textContent = frame.readout(tr);
    // The grid and a chart are the two heaviest paints: while playing, never in one frame.
    charts.update(trainer, frame.metrics.epoch, app.session.generation, frame.metrics.isRegression, tr, app.view.lang, loop.playing, frame.gridPainted);
    markReady();
  };

  const translate = () => {
    applyTranslations(root, app.view.lang, root === doc ? doc.documentElement : container);
    controls.showPlaying(loop.playing, t());
    showControls();
    messages.render(t());
  };

  const loop = new TrainingLoop({ train, draw, idle });
  loop.onPlayingChange = (playing) => {
    if (!playing && app.epochRun) {
      const { done } = app.epochRun;
      app.epochRun = null;
      controls.showEpochRunning(false);
      done();
    }
    controls.showPlaying(playing, t());
    emit(playing ? 'play' : 'pause', { metrics: app.session.trainer.metrics() });
  };

  const removeShortcuts = installShortcuts(options.shortcuts === 'page' ? doc : container, act);
  byId('load-model').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const trainer = await images.fromJSON(await file.text());
      app.session.replace(trainer, tidyConfig(trainer.config()));
      messages.add('modelLoaded');
      edgePanel.close();
    } catch (error) {
      messages.add('modelLoadFailed', { message: messageOf(error) });
    }
    event.target.value = '';
    messages.render(t());
    showControls();
    writeUrl();
    loop.requestDraw();
  });
  translate();
  writeUrl();
  loop.requestDraw();

  return makeHandle({
    app, container, root, loop, actions, listeners, setView, applyConfig, chooseRecipe, needsRecipe, messages,
    destroy: () => {
      removeShortcuts();
      listeners.clear();
      app.session.trainer.free();
    },
  });
}

function saveModel(doc, json) {
  const link = doc.createElement('a');
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.download = 'neural-kitchen-model.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
