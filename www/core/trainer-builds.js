// The ways the worker builds a Trainer (how, with the wasm class's arguments): from a config,
// with its image or text files, or from a model file.

const BUILDS = {
  config: (Trainer, args) => new Trainer(...args),
  images: (Trainer, args) => Trainer.withImages(...args),
  json: (Trainer, args) => Trainer.fromJSON(...args),
  jsonImages: (Trainer, args) => Trainer.fromJSONWithImages(...args),
  text: (Trainer, args) => Trainer.withText(...args),
  jsonText: (Trainer, args) => Trainer.fromJSONWithText(...args),
};

// The builds of a text trainer (its samples are kept at each epoch's end).
export const TEXT_BUILDS = ['text', 'jsonText'];

// A new Trainer; throws the core's error (or names an unknown `how`).
export function makeTrainer(Trainer, how, args) {
  const build = BUILDS[how];
  if (!build) throw new Error(`unknown build ${how}`);
  return build(Trainer, args);
}
