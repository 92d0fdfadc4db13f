// Image mode: the views of a network learning images (the example and its class probabilities,
// feature maps and their gradients, kernels, gradient sizes, histograms, the teacher's confusion
// matrix and a gallery of mistakes, the drawing pad). Reads the frame, never trains; the loop
// paces its heavy views while training plays.

import { ClassBars } from './class-bars.js';
import { ColourLegend } from '../../views/legend.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { DrawingPad } from './drawing-pad.js';
import { FeatureMaps } from './feature-maps.js';
import { Gallery, renderThumbnails } from './gallery.js';
import { GradNormChart } from './grad-norms.js';
import { Histograms } from './histograms.js';
import { Kernels } from './kernels.js';
import { formatCount } from '../../views/format.js';
import { layerLabel } from './image-network.js';
import { paintTiles } from '../../views/pixel-tiles.js';
import { TestPredictions } from './test-predictions.js';
import { changedKey } from '../../views/view-key.js';
import { layerSizesText } from '../../views/layer-size.js';
import { tasteSentence } from '../../views/taste.js';

export class ImageViews {
  // handlers: { pick(index) (a test image), follow(index) (one picked in the verdict: shown with
  // its feature maps), drew() (the pad is now the example), requestDraw() };
  // classes: how many classes an image dataset has (the core's schema says).
  // Trainer, Charts: the page's core (its static calls: a drawing prepared, the charts).
  constructor(doc, { Trainer, Charts }, handlers, classes) {
    this.classes = classes;
    this.doc = doc;
    this.Trainer = Trainer;
    this.handlers = handlers;
    this.bars = new ClassBars(doc.getElementById('class-bars'), classes);
    const exampleLegend = doc.getElementById('example-legend');
    this.exampleLegend = new ColourLegend(exampleLegend.ownerDocument, 'legend-example');
    exampleLegend.replaceChildren(this.exampleLegend.root);
    this.maps = new FeatureMaps(doc.getElementById('feature-maps'), () => handlers.requestDraw());
    this.kernels = new Kernels(doc.getElementById('kernels'), () => handlers.requestDraw());
    this.predictions = new TestPredictions(classes);
    this.confusion = new ConfusionMatrix(doc.getElementById('confusion'), (r, c) => this.showCell(r, c), classes, doc.getElementById('confusion-legend'));
    this.gallery = new Gallery(doc.getElementById('gallery'), (i) => handlers.follow(i));
    this.gradNorms = new GradNormChart(doc.getElementById('grad-norms'), doc.getElementById('grad-norms-legend'), () => handlers.requestDraw());
    this.histograms = new Histograms(Charts, doc.getElementById('histogram'), doc.getElementById('histogram-layer'), () => handlers.requestDraw());
    this.drawing = null; // Float32Array in the input's format while the pad is the example
    this.rawInk = null;
    this.cell = null; // [row, column] of the confusion matrix cell whose images are listed
    this.verdictKey = null;
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

  // While paused: judges about `milliseconds` more of the test set for the verdict; returns
  // whether there was any to judge (then another frame follows).
  judge(frame, milliseconds) {
    return this.predictions.advance(frame, milliseconds);
  }

  // One draw of every image view from the frame's reading (FrameData). context: { t, view,
  // follow: { showBatch }, pacing (the loop), generation, playing, classNames, fixedSplit (the
  // dataset brings its own test set: the training share does not apply) }.
  draw(frame, { t, view, intent, follow, pacing, generation, playing, classNames, fixedSplit }) {
    const doc = this.doc;
    const { net, metrics } = frame;
    const input = net.boundaries[0].shape;
    const side = input.width;
    const testLabels = frame.view('testLabels');
    const count = testLabels.length;
    // The training set grows when a drawing is added to it.
    const split = t(fixedSplit ? 'imageSplit.fixed' : 'imageSplit.share', { train: formatCount(frame.view('trainLabels').length), test: formatCount(count) });
    const splitLine = doc.getElementById('image-split');
    if (splitLine.textContent !== split) splitLine.textContent = split;

    const batch = follow.showBatch ? frame.view('batchIndices') : null;
    const example = this.example(frame, batch, view, classNames, t);
    const prediction = net.boundaries[net.prediction];
    const at = example.count * prediction.prefix + example.index * prediction.width;
    const pred = example.values.subarray(at, at + this.classes);
    this.bars.update(pred, example.truth, classNames, t);
    // Once tasted (until the update), the followed image's own loss, written out.
    const tasted = batch && ['loss', 'backward'].includes(metrics.lastPhase);
    const taste = tasted ? tasteSentence({ lossKind: intent.loss, regression: false, pred, target: example.truth, loss: frame.view('batchLosses')[0], t }) : null;
    doc.getElementById('example-readout').textContent = taste ? t('imgTaste', { example: example.text, name: classNames[example.truth], taste }) : example.text;
    paintTiles(doc.getElementById('example-thumb'), 1, (_, i) => example.pixels[i], { h: input.height, w: input.width, gap: 0, scale: side >= 20 ? 3 : 10, max: 1 });
    this.exampleLegend.show({ kind: 'grey', max: 1, label: t('legend.pixels') });

    const layoutKey = { generation, lang: view.lang, laidOut: this.maps.laidOut.width > 0 };
    // Feature maps and kernels change with the parameters, the example and the view, and are
    // repainted only then: a paused page's other draws (the verdict's progress) leave them be.
    const shows = {
      ...layoutKey, step: metrics.step, lastPhase: metrics.lastPhase, kernels: view.kernels, scope: view.scope,
      example: batch ? 'batch' : this.rawInk ?? view.example, mapsWidth: this.maps.laidOut.width, kernelsWidth: this.kernels.laidOut.width,
    };
    if (changedKey(this.shows, shows) && pacing.due('maps')) {
      const buffer = { gradients: 'grads', update: 'lastUpdate' }[view.kernels] ?? 'params';
      const kernels = frame.view(buffer); // read before the views remember what they show
      this.shows = shows;
      this.maps.update(net, example, example.gradients, t, layoutKey, view.scope);
      this.kernels.update(net, kernels, t, layoutKey, view.kernels, view.scope);
      pacing.painted('maps');
    }

    // Charts that change once per epoch (or per manual step while paused); an epoch's history
    // entry appears once its measurement is complete.
    const chartKey = { generation, epoch: metrics.epoch, measuring: metrics.measuring, step: playing ? -1 : metrics.step, lang: view.lang };
    this.gradNorms.update(frame.trainer.history(), net, t, chartKey);
    const which = doc.querySelector('input[name="histogram-which"]:checked')?.value ?? 'weights';
    // While training goes on, the histogram is one of the paints that take a frame of their own.
    if (playing && pacing.crowded) this.handlers.requestDraw();
    else if (this.histograms.update(frame.trainer, net, which, t, chartKey)) pacing.painted('histogram');

    // The teacher's verdict: after each epoch while playing, after every change while paused.
    const predictions = this.predictions;
    predictions.update(frame, generation, playing);
    doc.getElementById('verdict-status').textContent = verdictStatus(predictions, metrics, count, playing, t);
    const shownKey = { ...predictions.key, lang: view.lang };
    const verdictKey = { ...shownKey, row: this.cell?.[0] ?? -1, column: this.cell?.[1] ?? -1 };
    if (!changedKey(this.verdictKey, verdictKey)) return;
    const images = frame.view('testImages'); // read before the verdict's key is kept
    if (playing && pacing.crowded) {
      // While playing, the tables and the maps never share a draw (together they would make
      // a long frame): the tables come with the next draw.
      this.handlers.requestDraw();
      return;
    }
    this.verdictKey = verdictKey;
    this.confusion.update(this.predictions.confusion, classNames, t, shownKey, this.cell);
    this.gallery.update(this.predictions, images, side, classNames, t, shownKey);
    this.showCellExamples(images, side, classNames, t);
  }

  // The example the views follow: the batch's first image after a manual step, the drawing, or
  // a test image.
  example(frame, batch, view, classNames, t) {
    const { net, metrics } = frame;
    const input = net.boundaries[0].shape;
    const side = input.width;
    const testLabels = frame.view('testLabels');
    const count = testLabels.length;
    if (batch && batch.length > 0 && metrics.lastPhase) {
      const i = batch[0];
      const pixels = frame.view('trainImages').slice(i * input.width * input.height, (i + 1) * input.width * input.height);
      const gradients = ['backward', 'update'].includes(metrics.lastPhase) ? frame.view('batchGradients') : null;
      return {
        values: frame.view('batchValues'), count: batch.length, index: 0, gradients, truth: frame.view('trainLabels')[i],
        pixels: Float32Array.from(pixels, (v) => v / 255), text: t('exampleBatch', { n: batch.length }),
      };
    }
    const drawing = this.preparedDrawing(net);
    const index = count > 0 ? view.example % count : 0;
    const pixels = drawing ?? Float32Array.from(frame.view('testImages').subarray(index * side * side, (index + 1) * side * side), (v) => v / 255);
    const truth = drawing ? null : testLabels[index];
    return {
      values: drawing ? frame.trainer.probeImage(drawing) : frame.trainer.probeTestImage(index), count: 1, index: 0, gradients: null, truth, pixels,
      text: drawing ? t('exampleDrawing') : t('exampleTest', { n: index, name: classNames[truth] }),
    };
  }

  // The words of the phase strip's sentence for a phase by hand (see views/phase-sentence.js).
  phaseSentence(phase, frame, t) {
    const { net } = frame;
    const label = (l) => layerLabel(net, l, t);
    if (phase === 'forward') return ['imgPhase.forward', { n: frame.view('batchIndices').length }];
    if (phase === 'backward') return ['imgPhase.backward', { sizes: layerSizesText(net, frame.view('grads'), label) }];
    return ['imgPhase.update', { sizes: layerSizesText(net, frame.view('lastUpdate'), label) }];
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
    })), (i) => this.handlers.follow(i));
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
