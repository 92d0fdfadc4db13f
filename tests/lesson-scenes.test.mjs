// The guided lesson's scene checks alone, in Node, against a pretend cook whose numbers the
// test sets (the real page drives them in integration/lesson.test.mjs), and the scenes' texts and configs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { initSync, Trainer } from '../crate/pkg/neural_kitchen.js';
import { SCENES, SceneRun, COMPARE_EPOCH } from '../www/lesson/scenes.js';
import { LESSON_TEXT, lessonText } from '../www/lesson/lesson-text.js';

const read = (file) => fs.readFileSync(new URL(`../${file}`, import.meta.url));
initSync({ module: read('crate/pkg/neural_kitchen_bg.wasm') });

// One scene's checks against a pretend cook whose metrics (m) and config (c) the test sets.
function sceneRun(n, changes = {}) {
  const scene = SCENES[n - 1];
  const cook = { c: { ...scene.config }, m: { epoch: 0, step: 0, nextPhase: 'forward', lastPhase: null, trainLoss: 0.84, testLoss: 0.84, trainAccuracy: 0.5, testAccuracy: 0.5, ...changes }, playing: false };
  const run = new SceneRun(scene, { ...cook.m }, { ...cook.c });
  // One event (with its detail) after changing metrics (m) and config (c); returns what the run
  // answered.
  const event = (name, m = {}, c = {}, detail = null) => {
    Object.assign(cook.m, m);
    Object.assign(cook.c, c);
    return run.observe(name, { ...cook.m }, { ...cook.c }, cook.playing, detail);
  };
  return { run, cook, event };
}

const PHASE_AFTER = { forward: 'loss', loss: 'backward', backward: 'update', update: 'forward' };

test('every scene has its texts in English and Chinese, one line per task', () => {
  assert.equal(SCENES.length, 13);
  // The page checks a link's scene number before it loads the lesson: it knows the count too.
  assert.match(String(read('www/page.js')), new RegExp(`const LESSON_SCENES = ${SCENES.length};`));
  for (const lang of ['en', 'zh']) {
    const { scenes, ui } = LESSON_TEXT[lang];
    assert.equal(scenes.length, SCENES.length, lang);
    for (const [k, words] of scenes.entries()) {
      assert.equal(words.tasks.length, SCENES[k].tasks.length, `${lang} scene ${k + 1}: tasks`);
      assert.ok(words.text.length >= 2 && words.text.length <= 3, `${lang} scene ${k + 1}: two or three sentences' paragraphs`);
      assert.ok(words.title && words.done, `${lang} scene ${k + 1}: title and praise`);
    }
    for (const key of Object.keys(LESSON_TEXT.en.ui)) assert.ok(ui[key], `${lang}: ui.${key}`);
  }
  // The same {placeholders} in both languages, so no number goes missing in translation.
  const holes = (s) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const [k, en] of LESSON_TEXT.en.scenes.entries()) {
    const zh = LESSON_TEXT.zh.scenes[k];
    for (const key of ['status', 'done', 'doneNaN']) assert.equal(holes(zh[key]), holes(en[key]), `scene ${k + 1} ${key}`);
  }
  // Each language writes its numbers its own way.
  assert.equal(lessonText('en').fill(LESSON_TEXT.en.scenes[1].status, { acc: '52 %' }), 'Right answers so far: 52 %');
  assert.equal(lessonText('zh').fill(LESSON_TEXT.zh.scenes[1].status, { acc: '52 %' }), '目前答对：52%');
});

// A scene's config names every setting of its dataset's mode (the core's schema says which;
// momentum only for the momentum optimiser) and nothing else, and the core builds a cook from it.
test('every scene sets up a whole, valid config for its mode', () => {
  const { fields, datasets } = Trainer.schema();
  for (const [k, scene] of SCENES.entries()) {
    const config = scene.config;
    const mode = datasets.find((d) => d.name === config.dataset).mode;
    const whole = fields.filter((f) => f.modes.includes(mode) && (f.name !== 'momentum' || config.optimizer === 'momentum')).map((f) => f.name);
    assert.deepEqual(Object.keys(config).sort(), whole.sort(), `scene ${k + 1} (${mode})`);
    const full = { ...Trainer.preset('circle'), ...config };
    const files = Trainer.textFiles(full);
    const cook = files ? Trainer.withText(full, ...files.map(read)) : new Trainer(full);
    assert.ok(cook.stepsPerEpoch() >= 1, `scene ${k + 1}: a cook with at least one batch per epoch`);
    cook.free();
  }
  assert.deepEqual(SCENES.map((s) => s.config.dataset === 'names'), [true, false, false, true, false, false, false, false, false, false, false, false, true], 'the chat cook in scenes 1 and 4, the GPT in 13');
  assert.equal(SCENES[12].config.layers[0].kind, 'gpt');
});

