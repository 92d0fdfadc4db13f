// Points mode: a small MLP learning 2D points. Its views are the data plot with the decision
// boundary, the network diagram with an edge panel and the followed neuron's arithmetic card, and
// the hidden-layer editor; a learner probes the network by picking a point on the plot.

import { DataPlot } from './data-plot.js';
import { DiagramLegend, DishLegend } from './diagram-legend.js';
import { EdgePanel } from './edge-panel.js';
import { NetworkDiagram } from './network-diagram.js';
import { NeuronCard } from './neuron-card.js';
import { columnNames, largestChanges, locate, parameterName } from './parameter-index.js';
import { readFrame } from './read-frame.js';
import { POINTS_MARKUP } from './markup.js';
import { POINTS_TEXT } from './text.js';
import { LayerEditor } from '../../settings/layer-editor.js';
import { formatValue } from '../../settings/state.js';
import { echo, formatNumber } from '../../views/format.js';
import { layerSizesText } from '../../views/layer-size.js';

class PointViews {
  // host: what the app lends a mode (see modes/index.js).
  constructor(root, host) {
    const byId = (id) => root.getElementById(id);
    this.host = host;
    this.focus = null; // {x1, x2} picked on the plot, or null
    this.held = { gridKey: null, scores: null, points: null }; // read-frame.js keeps these between frames
    // The hidden layers go through their URL text, checked like a typed value.
    const hidden = host.fields.spec('hidden');
    this.layerEditor = new LayerEditor(byId('layer-editor'), { look: 'hidden', field: hidden, change: (layers) => host.changeField('hidden', formatValue(hidden, layers)) });
    this.plot = new DataPlot(byId('data-plot'), (point) => {
      this.focus = point;
      host.pick();
    }, () => host.requestDraw(), host.fields.constants.domain);
    const select = (index) => {
      this.diagram.select(index);
      this.edgePanel.open(index);
      host.requestDraw();
    };
    this.diagram = new NetworkDiagram(byId('network-diagram'), select, () => host.requestDraw());
    this.edgePanel = new EdgePanel(byId('edge-panel'), {
      select,
      close: () => {
        this.diagram.select(-1);
        this.edgePanel.close();
        host.requestDraw();
      },
      edit: (index, text) => {
        const value = text.trim() === '' ? NaN : Number(text);
        const most = host.fields.constants.maxEditedWeight;
        if (!Number.isFinite(value)) return `weight must be a number between -${most} and ${most}, got ${echo(text)}`;
        return host.setWeight(index, value);
      },
    });
    this.card = new NeuronCard(byId('neuron-card'));
    this.readout = byId('probe-readout');
    this.dishLegend = new DishLegend(byId('dish-legend'));
    this.diagramLegend = new DiagramLegend(byId('diagram-legend'));
    this.captions = { diagram: byId('diagram-phase-caption'), plot: byId('plot-phase-caption') };
  }

  showSettings(intent, net, t) {
    this.layerEditor.show(intent.hidden, net, t);
  }

  // Its last dish, for its ghost: the plot with the boundary, as last drawn.
  dish() {
    return this.plot.canvas;
  }

  // A new cook: what was selected in the old one is gone.
  forget() {
    this.edgePanel.close();
  }

  // context: see modes/index.js. Returns the words of the phase sentence.
  draw(frame, { t, view, intent, follow, pacing, generation }) {
    const { net } = frame;
    const names = columnNames(net, t);
    if (this.diagram.layout(net, names, t)) {
      this.held.gridKey = null; // a new diagram: its thumbnails and edges are drawn at once
      pacing.repaintSoon('edges');
    }
    const read = readFrame(frame, { showBatch: follow.showBatch, focus: this.focus, scope: view.scope, lossKind: intent.loss }, this.held, this.diagram, pacing, generation);
    this.plot.draw({ ...read.plot, generation, showTest: view.showTest, discretize: view.discretize, focus: this.focus });
    const followed = this.followedNeuron(net);
    if (pacing.due('edges')) {
      pacing.painted('edges');
      this.diagram.update({ net, t, mode: view.edges, values: read.values, ...read.buffers, deltas: read.deltas, before: read.weightsBefore, followed });
    }
    this.card.update({ net, params: read.buffers.params, values: read.values, before: read.before, neuron: followed, names, lossKind: intent.loss, t });
    this.showCaptions(read, t);
    this.edgePanel.update({ net, t, ...read.buffers, optimizerStates: read.optimizerStates });
    this.dishLegend.update(read.plot.regression, t);
    this.diagramLegend.update({ edges: view.edges, scales: this.diagram.neuronScales, regression: read.plot.regression, t });
    this.readout.textContent = read.readout(t);
    return (phase) => this.phaseSentence(phase, net, names, read, t);
  }

  // The neuron whose arithmetic the card shows: the one whose weight or bias is picked, else the
  // first neuron of the first layer.
  followedNeuron(net) {
    const where = this.diagram.selected >= 0 ? locate(net, this.diagram.selected) : null;
    return where ? { layer: where.layer, row: where.row } : { layer: 0, row: 0 };
  }

  // One line under the diagram and one under the plot on what the last phase drew there.
  showCaptions(read, t) {
    const diagram = read.deltas ? t('caption.gradients') : read.weightsBefore ? t('caption.ghostEdges') : '';
    const plot = read.plot.batchLosses ? t('caption.lossRings') : read.plot.ghostScores ? t('caption.ghostBoundary') : '';
    for (const [caption, text] of [[this.captions.diagram, diagram], [this.captions.plot, plot]]) {
      if (caption.textContent !== text) caption.textContent = text;
      caption.hidden = text === '';
    }
  }

  phaseSentence(phase, net, names, read, t) {
    if (phase === 'forward') return ['phaseDone.forward', { n: read.batchSize }];
    if (phase === 'backward') {
      const label = (l) => (l === net.layers.length - 1 ? t('output') : `L${l + 1}`);
      return ['phaseDone.backward', { sizes: layerSizesText(net, read.buffers.grads, label) }];
    }
    const [largest] = largestChanges(read.buffers.params, read.buffers.update, 1);
    const change = largest ? `${parameterName(net, largest.index, t, names)}: ${formatNumber(largest.before, 4)} → ${formatNumber(largest.after, 4)}` : '–';
    return ['phaseDone.update', { change }];
  }

  // Nothing waits while paused: a point network measures every epoch at once.
  idle() {
    return false;
  }
}

export const pointsMode = {
  name: 'points',
  markup: POINTS_MARKUP,
  text: POINTS_TEXT,
  // The view fields that follow a phase by hand (after backward the edges show gradients, ...).
  phaseViews: ['edges'],
  // What its views read in every draw, asked for in every snapshot (the rest when first read).
  reads: ['trainPoints', 'trainTargets', 'testPoints', 'testTargets', 'params', 'grads', 'lastUpdate', 'history'],
  create: (root, host) => new PointViews(root, host),
};
