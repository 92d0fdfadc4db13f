// Types of the package's <neural-kitchen> element: its attributes (all strings, as in HTML),
// its handle once ready, and its events.

import type { ControlName, CounterName, Handle, PresetName, ViewName } from './mount.js';

export type * from './mount.js';

/** The element's attributes, as an HTML author writes them. */
export interface NeuralKitchenAttributes {
  preset?: PresetName;
  /** JSON of settings merged over the preset: `'{"learningRate": 0.3, "hidden": "8:tanh,4:tanh"}'`. */
  config?: string;
  lang?: 'en' | 'zh';
  /** A comma list of view names. */
  views?: string | `${ViewName}`;
  /** A comma list of control names. */
  controls?: string | `${ControlName}`;
  /** A comma list of counter names. */
  counters?: string | `${CounterName}`;
  frame?: 'box' | 'none';
  /** Present: play once on screen; `until-epoch:N`; `until-learned`. */
  autoplay?: '' | 'true' | 'false' | 'until-learned' | `until-epoch:${number}`;
  workers?: 'auto' | '1' | '2';
}

/** The element's own events (`error`: a bad attribute or a failed load, shown in its box). */
export interface NeuralKitchenElementEventMap extends Omit<HTMLElementEventMap, 'error'> {
  ready: CustomEvent<{ handle: Handle }>;
  error: CustomEvent<{ message: string }>;
  'autoplay-end': CustomEvent<{ reason: string; epoch: number }>;
}

export declare class NeuralKitchenElement extends HTMLElement {
  static readonly observedAttributes: (keyof NeuralKitchenAttributes)[];
  /** Set once the element fired `ready`; null before and after a failed mount. */
  readonly handle: Handle | null;
  addEventListener<K extends keyof NeuralKitchenElementEventMap>(type: K, listener: (this: NeuralKitchenElement, event: NeuralKitchenElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof NeuralKitchenElementEventMap>(type: K, listener: (this: NeuralKitchenElement, event: NeuralKitchenElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'neural-kitchen': NeuralKitchenElement;
  }
}