test('scene 1: an order typed to the untrained cook, then a round of practice that lowers the test loss', () => {
  const { run, event, cook } = sceneRun(1, { testLoss: 3.35 });
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'chat');
  // The answer to the empty box, a refusal, and an answer after practice do not count.
  event('answer', {}, {}, { prompt: '', text: 'mvbfslcnpplhhdmlozpkq', error: null, step: 0 });
  event('answer', {}, {}, { prompt: 'm1', text: null, error: 'the prompt has characters the vocabulary lacks: "1"', step: 0 });
  event('answer', { step: 5 }, {}, { prompt: 'ma', text: 'ry', error: null, step: 5 });
  assert.equal(run.taskIndex, 0);
  event('reset', { step: 0 });
  event('answer', {}, {}, { prompt: 'm', text: 'vbfslcn', error: null, step: 0 });
  assert.equal(run.taskIndex, 1);
  // Typing on: the praise quotes the last untrained answer.
  event('answer', {}, {}, { prompt: 'ma', text: 'mvbfslcnpplhhdmlozpkqawfr', error: null, step: 0 });
  cook.playing = true;
  assert.equal(event('step', { step: 800 }).pause, false, 'not before the test loss fell');
  const answer = event('epoch', { step: 1658, epoch: 1, testLoss: 2.308 });
  assert.equal(answer.pause, true, 'the lesson stops the cook, so its answer stays to be read');
  assert.equal(run.done, true);
  assert.deepEqual(run.doneInfo.vars, { order: 'ma', before: 'mvbfslcnpplhhdml…', first: '3.35', loss: '2.31' });
});

test('scene 4: two rounds of practice, then an edited number in the pantry', () => {
  const { run, event, cook } = sceneRun(4, { testLoss: 3.35 });
  assert.equal(SCENES[3].settings.prompt, 'ma', 'the chat box shows the guesses after "ma"');
  cook.playing = true;
  event('epoch', { epoch: 1, testLoss: 2.31 });
  event('edit');
  assert.equal(run.taskIndex, 0, 'an edit before the practice does not count');
  assert.equal(event('epoch', { epoch: 2, testLoss: 2.27 }).pause, true);
  assert.equal(run.taskIndex, 1);
  cook.playing = false;
  event('step', { step: 3400 });
  assert.equal(run.done, false);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'pantry', 'the jar to edit');
  event('edit', {}, {}, { index: 12, value: 3 });
  assert.equal(run.done, true);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'chat', 'done: the guesses the edit changed');
});

test('scene 13: a round of practice for the GPT cook, then a name of the learner\'s own read by its maps', () => {
  const { run, event, cook } = sceneRun(13, { testLoss: 3.3 });
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'attention');
  // An answer before practice does not count for the second task.
  event('answer', {}, {}, { prompt: 'an', text: 'xq', error: null, step: 0 });
  cook.playing = true;
  assert.equal(event('step', { step: 300 }).pause, false);
  assert.equal(event('epoch', { step: 560, epoch: 1, testLoss: 2.41 }).pause, true, 'the maps after one round stay to be read');
  assert.equal(run.taskIndex, 1);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'chat', 'where to type');
  cook.playing = false;
  event('answer', {}, {}, { prompt: '', text: 'mary', error: null, step: 560 });
  event('answer', {}, {}, { prompt: 'an!', text: null, error: 'no "!"', step: 560 });
  assert.equal(run.done, false);
  event('answer', {}, {}, { prompt: 'anna', text: 'belle', error: null, step: 560 });
  assert.equal(run.done, true);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'attention', 'done: the maps');
  assert.deepEqual(run.doneInfo.vars, { first: '3.3', loss: '2.41', order: 'anna' });
});

test('scene 2 is done once the cook, having practised, gets 90 % right', () => {
  const { run, event } = sceneRun(2);
  event('play');
  assert.equal(run.done, false);
  event('step', { step: 40, trainAccuracy: 0.8 });
  assert.equal(run.done, false);
  event('step', { step: 80, trainAccuracy: 0.93 });
  assert.equal(run.done, true);
  assert.equal(run.doneInfo.vars.acc, '93 %');
});

test('scene 3 waits for a weight edited by hand', () => {
  const { run, event } = sceneRun(3, { step: 200, epoch: 8 });
  event('step');
  event('config');
  assert.equal(run.done, false);
  event('edit');
  assert.equal(run.done, true);
});

