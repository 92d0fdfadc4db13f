// The modes: one per kind of data, each a folder whose index.js exports one object. Shared code
// (the app, its loop and views, the lesson, embedding) reaches a mode only through this table;
// a new kind of data is a new folder and one line here.
//
// A mode: {
//   name: its name (the core's schema names a dataset's mode),
//   markup: its boxes, slot name → HTML (app/markup.js puts them in, shown in this mode only),
//   text: its strings, { en: { key: text }, zh: … } (app/i18n.js adds them to the shared ones),
//   phaseViews: the view fields that follow a phase by hand ('edges', ...),
//   reads: the trainer's views its draw reads every time (by name; each snapshot brings them, so
//     the first draw after a switch needs no second snapshot),
//   create(root, host) → its views, built once in the app's root: {
//     showSettings(intent, net, t): its config controls (the layer editor, its menus),
//     forget(): a new cook; drop what was selected in the old one,
//     draw(frame, context) → phaseSentence(phase) → [i18n key, values]: reads the frame
//       (app/frame-data.js) and paints its views; the words of the phase strip's sentence,
//     idle(frame, milliseconds) → boolean: while paused, pending work (true: more to do),
//     lossChart(t) → { references: [{ value, label }], yLabel } (optional): the loss chart's
//       reference lines and axis name,
//     counters(metrics) → [[key, text]] (optional): counters shown after the shared ones,
//     dish(t) → a canvas to copy | a text | null (optional): its last dish, the thumbnail of the
//       ghost a cook leaves when it ends (app/ghost-cooks.js),
//   },
// }
// host (the app, lent to a mode): { Trainer, Charts (the page's core), fields (settings/fields.js), trainer() (a mirror of the
//   worker's: app/trainer-mirror.js), intent(), network(), t(), requestDraw(),
//   answered({ prompt, text, error, step }) (text mode's chat box answered: the 'answer' event),
//   pick(viewField?, value?) (the learner picked what the views follow: not the batch),
//   changeField(name, text), changeValue(name, value), showError(field, message),
//   setWeight(index, value) → null or the core's message }.
// context (one draw): { t, view, intent, follow: { showBatch }, pacing (the loop), generation,
//   playing, fixedSplit }.

import { imagesMode } from './images/index.js';
import { pointsMode } from './points/index.js';
import { textMode } from './text/index.js';

export const MODES = [pointsMode, imagesMode, textMode];

// The mode of that name (the core's schema says which kind of data a dataset is: the app's
// field table, settings/fields.js, reads it).
export function modeNamed(name) {
  return MODES.find((mode) => mode.name === name);
}
