// Text mode: a character-level language model learning names, poems or dish names. Its views are
// the chat box (the model continues what the learner types, live while it trains), the
// next-character bars, the samples written at each epoch, the network as a stack of stations with
// its parameter count, the pantry (the embedding table: its views come from pantry.js), a GPT's
// diagram of its parts and their tensors (gpt-blocks.js) and the reading panel (each character's
// loss, a GPT's attention: reading.js). The loss chart gets two
// reference lines and the counters bits per character and perplexity.

import { BLOCKS_TEXT } from './gpt-blocks-text.js';
import { ChatBox } from './chat-box.js';
import { Conversation } from './conversation.js';
import { GptBlocks } from './gpt-blocks.js';
import { TEXT_MARKUP } from './markup.js';
import { NextCharBars } from './next-char-bars.js';
import { Pantry } from './pantry.js';
import { PANTRY_TEXT } from './pantry-text.js';
import { ParameterCount } from './parameter-count.js';
import { Reading } from './reading.js';
import { READING_TEXT } from './reading-text.js';
import { SamplesOverTime } from './samples-over-time.js';
import { TEXT_TEXT } from './text.js';
import { describeStack, vocabularyLine } from './text-network.js';
import { VIEW_FIELDS } from '../../settings/state.js';
import { formatNumber } from '../../views/format.js';
import { layerSizesText } from '../../views/layer-size.js';

const PROMPT_CHARS = VIEW_FIELDS.find((f) => f.name === 'prompt').maxLength;

class TextModeViews {
  // host: what the app lends a mode (see modes/index.js).
  constructor(root, host) {
    const byId = (id) => root.getElementById(id);
    this.host = host;
    this.prompt = '';
    this.conversation = new Conversation(() => host.requestDraw(), host.answered);
    this.chat = new ChatBox(byId, host, PROMPT_CHARS);
    this.bars = new NextCharBars(byId('next-chars'), (c) => {
      if ([...this.prompt].length < PROMPT_CHARS) host.pick('prompt', this.prompt + c);
    });
    this.samples = new SamplesOverTime(byId('epoch-samples'));
    this.stack = byId('text-stack');
    this.vocabularyLine = byId('text-vocabulary');
    this.vocabulary = null; // the running trainer's, once asked
    this.pantry = new Pantry(byId('pantry'), { t: host.t, setWeight: host.setWeight, requestDraw: host.requestDraw });
    this.pantryKey = null; // what the pantry last drew: the step, phase, cook and language
    this.reading = new Reading(byId, host);
    this.parameters = new ParameterCount(byId('param-count'));
    this.blocks = new GptBlocks(byId('gpt-blocks'), { Charts: host.Charts, requestDraw: host.requestDraw });
  }

  showSettings(intent, net, t) {
    this.chat.showSettings(intent.dataset, t);
  }

  // A new cook: the old answers were another model's.
  forget() {
    this.conversation.forget();
    this.reading.forget();
  }

  // context: see modes/index.js. Returns the words of the phase sentence.
  draw(frame, { t, view, intent, pacing, generation, playing }) {
    const { trainer, net, metrics } = frame;
    const samples = trainer.epochSamples(); // first: a draw that lacks it changes nothing
    const vocabulary = this.conversation.vocabularyOf(trainer);
    this.vocabulary = vocabulary;
    this.prompt = view.prompt;
    const question = { trainer, step: metrics.step, generation, prompt: view.prompt, temperature: view.temperature, seed: view.sampleSeed };
    const { answer, fresh } = this.conversation.update(question, pacing.now(), playing);
    this.chat.draw({ prompt: view.prompt, temperature: view.temperature, answer, fresh, t });
    this.bars.draw(answer?.probabilities ?? null, vocabulary?.tokens ?? null, t);
    this.samples.draw(samples, t);
    describeStack(this.stack, net, vocabulary, t, intent.layers);
    const line = vocabulary ? vocabularyLine(vocabulary, t) : '';
    if (this.vocabularyLine.textContent !== line) this.vocabularyLine.textContent = line;
    this.parameters.draw(net, t);
    if (vocabulary) this.drawPantry(frame, vocabulary, { t, pacing, generation });
    this.reading.draw(frame, { t, view, intent, pacing, generation, playing }, vocabulary);
    this.blocks.draw(frame, { t, pacing, generation }); // last: its reads may wait for a snapshot
    return (phase) => this.phaseSentence(phase, frame, intent, t);
  }

