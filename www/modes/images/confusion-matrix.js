// The teacher's verdict as a table: row = the true class, column = what the cook said. The
// diagonal (right answers) is shaded blue, mistakes orange; a cell lists its test images. A
// legend under it says what a shade means.

import { css } from '../../views/palette.js';
import { ColourLegend } from '../../views/legend.js';
import { changedKey } from '../../views/view-key.js';

export class ConfusionMatrix {
  // classes: how many classes an image dataset has (the core's schema says).
  // legendRoot: where its legend goes (outside the table, which is built again).
  constructor(root, onCell, classes, legendRoot) {
    this.root = root;
    this.legend = new ColourLegend(root.ownerDocument, 'legend-confusion');
    legendRoot.replaceChildren(this.legend.root);
    this.classes = classes;
    this.onCell = onCell; // (row, column) => void
    this.key = null;
    this.names = ''; // the class names and language the table was built for
    this.cells = []; // the buttons, row by row
    this.shown = []; // what each shows (see fill)
  }

  // Fills the table with the matrix when `key` changes; `selected` is the [row, column]
  // listed, or null.
  update(matrix, classNames, t, key, selected) {
    if (changedKey(this.key, key)) {
      this.key = key;
      this.fill(matrix, classNames, t);
    }
    this.legend.show({ kind: 'signed', max: 1, label: t('legend.confusion'), low: t('legend.mistaken'), high: t('legend.right') });
    for (const button of this.cells) {
      const on = Boolean(selected) && Number(button.dataset.row) === selected[0] && Number(button.dataset.column) === selected[1];
      button.classList.toggle('selected', on);
      button.setAttribute('aria-pressed', String(on));
    }
  }

  // New counts change the cells in place (a new table in every verdict cost a layout of the
  // whole page, and took the keyboard focus away); the table is built again only for other
  // class names or another language.
  fill(matrix, classNames, t) {
    const names = JSON.stringify([classNames, t('confusionAxes')]);
    if (names !== this.names) {
      this.names = names;
      this.build(classNames, t);
    }
    for (let r = 0; r < this.classes; r++) {
      let total = 0;
      for (let c = 0; c < this.classes; c++) total += matrix[r * this.classes + c];
      for (let c = 0; c < this.classes; c++) {
        const i = r * this.classes + c;
        const n = matrix[i];
        const share = total > 0 ? n / total : 0;
        // A quarter of a row mistaken is full orange (the legend's "≥ 25 % mistaken").
        const strength = r === c ? share : Math.min(1, share * 4);
        const background = n > 0 ? css((r === c ? 1 : -1) * (0.15 + 0.85 * strength)) : '';
        const colour = n > 0 && strength > 0.55 ? 'white' : '';
        const label = t('confusionCell', { n, truth: classNames[r], guess: classNames[c] });
        // Only cells whose look changed are written (each write restyles its cell).
        const shown = { n, background, colour, label };
        if (!changedKey(this.shown[i], shown)) continue;
        this.shown[i] = shown;
        const button = this.cells[i];
        button.textContent = n === 0 ? '' : String(n);
        button.disabled = n === 0;
        button.style.background = background;
        button.style.color = colour;
        button.setAttribute('aria-label', label);
      }
    }
  }

  build(classNames, t) {
    const doc = this.root.ownerDocument;
    const focused = this.root.contains(doc.activeElement) ? { ...doc.activeElement.dataset } : null;
    this.cells = [];
    this.shown = [];
    const table = doc.createElement('table');
    table.className = 'confusion';
    // Clothing names stand upright above narrow columns on a phone; digits need not.
    table.classList.toggle('long-names', classNames.some((name) => short(name).length > 2));
    table.dataset.testid = 'confusion';
    const caption = doc.createElement('caption');
    caption.textContent = t('confusionAxes');
    table.append(caption);
    const head = doc.createElement('tr');
    head.append(doc.createElement('th'));
    for (let c = 0; c < this.classes; c++) head.append(cellText(doc, 'th', short(classNames[c]), 'col', classNames[c]));
    table.append(head);
    for (let r = 0; r < this.classes; r++) {
      const row = doc.createElement('tr');
      const rowHead = cellText(doc, 'th', '', 'row', classNames[r]);
      rowHead.append(nameSpan(doc, 'name-full', classNames[r]), nameSpan(doc, 'name-short', short(classNames[r])));
      row.append(rowHead);
      for (let c = 0; c < this.classes; c++) {
        const td = doc.createElement('td');
        const button = doc.createElement('button');
        button.type = 'button';
        button.dataset.testid = 'confusion-cell';
        button.dataset.row = String(r);
        button.dataset.column = String(c);
        button.addEventListener('click', () => this.onCell(r, c));
        this.cells.push(button);
        td.append(button);
        row.append(td);
      }
      table.append(row);
    }
    this.root.replaceChildren(table);
    if (focused?.testid === 'confusion-cell') {
      this.root.querySelector(`[data-row="${focused.row}"][data-column="${focused.column}"]`)?.focus();
    }
  }
}

function cellText(doc, tag, text, scope, title) {
  const el = doc.createElement(tag);
  el.textContent = text;
  el.scope = scope;
  el.title = title;
  return el;
}

// Row headers show the whole name, or the short one on a phone (style.css).
function nameSpan(doc, className, text) {
  const span = doc.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

// Column headers stay narrow: digits as they are, clothing names cut to a few letters (each
// header's title gives the whole name): "T-shirt/top" → "T-sh.", "T 恤/上衣" → "T 恤".
function short(name) {
  const first = name.split('/')[0];
  return first.length <= 4 ? first : `${first.slice(0, 4)}.`;
}
