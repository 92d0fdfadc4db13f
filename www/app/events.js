// The handle's events: listeners by name, called with a detail object ('step', 'phase', ...).

const EVENTS = ['step', 'epoch', 'phase', 'config', 'reset', 'play', 'pause', 'edit', 'lang'];

export class AppEvents {
  constructor() {
    this.listeners = new Map(); // event name → Set of functions
  }

  // Calls fn(detail) on each `event`; returns the function that stops it.
  on(event, fn) {
    if (!EVENTS.includes(event)) throw new Error(`on: the event must be one of ${EVENTS.join(', ')}, got ${event}`);
    if (typeof fn !== 'function') throw new Error('on: the listener must be a function');
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(fn);
    return () => this.listeners.get(event)?.delete(fn);
  }

  emit(event, detail) {
    for (const fn of this.listeners.get(event) ?? []) fn(detail);
  }

  clear() {
    this.listeners.clear();
  }
}
