// Types of the package's mount() and the handle it resolves to (docs/embedding.md in the
// repository is the full reference). `Config` is generated from the core's schema; the names
// of presets, views, controls and counters from the sources, when the package is built.

import type { Config } from './crate/pkg/config-types.js';
import type { ControlName, CounterName, PresetName, ViewName } from './names.js';

export type { Config } from './crate/pkg/config-types.js';
export type { ControlName, CounterName, PresetName, ViewName } from './names.js';

/** The phases of one training step, in order. */
export type Phase = 'forward' | 'loss' | 'backward' | 'update';

/**
 * Settings by their link names: a config field as the link spells it (`"8:tanh,4:relu"` for
 * `hidden`) or as its config value, and the view settings (`speed`, `pauseLearned`, `lang`,
 * `edges`, `guard`, `maxSteps`, `budget`, …).
 */
export type Settings = { [K in keyof Config]?: Config[K] | string } & {
  speed?: 'slow' | 'normal' | 'fast';
  pauseLearned?: boolean;
  lang?: 'en' | 'zh';
  guard?: boolean;
  maxSteps?: number;
  budget?: number;
  [setting: string]: unknown;
};

export interface MountOptions {
  /** A core recipe (default `spiral`). */
  preset?: PresetName;
  /** Settings merged over the preset; each is checked like the link's. */
  config?: Settings;
  /** Default: the browser's language. */
  lang?: 'en' | 'zh';
  /** Default `['boundary', 'loss', 'phase', 'counters']`. */
  views?: ViewName[];
  /** Default `['play', 'step', 'reset']`. */
  controls?: ControlName[];
  /** Default `['epoch', 'testLoss', 'testAccuracy']`; a bad name is a note in the app, not an error. */
  counters?: CounterName[];
  /** `box` (default): one thin frame; `none`: flush with the article. */
  frame?: 'box' | 'none';
  /** `true` or `'true'`: play once on screen; `'until-epoch:N'` (N from 1 to 100000); `'until-learned'`; `false`. */
  autoplay?: boolean | 'true' | 'false' | 'until-learned' | `until-epoch:${number}`;
  /** The workers it trains in: `auto` (default), 1 or 2. */
  workers?: 'auto' | 1 | 2;
}

export interface Metrics {
  epoch: number;
  step: number;
  nextPhase: Phase;
  lastPhase: Phase | null;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** What each event's listener is given. */
export interface HandleEvents {
  step: { steps: number; metrics: Metrics };
  epoch: { epoch: number };
  phase: { phase: Phase; metrics: Metrics };
  config: { config: Config };
  reset: { metrics: Metrics };
  play: { metrics: Metrics };
  pause: { metrics: Metrics };
  edit: { index: number; value: number };
  lang: { lang: 'en' | 'zh' };
  diverged: { step: number; epoch: number; reason: 'notFinite' | 'exploding'; loss: number; lowest: number; learningRate: number };
  answer: { prompt: string; text: string | null; error: string | null; step: number };
}

/** Drives one app from a script; every call after `destroy()` throws. */
export interface Handle {
  play(): void;
  /** Pauses playing, or stops a running `step(n)`. */
  pause(): void;
  readonly playing: boolean;
  /** Runs `n` (1 to 100000) whole steps; resolves once the views show them. */
  step(n?: number): Promise<{ steps: number; cancelled: boolean }>;
  /** Runs the next phase; resolves with its name. */
  phase(): Promise<Phase>;
  /** Trains to the end of the current epoch, then pauses. */
  epoch(): Promise<void>;
  reset(): Promise<void>;
  /** Checked whole first; rejects with an Error naming a bad setting (the model keeps its state). */
  setConfig(partial: Settings): Promise<void>;
  /** A copy of the view settings (`speed`, `pauseLearned`, `lang`, `edges`, …). */
  settings(): Record<string, unknown>;
  /** A copy of the running config. */
  config(): Config;
  metrics(): Metrics;
  /** Calls `fn` on each event; returns the function that stops it. An unknown event throws. */
  on<E extends keyof HandleEvents>(event: E, fn: (detail: HandleEvents[E]) => void): () => void;
  /** Outlines one view and scrolls it into sight; `null` clears. */
  highlight(view: ViewName | null): void;
  /** A caption at the top of the app (plain text); `null` hides it. */
  caption(text: string | null): void;
  readonly lang: 'en' | 'zh';
  /** The app's own box (inside the shadow root). */
  readonly element: HTMLElement;
  /** The element holding the shadow root. */
  readonly host: HTMLElement;
  readonly views: ViewName[];
  /** Stops training, ends the app's worker and removes its DOM; a second call does nothing. */
  destroy(): void;
}

/** One app, with its own network, in a shadow root appended to `element`. Rejects with an Error naming a bad option. */
export function mount(element: Element, options?: MountOptions): Promise<Handle>;
