// The cook's answer for one image: a bar per class with its probability; the right answer (when
// known) is marked, the cook's pick is bold.

import { ProbabilityBar } from '../../views/probability-bar.js';

export class ClassBars {
  // classes: how many classes an image dataset has (the core's schema says).
  constructor(root, classes) {
    this.root = root;
    this.classes = classes;
    const doc = root.ownerDocument;
    this.rows = [];
    const list = doc.createElement('ol');
    list.className = 'class-bars';
    list.dataset.testid = 'class-bars';
    for (let c = 0; c < this.classes; c++) {
      const li = doc.createElement('li');
      const name = doc.createElement('span');
      name.className = 'bar-name';
      const label = doc.createElement('span');
      // Always there, shown on the right answer only: the bars do not shift when it moves.
      const check = doc.createElement('span');
      check.className = 'bar-check';
      check.textContent = ' ✓';
      name.append(label, check);
      const probability = new ProbabilityBar(doc);
      probability.value.dataset.testid = 'class-probability';
      li.append(name, probability.track, probability.value);
      list.append(li);
      this.rows.push({ li, label, probability });
    }
    root.replaceChildren(list);
  }

  // probs: 10 probabilities (or null: nothing to show); truth: the label or null (a drawing).
  update(probs, truth, classNames, t) {
    let best = 0;
    if (probs) for (let c = 1; c < this.classes; c++) if (probs[c] > probs[best]) best = c;
    this.rows.forEach((row, c) => {
      const p = probs ? probs[c] : 0;
      if (row.label.textContent !== classNames[c]) row.label.textContent = classNames[c];
      row.probability.show(probs ? p : null);
      row.li.classList.toggle('pick', Boolean(probs) && c === best);
      row.li.classList.toggle('truth', c === truth);
      row.li.title = c === truth ? t('rightAnswer') : '';
    });
  }
}
