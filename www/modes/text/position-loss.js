// Which characters of the reading text are hard to predict: each character with a bar as tall as
// the model's loss when it had to guess that character from the ones before (−ln p, nats), and a
// line at guessing uniformly (ln V). The hardest is marked; a click (or Enter on a
// focused character) says what the model gave it.

import { formatNumber } from '../../views/format.js';
import { percentText } from '../../views/probability-bar.js';
import { tokenLabel } from './character-kind.js';
import { element } from './pantry-element.js';


export class PositionLoss {
  // box: the element the row, its key and the sentences go in.
  constructor(box) {
    const doc = box.ownerDocument;
    this.row = element(doc, 'ol', 'position-losses', 'position-losses');
    this.key = element(doc, 'p', 'position-key caption');
    this.summary = element(doc, 'p', 'position-summary', 'position-summary');
    this.said = element(doc, 'p', 'position-said', 'position-said');
    this.said.setAttribute('aria-live', 'polite');
    box.append(this.row, this.key, this.summary, this.said);
    this.items = []; // per character: { li, button, glyph, bar, value }
    this.shown = null; // { scored, t }
    this.selected = null; // the picked position
  }

  // scored: the core's PositionLosses ({ characters, probabilities, losses }); uniformLoss: ln V.
  draw(scored, { uniformLoss, t }) {
    const { characters, losses } = scored;
    if (this.items.length !== characters.length) this.build(characters.length);
    if (this.selected !== null && this.selected >= characters.length) this.selected = null;
    // The bars' full height: the uniform guess, or the largest loss above it.
    const top = Math.max(uniformLoss, ...losses);
    const hardest = losses.indexOf(Math.max(...losses));
    this.items.forEach((item, i) => {
      const label = tokenLabel(characters[i]);
      if (item.glyph.textContent !== label) item.glyph.textContent = label;
      item.bar.style.height = `${(100 * losses[i]) / top}%`;
      const value = formatNumber(losses[i], 2);
      if (item.value.textContent !== value) item.value.textContent = value;
      item.li.dataset.loss = String(losses[i]);
      item.li.classList.toggle('hardest', i === hardest);
      item.button.setAttribute('aria-label', this.sentence(scored, i, t));
    });
    // Each bar's track draws its piece of the line (the row may wrap on a phone).
    this.row.style.setProperty('--uniform', `${(100 * uniformLoss) / top}%`);
    const key = t('positions.key', { loss: formatNumber(uniformLoss, 3) });
    if (this.key.textContent !== key) this.key.textContent = key;
    const summary = t('positions.hardest', { c: tokenLabel(characters[hardest]), n: hardest + 1, loss: formatNumber(losses[hardest], 2), p: percentText(scored.probabilities[hardest]) });
    if (this.summary.textContent !== summary) this.summary.textContent = summary;
    this.shown = { scored, t };
    this.say();
  }

  build(count) {
    const doc = this.row.ownerDocument;
    this.items = Array.from({ length: count }, (_, i) => {
      const li = element(doc, 'li');
      const button = element(doc, 'button', 'position', 'position');
      button.type = 'button';
      const value = element(doc, 'span', 'position-value');
      const track = element(doc, 'span', 'position-track');
      const bar = element(doc, 'span', 'position-bar');
      track.append(bar);
      const glyph = element(doc, 'span', 'position-glyph');
      button.append(value, track, glyph);
      button.addEventListener('click', () => {
        this.selected = i;
        this.say();
      });
      li.append(button);
      return { li, button, glyph, bar, value };
    });
    this.row.replaceChildren(...this.items.map((item) => item.li));
  }

  // "“i” after “chr”: the cook gave it 43 %, a loss of 0.85 nats."
  sentence({ characters, probabilities, losses }, i, t) {
    const before = characters.slice(0, i).map(tokenLabel).join('');
    const words = { c: tokenLabel(characters[i]), before, p: percentText(probabilities[i]), loss: formatNumber(losses[i], 2) };
    return t(i === 0 ? 'positions.first' : 'positions.after', words);
  }

  say() {
    if (!this.shown) return;
    const { scored, t } = this.shown;
    this.items.forEach((item, i) => item.button.setAttribute('aria-pressed', String(i === this.selected)));
    const sentence = this.selected === null ? t('positions.pick') : this.sentence(scored, this.selected, t);
    if (this.said.textContent !== sentence) this.said.textContent = sentence;
  }
}
