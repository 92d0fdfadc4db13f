// The GPT's parts and their seasonings: the diagram of its shape (gpt-diagram.js) beside the
// chosen box's tensors (tensor-card.js: heatmaps of the values, of the gradients after Backward
// and of the last update after Update, and histograms). It follows the phases: the flow's colour,
// a sentence, and which heatmaps show. It holds views and the learner's picks; every number
// comes from the frame's reads (tensorValues, tensorHistogram), at most once per frame.

import { GptDiagram } from './gpt-diagram.js';
import { SPREAD_WORDS, SPREADS, TensorCard } from './tensor-card.js';
import { boxesOf, partName } from './tensor-names.js';
import { element } from './pantry-element.js';
import { formatCount } from '../../views/format.js';
import { ColourLegend } from '../../views/legend.js';
import { radioGroup } from '../../views/radio-group.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { changedKey } from '../../views/view-key.js';

// The box shown first: the first block's attention, what a GPT adds to the other cooks.
const FIRST_BOX = 'attention:1';
// The phases after which a tensor's gradients, and its last update, are this step's.
const GRADIENT_PHASES = ['backward', 'update'];
const UPDATE_PHASES = ['update'];

export class GptBlocks {
  // box: the empty section the mode gives; Charts: the page's core charts; requestDraw(): asks
  // for a draw (a pick shows at once).
  constructor(box, { Charts, requestDraw }) {
    this.box = box;
    this.Charts = Charts;
    this.requestDraw = requestDraw;
    this.selected = FIRST_BOX;
    this.spread = 'weights';
    this.layoutKey = null;
    this.detailKey = null;
    this.cards = [];
    this.build(box.ownerDocument);
    this.diagramSize = laidOutSize(this.diagramCell, () => this.redraw());
    this.detailSize = laidOutSize(this.detail, () => this.redraw());
  }

  build(doc) {
    this.title = element(doc, 'h2');
    this.caption = element(doc, 'p', 'caption');
    this.phaseLine = element(doc, 'p', 'gpt-phase', 'gpt-phase');
    this.phaseLine.setAttribute('aria-live', 'polite');
    this.diagram = new GptDiagram(doc, (key) => this.pick(key));
    this.diagramCell = element(doc, 'div', 'gpt-diagram-cell');
    this.diagramCell.append(this.diagram.root);
    this.detail = element(doc, 'div', 'gpt-detail', 'gpt-detail');
    this.detailTitle = element(doc, 'h3', '', 'gpt-detail-title');
    this.tiedNote = element(doc, 'p', 'gpt-tied', 'gpt-tied');
    const spreads = radioGroup(doc, {
      className: 'gpt-spread',
      values: SPREADS,
      checked: this.spread,
      testid: (spread) => `gpt-spread-${spread}`,
      onChange: (spread) => {
        this.spread = spread;
        this.showAgain();
      },
    });
    this.spreadGroup = spreads.root;
    this.spreadLegend = spreads.legend;
    this.radios = spreads.radios;
    this.legend = new ColourLegend(doc, 'legend-tensors');
    this.cardsBox = element(doc, 'div', 'tensor-cards');
    this.detail.append(this.detailTitle, this.tiedNote, this.spreadGroup, this.legend.root, this.cardsBox);
    const layout = element(doc, 'div', 'gpt-layout');
    layout.append(this.diagramCell, this.detail);
    this.box.replaceChildren(this.title, this.caption, this.phaseLine, layout);
  }

  pick(key) {
    this.selected = key;
    this.diagram.select(key);
    this.showAgain();
  }

  // The chosen box's tensors are painted again at the next draw.
  showAgain() {
    this.detailKey = null;
    this.requestDraw();
  }

  // A new size: the diagram is laid out again too.
  redraw() {
    this.layoutKey = null;
    this.showAgain();
  }

