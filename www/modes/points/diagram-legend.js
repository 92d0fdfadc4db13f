// The legends of points mode: the dish's fixed scale (probability 0–1, or the value of a
// regression), and under the network diagram the scales its colours and widths are drawn on.

import { ColourLegend, WidthLegend } from '../../views/legend.js';
import { DISH_OPACITY } from './data-plot.js';

// The scale of the dish and of the output neurons: fixed, since a probability means the same at
// every step.
function answerScale(regression, t) {
  return regression
    ? { kind: 'signed', max: 1, label: t('legend.regression') }
    : { kind: 'signed', max: 1, label: t('legend.dish'), low: t('legend.class0'), high: t('legend.class1') };
}

export class DishLegend {
  constructor(root) {
    this.scale = new ColourLegend(root.ownerDocument, 'legend-dish');
    this.scale.bar.style.opacity = String(DISH_OPACITY);
    this.scale.root.classList.add('legend-stacked');
    root.replaceChildren(this.scale.root);
  }

  update(regression, t) {
    this.scale.show(answerScale(regression, t));
  }
}

export class DiagramLegend {
  constructor(root) {
    this.root = root;
    const doc = root.ownerDocument;
    this.widths = new WidthLegend(doc);
    this.inputs = new ColourLegend(doc, 'legend-inputs');
    this.output = new ColourLegend(doc, 'legend-output');
    this.values = new ColourLegend(doc, 'legend-values');
    this.neurons = [];
    root.replaceChildren(this.widths.root, this.inputs.root, this.output.root, this.values.root);
  }

  // edges: what the edges show ('weights' | 'gradients' | 'update'); scales: the diagram's
  // neuronScales (one per hidden layer, or one for all); names: columnNames (L1, L2, ...).
  update({ edges, scales, regression, t }) {
    this.widths.show(t('legend.widths', { kind: t(`edges.${edges}`) }));
    // Input thumbnails: each feature on its own range (x₁ and x₁² do not share a scale).
    this.inputs.show({ kind: 'signed', max: 1, label: t('legend.inputs'), low: t('legend.inputLow'), high: t('legend.inputHigh') });
    const outputScale = answerScale(regression, t);
    this.output.show({ ...outputScale, label: t('legend.output') });
    this.values.show({ kind: 'signed', max: 3, label: t('legend.values'), low: '≤ −3', high: '≥ +3' });
    if (this.neurons.length !== scales.length) {
      for (const legend of this.neurons) legend.root.remove();
      this.neurons = scales.map(() => new ColourLegend(this.root.ownerDocument, 'legend-neurons'));
      this.output.root.before(...this.neurons.map((legend) => legend.root));
    }
    scales.forEach(({ c, max }, k) => {
      this.neurons[k].root.dataset.column = c === null ? 'all' : String(c);
      this.neurons[k].show({ kind: 'signed', max, label: c === null ? t('legend.allLayers') : t('legend.layer', { name: `L${c}` }) });
    });
  }
}
