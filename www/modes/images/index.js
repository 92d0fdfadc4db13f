// Images mode: a CNN or MLP learning digit or clothing images. Its views are the example with
// its class probabilities, feature maps, kernels, gradient sizes, histograms and the teacher's
// verdict; its controls the layer stack, the example picker and the drawing pad. A learner
// probes the network with a test image or a drawing of their own.

import { classNamesOf } from './classes.js';
import { ImageControls } from './image-controls.js';
import { ImageViews } from './image-views.js';
import { IMAGES_MARKUP } from './markup.js';
import { IMAGES_TEXT } from './text.js';
import { LayerEditor } from '../../settings/layer-editor.js';
import { formatPercent } from '../../views/format.js';

class ImageModeViews {
  // host: what the app lends a mode (see modes/index.js).
  constructor(root, host) {
    // Follows test image `index` through the network (from a gallery, a cell or the picker).
    const pick = (index) => {
      this.views.useTestImage();
      host.pick('example', index);
    };
    this.host = host;
    this.classes = host.fields.constants.classes;
    // From the verdict (a cell's image, a mistake): follows it and scrolls to its feature maps.
    const follow = (index) => {
      pick(index);
      root.getElementById('maps-view').scrollIntoView({ block: 'start' });
    };
    this.views = new ImageViews(root, host, { pick, follow, drew: () => host.pick(), requestDraw: host.requestDraw }, this.classes);
    this.controls = new ImageControls(root, {
      trainer: host.trainer,
      dataset: () => host.intent().dataset,
      t: host.t,
      classes: host.fields.constants.classes,
      pick,
      imageMode: this.views,
      network: host.network,
      requestDraw: host.requestDraw,
    });
    this.stackEditor = new LayerEditor(root.getElementById('stack-editor'), {
      look: 'stack',
      field: host.fields.spec('layers'),
      change: (layers) => host.changeValue('layers', layers),
      invalid: (message) => host.showError('layers', message),
    });
  }

  showSettings(intent, net, t) {
    this.stackEditor.show(intent.layers, net, t);
    this.controls.showClasses(intent.dataset, t);
  }

  // A new cook keeps the example followed (a test image's index, or the drawing).
  forget() {}

  // context: see modes/index.js. Returns the words of the phase sentence.
  draw(frame, context) {
    const { t, intent } = context;
    this.views.draw(frame, { ...context, classNames: classNamesOf(intent.dataset, t, this.classes) });
    return (phase) => this.views.phaseSentence(phase, frame, t);
  }

  // Its last dish, for its ghost: the teacher's last verdict.
  dish(t) {
    return t('ghostVerdict', { accuracy: formatPercent(this.host.trainer().history().testQuality.at(-1)) });
  }

  // While paused, the verdict on the current parameters is judged a slice per frame, so its
  // figures catch up without blocking the page.
  idle(frame, milliseconds) {
    return this.views.judge(frame, milliseconds);
  }
}

export const imagesMode = {
  name: 'images',
  markup: IMAGES_MARKUP,
  text: IMAGES_TEXT,
  // After backward the feature maps' kernels show gradients too, after update the last step.
  phaseViews: ['edges', 'kernels'],
  // What its views read in every draw, asked for in every snapshot (the rest when first read).
  reads: ['testLabels', 'trainLabels', 'testImages', 'params', 'grads', 'lastUpdate', 'history', 'epochVerdictAt',
    'testPredictionsMade', 'testPredictions', 'confusion'],
  create: (root, host) => new ImageModeViews(root, host),
};
