// Image mode's own controls: the example picker (a random test image, or one of a class), the
// class names in its menus and the pad's title, and the drawing pad's buttons (clear, add the
// drawing to the training set with its label: chosen each time, never a default, so one click
// cannot add a mislabelled drawing).

import { formatCount } from '../../views/format.js';
import { messageOf } from '../../app/messages.js';
import { classNamesOf } from './classes.js';

export class ImageControls {
  // root: the Document or a ShadowRoot; app: { trainer(), dataset(), t() (the translator),
  // classes (how many an image dataset has), pick(index) (follow a test image), imageMode,
  // network(), requestDraw() }.
  constructor(root, app) {
    this.root = root;
    this.classes = app.classes;
    this.t = app.t;
    const byId = (id) => root.getElementById(id);
    byId('pad-label').addEventListener('change', () => this.showAdd());
    const testLabels = () => app.trainer().testLabels();
    byId('example-random').addEventListener('click', () => app.pick(Math.floor(Math.random() * testLabels().length)));
    byId('example-class').addEventListener('change', (event) => {
      const c = Number(event.target.value);
      const labels = testLabels();
      const of = [];
      for (let n = 0; n < labels.length; n++) if (labels[n] === c) of.push(n);
      if (of.length > 0) app.pick(of[Math.floor(Math.random() * of.length)]);
      event.target.value = '';
    });
    byId('pad-clear').addEventListener('click', () => app.imageMode.pad.clear());
    byId('pad-add').addEventListener('click', async () => {
      const pixels = app.imageMode.preparedDrawing(app.network());
      const status = byId('pad-status');
      const t = app.t();
      if (!pixels) {
        status.textContent = t('padEmpty');
        return;
      }
      const label = Number(byId('pad-label').value);
      try {
        await app.trainer().addTrainingImage(pixels, label);
        status.textContent = t('padAdded', { name: classNamesOf(app.dataset(), t, app.classes)[label], n: formatCount(app.trainer().trainCount()) });
        // The next drawing asks for its own label.
        byId('pad-label').value = '';
        this.showAdd();
      } catch (error) {
        status.textContent = messageOf(error);
      }
      app.requestDraw();
    });
  }

  // The class names in the menus, and the pad's title: a digit, or a piece of clothing.
  showClasses(dataset, t) {
    const padTitle = this.root.getElementById('pad-title');
    padTitle.dataset.i18n = dataset === 'fashion' ? 'padTitle.fashion' : 'padTitle';
    padTitle.textContent = t(padTitle.dataset.i18n);
    const names = classNamesOf(dataset, t, this.classes);
    for (const id of ['example-class', 'pad-label']) {
      const select = this.root.getElementById(id);
      const keep = select.value;
      const choices = names.map((name, c) => new Option(name, String(c)));
      choices.unshift(new Option(id === 'pad-label' ? t('padChoose') : '–', ''));
      select.replaceChildren(...choices);
      select.value = keep;
    }
    this.showAdd();
  }

  // The add button waits for a label, and says so.
  showAdd() {
    const add = this.root.getElementById('pad-add');
    add.disabled = this.root.getElementById('pad-label').value === '';
    add.dataset.i18n = add.disabled ? 'padNeedsLabel' : 'padAdd';
    add.textContent = this.t()(add.dataset.i18n);
  }
}
