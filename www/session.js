// Owns the wasm Trainer handle: applies a changed config in place (setTraining) or by building a
// new Trainer, and keeps the running one whenever the core rejects a change.

import { changedFields, configOnly, TRAINING_FIELDS } from './state.js';

export class TrainerSession {
  // build(config) → Trainer: `new Trainer(config)` for points, `Trainer.withImages` with the
  // already fetched files for images (see image-files.js).
  constructor(build, config) {
    this.build = (c) => build(configOnly(c));
    this.trainer = this.build(config);
    // The config as the user asked for it (the core reports f32 values, e.g. 0.029999999).
    this.intent = { ...config };
    // Bumped whenever the trainer or its parameters change outside training (views re-read).
    this.generation = 0;
  }

  // Returns 'same' | 'adjusted' | 'rebuilt'; throws the core's Error and changes nothing on a bad config.
  apply(config) {
    const changed = changedFields(this.intent, config);
    if (changed.length === 0) return 'same';
    if (changed.every((name) => TRAINING_FIELDS.includes(name))) {
      this.trainer.setTraining(Object.fromEntries(changed.map((name) => [name, config[name]])));
      this.intent = { ...config };
      return 'adjusted';
    }
    this.replace(this.build(config), config);
    return 'rebuilt';
  }

  // Always a fresh trainer, even when the config is the running one (a recipe starts anew).
  load(config) {
    this.replace(this.build(config), config);
  }

  replace(trainer, config) {
    const old = this.trainer;
    this.trainer = trainer;
    this.intent = { ...config };
    this.generation += 1;
    old.free?.();
  }

  reset() {
    this.trainer.reset();
    this.generation += 1;
  }

  setWeight(index, value) {
    this.trainer.setWeight(index, value);
    this.generation += 1;
  }
}
