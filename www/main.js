// Wiring: loads the core, reads the URL into a config, builds the views and connects controls,
// the training loop and the views. All page state lives in the one `app` object made in start().

import { Controls } from './controls.js';
import { formatCount } from './format.js';
import { Charts } from './charts.js';
import { DataPlot } from './data-plot.js';
import { EdgePanel } from './edge-panel.js';
import { applyTranslations, preferredLanguage, translator } from './i18n.js';
import { LayerEditor } from './layer-editor.js';
import { TrainingLoop } from './loop.js';
import { Messages } from './messages.js';
import { NetworkDiagram } from './network-diagram.js';
import { PhaseStrip } from './phase-strip.js';
import { renderCounters, renderMeasureStatus } from './counters.js';
import { installShortcuts } from './shortcuts.js';
import { TrainerSession } from './session.js';
import { columnNames } from './parameter-index.js';
import { describePhase, readFrame } from './frame.js';
import { ImageFiles } from './image-files.js';
import { describeImagePhase, ImageMode } from './image-mode.js';
import { LayerStackEditor } from './layer-stack-editor.js';
import { fieldSpec, formatValue, isImageDataset, matchingRecipe, modeOf, parseValue, readState, reconcile, writeState, CONFIG_FIELDS, DATASETS, IMAGE_RECIPES } from './state.js';

const EDGES_AFTER_PHASE = { forward: 'weights', loss: 'weights', backward: 'gradients', update: 'update' };

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

// The config field an error message names ("hidden[1].units must be ..." → "hidden").
function fieldNamed(message) {
  const name = /^([A-Za-z]+)/.exec(message)?.[1];
  return CONFIG_FIELDS.includes(name) ? name : null;
}

// Builds the first trainer from the link; a value the core rejects (a combination the table
// alone cannot check, e.g. a batch larger than the training set) falls back to its default.
function firstSession(build, presetOf, config, messages) {
  let candidate = config;
  for (let attempt = 0; attempt <= CONFIG_FIELDS.length; attempt++) {
    try {
      return new TrainerSession(build, candidate);
    } catch (error) {
      const message = messageOf(error);
      const field = fieldNamed(message);
      const defaults = presetOf(candidate.dataset);
      messages.add('configFallback', { message, field: field ?? 'config' });
      candidate = field && formatValue(fieldSpec(field), candidate[field]) !== formatValue(fieldSpec(field), defaults[field])
        ? { ...candidate, [field]: defaults[field] }
        : { ...defaults };
    }
  }
  return new TrainerSession(build, presetOf('spiral'));
}

// Names of the ten classes: digits, or the clothing of Fashion-MNIST (translated).
function classNamesOf(dataset, t) {
  return Array.from({ length: 10 }, (_, c) => (dataset === 'fashion' ? t(`fashion.${c}`) : String(c)));
}

// Rounds the core's f32 numbers (0.029999999) back to what a person would have typed.
function tidyConfig(config) {
  const tidy = { ...config };
  for (const name of CONFIG_FIELDS) {
    if (typeof tidy[name] === 'number') tidy[name] = Number(tidy[name].toPrecision(6));
  }
  tidy.layers = (tidy.layers ?? []).map((l) => (l.kind === 'dropout' ? { ...l, rate: Number(l.rate.toPrecision(6)) } : l));
  return tidy;
}

