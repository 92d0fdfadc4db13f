// The teacher's verdict as a table: row = the true class, column = what the cook said. The
// diagonal (right answers) is shaded blue, mistakes orange; a cell lists its test images.

import { css } from './palette.js';
import { CLASSES } from './test-predictions.js';

export class ConfusionMatrix {
  constructor(root, onCell) {
    this.root = root;
    this.onCell = onCell; // (row, column) => void
    this.key = '';
  }

  // Rebuilds the table when `key` changes; `selected` is the [row, column] listed, or null.
  update(matrix, classNames, t, key, selected) {
    if (key !== this.key) {
      this.key = key;
      this.build(matrix, classNames, t);
    }
    for (const button of this.root.querySelectorAll('[data-testid="confusion-cell"]')) {
      const on = Boolean(selected) && Number(button.dataset.row) === selected[0] && Number(button.dataset.column) === selected[1];
      button.classList.toggle('selected', on);
      button.setAttribute('aria-pressed', String(on));
    }
  }

  build(matrix, classNames, t) {
    const doc = this.root.ownerDocument;
    // New numbers must not take the keyboard away from the cell the learner is on.
    const focused = this.root.contains(doc.activeElement) ? { ...doc.activeElement.dataset } : null;
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
    for (let c = 0; c < CLASSES; c++) head.append(cellText(doc, 'th', short(classNames[c]), 'col', classNames[c]));
    table.append(head);
    for (let r = 0; r < CLASSES; r++) {
      let total = 0;
      for (let c = 0; c < CLASSES; c++) total += matrix[r * CLASSES + c];
      const row = doc.createElement('tr');
      const rowHead = cellText(doc, 'th', '', 'row', classNames[r]);
      rowHead.append(nameSpan(doc, 'name-full', classNames[r]), nameSpan(doc, 'name-short', short(classNames[r])));
      row.append(rowHead);
      for (let c = 0; c < CLASSES; c++) {
        const n = matrix[r * CLASSES + c];
        const td = doc.createElement('td');
        const button = doc.createElement('button');
        button.type = 'button';
        button.textContent = n === 0 ? '' : String(n);
        button.dataset.testid = 'confusion-cell';
        button.dataset.row = String(r);
        button.dataset.column = String(c);
        button.setAttribute('aria-label', t('confusionCell', { n, truth: classNames[r], guess: classNames[c] }));
        const share = total > 0 ? n / total : 0;
        if (n > 0) {
          const strength = r === c ? share : Math.min(1, share * 4);
          button.style.background = css((r === c ? 1 : -1) * (0.15 + 0.85 * strength));
          if (strength > 0.55) button.style.color = 'white';
        }
        button.disabled = n === 0;
        button.addEventListener('click', () => this.onCell(r, c));
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
