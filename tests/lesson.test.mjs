// The guided lesson. First its scene checks alone, in Node, against a pretend cook whose numbers
// the test sets; then the real page in Chromium: every scene in both languages, reached by its
// link and by Next, its action done with the page's own controls, and leaving keeps the cook.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENES, SceneRun, HOUSE, COMPARE_EPOCH } from '../www/lesson/scenes.js';
import { LESSON_TEXT, lessonText } from '../www/lesson/lesson-text.js';
import { clickEdge, counter, open, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

// One scene's checks against a pretend cook whose metrics (m) and config (c) the test sets.
function sceneRun(n, changes = {}) {
  const scene = SCENES[n - 1];
  const cook = { c: { ...scene.config }, m: { epoch: 0, step: 0, nextPhase: 'forward', lastPhase: null, trainLoss: 0.84, testLoss: 0.84, trainAccuracy: 0.5, testAccuracy: 0.5, ...changes }, playing: false };
  const run = new SceneRun(scene, { ...cook.m }, { ...cook.c });
  // One event after changing metrics (m) and config (c); returns what the run answered.
  const event = (name, m = {}, c = {}) => {
    Object.assign(cook.m, m);
    Object.assign(cook.c, c);
    return run.observe(name, { ...cook.m }, { ...cook.c }, cook.playing);
  };
  return { run, cook, event };
}

const PHASE_AFTER = { forward: 'loss', loss: 'backward', backward: 'update', update: 'forward' };

test('every scene has its texts in English and Chinese, one line per task', () => {
  assert.equal(SCENES.length, 10);
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
  assert.equal(lessonText('en').fill(LESSON_TEXT.en.scenes[0].status, { acc: '52 %' }), 'Right answers so far: 52 %');
  assert.equal(lessonText('zh').fill(LESSON_TEXT.zh.scenes[0].status, { acc: '52 %' }), '目前答对：52%');
});

test('every scene sets up a whole, valid point config', () => {
  for (const [k, scene] of SCENES.entries()) {
    assert.deepEqual(Object.keys(scene.config).sort(), Object.keys(HOUSE).sort(), `scene ${k + 1}`);
    assert.ok(scene.config.batchSize <= (scene.config.points * scene.config.trainShare) / 100, `scene ${k + 1}: batch fits the training set`);
  }
});

test('scene 1 is done once the cook, having practised, gets 90 % right', () => {
  const { run, event } = sceneRun(1);
  event('play');
  assert.equal(run.done, false);
  event('step', { step: 40, trainAccuracy: 0.8 });
  assert.equal(run.done, false);
  event('step', { step: 80, trainAccuracy: 0.93 });
  assert.equal(run.done, true);
  assert.equal(run.doneInfo.vars.acc, '93 %');
});

test('scene 2 waits for a weight edited by hand', () => {
  const { run, event } = sceneRun(2, { step: 200, epoch: 8 });
  event('step');
  event('config');
  assert.equal(run.done, false);
  event('edit');
  assert.equal(run.done, true);
});

test('scene 3 wants 10 epochs with all ones, then 10 with a random init, and pauses at each', () => {
  const { run, event, cook } = sceneRun(3);
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

test('scenes 4 and 6 are done when the forward, then the backward phase has run', () => {
  const four = sceneRun(4);
  four.event('phase', { nextPhase: 'loss', lastPhase: 'forward' });
  assert.equal(four.run.done, true);
  const six = sceneRun(6);
  six.event('phase', { nextPhase: 'loss' });
  six.event('phase', { nextPhase: 'backward' });
  assert.equal(six.run.done, false);
  six.event('phase', { nextPhase: 'update' });
  assert.equal(six.run.done, true);
});

test('scene 5 tastes with cross-entropy, then with least squares', () => {
  const { run, event } = sceneRun(5);
  event('phase', { nextPhase: 'loss' });
  event('phase', { nextPhase: 'backward', lastPhase: 'loss', trainLoss: 0.84 });
  assert.equal(run.taskIndex, 1);
  event('config', { nextPhase: 'forward', lastPhase: null, trainLoss: 1.461 }, { loss: 'mse' });
  event('phase', { nextPhase: 'loss' });
  event('phase', { nextPhase: 'backward', lastPhase: 'loss' });
  assert.equal(run.done, true);
  assert.deepEqual(run.doneInfo.vars, { ce: '0.84', mse: '1.46' });
});

test('scene 7 wants an update phase, then sees a huge learning rate overshoot or diverge', () => {
  for (const after of [5.33, NaN]) {
    const { run, event, cook } = sceneRun(7, { trainLoss: 0.87 });
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

test('scene 8 wants three epochs and a lower loss', () => {
  const { run, event } = sceneRun(8, { trainLoss: 0.84 });
  event('epoch', { epoch: 2, trainLoss: 0.48 });
  assert.equal(run.done, false);
  event('epoch', { epoch: 3, trainLoss: 0.41 });
  assert.deepEqual(run.doneInfo.vars, { first: '0.84', loss: '0.41' });
});

test('scene 9 wants 20 epochs and quotes train and test accuracy', () => {
  const { run, event } = sceneRun(9);
  event('epoch', { epoch: 21, trainAccuracy: 0.95, testAccuracy: 0.915 });
  assert.deepEqual(run.doneInfo.vars, { epoch: 21, trainAcc: '95 %', testAcc: '92 %' });
});

test('scene 10 finds the lowest test loss, then wants a whole run with L2', () => {
  const { run, event, cook } = sceneRun(10);
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

// ---- The real page -------------------------------------------------------------------------

const env = useBrowser();

// The view each scene points at first (its first task's, else the scene's).
const FIRST_VIEW = ['boundary', 'network', 'network', 'network', 'counters', 'network', 'network', 'loss', 'loss', 'loss'];
const DONE_VIEW = ['boundary', 'network', 'network', 'network', 'counters', 'network', 'counters', 'loss', 'loss', 'loss'];
const SCENE_OF = { en: (k) => `Scene ${k} of 10`, zh: (k) => `第 ${k} 幕，共 10 幕` };
const IDENTICAL = { en: 'neurons identical', zh: '神经元完全相同' };

const lessonIn = (page, k, state) => page.waitForSelector(`[data-testid="lesson"][data-scene="${k}"][data-state="${state}"]`);
const taskDone = (page, n) => page.waitForSelector(`[data-testid="lesson-task-${n}"][data-state="done"]`);
const paused = (page) => page.waitForSelector('#play[aria-pressed="false"]');
// The highlight scrolls its view into sight smoothly: a click by position waits until the page
// has stood still for a dozen frames.
const scrolled = (page) => page.waitForFunction(() => new Promise((resolve) => {
  let y = scrollY;
  let still = 0;
  const frame = () => {
    if (scrollY !== y) [y, still] = [scrollY, 0];
    else if (++still >= 12) return resolve(true);
    return requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}));
async function clickTimes(page, selector, times) {
  for (let i = 0; i < times; i++) await page.click(selector);
}
// Types into a number field as a learner does: the change lands on Enter.
async function typeNumber(page, selector, text) {
  await page.fill(selector, text);
  await page.press(selector, 'Enter');
}

// The highlighted view is the expected one, and some box of it is on screen.
async function assertHighlight(page, view, label) {
  const boxes = await page.evaluate(() => [...document.querySelectorAll('.nk-highlight')].map((el) => {
    const r = el.getBoundingClientRect();
    return { names: (el.getAttribute('data-nk-view') ?? '').split(' '), visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' };
  }));
  assert.ok(boxes.length > 0, `${label}: something is highlighted`);
  assert.ok(boxes.every((b) => b.names.includes(view)), `${label}: the highlight is on ${view}, got ${JSON.stringify(boxes)}`);
  assert.ok(boxes.some((b) => b.visible), `${label}: the highlighted ${view} is visible`);
}

// The learner's part of each scene, with the page's own controls; resolves once the panel says
// the scene is done.
const ACTIONS = {
  1: async (page) => {
    await page.click('#play');
    await lessonIn(page, 1, 'done');
    await page.click('#play');
    await paused(page);
  },
  2: async (page) => {
    await scrolled(page);
    await clickEdge(page, 0);
    await page.fill('[data-testid="param-input"]', '5');
    await page.click('.param-edit button[type="submit"]');
    await lessonIn(page, 2, 'done');
  },
  3: async (page, lang) => {
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    assert.equal(await page.locator('#network-diagram').getByText(IDENTICAL[lang]).count(), 1, 'all ones: the hidden neurons are still identical after training');
    await assertHighlight(page, 'recipe', 'scene 3, task 2');
    await page.selectOption('#init', 'xavier');
    await page.click('#play');
    await lessonIn(page, 3, 'done');
    await paused(page);
    assert.equal(await page.locator('#network-diagram').getByText(IDENTICAL[lang]).count(), 0, 'a random start breaks the symmetry');
  },
  4: async (page) => {
    await page.click('#phase');
    await lessonIn(page, 4, 'done');
  },
  5: async (page) => {
    await clickTimes(page, '#phase', 2);
    await taskDone(page, 1);
    await page.selectOption('#loss', 'mse');
    await clickTimes(page, '#phase', 2);
    await lessonIn(page, 5, 'done');
  },
  6: async (page) => {
    await clickTimes(page, '#phase', 3);
    await lessonIn(page, 6, 'done');
    assert.ok(await page.isChecked('input[name="edges"][value="gradients"]'), 'the edges show gradients');
  },
  7: async (page) => {
    await clickTimes(page, '#phase', 4);
    await taskDone(page, 1);
    await typeNumber(page, '#learningRate', '10');
    await page.click('#play');
    await lessonIn(page, 7, 'done');
    await paused(page);
    const loss = Number(await counter(page, 'trainLoss'));
    assert.ok(Number.isNaN(loss) || loss > 1.3, `the loss jumped, got ${loss}`);
  },
  8: async (page) => {
    for (const epoch of ['1', '2', '3']) {
      await page.click('#epoch');
      await waitForCounter(page, 'epoch', epoch);
      await paused(page);
    }
    await lessonIn(page, 8, 'done');
  },
  9: async (page) => {
    await page.check('#showTest');
    await page.click('#play');
    await lessonIn(page, 9, 'done');
    await paused(page);
  },
  10: async (page) => {
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    await page.selectOption('#regularization', 'l2');
    await page.click('#reset');
    await waitForCounter(page, 'epoch', '0');
    await page.click('#play');
    await lessonIn(page, 10, 'done');
    await paused(page);
  },
};

// One scene: its title, highlight and action, then the praise.
async function playScene(page, k, lang) {
  await lessonIn(page, k, 'ready');
  assert.equal(await page.getByTestId('lesson-count').innerText().then((t) => t.includes(SCENE_OF[lang](k))), true, `${lang} scene ${k}: its count`);
  await assertHighlight(page, FIRST_VIEW[k - 1], `${lang} scene ${k}`);
  assert.equal(await page.getByTestId('lesson-done').innerText(), '');
  await ACTIONS[k](page, lang);
  assert.ok((await page.getByTestId('lesson-done').innerText()).length > 20, `${lang} scene ${k}: praised`);
  await assertHighlight(page, DONE_VIEW[k - 1], `${lang} scene ${k} done`);
  assert.match(page.url(), new RegExp(`lesson=${k}(&|$)`));
}

test('English: the whole lesson by Next, every action with the page’s controls; Finish leaves', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=1&lang=en');
  for (let k = 1; k <= 10; k++) {
    await playScene(page, k, 'en');
    if ([1, 3, 7, 10].includes(k)) {
      await scrolled(page);
      await screenshot(page, `lesson-en-${k}`, false);
    }
    await page.click('[data-testid="lesson-next"]');
  }
  // Finish on the last scene leaves the lesson, and the cook as it was.
  await page.waitForSelector('[data-testid="lesson"]', { state: 'detached' });
  assert.doesNotMatch(page.url(), /lesson=/);
  assert.match(page.url(), /regularization=l2&/);
  assert.equal(await page.locator('.nk-highlight').count(), 0);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Chinese: every scene by its link, done with the page’s controls', async () => {
  for (let k = 1; k <= 10; k++) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${k}&lang=zh`);
    await playScene(page, k, 'zh');
    if ([2, 5, 9].includes(k)) {
      await scrolled(page);
      await screenshot(page, `lesson-zh-${k}`, false);
    }
    assert.deepEqual(problems.console.concat(problems.page), [], `scene ${k}`);
    await page.close();
  }
});

test('Back goes to the scene before; leaving keeps the network, its steps and settings as they are', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=4&lang=en');
  await lessonIn(page, 4, 'ready');
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 3, 'ready');
  assert.match(page.url(), /lesson=3(&|$)/);
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 2, 'ready');
  await page.click('.nk-lesson-dot >> text="7"');
  await lessonIn(page, 7, 'ready');
  // The page's language menu changes the panel's language too.
  await page.selectOption('#lang', 'zh');
  await page.getByTestId('lesson-count').filter({ hasText: SCENE_OF.zh(7) }).waitFor();
  assert.equal(await page.locator('.nk-lesson-title').innerText(), LESSON_TEXT.zh.scenes[6].title);
  await page.selectOption('#lang', 'en');
  await page.getByTestId('lesson-count').filter({ hasText: SCENE_OF.en(7) }).waitFor();
  await clickTimes(page, '#phase', 6);
  await page.waitForSelector('.phases li.done[data-phase="loss"]');
  await typeNumber(page, '#learningRate', '0.05');
  await page.waitForFunction(() => location.search.includes('learningRate=0.05&'));
  const before = { url: page.url().replace(/&?lesson=7/, ''), step: await counter(page, 'step'), loss: await counter(page, 'trainLoss') };
  await page.keyboard.press('Tab'); // the keyboard reaches the panel's buttons like any other
  await page.focus('[data-testid="lesson-leave"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="lesson"]', { state: 'detached' });
  assert.equal(page.url(), before.url, 'the link keeps every setting, without the lesson');
  assert.deepEqual({ step: await counter(page, 'step'), loss: await counter(page, 'trainLoss') }, { step: before.step, loss: before.loss });
  assert.ok(await page.locator('.phases li.next[data-phase="backward"]').count(), 'still between the loss and backward phases');
  assert.equal(await page.locator('.nk-highlight').count(), 0);
  // And the cook goes on from there.
  await page.click('#phase');
  await page.waitForSelector('.phases li.done[data-phase="backward"]');
  await screenshot(page, 'lesson-left', false);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('on a phone the panel fits the width, keeps Next in sight and folds', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=3&lang=zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('[data-testid="lesson-next"]');
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 3, 'ready');
  await scrolled(page);
  const box = await page.getByTestId('lesson').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `inside the screen: ${JSON.stringify(box)}`);
  assert.ok(box.height <= 844 * 0.5, 'at most half the screen');
  const next = await page.getByTestId('lesson-next').boundingBox();
  assert.ok(next.y + next.height <= 844, 'Next is on screen');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing wider than the phone');
  await assertHighlight(page, 'network', 'phone');
  const view = await page.locator('.nk-highlight').boundingBox();
  assert.ok(view.y + view.height <= box.y + 2, 'the highlighted view sits above the panel');
  await screenshot(page, 'lesson-phone-3', false);
  await page.click('[data-testid="lesson-fold"]');
  assert.equal(await page.locator('.nk-lesson-text').isVisible(), false);
  assert.equal(await page.getByTestId('lesson-task-1').isVisible(), true, 'what to do stays');
  await screenshot(page, 'lesson-phone-3-folded', false);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
