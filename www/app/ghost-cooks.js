// The ghosts of earlier cooks: when a cook that trained is reset or replaced, its curves stay on
// the charts, faded, each in its own style, with its name, parameter count, last test loss and
// last dish in the figure beside the chart, so a few runs (a bigram, an MLP, a GRU and a GPT)
// compare on one chart. A view: copies of the old histories' numbers and bitmaps, never model
// state.

import { changedFields, formatValue } from '../settings/state.js';
import { GHOST_STYLES } from '../views/palette.js';
import { GhostList } from '../views/ghost-list.js';

// Ghosts kept of each kind of data: a fifth drops the oldest.
export const MOST_GHOSTS = GHOST_STYLES.length;
// Differences named in a label at most (then "+n").
const MOST_NAMED = 2;
// A thumbnail's longer side, in CSS pixels.
const THUMB = 56;

export class GhostCooks {
  // figure: the markup's #ghost-cooks; fields: the config's field table; changed(): the charts
  // and the figure need drawing again.
  constructor(figure, fields, changed) {
    this.figure = figure;
    this.fields = fields;
    this.runs = []; // oldest first: { history, config, mode, parameters, testLoss, dish, id, style }
    this.count = 0;
    this.shownMode = null; // the kind of data whose ghosts the figure lists
    this.list = new GhostList(figure, {
      remove: (id) => {
        this.runs = this.runs.filter((run) => run.id !== id);
        changed();
      },
      clear: () => {
        this.runs = this.runs.filter((run) => run.mode !== this.shownMode);
        changed();
      },
    });
  }

  // A cook ends (reset or replaced): it leaves a ghost if it trained at least one epoch (its
  // history has more than the starting entry). net: its network() (its parameter count); dish:
  // its mode's last dish, a canvas to copy or a text (modes/index.js), or null.
  keep(history, config, net, dish) {
    if (!history || history.step.length < 2) return;
    const mode = this.fields.modeOf(config.dataset);
    const same = this.runs.filter((run) => run.mode === mode);
    if (same.length >= MOST_GHOSTS) this.runs.splice(this.runs.indexOf(same[0]), 1);
    const taken = new Set(this.runs.filter((run) => run.mode === mode).map((run) => run.style));
    this.count += 1;
    this.runs.push({
      history: structuredClone(history), config: { ...config }, mode, id: this.count,
      parameters: net.parameterCount, testLoss: lastFinite(history.testLoss),
      style: GHOST_STYLES.findIndex((_, i) => !taken.has(i)), dish: thumbnail(dish),
    });
  }

  // The ghosts the charts draw ({ ghosts: [{ history, tag, colour, dash }], legend, key }), or
  // null: none, or only ghosts of another kind of data (their curves measure something else).
  // Lists them in the figure beside the chart, with the running cook (net: its network(),
  // history: its history()) last.
  show(intent, net, history, t) {
    const mode = this.fields.modeOf(intent.dataset);
    this.shownMode = mode;
    const shown = this.runs.filter((run) => run.mode === mode);
    const entries = shown.map((run, i) => ({
      id: run.id, tag: String(i + 1), style: GHOST_STYLES[run.style], dish: run.dish,
      name: this.#name(run.config, intent, t), parameters: run.parameters, testLoss: run.testLoss,
    }));
    const now = { name: modelName(intent, t) ?? '', parameters: net.parameterCount, testLoss: lastFinite(history.testLoss) };
    this.list.show(entries, now, t);
    if (shown.length === 0) return null;
    return {
      ghosts: shown.map((run, i) => ({ history: run.history, tag: entries[i].tag, ...GHOST_STYLES[run.style] })),
      legend: t('ghostLegend'),
      key: entries.map((e) => `${e.id}:${e.tag}`).join(','),
    };
  }

  // A ghost's name: its model where that differs from the running cook's ("Bigram"), else what
  // differed in its settings ("Initial seasonings = All ones").
  #name(config, intent, t) {
    const model = modelName(config, t);
    if (model !== null && model !== modelName(intent, t)) return model;
    return ghostLabel(this.fields, config, intent, t, (name, value) => this.#inWords(name, value, t));
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

// "Initial seasonings = All ones": the earlier cook's settings where they differ from the
// running one's; inWords(name, value) says one in the page's words.
export function ghostLabel(fields, before, after, t, inWords) {
  const changed = changedFields(fields, before, after);
  if (changed.length === 0) return t('ghostSame');
  const named = changed.slice(0, MOST_NAMED).map((name) => inWords(name, before[name]));
  if (changed.length > MOST_NAMED) named.push(`+${changed.length - MOST_NAMED}`);
  return named.join(', ');
}

// The model of a layer stack in the page's words ("Bigram", "MLP", "GRU", "GPT"), or null: a
// point network (its hidden layers), named by its settings instead.
export function modelName(config, t) {
  const kinds = (config.layers ?? []).map((layer) => layer.kind);
  if (kinds.length === 0) return null;
  const rnn = config.layers.find((layer) => layer.kind === 'rnn');
  const model = kinds.includes('gpt') ? 'gpt'
    : rnn ? (rnn.cell === 'gru' ? 'gru' : 'rnn')
      : kinds.includes('conv2d') ? 'cnn'
        : kinds.length === 1 && kinds[0] === 'embed' && (config.layers[0].dims ?? null) === null ? 'bigram'
          : 'mlp';
  return t(`model.${model}`);
}

function lastFinite(values) {
  return [...values].reverse().find(Number.isFinite) ?? null;
}

// A dish to keep: a copy of a canvas (its thumbnail), a text, or null.
function thumbnail(dish) {
  if (dish instanceof HTMLCanvasElement && dish.width > 0 && dish.height > 0) {
    const scale = THUMB * (globalThis.devicePixelRatio || 1) / Math.max(dish.width, dish.height);
    const copy = dish.ownerDocument.createElement('canvas');
    copy.width = Math.round(dish.width * scale);
    copy.height = Math.round(dish.height * scale);
    copy.getContext('2d').drawImage(dish, 0, 0, copy.width, copy.height);
    return { canvas: copy };
  }
  return typeof dish === 'string' && dish !== '' ? { text: dish } : null;
}
