// The ghost of the last cook: when a cook that trained is reset or replaced, its curves stay on
// the charts, faded, with a thumbnail of its last dish, so two runs compare side by side. It is
// a view: a copy of the old history's numbers and a bitmap, never model state.

import { changedFields, formatValue } from '../settings/state.js';

// Differences named in the label at most (then "+n").
const MOST_NAMED = 2;
// The thumbnail's longer side, in CSS pixels.
const THUMB = 72;

export class GhostCook {
  // figure: the markup's #ghost-cook; fields: the config's field table; changed(): the charts
  // and the figure need drawing again.
  constructor(figure, fields, changed) {
    this.figure = figure;
    this.fields = fields;
    this.label = figure.querySelector('.ghost-label');
    this.thumb = figure.querySelector('canvas');
    this.words = figure.querySelector('.ghost-words');
    this.run = null; // { history, config, mode, dish: { canvas } | { text } | null, id }
    this.count = 0;
    this.shownKey = null;
    figure.querySelector('button').addEventListener('click', () => {
      this.clear();
      changed();
    });
  }

  // A cook ends (reset or replaced): it leaves a ghost if it trained at least one epoch (its
  // history has more than the starting entry); else the previous ghost stays. dish: its mode's
  // last dish, a canvas to copy or a text (modes/index.js), or null.
  keep(history, config, dish) {
    if (!history || history.step.length < 2) return;
    this.count += 1;
    this.run = { history: structuredClone(history), config: { ...config }, mode: this.fields.modeOf(config.dataset), dish: null, id: this.count };
    if (dish instanceof HTMLCanvasElement && dish.width > 0 && dish.height > 0) {
      const scale = THUMB * (globalThis.devicePixelRatio || 1) / Math.max(dish.width, dish.height);
      this.thumb.width = Math.round(dish.width * scale);
      this.thumb.height = Math.round(dish.height * scale);
      this.thumb.getContext('2d').drawImage(dish, 0, 0, this.thumb.width, this.thumb.height);
      this.run.dish = { canvas: true };
    } else if (typeof dish === 'string' && dish !== '') {
      this.run.dish = { text: dish };
    }
  }

  clear() {
    this.run = null;
  }

  // The ghost as the charts draw it ({ history, label, key }), or null: none, or one of another
  // kind of data (its curves measure something else). Shows the figure beside the chart.
  show(intent, t) {
    const run = this.run && this.run.mode === this.fields.modeOf(intent.dataset) ? this.run : null;
    const label = run ? ghostLabel(this.fields, run.config, intent, t, (name, value) => this.#inWords(name, value, t)) : '';
    const key = run ? `${run.id}:${label}` : null;
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.figure.hidden = !run;
      this.figure.dataset.label = label;
      this.label.textContent = label;
      this.thumb.hidden = !run?.dish?.canvas;
      this.words.textContent = run?.dish?.text ?? '';
    }
    // The chart's legend names it only: the figure beside the chart says what differed.
    return run && { history: run.history, label: t('ghostLegend'), key };
  }

  // "Initial seasonings = All ones": a setting as its control names it in the page's language
  // (the label without its bracketed technical name; a menu's value as the menu shows it).
  #inWords(name, value, t) {
    const field = t(name).replace(/\s*[(（][^)）]*[)）]$/, '');
    const shown = formatValue(this.fields.spec(name), value);
    const option = [...(this.figure.getRootNode().querySelector(`select[data-field="${name}"]`)?.options ?? [])]
      .find((o) => o.value === shown);
    return `${field} = ${option?.textContent || shown}`;
  }
}

// "last cook: Initial seasonings = All ones": the last cook's settings where they differ from the
// running one's; inWords(name, value) says one in the page's words.
export function ghostLabel(fields, before, after, t, inWords) {
  const changed = changedFields(fields, before, after);
  if (changed.length === 0) return t('ghostSame');
  const named = changed.slice(0, MOST_NAMED).map((name) => inWords(name, before[name]));
  if (changed.length > MOST_NAMED) named.push(`+${changed.length - MOST_NAMED}`);
  return t('ghostLast', { what: named.join(', ') });
}
