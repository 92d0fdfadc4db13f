// The open jar: the selected character's embedding row as numbers, each an input that edits
// that seasoning of the model (the core checks the value and its bounds); its gradient below
// each number after Backward.

import { formatCount, formatEditable, formatNumber } from '../../views/format.js';
import { tokenLabel } from './character-kind.js';
import { element } from './pantry-element.js';

export class RowEditor {
  // onEdit(token, j, value) → (a promise of) null or the core's message.
  constructor(doc, onEdit) {
    this.onEdit = onEdit;
    this.root = element(doc, 'div', 'pantry-editor', 'pantry-editor');
    this.head = element(doc, 'p', 'pantry-editor-head');
    this.entries = element(doc, 'div', 'pantry-entries');
    this.error = element(doc, 'p', 'field-error', 'pantry-error');
    this.error.setAttribute('role', 'alert');
    this.root.append(this.head, this.entries, this.error);
    this.key = null; // { token, dims, lang } the inputs were built for
    this.inputs = [];
    this.grads = [];
  }

  // token: the selected token (-1: none); rank: its place by count (0 = most frequent).
  show({ token, tokens, counts, rank, embedding, gradients, dims, t }) {
    const doc = this.root.ownerDocument;
    const lang = t('pantry.entry', { n: 1, c: '' });
    if (token < 0) {
      this.key = null;
      this.head.textContent = t('pantry.pick');
      this.entries.replaceChildren();
      this.inputs = [];
      this.showError(null);
      return;
    }
    if (!this.key || this.key.token !== token || this.key.dims !== dims || this.key.lang !== lang) {
      if (this.key?.token !== token) this.showError(null);
      this.key = { token, dims, lang };
      this.build(doc, token, tokens, dims, t);
    }
    const jar = element(doc, 'span', 'pantry-jar');
    jar.textContent = tokenLabel(tokens[token]);
    const info = doc.createElement('span');
    info.textContent = t(token === 0 ? 'pantry.jarBoundary' : 'pantry.jar', {
      id: token, n: formatCount(counts[token]), rank: formatCount(rank + 1), d: dims,
    });
    this.head.replaceChildren(jar, info);
    // An entry being typed in keeps what is typed (the root node: the page, or an embed's
    // shadow root, whose focused element the document does not see).
    const focused = this.root.getRootNode().activeElement;
    this.inputs.forEach((input, j) => {
      if (input !== focused) input.value = formatEditable(embedding[token * dims + j]);
    });
    this.grads.forEach((grad, j) => {
      grad.textContent = gradients ? `∇ ${formatNumber(gradients[token * dims + j], 2)}` : '';
      grad.classList.toggle('zero', Boolean(gradients) && gradients[token * dims + j] === 0);
    });
  }

  build(doc, token, tokens, dims, t) {
    this.inputs = [];
    this.grads = [];
    const cells = [];
    for (let j = 0; j < dims; j++) {
      const label = doc.createElement('label');
      const number = doc.createElement('span');
      number.textContent = String(j + 1);
      const input = element(doc, 'input', '', 'pantry-entry');
      input.type = 'number';
      input.step = 'any';
      input.inputMode = 'decimal';
      input.setAttribute('aria-label', t('pantry.entry', { n: j + 1, c: tokenLabel(tokens[token]) }));
      input.addEventListener('change', () => this.edit(token, j, input.valueAsNumber));
      const grad = doc.createElement('small');
      label.append(number, input, grad);
      this.inputs.push(input);
      this.grads.push(grad);
      cells.push(label);
    }
    this.entries.replaceChildren(...cells);
  }

  async edit(token, j, value) {
    this.showError(await this.onEdit(token, j, value));
  }

  showError(message) {
    this.error.textContent = message ?? '';
    this.error.classList.toggle('visible', Boolean(message));
  }
}
