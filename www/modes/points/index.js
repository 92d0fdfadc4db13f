// Points mode: a small MLP learning 2D points. Its views are the data plot with the decision
// boundary, the network diagram with an edge panel, and the hidden-layer editor; a learner
// probes the network by picking a point on the plot.

import { DataPlot } from './data-plot.js';
import { EdgePanel } from './edge-panel.js';
import { NetworkDiagram } from './network-diagram.js';
import { columnNames, largestChanges, parameterName } from './parameter-index.js';
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
    this.readout = byId('probe-readout');
  }

  showSettings(intent, net, t) {
    this.layerEditor.show(intent.hidden, net, t);
  }

  // A new cook: what was selected in the old one is gone.
  forget() {
    this.edgePanel.close();
  }

  // context: see modes/index.js. Returns the words of the phase sentence.
  draw(frame, { t, view, follow, pacing, generation }) {
    const { net } = frame;
    const names = columnNames(net, t);
    if (this.diagram.layout(net, names, t)) {
      this.held.gridKey = null; // a new diagram: its thumbnails and edges are drawn at once
      pacing.repaintSoon('edges');
    }
    const read = readFrame(frame, { showBatch: follow.showBatch, focus: this.focus }, this.held, this.diagram, pacing, generation);
    this.plot.draw({ ...read.plot, generation, showTest: view.showTest, discretize: view.discretize, focus: this.focus });
    if (pacing.due('edges')) {
      pacing.painted('edges');
      this.diagram.update({ net, t, mode: view.edges, values: read.values, ...read.buffers });
    }
    this.edgePanel.update({ net, t, ...read.buffers, optimizerStates: read.optimizerStates });
    this.readout.textContent = read.readout(t);
    return (phase) => this.phaseSentence(phase, net, names, read, t);
  }

  phaseSentence(phase, net, names, read, t) {
    if (phase === 'forward') return ['phaseDone.forward', { n: read.batchSize }];
    if (phase === 'backward') {
      const label = (l) => (l === net.layers.length - 1 ? t('output') : `L${l + 1}`);
      return ['phaseDone.backward', { sizes: layerSizesText(net, read.buffers.grads, label) }];
    }
    const changes = largestChanges(read.buffers.params, read.buffers.update, 3).map(({ index, before, after }) =>
      `${parameterName(net, index, t, names)}: ${formatNumber(before, 4)} → ${formatNumber(after, 4)}`);
    return ['phaseDone.update', { changes: changes.join('; ') || '–' }];
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
