// Image mode: the views of a network learning images (the example and its class probabilities,
// feature maps and their gradients, kernels, gradient sizes, histograms, the teacher's confusion
// matrix and a gallery of mistakes, the drawing pad). Reads the trainer, never trains; heavy
// views are redrawn at most ~10 times a second while training plays.

import { ClassBars } from './class-bars.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { DrawingPad } from './drawing-pad.js';
import { FeatureMaps } from './feature-maps.js';
import { Gallery, renderThumbnails } from './gallery.js';
import { GradNormChart } from './grad-norms.js';
import { Histograms } from './histograms.js';
import { Kernels } from './kernels.js';
import { formatCount, formatNumber } from '../../views/format.js';
import { layerLabel, parameterLayers, weightNorm } from './image-network.js';
import { paintTiles } from '../../views/pixel-tiles.js';
import { TestPredictions, CLASSES } from './test-predictions.js';

const HEAVY_EVERY_MS = 100;
// While paused, the verdict on the current parameters is judged in slices of about this long
// (a frame's share), so a step by hand never freezes the page for a whole test set.
const VERDICT_SLICE_MS = 8;

export class ImageMode {
  // handlers: { pick(index) (a test image), drew() (the pad is now the example), requestDraw() }.
  constructor(doc, Trainer, handlers) {
    this.doc = doc;
    this.Trainer = Trainer;
    this.handlers = handlers;
    this.bars = new ClassBars(doc.getElementById('class-bars'));
    this.maps = new FeatureMaps(doc.getElementById('feature-maps'), () => handlers.requestDraw());
    this.kernels = new Kernels(doc.getElementById('kernels'), () => handlers.requestDraw());
    this.predictions = new TestPredictions();
    this.confusion = new ConfusionMatrix(doc.getElementById('confusion'), (r, c) => this.showCell(r, c));
    this.gallery = new Gallery(doc.getElementById('gallery'), (i) => handlers.pick(i));
    this.gradNorms = new GradNormChart(doc.getElementById('grad-norms'), doc.getElementById('grad-norms-legend'), () => handlers.requestDraw());
    this.histograms = new Histograms(doc.getElementById('histogram'), doc.getElementById('histogram-layer'), () => handlers.requestDraw());
    this.drawing = null; // Float32Array in the input's format while the pad is the example
    this.rawInk = null;
    this.cell = null; // [row, column] of the confusion matrix cell whose images are listed
    this.verdictKey = '';
    this.heavyAt = -Infinity;
    this.shows = null; // what the feature maps and kernels show (see draw)
    this.pad = new DrawingPad(doc.getElementById('drawing-pad'), {
      onInk: (pixels, w, h) => {
        this.rawInk = { pixels, w, h };
        this.drawing = null; // prepared again for the current input size at the next draw
        handlers.drew();
      },
      onClear: () => {
        this.rawInk = null;
        this.drawing = null;
        handlers.requestDraw();
      },
    });
    for (const el of doc.querySelectorAll('input[name="histogram-which"]')) el.addEventListener('change', () => handlers.requestDraw());
  }

  // The drawing prepared by the core like the dataset's images (side 28 or 8: the network's input).
  preparedDrawing(net) {
    if (!this.rawInk) return null;
    const side = net.boundaries[0].shape.width;
    if (!this.drawing || this.drawing.length !== side * side) {
      const { pixels, w, h } = this.rawInk;
      this.drawing = this.Trainer.centreDrawing(pixels, w, h, side);
    }
    return this.drawing;
  }

  useTestImage() {
    this.rawInk = null;
    this.drawing = null;
    this.pad.clear();
  }

  showCell(r, c) {
    this.cell = [r, c];
    this.handlers.requestDraw();
  }

  // While paused: judges a slice more of the test set for the verdict; returns whether there
  // was any to judge (then another frame follows).
  judge(trainer) {
    return this.predictions.advance(trainer, VERDICT_SLICE_MS);
  }

