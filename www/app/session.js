// Owns the wasm Trainer handle: applies a changed config in place (setTraining) or by building a
// new Trainer, and keeps the running one whenever the core rejects a change.

import { messageOf } from './messages.js';
import { changedFields, configOnly, formatValue } from '../settings/state.js';

export class TrainerSession {
  // fields: the config's field table (settings/fields.js); build(config) → Trainer: `new
  // Trainer(config)` for points, `Trainer.withImages` with the already fetched files for images
  // (see image-files.js).
  constructor(fields, build, config) {
    this.fields = fields;
    this.build = (c) => build(configOnly(fields, c));
    this.trainer = this.build(config);
    // The config as the user asked for it (the core reports f32 values, e.g. 0.029999999).
    this.intent = { ...config };
    // Bumped whenever the trainer or its parameters change outside training (views re-read).
    this.generation = 0;
    this.measured = null; // the trainer's metrics() until the next call that changes them
  }

  // The running trainer's metrics, read from the core once after each change (a frame, its
  // events and the handle share them).
  metrics() {
    this.measured ??= this.trainer.metrics();
    return this.measured;
  }

  // Every call that trains or changes the trainer goes through `changes`, so metrics are read
  // again after it: run(trainer) → its result.
  changes(run) {
    this.measured = null;
    return run(this.trainer);
  }

  // Returns 'same' | 'adjusted' | 'rebuilt'; throws the core's Error and changes nothing on a bad config.
  apply(config) {
    const changed = changedFields(this.fields, this.intent, config);
    if (changed.length === 0) return 'same';
    // Every field the schema marks `training` changes in place; any other needs a new cook.
    if (changed.every((name) => this.fields.trainingNames.includes(name))) {
      this.changes((trainer) => trainer.setTraining(Object.fromEntries(changed.map((name) => [name, config[name]]))));
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
    this.measured = null;
    this.intent = { ...config };
    this.generation += 1;
    old.free?.();
  }

  reset() {
    this.changes((trainer) => trainer.reset());
    this.generation += 1;
  }

  setWeight(index, value) {
    this.changes((trainer) => trainer.setWeight(index, value));
    this.generation += 1;
  }
}

// The config field a core error is about, if it is one the link sets: the one it names (its
// `field`: "hidden" for a fault in hidden[1].units), or else the layers when they are not the
// defaults (a shape error, "layer 2: kernel 3×3 is larger than its 1×1 input", names no field;
// only the layers make shapes), so one bad layer never costs the rest of the config.
function fieldOf(fields, error, config, defaults) {
  const name = error?.field;
  if (fields.configNames.includes(name)) return name;
  const layers = ['layers', 'hidden'].find((n) => fields.configNames.includes(n) && fields.spec(n).modes.includes(fields.modeOf(config.dataset)));
  const differs = layers && formatValue(fields.spec(layers), config[layers]) !== formatValue(fields.spec(layers), defaults[layers]);
  return differs ? layers : null;
}

// Builds the first trainer; a value the core rejects (a combination the table alone cannot
// check, e.g. a batch larger than the training set) falls back to its default.
export function firstSession(fields, build, presetOf, config, messages) {
  let candidate = config;
  for (let attempt = 0; attempt <= fields.configNames.length; attempt++) {
    try {
      return new TrainerSession(fields, build, candidate);
    } catch (error) {
      const message = messageOf(error);
      const defaults = presetOf(candidate.dataset);
      const field = fieldOf(fields, error, candidate, defaults);
      messages.add('configFallback', { message, field: field ?? 'config' });
      candidate = field && formatValue(fields.spec(field), candidate[field]) !== formatValue(fields.spec(field), defaults[field])
        ? { ...candidate, [field]: defaults[field] }
        : { ...defaults };
    }
  }
  return new TrainerSession(fields, build, presetOf('spiral'));
}
