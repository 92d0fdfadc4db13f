// Text mode's reading panel: how the cook reads one text. Each character's loss (every text
// model: position-loss.js) and, for a GPT, every head's attention over it (attention-maps.js).
// The text is the chat box's prompt, or an example of the dataset while the prompt is empty;
// both answers are asked of the worker together (paced-ask.js) when the text, the weights or the
// cook change, and only while the panel is on the page. An embed that names one of the views shows
// it without the panel's title and text line.

import { AttentionMaps } from './attention-maps.js';
import { PacedAsk } from './paced-ask.js';
import { PositionLoss } from './position-loss.js';
import { laidOutSize } from '../../views/laid-out-size.js';

export const READING_MARKUP = `
      <section class="reading panel" id="reading" data-testid="reading">
        <h2 data-i18n="reading.title">How the cook reads a text</h2>
        <p class="reading-text" id="reading-text" data-testid="reading-text"></p>
        <p class="field-error" id="reading-problem" data-testid="reading-problem" aria-live="polite"></p>
        <div class="position-loss" data-nk-view="position-loss">
          <h3 data-i18n="positions.title">Which characters are hard to predict?</h3>
          <p class="caption" data-i18n="positions.caption">Each character with the cook's loss when it had to guess it from the ones before: a tall bar is a surprise.</p>
          <div id="position-loss" data-testid="position-loss"></div>
        </div>
        <div class="attention" data-nk-view="attention" id="attention-view" data-testid="attention">
          <h3 data-i18n="attention.title">Where attention looks</h3>
          <p class="caption" data-i18n="attention.caption">Before choosing the next character, each character looks back at the ones before it. One map per head of each layer: a row is the character looking, a column the one it looks at; darker is more attention. Nothing looks ahead (the hatched triangle). The maps start almost even and sharpen as the cook practises.</p>
          <p class="caption attention-none" id="attention-none" data-i18n="attention.none" data-testid="attention-none" hidden>Only a GPT has attention: pick names-gpt or poems-gpt to see where it looks.</p>
          <div id="attention-maps"></div>
        </div>
      </section>
`;

// The text read while the prompt is empty, by dataset (every character in its vocabulary).
const EXAMPLES = { names: 'christopher', poems: '春眠不觉晓，处处闻啼鸟。', dishes: '红烧狮子头' };

export class Reading {
  // byId: the app root's lookup; host: what the app lends a mode (modes/index.js).
  constructor(byId, host) {
    this.asks = new PacedAsk(() => host.requestDraw());
    this.section = byId('reading');
    this.size = laidOutSize(this.section, () => host.requestDraw());
    this.textLine = byId('reading-text');
    this.problem = byId('reading-problem');
    this.attentionNone = byId('attention-none');
    this.losses = new PositionLoss(byId('position-loss'));
    this.mapsBox = byId('attention-maps');
    this.maps = new AttentionMaps(this.mapsBox);
    this.mapsSize = laidOutSize(this.mapsBox, () => host.requestDraw());
    this.drawn = null; // what the views last drew: the answer, the language and the width
  }

  // A new cook: the old answer is of another model.
  forget() {
    this.asks.forget();
  }

  // vocabulary: the running trainer's ({ uniformLoss, ... }) or null.
  draw(frame, { t, view, intent, pacing, generation, playing }, vocabulary) {
    if (this.size.width === 0 || !vocabulary) return; // not on the page (an embed without it)
    const { trainer, net, metrics } = frame;
    const gpt = net.layers[0]?.kind === 'gpt';
    const text = view.prompt || EXAMPLES[intent.dataset] || '';
    const key = JSON.stringify([trainer.id, metrics.step, generation, text, gpt]);
    const ask = () => Promise.all([trainer.ask('positionLosses', text), gpt ? trainer.ask('attentionMaps', text) : null])
      .then(([scored, maps]) => ({ text, scored, maps, error: null }), (error) => ({ text, error: error.message }));
    const { answer } = this.asks.update(key, ask, pacing.now(), playing);
    const textLine = t(view.prompt ? 'reading.prompt' : 'reading.example', { text });
    if (this.textLine.textContent !== textLine) this.textLine.textContent = textLine;
    this.attentionNone.hidden = gpt;
    this.mapsBox.hidden = !gpt;
    const drawn = [answer, t('reading.title'), this.mapsSize.width, gpt];
    if (!answer || drawn.every((v, i) => v === this.drawn?.[i])) return;
    this.drawn = drawn;
    const error = answer.error ?? '';
    if (this.problem.textContent !== error) this.problem.textContent = error;
    this.problem.classList.toggle('visible', Boolean(error));
    if (error) return;
    this.losses.draw(answer.scored, { uniformLoss: vocabulary.uniformLoss, t });
    if (gpt && answer.maps) {
      const chars = [...answer.text].length;
      const start = answer.maps.tokens[0] === '';
      this.maps.draw(answer.maps, { offset: start ? 0 : chars - answer.maps.tokens.length + 1, width: this.mapsSize.width, t });
    }
  }
}
