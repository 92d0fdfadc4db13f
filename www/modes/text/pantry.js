// The pantry: text mode's view of the embedding table, one jar of seasonings per character.
// A heatmap of the rows (the most frequent ones when the vocabulary is big, and a search box),
// a map of the characters (projection.js), the selected character's row to read and edit, and
// after Backward which rows got a gradient. It holds views and the learner's picks, never the
// model: every number comes in through draw() and every edit goes out through setWeight.

import { PantryHeatmap, fullTableWidth } from './pantry-heatmap.js';
import { PantryScatter } from './pantry-scatter.js';
import { RowEditor } from './pantry-editor.js';
import { KINDS, characterKind, countRanks, tokenLabel } from './character-kind.js';
import { laidOutSize } from '../../views/laid-out-size.js';
import { element } from './pantry-element.js';
import { radioGroup } from '../../views/radio-group.js';

const ALL_ROWS_UP_TO = 40; // a vocabulary this small shows every row, in token order
const TABLE_ROWS = 32; // else: the most frequent this many, then the selected one
const MAP_GLYPHS = 60; // on a big vocabulary's map, the most frequent drawn as characters
// The map's axes follow the spread of this many most frequent characters: rarer ones are
// trained on a few times at most and would only add noise (and time) to the projection.
const AXIS_ROWS = 1000;
const SIDE_BY_SIDE = 620; // CSS pixels from which the table and the map sit side by side
const GAP = 16;

export class Pantry {
  // box: an empty element the mode gives; t(key, values): the page's translator;
  // setWeight(index, value) → null or a message (or a promise of one); requestDraw(): asks the
  // mode for a draw with fresh data.
  constructor(box, { t, setWeight, requestDraw }) {
    this.box = box;
    this.t = t;
    this.setWeight = setWeight;
    this.requestDraw = requestDraw;
    this.selected = -1;
    this.show = 'values';
    this.last = null; // the last draw's data, to draw again on a pick or a resize
    this.vocabulary = null; // what depends on the tokens alone: see learnVocabulary
    this.language = null;
    this.build(box.ownerDocument);
    this.laidOut = laidOutSize(this.views, () => this.redraw());
  }

  build(doc) {
    const el = (tag, className, testid) => element(doc, tag, className, testid);
    // The heading has its words at once (the rest waits for the vocabulary); the page's
    // translation keeps it in the page's language until the first draw.
    this.title = el('h3');
    this.title.dataset.i18n = 'pantry.title';
    this.title.textContent = this.t('pantry.title');
    this.caption = el('p', 'caption');
    const tools = el('div', 'pantry-tools');
    this.searchLabel = el('label', 'pantry-search');
    this.searchText = el('span');
    this.search = el('input', '', 'pantry-search');
    this.search.type = 'search';
    this.search.autocomplete = 'off';
    this.search.addEventListener('input', () => {
      const token = this.find(this.search.value);
      if (token >= 0) this.pick(token);
    });
    this.searchLabel.append(this.searchText, this.search);
    this.status = el('span', 'pantry-status', 'pantry-status');
    this.status.setAttribute('role', 'status');
    const show = radioGroup(doc, {
      className: 'pantry-show',
      values: ['values', 'gradients'],
      checked: this.show,
      testid: (value) => `pantry-show-${value}`,
      onChange: (value) => {
        this.show = value;
        this.redraw();
      },
    });
    this.showGroup = show.root;
    this.showLegend = show.legend;
    this.radios = show.radios;
    tools.append(this.searchLabel, this.status, this.showGroup);
    this.gradientNote = el('p', 'pantry-gradient-note', 'pantry-gradient-note');
    this.views = el('div', 'pantry-views');
    this.heatmap = new PantryHeatmap(doc, (token) => this.pick(token));
    this.scatter = new PantryScatter(doc, (token) => this.pick(token));
    this.kindLegend = el('ul', 'pantry-kinds');
    this.sameNote = el('p', 'pantry-same-note', 'pantry-same-note');
    this.scatter.root.append(this.kindLegend, this.sameNote);
    this.views.append(this.heatmap.root, this.scatter.root);
    this.editor = new RowEditor(doc, (token, j, value) => this.edit(token, j, value));
    // The jar's editor under the tools, above the table and the map: it stays in sight beside the
    // lesson's panel, and the jar a click opens shows where the learner's eyes already are.
    this.box.replaceChildren(this.title, this.caption, tools, this.gradientNote, this.editor.root, this.views);
  }

