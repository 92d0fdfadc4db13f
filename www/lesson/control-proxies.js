// The controls a scene's tasks name, carried in the lesson panel beside the task: each is a stand-in
// that holds no state of its own. It shows what the real control shows (its label, value, pressed
// or disabled state, its error) and hands every press or change to the real control, so the app
// checks and applies it exactly as if the learner had used the real one.

import { STAGE_CONTROLS } from './stage-controls.js';

export class ControlProxies {
  // app: the app's box (the handle's element); parent: where the row of stand-ins goes.
  constructor(app, parent) {
    this.app = app;
    const doc = parent.ownerDocument;
    this.row = doc.createElement('div');
    this.row.className = 'nk-lesson-controls';
    this.row.dataset.testid = 'lesson-controls';
    this.error = doc.createElement('p');
    this.error.className = 'nk-lesson-control-error';
    this.error.setAttribute('role', 'alert');
    parent.append(this.row, this.error);
    this.proxies = [];
    // A real control changes its words or state on its own (Play becomes Pause, the language
    // changes, a field shows an error): the stand-ins follow.
    this.observer = new MutationObserver(() => this.sync());
  }

  // The stand-ins for a scene's controls (places on a view get none).
  show(keys) {
    const carried = keys.filter((key) => STAGE_CONTROLS[key] && STAGE_CONTROLS[key].kind !== 'place');
    if (carried.join() === this.proxies.map((p) => p.key).join()) return;
    this.proxies = carried.map((key) => makeProxy(this.row.ownerDocument, key, STAGE_CONTROLS[key], () => this.real(key)));
    this.row.replaceChildren(...this.proxies.map((p) => p.box));
    this.row.hidden = this.proxies.length === 0;
    this.observed = null;
    this.sync();
  }

  real(key) {
    return this.app.querySelector(STAGE_CONTROLS[key].selector);
  }

  // Copies each real control's state into its stand-in; a control the app lacks (another mode)
  // hides its stand-in.
  sync() {
    const reals = this.proxies.map((p) => this.real(p.key));
    this.observe(reals);
    let error = '';
    this.proxies.forEach((proxy, i) => {
      const real = reals[i];
      proxy.box.hidden = !real;
      if (!real) return;
      proxy.sync(real);
      error ||= this.app.querySelector(`[data-error-for~="${proxy.key}"]`)?.textContent.trim() ?? '';
    });
    if (this.error.textContent !== error) this.error.textContent = error;
    this.error.hidden = error === '';
  }

  // Watches the real controls and their error lines (again whenever the app has rebuilt one).
  observe(reals) {
    const errors = this.proxies.map((p) => this.app.querySelector(`[data-error-for~="${p.key}"]`));
    const nodes = [...reals, ...errors].filter(Boolean);
    if (this.observed && nodes.length === this.observed.length && nodes.every((n, i) => n === this.observed[i])) return;
    this.observer.disconnect();
    for (const node of nodes) this.observer.observe(node, { attributes: true, childList: true, characterData: true, subtree: true });
    this.observed = nodes;
  }

  destroy() {
    this.observer.disconnect();
  }
}

// The label a real field shows (its first span), else its own words.
function labelOf(real) {
  return (real.labels?.[0]?.querySelector('span') ?? real.labels?.[0] ?? real).textContent.trim();
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// One stand-in: { key, box, sync(real) }; `real()` finds the real control when it is used.
function makeProxy(doc, key, spec, real) {
  const el = (tag, className) => Object.assign(doc.createElement(tag), className ? { className } : {});
  if (spec.kind === 'button') {
    const button = el('button', 'nk-lesson-control');
    button.type = 'button';
    button.dataset.control = key;
    button.addEventListener('click', () => real()?.click());
    return {
      key,
      box: button,
      sync(r) {
        setText(button, r.textContent.trim());
        button.title = r.title;
        button.disabled = r.disabled;
        button.classList.toggle('is-primary', r.classList.contains('primary'));
        if (r.hasAttribute('aria-pressed')) button.setAttribute('aria-pressed', r.getAttribute('aria-pressed'));
      },
    };
  }
  const box = el('label', `nk-lesson-field is-${spec.kind}`);
  const words = el('span');
  const input = spec.kind === 'choice' ? el('select') : el('input');
  input.dataset.control = key;
  if (spec.kind === 'number') Object.assign(input, { type: 'number', step: 'any', inputMode: 'decimal' });
  if (spec.kind === 'toggle') input.type = 'checkbox';
  box.append(...(spec.kind === 'toggle' ? [input, words] : [words, input]));
  // The real control takes the value and runs its own change (validation, the new cook).
  input.addEventListener('change', () => {
    const r = real();
    if (!r) return;
    if (spec.kind === 'toggle') r.checked = input.checked;
    else r.value = input.value;
    r.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return {
    key,
    box,
    sync(r) {
      setText(words, labelOf(r));
      input.disabled = r.disabled;
      if (spec.kind === 'toggle') input.checked = r.checked;
      if (spec.kind === 'choice') copyOptions(input, r);
      // A number being typed is left alone until it is entered.
      if (spec.kind === 'choice' || (spec.kind === 'number' && doc.activeElement !== input)) {
        if (input.value !== r.value) input.value = r.value;
      }
    },
  };
}

function copyOptions(select, real) {
  const options = [...real.options];
  const same = options.length === select.options.length
    && options.every((o, i) => o.value === select.options[i].value && o.text === select.options[i].text);
  if (!same) select.replaceChildren(...options.map((o) => new Option(o.text, o.value)));
}
