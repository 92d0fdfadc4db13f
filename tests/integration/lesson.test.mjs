// The guided lesson in the real page, in Chromium: every scene in both languages, reached by its
// link and by Next, its action done with the page's own controls, and leaving keeps the cook.
// The scenes' checks alone are in lesson-scenes.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSON_TEXT } from '../../www/lesson/lesson-text.js';
import { chatAnswer, clickEdge, counter, counterNumber, open, screenshot, scrollSettled as scrolled, useBrowser, waitForCounter } from '../page-harness.mjs';

const env = useBrowser();

// The view each scene points at first (its first task's, else the scene's).
const FIRST_VIEW = ['chat', 'boundary', 'network', 'pantry', 'network', 'network', 'counters', 'network', 'network', 'loss', 'loss', 'loss', 'attention'];
const DONE_VIEW = ['chat', 'boundary', 'network', 'chat', 'network', 'network', 'counters', 'network', 'counters', 'loss', 'loss', 'loss', 'attention'];
const SCENES = FIRST_VIEW.length;
const SCENE_OF = { en: (k) => `Scene ${k} of 13`, zh: (k) => `第 ${k} 幕，共 13 幕` };
const IDENTICAL = { en: 'neurons identical', zh: '神经元完全相同' };

const lessonIn = (page, k, state) => page.waitForSelector(`[data-testid="lesson"][data-scene="${k}"][data-state="${state}"]`);
const taskDone = (page, n) => page.waitForSelector(`[data-testid="lesson-task-${n}"][data-state="done"]`);
const paused = (page) => page.waitForSelector('#play[aria-pressed="false"]');
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
  // The chat box: an order to the untrained cook, then Play until the lesson stops it; the
  // answer to the same order changes.
  1: async (page) => {
    await page.fill('#prompt', 'ma');
    await taskDone(page, 1);
    const untrained = await chatAnswer(page);
    await page.click('#play');
    await lessonIn(page, 1, 'done');
    await paused(page);
    assert.notEqual(await chatAnswer(page), untrained, 'practised, the cook serves something else');
  },
  2: async (page) => {
    await page.click('#play');
    await lessonIn(page, 2, 'done');
    await page.click('#play');
    await paused(page);
  },
  3: async (page) => {
    await scrolled(page);
    await clickEdge(page, 0);
    await page.fill('[data-testid="param-input"]', '5');
    await page.click('.param-edit button[type="submit"]');
    await lessonIn(page, 3, 'done');
  },
  // The pantry: two rounds of practice, then a number in the jar of "a" (token 1) changed; the
  // guesses after "ma" change with it.
  4: async (page) => {
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    await chatAnswer(page);
    const guesses = await page.getByTestId('next-chars').innerText();
    await page.click('#pantry [data-testid="pantry-row"][data-token="1"]');
    const entry = page.getByTestId('pantry-entry').first();
    await entry.fill('3');
    await entry.press('Enter');
    await lessonIn(page, 4, 'done');
    await page.waitForFunction((before) => document.querySelector('[data-testid="next-chars"]').innerText !== before, guesses);
  },
  5: async (page, lang) => {
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    assert.equal(await page.locator('#network-diagram').getByText(IDENTICAL[lang]).count(), 1, 'all ones: the hidden neurons are still identical after training');
    await assertHighlight(page, 'recipe', 'scene 3, task 2');
    await page.selectOption('#init', 'xavier');
    await page.click('#play');
    await lessonIn(page, 5, 'done');
    await paused(page);
    assert.equal(await page.locator('#network-diagram').getByText(IDENTICAL[lang]).count(), 0, 'a random start breaks the symmetry');
  },
  6: async (page) => {
    await page.click('#phase');
    await lessonIn(page, 6, 'done');
  },
  7: async (page) => {
    await clickTimes(page, '#phase', 2);
    await taskDone(page, 1);
    await page.selectOption('#loss', 'mse');
    await clickTimes(page, '#phase', 2);
    await lessonIn(page, 7, 'done');
  },
  8: async (page) => {
    await clickTimes(page, '#phase', 3);
    await lessonIn(page, 8, 'done');
    assert.ok(await page.isChecked('input[name="edges"][value="gradients"]'), 'the edges show gradients');
  },
  9: async (page) => {
    await clickTimes(page, '#phase', 4);
    await taskDone(page, 1);
    await typeNumber(page, '#learningRate', '10');
    await page.click('#play');
    await lessonIn(page, 9, 'done');
    await paused(page);
    const loss = Number(await counter(page, 'trainLoss'));
    assert.ok(Number.isNaN(loss) || loss > 1.3, `the loss jumped, got ${loss}`);
  },
  10: async (page) => {
    for (const epoch of ['1', '2', '3']) {
      await page.click('#epoch');
      await waitForCounter(page, 'epoch', epoch);
      await paused(page);
    }
    await lessonIn(page, 10, 'done');
  },
  11: async (page) => {
    await page.check('#showTest');
    await page.click('#play');
    await lessonIn(page, 11, 'done');
    await paused(page);
  },
  12: async (page) => {
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    await page.selectOption('#regularization', 'l2');
    await page.click('#reset');
    await waitForCounter(page, 'epoch', '0');
    await page.click('#play');
    await lessonIn(page, 12, 'done');
    await paused(page);
  },
  // Attention: a round of practice sharpens the maps; then a name of the learner's own.
  13: async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('.attention-map[data-sharpness]').length === 8);
    const even = await page.evaluate(() => [...document.querySelectorAll('.attention-map')].map((f) => Number(f.dataset.sharpness)));
    await page.click('#play');
    await taskDone(page, 1);
    await paused(page);
    await page.fill('#prompt', 'anna');
    await lessonIn(page, 13, 'done');
    await page.waitForFunction(() => document.querySelector('[data-testid="attention-maps"]').dataset.positions === '5');
    const sharp = await page.evaluate(() => [...document.querySelectorAll('.attention-map')].map((f) => Number(f.dataset.sharpness)));
    assert.ok(even.length === 8 && Math.max(...sharp) > Math.max(...even) + 0.2, `the maps sharpened: ${even} → ${sharp}`);
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
  for (let k = 1; k <= SCENES; k++) {
    await playScene(page, k, 'en');
    if ([1, 4, 5, 9, 12, 13].includes(k)) {
      await scrolled(page);
      await screenshot(page, `lesson-en-${k}`, false);
    }
    await page.click('[data-testid="lesson-next"]');
  }
  // Finish on the last scene leaves the lesson, and the cook as it was.
  await page.waitForSelector('[data-testid="lesson"]', { state: 'detached' });
  assert.doesNotMatch(page.url(), /lesson=/);
  assert.match(page.url(), /layers=gpt32h4b2&/);
  assert.equal(await page.locator('.nk-highlight').count(), 0);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Chinese: every scene by its link, done with the page’s controls', async () => {
  for (let k = 1; k <= SCENES; k++) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${k}&lang=zh`);
    await playScene(page, k, 'zh');
    if ([1, 3, 4, 7, 11].includes(k)) {
      await scrolled(page);
      await screenshot(page, `lesson-zh-${k}`, false);
    }
    assert.deepEqual(problems.console.concat(problems.page), [], `scene ${k}`);
    await page.close();
  }
});

test('Back goes to the scene before; leaving keeps the network, its steps and settings as they are', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=6&lang=en');
  await lessonIn(page, 6, 'ready');
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 5, 'ready');
  assert.match(page.url(), /lesson=5(&|$)/);
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 4, 'ready');
  await page.click('.nk-lesson-dot >> text="9"');
  await lessonIn(page, 9, 'ready');
  // The page's language menu changes the panel's language too.
  await page.selectOption('#lang', 'zh');
  await page.getByTestId('lesson-count').filter({ hasText: SCENE_OF.zh(9) }).waitFor();
  assert.equal(await page.locator('.nk-lesson-title').innerText(), LESSON_TEXT.zh.scenes[8].title);
  await page.selectOption('#lang', 'en');
  await page.getByTestId('lesson-count').filter({ hasText: SCENE_OF.en(9) }).waitFor();
  await clickTimes(page, '#phase', 6);
  await page.waitForSelector('.phases li.done[data-phase="loss"]');
  await typeNumber(page, '#learningRate', '0.05');
  await page.waitForFunction(() => location.search.includes('learningRate=0.05&'));
  const before = { url: page.url().replace(/&?lesson=9/, ''), step: await counter(page, 'step'), loss: await counter(page, 'trainLoss') };
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
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=5&lang=zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('[data-testid="lesson-next"]');
  await page.click('[data-testid="lesson-back"]');
  await lessonIn(page, 5, 'ready');
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
  await screenshot(page, 'lesson-phone-5', false);
  await page.click('[data-testid="lesson-fold"]');
  assert.equal(await page.locator('.nk-lesson-text').isVisible(), false);
  assert.equal(await page.getByTestId('lesson-task-1').isVisible(), true, 'what to do stays');
  await screenshot(page, 'lesson-phone-5-folded', false);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the chat scene: an order typed key by key gets nonsense, Play makes it name-like, and the praise quotes what was served', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?lesson=1&lang=en');
  await lessonIn(page, 1, 'ready');
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text', 'the black box is the chat box');
  assert.equal(await page.inputValue('#prompt'), '', 'the learner places the order');
  await page.click('#prompt');
  await page.keyboard.type('jo');
  await taskDone(page, 1);
  assert.equal(await counter(page, 'step'), '0', 'the order went to the untrained cook');
  const untrained = await chatAnswer(page);
  await page.keyboard.press('Escape'); // out of the box: Space now plays, as the task says
  await page.click('#play');
  await lessonIn(page, 1, 'done');
  await paused(page);
  assert.ok(Number(await counter(page, 'epoch')) >= 1, 'a round of practice');
  assert.ok(await counterNumber(page, 'testLoss') < 2.5, 'the test loss fell below the threshold');
  const trained = await chatAnswer(page);
  assert.notEqual(trained, untrained, 'the answer changed');
  const praise = await page.getByTestId('lesson-done').innerText();
  const quoted = [...untrained].length > 16 ? `${[...untrained].slice(0, 16).join('')}…` : untrained;
  assert.ok(praise.includes(`“jo${quoted}”`), `the praise quotes the untrained answer: ${praise}`);
  assert.match(page.url(), /prompt=jo/);
  await screenshot(page, 'lesson-chat-done', false);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
