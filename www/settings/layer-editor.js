// The hidden-layer editor: add or remove layers, change each layer's neuron count (+/-) and
// activation. It reports the new layer list as the URL text of the `hidden` field.

import { ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_UNITS, formatValue, fieldSpec } from './state.js';

export class LayerEditor {
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange; // (text) => void
    this.layers = [];
  }

  emit(layers) {
    this.onChange(formatValue(fieldSpec('hidden'), layers));
  }

  show(layers, t) {
    this.layers = layers.map((l) => ({ ...l }));
    const doc = this.container.ownerDocument;
    const focused = doc.activeElement?.dataset?.key;
    this.container.replaceChildren();

    const head = doc.createElement('div');
    head.className = 'layer-head';
    const title = doc.createElement('span');
    title.className = 'layer-count';
    title.textContent = `${t('hiddenLayers')}: ${layers.length}`;
    head.append(
      this.button('−', t('removeLayer'), 'layers-', layers.length === 0, () => this.emit(this.layers.slice(0, -1))),
      this.button('+', t('addLayer'), 'layers+', layers.length >= MAX_HIDDEN_LAYERS, () => {
        const last = this.layers[this.layers.length - 1] ?? { units: 4, activation: 'tanh' };
        this.emit([...this.layers, { ...last }]);
      }),
      title,
    );
    this.container.append(head);

    const list = doc.createElement('ol');
    list.className = 'layer-list';
    this.layers.forEach((layer, i) => {
      const n = i + 1;
      const item = doc.createElement('li');
      const name = doc.createElement('span');
      name.className = 'layer-name';
      name.textContent = t('layerN', { n });
      const units = doc.createElement('span');
      units.className = 'layer-units';
      units.textContent = t('neurons', { n: layer.units });
      const select = doc.createElement('select');
      select.setAttribute('aria-label', t('activationOf', { n }));
      select.dataset.key = `act${i}`;
      for (const a of ACTIVATIONS) {
        const option = doc.createElement('option');
        option.value = a;
        option.textContent = t(`act.${a}`);
        select.append(option);
      }
      select.value = layer.activation;
      select.addEventListener('change', () => this.emit(this.with(i, { activation: select.value })));
      item.append(
        name,
        this.button('−', t('fewerNeurons', { n }), `units-${i}`, layer.units <= 1, () => this.emit(this.with(i, { units: layer.units - 1 }))),
        units,
        this.button('+', t('moreNeurons', { n }), `units+${i}`, layer.units >= MAX_UNITS, () => this.emit(this.with(i, { units: layer.units + 1 }))),
        select,
      );
      list.append(item);
    });
    this.container.append(list);
    if (focused) this.container.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  with(i, change) {
    return this.layers.map((l, k) => (k === i ? { ...l, ...change } : l));
  }

  button(text, label, key, disabled, onClick) {
    const b = this.container.ownerDocument.createElement('button');
    b.type = 'button';
    b.className = 'small';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.dataset.key = key;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  }
}
