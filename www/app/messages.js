// Page-level messages (a bad link value, a model file that did not load, a crashed core), kept
// as translation keys so they follow a language switch; each can be dismissed, and one may carry
// a button of its own (Reload).

import { shortMessage } from '../views/format.js';

export class Messages {
  constructor(root) {
    this.root = root;
    this.items = []; // {key, vars, action: {label (a key), run()} | undefined}
  }

  // vars' texts are cut like every echoed value (a 100 KB link value never widens the page).
  add(key, vars = {}, action = undefined) {
    const short = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? shortMessage(v) : v]));
    this.items.push({ key, vars: short, action });
  }

  clear() {
    this.items = [];
  }

  render(t) {
    const doc = this.root.ownerDocument;
    this.root.replaceChildren(...this.items.map((item, i) => {
      const p = doc.createElement('p');
      p.className = 'message';
      p.dataset.testid = 'page-message';
      const text = doc.createElement('span');
      text.textContent = t(item.key, item.vars);
      const close = doc.createElement('button');
      close.type = 'button';
      close.className = 'small';
      close.textContent = '×';
      close.setAttribute('aria-label', t('dismiss'));
      close.addEventListener('click', () => {
        this.items.splice(i, 1);
        this.render(t);
      });
      p.append(text);
      if (item.action) {
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'small';
        button.textContent = t(item.action.label);
        button.addEventListener('click', item.action.run);
        p.append(button);
      }
      p.append(close);
      return p;
    }));
  }
}

// The text of anything thrown: an Error's message (the core's errors are Errors), or the value,
// with long values cut.
export function messageOf(error) {
  return shortMessage(error instanceof Error ? error.message : String(error));
}
