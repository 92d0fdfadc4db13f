// Owns the running trainer (a mirror of the one in the app's worker): applies a changed config in
// place (setTraining) or by building a new trainer, and keeps the running one whenever the core
// rejects a change.

import { messageOf } from './messages.js';
import { changedFields, configOnly, formatValue } from '../settings/state.js';

export class TrainerSession {
  // fields: the config's field table (settings/fields.js); build(config) → a promise of a
  // trainer (see data-files.js: points need no files, images and text their fetched ones); trainer: the
  // first one, built from `config`.
  constructor(fields, build, trainer, config) {
    this.fields = fields;
    this.build = (c) => build(configOnly(fields, c));
    this.trainer = trainer;
    // The config as the user asked for it (the core reports f32 values, e.g. 0.029999999).
    this.intent = { ...config };
    // Bumped whenever the trainer or its parameters change outside training (views re-read).
    this.generation = 0;
    // The config the running cook started training with: what a ghost of it is labelled by
    // (settings changed in place before its first step count as its start).
    this.started = { ...config };
    // Called with (trainer, started) just before a cook is reset or replaced (the app keeps its
    // ghost: app/ghost-cooks.js).
    this.onCookEnds = null;
  }

  static async start(fields, build, config) {
    return new TrainerSession(fields, build, await build(configOnly(fields, config)), config);
  }

  // The running trainer's metrics after its last change or snapshot.
  metrics() {
    return this.trainer.metrics();
  }

  // Resolves to 'same' | 'adjusted' | 'rebuilt'; rejects with the core's Error and changes
  // nothing on a bad config.
  async apply(config) {
    const changed = changedFields(this.fields, this.intent, config);
    if (changed.length === 0) return 'same';
    // Every field the schema marks `training` changes in place; any other needs a new cook.
    if (changed.every((name) => this.fields.trainingNames.includes(name))) {
      await this.trainer.setTraining(Object.fromEntries(changed.map((name) => [name, config[name]])));
      this.intent = { ...config };
      if (this.metrics().step === 0) this.started = { ...config };
      return 'adjusted';
    }
    this.replace(await this.build(config), config);
    return 'rebuilt';
  }

  // Always a fresh trainer, even when the config is the running one (a recipe starts anew).
  async load(config) {
    this.replace(await this.build(config), config);
  }

  replace(trainer, config) {
    const old = this.trainer;
    this.onCookEnds?.(old, this.started);
    this.trainer = trainer;
    this.intent = { ...config };
    this.started = { ...config };
    this.generation += 1;
    old.free?.();
  }

  async reset() {
    this.onCookEnds?.(this.trainer, this.started);
    await this.trainer.reset();
    this.started = { ...this.intent };
    this.generation += 1;
  }

  // A checkpoint restored (see TrainerMirror.rewind): the training settings follow the trainer's.
  async rewind(order) {
    const result = await this.trainer.rewind(order);
    const config = this.trainer.config();
    for (const name of this.fields.trainingNames) if (name in config) this.intent[name] = config[name];
    this.generation += 1;
    return result;
  }

  async setWeight(index, value) {
    await this.trainer.setWeight(index, value);
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
export async function firstSession(fields, build, presetOf, config, messages) {
  let candidate = config;
  for (let attempt = 0; attempt <= fields.configNames.length; attempt++) {
    try {
      return await TrainerSession.start(fields, build, candidate);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      const message = messageOf(error);
      const defaults = presetOf(candidate.dataset);
      const field = fieldOf(fields, error, candidate, defaults);
      messages.add('configFallback', { message, field: field ?? 'config' });
      candidate = field && formatValue(fields.spec(field), candidate[field]) !== formatValue(fields.spec(field), defaults[field])
        ? { ...candidate, [field]: defaults[field] }
        : { ...defaults };
    }
  }
  return TrainerSession.start(fields, build, presetOf('spiral'));
}
