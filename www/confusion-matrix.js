// The teacher's verdict as a table: row = the true class, column = what the cook said. The
// diagonal (right answers) is shaded blue, mistakes orange; a cell lists its test images.

import { css } from './palette.js';
import { CLASSES } from './test-predictions.js';

export class ConfusionMatrix {
  constructor(root, onCell) {
    this.root = root;
    this.onCell = onCell; // (row, column) => void
    this.key = '';
    this.selected = null;
  }

  update(matrix, classNames, t, key) {
    if (key === this.key) return;
    this.key = key;
    const doc = this.root.ownerDocument;
    const table = doc.createElement('table');
    table.className = 'confusion';
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
      row.append(cellText(doc, 'th', short(classNames[r]), 'row', classNames[r]));
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
        if (this.selected && this.selected[0] === r && this.selected[1] === c) button.classList.add('selected');
        button.disabled = n === 0;
        button.addEventListener('click', () => {
          this.selected = [r, c];
          this.key = '';
          this.onCell(r, c);
        });
        td.append(button);
        row.append(td);
      }
      table.append(row);
    }
    this.root.replaceChildren(table);
  }
}

function cellText(doc, tag, text, scope, title) {
  const el = doc.createElement(tag);
  el.textContent = text;
  el.scope = scope;
  el.title = title;
  return el;
}

// Column headers stay narrow: digits as they are, clothing names cut to a few letters.
function short(name) {
  return name.length <= 4 ? name : `${name.slice(0, 4)}.`;
}
