// The parameter panel: one weight or bias (picked on the diagram, or with its selects from the
// keyboard) with its value, gradient, optimizer state and last update, and a field to edit it.

import { appHTML } from '../../app/trusted-html.js';
import { formatNumber } from '../../views/format.js';
import { biasIndex, columnNames, locate, parameterName, weightIndex } from './parameter-index.js';

export class EdgePanel {
  // handlers: { select(index), edit(index, text) -> (a promise of) an error message or null, close() }
  constructor(root, handlers) {
    this.root = root;
    this.handlers = handlers;
    this.index = -1;
    this.buildKey = '';
    this.pickedIndex = -1;
  }

  open(index) {
    this.index = index;
    this.root.hidden = false;
    this.reveal = true; // once filled, brought into sight (under a long diagram, on a phone)
  }

  close() {
    this.index = -1;
    this.root.hidden = true;
  }

  build(net, t) {
    this.names = columnNames(net, t);
    this.root.replaceChildren();
    // The panel's frame: constant markup and the app's own translations.
    this.root.innerHTML = appHTML(`
      <div class="panel-head">
        <h3 data-testid="param-title"></h3>
        <button type="button" class="small close" data-testid="param-close"></button>
      </div>
      <div class="param-pick">
        <label><span>${t('paramLayer')}</span> <select data-pick="layer"></select></label>
        <label><span>${t('paramFrom')}</span> <select data-pick="from"></select></label>
        <label><span>${t('paramTo')}</span> <select data-pick="to"></select></label>
      </div>
      <dl class="param-values" data-testid="param-values"></dl>
      <form class="param-edit">
        <label><span>${t('editWeight')}</span> <input type="number" step="any" data-testid="param-input" inputmode="decimal"></label>
        <button type="submit" class="small">${t('apply')}</button>
        <p class="field-error" data-testid="param-error"></p>
      </form>`);
    const close = this.root.querySelector('.close');
    close.textContent = '×';
    close.setAttribute('aria-label', t('close'));
    close.addEventListener('click', () => this.handlers.close());
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.handlers.close();
    });
    const layer = this.root.querySelector('[data-pick="layer"]');
    net.layers.forEach((_, l) => layer.append(new Option(t('layerN', { n: l + 1 }), String(l))));
    for (const select of this.root.querySelectorAll('[data-pick]')) {
      select.addEventListener('change', () => this.pickFromSelects(net, select.dataset.pick));
    }
    const form = this.root.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const error = await this.handlers.edit(this.index, form.querySelector('input').value);
      const slot = form.querySelector('.field-error');
      slot.textContent = error ?? '';
      slot.classList.toggle('visible', Boolean(error));
      if (!error) form.querySelector('input').value = '';
    });
  }

  fillPickers(net, where) {
    const layer = this.root.querySelector('[data-pick="layer"]');
    const from = this.root.querySelector('[data-pick="from"]');
    const to = this.root.querySelector('[data-pick="to"]');
    layer.value = String(where.layer);
    from.replaceChildren(...this.names[where.layer].map((name, col) => new Option(name, String(col))), new Option(this.t('bias'), 'bias'));
    to.replaceChildren(...this.names[where.layer + 1].map((name, row) => new Option(name, String(row))));
    from.value = where.kind === 'bias' ? 'bias' : String(where.col);
    to.value = String(where.row);
  }

  pickFromSelects(net, changed) {
    const l = Number(this.root.querySelector('[data-pick="layer"]').value);
    const from = this.root.querySelector('[data-pick="from"]').value;
    const to = Number(this.root.querySelector('[data-pick="to"]').value);
    const layer = net.layers[l];
    if (changed === 'layer') {
      this.handlers.select(weightIndex(net, l, 0, 0));
      return;
    }
    const row = Math.min(to, layer.units - 1);
    this.handlers.select(from === 'bias' ? biasIndex(net, l, row) : weightIndex(net, l, row, Math.min(Number(from), layer.inputs - 1)));
  }

  // frame: { net, params, grads, update, optimizerStates: [{name, values}], t }
  update(frame) {
    if (this.index < 0) return;
    const { net, t } = frame;
    const where = locate(net, this.index);
    if (!where) {
      this.handlers.close();
      return;
    }
    const buildKey = JSON.stringify([net.layers.map((l) => [l.units, l.inputs]), net.features, t('bias')]);
    if (buildKey !== this.buildKey) {
      this.t = t;
      this.build(net, t);
      this.buildKey = buildKey;
      this.pickedIndex = -1;
    }
    if (this.pickedIndex !== this.index) {
      this.fillPickers(net, where);
      this.pickedIndex = this.index;
    }
    const i = this.index;
    const value = frame.params[i];
    const change = frame.update[i];
    this.root.querySelector('h3').textContent = parameterName(net, i, t, this.names);
    const rows = [
      [t('value'), formatNumber(value, 4)],
      [t('gradient'), formatNumber(frame.grads[i], 4)],
      ...frame.optimizerStates.map(({ name, values }) => [t(`opt.${name}`), formatNumber(values[i], 4)]),
      [t('lastUpdate'), `${t('beforeAfter', { before: formatNumber(value - change, 4), after: formatNumber(value, 4) })} (Δ ${formatNumber(change, 3)})`],
    ];
    this.showRows(rows);
    if (this.reveal) {
      this.reveal = false;
      // The page's scroll padding keeps it above a docked lesson panel.
      this.root.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    }
  }

  showRows(rows) {
    const list = this.root.querySelector('.param-values');
    const shown = JSON.stringify(rows);
    if (list.dataset.shown === shown) return;
    list.dataset.shown = shown;
    const doc = list.ownerDocument;
    list.replaceChildren(...rows.map(([k, v]) => {
      const row = doc.createElement('div');
      const [dt, dd] = [doc.createElement('dt'), doc.createElement('dd')];
      dt.textContent = k;
      dd.textContent = v;
      row.append(dt, dd);
      return row;
    }));
  }
}
