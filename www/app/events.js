// The handle's events: listeners by name, called with a detail object ('step', 'phase', ...).

import { echo } from '../views/format.js';

const EVENTS = ['step', 'epoch', 'phase', 'config', 'reset', 'play', 'pause', 'edit', 'lang', 'diverged', 'answer'];

export class AppEvents {
  constructor() {
    this.listeners = new Map(); // event name → Set of functions
  }

  // Calls fn(detail) on each `event`; returns the function that stops it.
  on(event, fn) {
    if (!EVENTS.includes(event)) throw new Error(`on: the event must be one of ${EVENTS.join(', ')}, got ${echo(event)}`);
    if (typeof fn !== 'function') throw new Error('on: the listener must be a function');
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(fn);
    return () => this.listeners.get(event)?.delete(fn);
  }

  // Each listener runs on its own: one that throws is reported on the console
  // and the others, and the training loop that emitted, carry on.
  emit(event, detail) {
    for (const fn of this.listeners.get(event) ?? []) {
      try {
        fn(detail);
      } catch (error) {
        reportListenerError(event, error);
      }
    }
  }

  clear() {
    this.listeners.clear();
  }
}

function reportListenerError(event, error) {
  console.error(`Neural Kitchen: a '${event}' listener threw`, error);
}