  // The embedding table, when the step, the phase, the cook or the language changed (while
  // playing, at most every 250 ms). Its gradients only right after Backward: then only the rows
  // of the characters in the batch have one.
  drawPantry(frame, vocabulary, { t, pacing, generation }) {
    const { net, metrics } = frame;
    const weights = net.layers[0]?.weights;
    if (!weights) return;
    const afterBackward = metrics.nextPhase === 'update';
    const key = `${generation}:${metrics.step}:${metrics.nextPhase}:${t('pantry.title')}:${this.pantry.laidOut?.width ?? ''}`;
    if (key === this.pantryKey || (pacing.animating && !pacing.due('pantry'))) return;
    const start = pacing.now();
    this.pantry.draw({
      tokens: vocabulary.tokens,
      counts: vocabulary.counts,
      embedding: frame.view('embedding', 'weights'),
      gradients: afterBackward ? frame.view('embedding', 'gradients') : null,
      dims: weights.cols,
      offset: weights.offset,
      phase: metrics.nextPhase,
      t,
    });
    this.pantryKey = key;
    pacing.painted('pantry', '', start);
  }

  phaseSentence(phase, frame, intent, t) {
    const { net } = frame;
    // The embedding table: a row of `dims` seasonings for each of the `v` characters.
    const { rows: v, cols: dims } = net.layers[0].weights;
    if (phase === 'forward') return ['phaseDone.textForward', { n: intent.batchSize, k: intent.context, v }];
    if (phase === 'update') return ['phaseDone.textUpdate', {}];
    const gradients = frame.view('embedding', 'gradients');
    let rows = 0;
    for (let r = 0; r < v; r++) {
      if (gradients.subarray(r * dims, (r + 1) * dims).some((g) => g !== 0)) rows += 1;
    }
    const label = (l) => (l === net.layers.length - 1 ? t('output') : `L${l + 1}`);
    return ['phaseDone.textBackward', { rows, v, sizes: layerSizesText(net, frame.view('grads'), label) }];
  }

  // The loss chart in nats per character, with two reference lines: uniform guessing (ln V) and
  // the bigram count model on the same test set.
  lossChart(t) {
    const v = this.vocabulary;
    const references = v ? [
      { value: v.uniformLoss, label: t('refUniform', { v: v.tokens.length, loss: formatNumber(v.uniformLoss, 3) }) },
      { value: v.countModelLoss, label: t('refCounts', { loss: formatNumber(v.countModelLoss, 3) }) },
    ] : [];
    return { references, yLabel: t('axisTextLoss') };
  }

  // The counters after the test loss (nats per character): bits per character and perplexity.
  counters(metrics) {
    const loss = metrics.testLoss;
    return [['testBits', formatNumber(loss / Math.LN2, 3)], ['perplexity', formatNumber(Math.exp(loss), 3)]];
  }

  // Its last dish, for its ghost: the samples it wrote at its last epoch's end.
  dish(t) {
    const texts = this.host.trainer().epochSamples().at(-1)?.texts;
    return texts ? t('ghostWrote', { samples: texts.join(' · ') }) : null;
  }

  // Nothing waits while paused (a text network measures each epoch at once).
  idle() {
    return false;
  }
}

export const textMode = {
  name: 'text',
  markup: TEXT_MARKUP,
  text: {
    en: { ...TEXT_TEXT.en, ...PANTRY_TEXT.en, ...BLOCKS_TEXT.en, ...READING_TEXT.en },
    zh: { ...TEXT_TEXT.zh, ...PANTRY_TEXT.zh, ...BLOCKS_TEXT.zh, ...READING_TEXT.zh },
  },
  phaseViews: [],
  // What its views read in every draw, asked for in every snapshot (the rest when first read).
  reads: ['history', 'epochSamples'],
  create: (root, host) => new TextModeViews(root, host),
};