  // The texts that only change with the language.
  translate(t) {
    this.title.textContent = t('pantry.title');
    this.searchText.textContent = t('pantry.search');
    this.search.placeholder = t('pantry.searchHint');
    this.showLegend.textContent = t('pantry.show');
    this.radios.values.text.textContent = t('pantry.values');
    this.radios.gradients.text.textContent = t('pantry.gradients');
    this.kindLegend.replaceChildren(...this.vocabulary.kindsPresent.map(({ kind, colour }) => {
      const item = this.box.ownerDocument.createElement('li');
      item.style.setProperty('--swatch', colour);
      item.textContent = t(`pantry.kind.${kind}`);
      return item;
    }));
  }

  // data: { tokens (token 0 = "" the boundary), counts, embedding (vocabulary × dims,
  // row-major), gradients (the same shape, or null before Backward), dims, offset (the index in
  // the model's parameters of embedding entry 0), phase, t }.
  draw(data) {
    const { tokens, counts, embedding, gradients, dims } = data;
    const t = data.t ?? this.t;
    this.t = t;
    this.last = data;
    const vocabularyChanged = this.learnVocabulary(tokens, counts);
    if (vocabularyChanged || this.dims !== dims) {
      this.dims = dims;
      this.scatter.forgetAxes();
    }
    const language = t('pantry.title');
    if (vocabularyChanged || language !== this.language) {
      this.language = language;
      this.translate(t);
      this.rowsKey = null;
      if (this.search.value) this.find(this.search.value);
    }
    const v = tokens.length;
    const { lit, litCount } = litRows(gradients, v, dims);
    const rows = this.tableRows(v, counts, t);
    const showGradients = this.show === 'gradients' && Boolean(gradients);
    this.radios.gradients.radio.disabled = !gradients;
    this.caption.textContent = t('pantry.caption', { d: dims });

    const width = this.laidOut.width || this.box.clientWidth || 320;
    const tableWidth = Math.min(fullTableWidth(dims), width >= SIDE_BY_SIDE ? Math.floor(width * 0.5) : width);
    const mapWidth = width >= SIDE_BY_SIDE ? width - tableWidth - GAP : width;
    this.heatmap.paint({
      source: showGradients ? gradients : embedding,
      dims,
      lit,
      selected: this.selected,
      width: tableWidth,
      caption: t(v > ALL_ROWS_UP_TO ? 'pantry.tableTop' : 'pantry.tableAll', { n: TABLE_ROWS, v, d: dims }),
      scaleText: t(showGradients ? 'pantry.scaleGradients' : 'pantry.scaleValues'),
    });
    this.scatter.caption.textContent = t(dims <= 2 ? 'pantry.mapDims' : 'pantry.mapProjected', { d: dims });
    this.scatter.paint({
      tokens, embedding, gradients, dims, lit, width: mapWidth, t,
      kinds: this.vocabulary.kinds,
      labelled: this.vocabulary.labelled,
      axisRows: this.vocabulary.axisRows,
      selected: this.selected,
    });
    this.sameNote.hidden = !rowsAllEqual(embedding, v, dims);
    this.sameNote.textContent = t('pantry.allSame');
    this.gradientNote.hidden = !gradients;
    if (gradients) {
      const shown = rows.filter((token) => lit[token]).length;
      this.gradientNote.textContent = t('pantry.gradientNote', { lit: litCount, v, shown });
    }
    this.editor.show({
      token: this.selected, tokens, counts, embedding, gradients, dims, t,
      rank: this.selected >= 0 ? this.vocabulary.ranks[this.selected] : 0,
    });
  }