async function start() {
  const doc = document;
  const messages = new Messages(doc.getElementById('page-messages'));
  const view0 = readState(location.search, () => ({}), preferredLanguage(navigator.languages ?? [navigator.language]));
  let core;
  try {
    core = await import('../crate/pkg/neural_kitchen.js');
    await core.default();
  } catch (error) {
    messages.add('wasmMissing');
    messages.render(translator(view0.view.lang));
    throw error;
  }
  const { Trainer } = core;
  // An image dataset's defaults are its recipe's (digits8 → digits8-mlp, ...).
  const presetOf = (dataset) => tidyConfig(Trainer.preset(IMAGE_RECIPES[dataset] ?? dataset));
  const { config, view, errors } = readState(location.search, presetOf, view0.view.lang);
  // The core's recipes (a dataset with a cook that learns it) for the datasets the page knows.
  const recipes = Trainer.presets()
    .map((name) => ({ name, config: tidyConfig(Trainer.preset(name)), epochs: Trainer.defaultEpochs(name) }))
    .filter((r) => DATASETS.includes(r.config.dataset));
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
    // The Epoch button's epoch, run over frames by the loop: { trainer, epoch } (the counter it
    // started from) until the counter passes it, then the loop pauses; null otherwise.
    epochRun: null,
    grid: { key: '', at: 0, cost: 0, scores: null },
    net: null,
    netOf: null,
  };
  const t = () => translator(app.view.lang);

  const writeUrl = () => history.replaceState(null, '', writeState(app.session.intent, app.view));
  const showControls = () => {
    controls.show(app.session.intent, app.view);
    const recipe = matchingRecipe(app.session.intent, recipes);
    controls.showRecipe(recipe, recipes.find((r) => r.name === recipe)?.epochs, t());
    const mode = modeOf(app.session.intent.dataset);
    showMode(mode);
    doc.getElementById('trainShare-field').hidden = images.fixedSplit(app.session.intent);
    if (mode === 'images') {
      stackEditor.show(app.session.intent.layers, network(), t());
      fillClassOptions();
    } else layerEditor.show(app.session.intent.hidden, t());
  };
  // Point datasets show the MLP views, image datasets the image views.
  const showMode = (mode) => {
    if (doc.body.dataset.mode === mode) return;
    doc.body.dataset.mode = mode;
    for (const el of doc.querySelectorAll('[data-only]')) el.hidden = el.dataset.only !== mode;
  };
  // The class names in the menus, and the pad's title: a digit, or a piece of clothing.
  const fillClassOptions = () => {
    const { dataset } = app.session.intent;
    const padTitle = doc.getElementById('pad-title');
    padTitle.dataset.i18n = dataset === 'fashion' ? 'padTitle.fashion' : 'padTitle';
    padTitle.textContent = t()(padTitle.dataset.i18n);
    const names = classNamesOf(dataset, t());
    for (const id of ['example-class', 'pad-label']) {
      const select = doc.getElementById(id);
      const keep = select.value;
      const options = names.map((name, c) => new Option(name, String(c)));
      if (id === 'example-class') options.unshift(new Option('–', ''));
      select.replaceChildren(...options);
      select.value = id === 'pad-label' && keep === '' ? '0' : keep;
    }
  };
  const network = () => {
    if (app.netOf !== app.session.trainer) {
      app.net = app.session.trainer.network();
      app.netOf = app.session.trainer;
    }
    return app.net;
  };

  const changeField = (name, text) => {
    const parsed = parseValue(fieldSpec(name), text);
    if ('error' in parsed) {
      controls.showError(name, parsed.error);
      if (!['number', 'text'].includes(doc.getElementById(name)?.type)) showControls();
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
  const showConfigChange = (newCook) => {
    controls.clearAllErrors();
    if (newCook) {
      app.lastAction = null;
      app.showBatch = false;
      edgePanel.close();
    }
    showControls();
    writeUrl();
    loop.requestDraw();
  };

  // Synchronous when nothing needs downloading (points, or images already fetched).
  const changeValue = (name, value) => {
    let how;
    const next = reconcile({ ...app.session.intent, [name]: value }, name);
    if (!images.ready(next)) {
      loadImages(next).then((ok) => (ok ? changeValue(name, value) : showControls()));
      return;
    }
    try {
      how = app.session.apply(next);
    } catch (error) {
      controls.showError(name, messageOf(error));
      // Choices (selects, toggles) snap back to what runs; a typed number stays for correction;
      // the layer editor keeps the learner's draft next to the core's message.
      if (name !== 'layers' && !['number', 'text'].includes(doc.getElementById(name)?.type)) showControls();
      return;
    }
    showConfigChange(how === 'rebuilt');
  };

  // A recipe replaces the whole config, its seed included (the same recipe is the same run for
  // everyone), and always starts a fresh cook.
  const chooseRecipe = (name) => {
    const recipe = recipes.find((r) => r.name === name);
    if (recipe && !images.ready(recipe.config)) {
      loadImages(recipe.config).then((ok) => (ok ? chooseRecipe(name) : showControls()));
      return;
    }
    try {
      if (!recipe) throw new Error(`recipe must be one of ${recipes.map((r) => r.name).join(', ')}, got ${name}`);
      app.session.load(recipe.config);
    } catch (error) {
      controls.showError('preset', messageOf(error));
      showControls();
      return;
    }
    showConfigChange(true);
  };

  const changeView = (name, text) => {
    const parsed = parseValue(fieldSpec(name), text);
    if ('error' in parsed) {
      controls.showError(name, parsed.error);
      return;
    }
    controls.clearError(name);
    app.view[name] = parsed.value;
    if (name === 'lang') translate();
    writeUrl();
    loop.requestDraw();
  };

  const act = (name) => {
    const trainer = app.session.trainer;
    if (name === 'play') {
      app.showBatch = false;
      app.lastAction = 'step';
      loop.toggle();
      return;
    }
    if (name === 'regenerate') {
      changeField('seed', String(Math.floor(Math.random() * 4294967296)));
      return;
    }
    if (name === 'save-model') {
      // The core refuses to write a diverged model (NaN has no JSON form); say why instead.
      try {
        saveModel(doc, trainer.toJSON());
      } catch (error) {
        messages.add('modelSaveFailed', { message: messageOf(error) });
        messages.render(t());
      }
      return;
    }
    if (name === 'epoch') {
      startEpoch(trainer);
      return;
    }
    loop.pause();
    if (name === 'reset') {
      app.session.reset();
      app.lastAction = null;
      app.showBatch = false;
    } else if (name === 'phase') {
      const ran = trainer.phase();
      app.view.edges = EDGES_AFTER_PHASE[ran];
      if (isImageDataset(app.session.intent.dataset)) app.view.kernels = EDGES_AFTER_PHASE[ran];
      controls.show(app.session.intent, app.view);
      writeUrl();
      app.lastAction = 'phase';
      app.showBatch = true;
    } else {
      trainer.step(1);
      app.lastAction = 'step';
      app.showBatch = true;
    }
    loop.requestDraw();
  };

  // Epoch: trains to the end of the current epoch over frames (drawing each one), then pauses.
  // Pressed while one runs, it does nothing; Play (pause), Step, Phase or Reset stop it.
  const startEpoch = (trainer) => {
    if (app.epochRun) return;
    app.epochRun = { trainer, epoch: trainer.metrics().epoch };
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
    if (!run) return trainer.runFor(app.view.budget, app.view.maxSteps);
    if (run.trainer !== trainer) {
      loop.pause(); // another cook (a new config or a loaded model): the press was for the old one
      return 0;
    }
    const steps = trainer.runFor(app.view.budget, Math.max(1, trainer.metrics().stepsLeftInEpoch));
    if (trainer.metrics().epoch !== run.epoch) {
      app.showBatch = true; // as after a step: the views show the epoch's last batch
      loop.pause();
    }
    return steps;
  };
  // While paused, an image network's last epoch may still be being measured: one slice a frame,
  // so its train and test figures and curves catch up without blocking the page.
  const idle = () => {
    const trainer = app.session.trainer;
    if (!trainer.metrics().measuring) return false;
    trainer.advanceEvaluation();
    return true;
  };

  const controls = new Controls(doc, { field: changeField, view: changeView, action: act, recipe: chooseRecipe }, recipes);
  const layerEditor = new LayerEditor(doc.getElementById('layer-editor'), (text) => changeField('hidden', text));
  const plot = new DataPlot(doc.getElementById('data-plot'), (point) => {
    app.focus = point;
    app.showBatch = false;
    loop.requestDraw();
  });
  const selectParameter = (index) => {
    diagram.select(index);
    edgePanel.open(index);
    loop.requestDraw();
  };
  const diagram = new NetworkDiagram(doc.getElementById('network-diagram'), selectParameter);
  const edgePanel = new EdgePanel(doc.getElementById('edge-panel'), {
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
      return null;
    },
  });
  const strip = new PhaseStrip(doc.getElementById('phase-strip'));
  const charts = new Charts(doc.getElementById('loss-chart'), doc.getElementById('accuracy-chart'));

  const stackEditor = new LayerStackEditor(doc.getElementById('stack-editor'), (layers, error) => {
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
  const imageMode = new ImageMode(doc, Trainer, {
    pick: pickExample,
    drew: () => {
      app.showBatch = false;
      loop.requestDraw();
    },
    requestDraw: () => loop.requestDraw(),
  });
  const testLabels = () => app.session.trainer.testLabels();
  doc.getElementById('example-random').addEventListener('click', () => pickExample(Math.floor(Math.random() * testLabels().length)));
  doc.getElementById('example-class').addEventListener('change', (event) => {
    const c = Number(event.target.value);
    const labels = testLabels();
    const of = [];
    for (let n = 0; n < labels.length; n++) if (labels[n] === c) of.push(n);
    if (of.length > 0) pickExample(of[Math.floor(Math.random() * of.length)]);
    event.target.value = '';
  });
  doc.getElementById('pad-clear').addEventListener('click', () => imageMode.pad.clear());
  doc.getElementById('pad-add').addEventListener('click', () => {
    const pixels = imageMode.preparedDrawing(network());
    const status = doc.getElementById('pad-status');
    const tr = t();
    if (!pixels) {
      status.textContent = tr('padEmpty');
      return;
    }
    const label = Number(doc.getElementById('pad-label').value);
    try {
      app.session.trainer.addTrainingImage(pixels, label);
      status.textContent = tr('padAdded', { name: classNamesOf(app.session.intent.dataset, tr)[label], n: formatCount(app.session.trainer.trainLabels().length) });
    } catch (error) {
      status.textContent = messageOf(error);
    }
    loop.requestDraw();
  });

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
      renderCounters(doc.getElementById('counters'), metrics, loop.stepsPerSecond(), tr, tasted ? 'batchLoss' : null);
      renderMeasureStatus(doc.getElementById('measure-status'), metrics, tr);
      // The history gains an epoch's entry once its measurement is complete.
      charts.update(trainer, `${metrics.epoch}|${metrics.measuring}`, app.session.generation, false, tr, app.view.lang);
      if (!doc.body.dataset.ready) doc.body.dataset.ready = 'true';
      return;
    }
    const names = columnNames(net, tr);
    if (diagram.layout(net, names, tr)) app.grid.key = '';
    const frame = readFrame(trainer, net, app, diagram, loop.playing);
    plot.draw({ ...frame.plot, showTest: app.view.showTest, discretize: app.view.discretize, focus: app.focus });
    diagram.update({ net, t: tr, mode: app.view.edges, values: frame.values, ...frame.buffers });
    edgePanel.update({ net, t: tr, ...frame.buffers, optimizerStates: frame.optimizerStates });
    strip.update(frame.metrics, describePhase(app.lastAction, frame, net, names, tr), tr, app.view.lang);
    const tasted = app.lastAction === 'phase' && frame.metrics.lastPhase === 'loss';
    renderCounters(doc.getElementById('counters'), frame.metrics, loop.stepsPerSecond(), tr, tasted ? 'batchLoss' : null);
    doc.getElementById('probe-readout').textContent = frame.readout(tr);
    charts.update(trainer, frame.metrics.epoch, app.session.generation, frame.metrics.isRegression, tr, app.view.lang);
    // Marks the first complete draw (tests wait for it instead of sleeping).
    if (!doc.body.dataset.ready) doc.body.dataset.ready = 'true';
  };

  const translate = () => {
    applyTranslations(doc, app.view.lang);
    controls.showPlaying(loop.playing, t());
    showControls();
    messages.render(t());
  };

  const loop = new TrainingLoop({ train, draw, idle });
  loop.onPlayingChange = (playing) => {
    if (!playing && app.epochRun) {
      app.epochRun = null;
      controls.showEpochRunning(false);
    }
    controls.showPlaying(playing, t());
  };

  installShortcuts(doc, act);
  doc.getElementById('load-model').addEventListener('change', async (event) => {
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
  addEventListener('resize', () => loop.requestDraw());

  translate();
  writeUrl();
  loop.requestDraw();
}

function saveModel(doc, json) {
  const link = doc.createElement('a');
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.download = 'neural-kitchen-model.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

start();