  // One draw of every image view.
  // fixedSplit: the dataset brings its own test set (the training share does not apply).
  draw({ trainer, net, app, playing, t, classNames, generation, fixedSplit }) {
    const doc = this.doc;
    const metrics = trainer.metrics();
    const input = net.boundaries[0].shape;
    const side = input.width;
    const now = performance.now();
    const heavy = !playing || now - this.heavyAt >= HEAVY_EVERY_MS;
    const testLabels = trainer.testLabels().slice();
    const count = testLabels.length;
    // The training set grows when a drawing is added to it.
    const split = t(fixedSplit ? 'imageSplit.fixed' : 'imageSplit.share', { train: formatCount(trainer.trainLabels().length), test: formatCount(count) });
    const splitLine = doc.getElementById('image-split');
    if (splitLine.textContent !== split) splitLine.textContent = split;

    // The example: the batch's first image after a manual step, the drawing, or a test image.
    let example;
    const batch = app.showBatch ? trainer.batchIndices().slice() : null;
    if (batch && batch.length > 0 && metrics.lastPhase) {
      const i = batch[0];
      const pixels = trainer.trainImages().slice(i * input.width * input.height, (i + 1) * input.width * input.height);
      const values = trainer.batchValues().slice();
      const gradients = ['backward', 'update'].includes(metrics.lastPhase) ? trainer.batchGradients().slice() : null;
      example = { values, count: batch.length, index: 0, gradients, truth: trainer.trainLabels()[i], pixels: Float32Array.from(pixels, (v) => v / 255), text: t('exampleBatch', { n: batch.length }) };
    } else {
      const drawing = this.preparedDrawing(net);
      const index = count > 0 ? app.view.example % count : 0;
      const pixels = drawing ?? Float32Array.from(trainer.testImages().subarray(index * side * side, (index + 1) * side * side), (v) => v / 255);
      example = {
        values: trainer.probeImage(pixels).slice(), count: 1, index: 0, gradients: null,
        truth: drawing ? null : testLabels[index], pixels,
        text: drawing ? t('exampleDrawing') : t('exampleTest', { n: index, name: classNames[testLabels[index]] }),
      };
    }
    const prediction = net.boundaries[net.prediction];
    const at = example.count * prediction.prefix + example.index * prediction.width;
    this.bars.update(example.values.subarray(at, at + CLASSES), example.truth, classNames, t);
    doc.getElementById('example-readout').textContent = example.text;
    paintTiles(doc.getElementById('example-thumb'), 1, (_, i) => example.pixels[i], { h: input.height, w: input.width, gap: 0, scale: side >= 20 ? 3 : 10, max: 1 });

    const layoutKey = `${generation}|${app.view.lang}|${this.maps.laidOut.width > 0}`;
    // Feature maps and kernels change with the parameters, the example and the view, and are
    // repainted only then: a paused page's other draws (the verdict's progress) leave them be.
    const shows = [layoutKey, metrics.step, metrics.lastPhase, app.view.kernels, batch ? 'batch' : this.rawInk ?? app.view.example, this.maps.laidOut.width, this.kernels.laidOut.width];
    const changed = !this.shows || shows.some((v, i) => v !== this.shows[i]);
    const paintsMaps = heavy && changed;
    if (paintsMaps) {
      this.shows = shows;
      this.heavyAt = now;
      this.maps.update(net, example, example.gradients, t, layoutKey);
      const buffer = app.view.kernels === 'gradients' ? trainer.grads() : app.view.kernels === 'update' ? trainer.lastUpdate() : trainer.params();
      this.kernels.update(net, buffer.slice(), t, layoutKey);
    }

    // Charts that change once per epoch (or per manual step while paused); an epoch's history
    // entry appears once its measurement is complete.
    const chartKey = `${generation}|${metrics.epoch}|${metrics.measuring}|${playing ? '' : metrics.step}|${app.view.lang}`;
    this.gradNorms.update(trainer.history(), net, t, chartKey);
    const which = doc.querySelector('input[name="histogram-which"]:checked')?.value ?? 'weights';
    this.histograms.update(trainer, net, which, t, chartKey);

    // The teacher's verdict: after each epoch while playing, after every change while paused.
    const predictions = this.predictions;
    predictions.update(trainer, metrics, generation, playing);
    doc.getElementById('verdict-status').textContent = verdictStatus(predictions, metrics, count, playing, t);
    const shownKey = `${this.predictions.key}|${app.view.lang}`;
    if (`${shownKey}|${this.cell}` === this.verdictKey) return;
    if (playing && paintsMaps) {
      // While playing, the tables and the maps never share a draw (together they would make
      // a long frame): the tables come with the next draw.
      this.handlers.requestDraw();
      return;
    }
    this.verdictKey = `${shownKey}|${this.cell}`;
    const images = trainer.testImages().slice();
    this.confusion.update(this.predictions.confusion, classNames, t, shownKey, this.cell);
    this.gallery.update(this.predictions, images, side, classNames, t, shownKey);
    this.showCellExamples(images, side, classNames, t);
  }

  showCellExamples(images, side, classNames, t) {
    const root = this.doc.getElementById('cell-examples');
    const head = this.doc.getElementById('cell-title');
    if (!this.cell) {
      head.textContent = t('cellNone');
      root.replaceChildren();
      return;
    }
    const [r, c] = this.cell;
    const found = this.predictions.cell(r, c);
    head.textContent = t(found.length === 1 ? 'cellTitleOne' : 'cellTitle', { n: found.length, truth: classNames[r], guess: classNames[c] });
    renderThumbnails(root, images, side, found.slice(0, 48).map((index) => ({
      index, caption: `#${index}`, title: t('exampleTest', { n: index, name: classNames[r] }),
    })), (i) => this.handlers.pick(i));
  }
}

// What the verdict shows: the step it was given at, and while paused the judging of a newer one.
function verdictStatus(predictions, metrics, count, playing, t) {
  const judging = !playing && predictions.judged < count && !(predictions.kind === 'now' && predictions.step === metrics.step);
  const progress = { n: formatCount(count), done: formatCount(predictions.judged), step: formatCount(metrics.step) };
  if (!predictions.held) return t(playing ? 'verdictAfterEpoch' : 'verdictJudging', progress);
  const ready = t('verdictReady', { n: formatCount(count), step: formatCount(predictions.step) });
  return judging ? `${ready} ${t('verdictJudging', progress)}` : ready;
}

// The sentence under the phase strip in image mode.
export function describeImagePhase(lastAction, trainer, net, t) {
  if (lastAction === null) return t('phaseDone.none');
  if (lastAction !== 'phase') return t('phaseDone.step');
  const metrics = trainer.metrics();
  switch (metrics.lastPhase) {
    case 'forward':
      return t('imgPhase.forward', { n: trainer.batchIndices().length });
    case 'loss':
      return t('phaseDone.loss', { loss: formatNumber(metrics.batchLoss, 4) });
    case 'backward': {
      const grads = trainer.grads();
      const sizes = parameterLayers(net).map(({ layer, l }) => `${layerLabel(net, l, t)} ${formatNumber(weightNorm(layer, grads))}`);
      return t('imgPhase.backward', { sizes: sizes.join(' · ') });
    }
    case 'update': {
      const update = trainer.lastUpdate();
      const sizes = parameterLayers(net).map(({ layer, l }) => `${layerLabel(net, l, t)} ${formatNumber(weightNorm(layer, update))}`);
      return t('imgPhase.update', { sizes: sizes.join(' · ') });
    }
    default:
      return t('phaseDone.none');
  }
}