  // Recomputes what depends on the vocabulary alone when it changes; true if it did.
  learnVocabulary(tokens, counts) {
    const known = this.vocabulary;
    if (known && (known.tokens === tokens || (known.tokens.length === tokens.length && known.tokens.join('\u0000') === tokens.join('\u0000')))) {
      known.tokens = tokens;
      return false;
    }
    const { order, ranks } = countRanks(counts);
    const kinds = tokens.map((token, i) => characterKind(token, ranks[i]));
    const present = new Set(kinds);
    this.vocabulary = {
      tokens,
      order,
      ranks,
      kinds,
      labelled: tokens.map((_, i) => tokens.length <= 100 || ranks[i] < MAP_GLYPHS),
      axisRows: tokens.length > AXIS_ROWS ? order.slice(0, AXIS_ROWS) : null,
      kindsPresent: KINDS.filter(({ kind }) => present.has(kind)),
    };
    this.selected = -1;
    return true;
  }

  // The heatmap's rows: every token in order for a small vocabulary, else the most frequent
  // TABLE_ROWS, then the selected token if it is not among them. Labels are rebuilt only when
  // the rows change.
  tableRows(v, counts, t) {
    let rows;
    if (v <= ALL_ROWS_UP_TO) rows = Array.from({ length: v }, (_, i) => i);
    else {
      rows = this.vocabulary.order.slice(0, TABLE_ROWS);
      if (this.selected >= 0 && !rows.includes(this.selected)) rows.push(this.selected);
    }
    const key = `${this.language}|${rows.join(',')}`;
    if (key !== this.rowsKey) {
      this.rowsKey = key;
      this.heatmap.setRows(rows, this.vocabulary.tokens, counts, t);
    }
    return rows;
  }

  pick(token) {
    this.selected = token;
    this.redraw();
  }

  // The search box: the token typed (a character, or its label: "⏎" for the boundary), or -1;
  // the status line says what was found.
  find(query) {
    const t = this.t;
    if (!this.vocabulary || query === '') {
      this.status.textContent = '';
      return -1;
    }
    const { tokens, ranks } = this.vocabulary;
    const token = [query, query.trim()].map((q) => tokens.findIndex((s, i) => s === q || tokenLabel(s) === q || (i === 0 && q === '·'))).find((i) => i >= 0) ?? -1;
    this.status.textContent = token < 0
      ? t('pantry.notFound', { q: query })
      : t('pantry.found', { c: tokenLabel(tokens[token]), rank: ranks[token] + 1, v: tokens.length });
    return token;
  }

  async edit(token, j, value) {
    const index = this.last.offset + token * this.last.dims + j;
    let message;
    try {
      message = await this.setWeight(index, value);
    } catch (error) {
      message = error?.message ?? String(error);
    }
    if (!message) this.requestDraw();
    return message;
  }

  // Draws the last data again (a pick, a resize, another view), if it still reads: a view
  // into the core's memory may have been let go since; then the mode sends fresh data.
  redraw() {
    const data = this.last;
    if (!data) return;
    if (data.embedding.length === data.tokens.length * data.dims) this.draw(data);
    else this.requestDraw();
  }
}

// Whether every row of the table is the same (constant init): the map then shows one point.
function rowsAllEqual(table, v, dims) {
  for (let i = dims; i < v * dims; i++) if (table[i] !== table[i % dims]) return false;
  return v > 1;
}

// Which rows of the gradient table are not all zero (null without gradients), and how many.
function litRows(gradients, v, dims) {
  if (!gradients) return { lit: null, litCount: 0 };
  const lit = new Uint8Array(v);
  let litCount = 0;
  for (let i = 0; i < v; i++) {
    for (let j = 0; j < dims; j++) {
      if (gradients[i * dims + j] !== 0) {
        lit[i] = 1;
        litCount++;
        break;
      }
    }
  }
  return { lit, litCount };
}
