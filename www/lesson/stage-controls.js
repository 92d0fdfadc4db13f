// The controls a lesson scene can name (scenes.js: `controls: ['play', 'init']`), by key: where
// the real one is in the app, and how the lesson panel carries it. Pure data (the tests read it).
//
// kind: 'button' — the panel shows a button that presses the real one; 'choice', 'number',
// 'toggle' — a menu, a number field or a tick box that sets the real one (the app checks it as
// always); 'place' — a part of a view the panel cannot carry (the diagram's edges): the scene
// points at its view, which the lesson scrolls above the panel. `fields`: the settings the
// control changes, which the put-back prompt lets the learner change (scene-drift.js).

export const STAGE_CONTROLS = {
  play: { kind: 'button', selector: '#play' },
  step: { kind: 'button', selector: '#step' },
  phase: { kind: 'button', selector: '#phase' },
  epoch: { kind: 'button', selector: '#epoch' },
  reset: { kind: 'button', selector: '#reset' },
  init: { kind: 'choice', selector: '#init', fields: ['init'] },
  // A new loss brings its output activation with it (settings/state.js reconcile).
  loss: { kind: 'choice', selector: '#loss', fields: ['loss', 'outputActivation'] },
  learningRate: { kind: 'number', selector: '#learningRate', fields: ['learningRate'] },
  regularization: { kind: 'choice', selector: '#regularization', fields: ['regularization', 'regularizationRate'] },
  showTest: { kind: 'toggle', selector: '#showTest' },
  edges: { kind: 'place', selector: '#network-diagram' },
  // Text mode: the chat box's order field, and the pantry's jar editor (a row's numbers).
  prompt: { kind: 'place', selector: '#prompt' },
  pantry: { kind: 'place', selector: '[data-testid="pantry-editor"]' },
};

// The settings a scene's controls may change without leaving the scene's setup.
export function freeFields(keys) {
  return keys.flatMap((key) => STAGE_CONTROLS[key]?.fields ?? []);
}
