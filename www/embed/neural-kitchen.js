// <neural-kitchen preset="xor" views="boundary,loss" controls="play,step" counters="epoch,testAccuracy"
// frame="none" config='{"learningRate":0.1}' lang="en" autoplay workers="1">: one app with its own Trainer in the element's shadow root, sized by its
// container. A bad attribute shows its message inside the element's own box; the page goes on.
// The handle is element.handle once the element fires 'ready' (event.detail.handle).

import { addStyles, mountInShadow } from './mount.js';
import { splitNames } from '../settings/parts.js';
import { echo } from '../views/format.js';

const ATTRIBUTES = ['preset', 'config', 'lang', 'controls', 'views', 'counters', 'frame', 'autoplay', 'workers'];

// The mount options the attributes spell; throws an Error naming the attribute.
function optionsOf(el) {
  const options = {};
  for (const name of ['preset', 'lang', 'frame']) if (el.hasAttribute(name)) options[name] = el.getAttribute(name).trim();
  for (const name of ['views', 'controls', 'counters']) if (el.hasAttribute(name)) options[name] = splitNames(el.getAttribute(name));
  if (el.hasAttribute('config')) {
    const text = el.getAttribute('config');
    try {
      options.config = JSON.parse(text);
    } catch {
      throw new Error(`config must be JSON such as {"learningRate": 0.03}, got ${echo(text)}`);
    }
  }
  if (el.hasAttribute('autoplay')) options.autoplay = el.getAttribute('autoplay').trim();
  if (el.hasAttribute('workers')) {
    const text = el.getAttribute('workers').trim();
    options.workers = /^[12]$/.test(text) ? Number(text) : text;
  }
  return options;
}

export class NeuralKitchenElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #handle = null;
  #mounting = 0; // bumped by each (re)mount, so a slow earlier one gives way

  get handle() {
    return this.#handle;
  }

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#mounting += 1;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback() {
    if (this.isConnected && (this.#handle || this.shadowRoot)) this.#remount();
  }

  async #remount() {
    const turn = ++this.#mounting;
    this.#handle?.destroy();
    this.#handle = null;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    try {
      const handle = await mountInShadow(shadow, this, optionsOf(this));
      if (turn !== this.#mounting) {
        handle.destroy();
        return;
      }
      this.#handle = handle;
      this.dispatchEvent(new CustomEvent('ready', { detail: { handle } }));
    } catch (error) {
      if (turn === this.#mounting) await this.#showError(shadow, error);
    }
  }

  async #showError(shadow, error) {
    shadow.replaceChildren();
    await addStyles(shadow).catch(() => {});
    const box = this.ownerDocument.createElement('p');
    box.className = 'nk-error';
    box.setAttribute('role', 'alert');
    box.dataset.testid = 'embed-error';
    box.textContent = `Neural Kitchen: ${error instanceof Error ? error.message : String(error)}`;
    shadow.append(box);
    this.dispatchEvent(new CustomEvent('error', { detail: { message: box.textContent } }));
  }
}

if (!customElements.get('neural-kitchen')) customElements.define('neural-kitchen', NeuralKitchenElement);