  // frame: app/frame-data.js; context: the mode's draw context ({ t, pacing, generation }).
  draw(frame, { t, pacing, generation }) {
    const { net, metrics } = frame;
    const gpt = net.layers[0]?.kind === 'gpt';
    this.box.hidden = !gpt;
    if (!gpt) return;
    const boxes = boxesOf(net.tensors);
    if (!boxes.some((b) => b.key === this.selected)) this.selected = FIRST_BOX;
    const layoutKey = { generation, lang: t('blocks.title'), width: this.diagramSize.width, count: net.parameterCount };
    if (changedKey(this.layoutKey, layoutKey)) {
      this.translate(t);
      const shape = { k: net.layers[0].inputs, v: net.outputs };
      this.diagram.layout(boxes, net, t, this.diagramSize.width, shape);
      this.diagram.select(this.selected);
      this.layoutKey = layoutKey;
    }
    const phase = metrics.lastPhase ?? null;
    this.diagram.showPhase(phase);
    const sentence = t(`blocks.phase.${phase ?? 'none'}`);
    if (this.phaseLine.textContent !== sentence) this.phaseLine.textContent = sentence;
    const shown = { weights: true, gradients: GRADIENT_PHASES.includes(phase), updates: UPDATE_PHASES.includes(phase) };
    const spread = shown[this.spread] ? this.spread : 'weights';
    const width = Math.max(240, this.detailSize.width);
    const detailKey = { generation, step: metrics.step, phase, selected: this.selected, spread, width, lang: layoutKey.lang };
    if (!changedKey(this.detailKey, detailKey) || !pacing.due('chart', 'gpt-blocks')) return;
    const start = pacing.now();
    const box = boxes.find((b) => b.key === this.selected);
    // Every read first: a read the snapshot lacks stops the draw before anything changed.
    const reads = box.tensors.map(({ index }) => ({
      values: Object.fromEntries(SPREADS.map((s) => [s, shown[s] ? frame.view('tensorValues', index, s) : null])),
      histogram: frame.trainer.tensorHistogram(index, spread),
    }));
    this.detailKey = detailKey;
    this.paintDetail(box, net, reads, { t, shown, spread, width });
    pacing.painted('chart', 'gpt-blocks', start);
  }

  // The texts that change only with the language.
  translate(t) {
    this.title.textContent = t('blocks.title');
    this.caption.textContent = t('blocks.caption');
    this.spreadLegend.textContent = t('blocks.histogramOf');
    for (const spread of SPREADS) this.radios[spread].text.textContent = t(SPREAD_WORDS[spread]);
    this.legend.show({ kind: 'signed', max: 1, label: t('blocks.scale'), low: '−', high: '+' });
  }

  paintDetail(box, net, reads, { t, shown, spread, width }) {
    const first = box.tensors[0].tensor;
    this.detailTitle.textContent = t(box.tensors.length === 1 ? 'blocks.detailOne' : 'blocks.detail', { name: partName(first, net, t), n: formatCount(box.count), k: box.tensors.length });
    const tied = box.part === 'head' && !box.tensors.some(({ tensor }) => tensor.role === 'weights');
    this.tiedNote.hidden = !tied;
    this.tiedNote.textContent = tied ? t('blocks.tied') : '';
    for (const s of SPREADS) {
      this.radios[s].radio.disabled = !shown[s];
      this.radios[s].radio.checked = s === spread;
    }
    const doc = this.box.ownerDocument;
    if (this.cards.map((c) => c.index).join() !== box.tensors.map((x) => x.index).join()) {
      this.cards = box.tensors.map(({ index }) => new TensorCard(doc, index));
      this.cardsBox.replaceChildren(...this.cards.map((c) => c.root));
    }
    box.tensors.forEach(({ tensor }, k) => {
      const card = this.cards[k];
      const maps = card.paint(tensor, t(`role.${tensor.role}`), reads[k].values, t, width);
      card.drawHistogram(this.Charts, reads[k].histogram, spread, t, { width, maps });
    });
  }
}