test('scene 5 wants 10 epochs with all ones, then 10 with a random init, and pauses at each', () => {
  const { run, event, cook } = sceneRun(5);
  cook.playing = true;
  assert.equal(event('epoch', { epoch: 5 }).pause, false);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'network');
  assert.equal(event('epoch', { epoch: 10, trainAccuracy: 0.62 }).pause, true);
  assert.equal(run.taskIndex, 1);
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'recipe', 'the init select next');
  // Still all ones: more epochs do not count.
  event('epoch', { epoch: 14 });
  assert.equal(run.taskIndex, 1);
  event('config', { epoch: 0, trainAccuracy: 0.5 }, { init: 'he' });
  assert.equal(run.view({ ...cook.m }, { ...cook.c }), 'network');
  assert.equal(event('epoch', { epoch: 10, trainAccuracy: 0.97 }).pause, true);
  assert.equal(run.done, true);
  assert.deepEqual(run.doneInfo.vars, { accOnes: '62 %', accRandom: '97 %' });
});

test('scenes 6 and 8 are done when the forward, then the backward phase has run', () => {
  const forward = sceneRun(6);
  forward.event('phase', { nextPhase: 'loss', lastPhase: 'forward' });
  assert.equal(forward.run.done, true);
  const backward = sceneRun(8);
  backward.event('phase', { nextPhase: 'loss' });
  backward.event('phase', { nextPhase: 'backward' });
  assert.equal(backward.run.done, false);
  backward.event('phase', { nextPhase: 'update' });
  assert.equal(backward.run.done, true);
});

test('scene 7 tastes with cross-entropy, then with least squares', () => {
  const { run, event } = sceneRun(7);
  event('phase', { nextPhase: 'loss' });
  event('phase', { nextPhase: 'backward', lastPhase: 'loss', trainLoss: 0.84 });
  assert.equal(run.taskIndex, 1);
  event('config', { nextPhase: 'forward', lastPhase: null, trainLoss: 1.461 }, { loss: 'mse' });
  event('phase', { nextPhase: 'loss' });
  event('phase', { nextPhase: 'backward', lastPhase: 'loss' });
  assert.equal(run.done, true);
  assert.deepEqual(run.doneInfo.vars, { ce: '0.84', mse: '1.46' });
});

test('scene 9 wants an update phase, then sees a huge learning rate overshoot or diverge', () => {
  for (const after of [5.33, NaN]) {
    const { run, event, cook } = sceneRun(9, { trainLoss: 0.87 });
    for (const phase of ['forward', 'loss', 'backward']) event('phase', { nextPhase: PHASE_AFTER[phase] });
    assert.equal(run.taskIndex, 0);
    event('phase', { nextPhase: 'forward', step: 1, trainLoss: 0.8 });
    assert.equal(run.taskIndex, 1);
    event('config', {}, { learningRate: 10 });
    assert.equal(run.done, false, 'a rate alone is not a jump');
    cook.playing = true;
    const answer = event('step', { step: 3, trainLoss: after });
    assert.equal(run.done, true);
    assert.equal(answer.pause, true, 'the lesson stops the cook where the loss jumped');
    assert.equal(run.doneInfo.key, Number.isNaN(after) ? 'doneNaN' : 'done');
    assert.equal(run.doneInfo.vars.before, '0.8');
  }
});

test('scene 10 wants three epochs and a lower loss', () => {
  const { run, event } = sceneRun(10, { trainLoss: 0.84 });
  event('epoch', { epoch: 2, trainLoss: 0.48 });
  assert.equal(run.done, false);
  event('epoch', { epoch: 3, trainLoss: 0.41 });
  assert.deepEqual(run.doneInfo.vars, { first: '0.84', loss: '0.41' });
});

test('scene 11 wants 20 epochs and quotes train and test accuracy', () => {
  const { run, event } = sceneRun(11);
  event('epoch', { epoch: 21, trainAccuracy: 0.95, testAccuracy: 0.915 });
  assert.deepEqual(run.doneInfo.vars, { epoch: 21, trainAcc: '95 %', testAcc: '92 %' });
});

test('scene 12 finds the lowest test loss, then wants a whole run with L2', () => {
  const { run, event, cook } = sceneRun(12);
  cook.playing = true;
  const curve = [[7, 0.6], [16, 0.48], [60, 0.9], [COMPARE_EPOCH, 1.77]];
  let answer;
  for (const [epoch, testLoss] of curve) answer = event('epoch', { epoch, testLoss });
  assert.equal(answer.pause, true);
  assert.equal(run.taskIndex, 1);
  // L2 switched on mid-run is not a run with L2: the learner has to reset.
  event('config', {}, { regularization: 'l2' });
  event('epoch', { epoch: COMPARE_EPOCH + 10, testLoss: 1.5 });
  assert.equal(run.done, false);
  event('reset', { epoch: 0, testLoss: 0.8 });
  event('epoch', { epoch: 50, testLoss: 0.47 });
  event('epoch', { epoch: COMPARE_EPOCH + 3, testLoss: 0.45 });
  assert.equal(run.done, true);
  assert.deepEqual(run.doneInfo.vars, { best: '0.48', bestEpoch: 16, endPlain: '1.77', endL2: '0.45' });
});
