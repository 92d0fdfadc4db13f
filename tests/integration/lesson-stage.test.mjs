// The lesson's stage: the controls each scene's tasks name are in sight without scrolling (on a
// desktop and a phone, in both languages, in every scene the page has), the view it points at sits
// above the panel, "put the scene back?" when the recipe leaves the scene's setup, and the phone's
// bottom sheet folding to a bar. First the drift check alone, in Node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUSE, SCENES } from '../../www/lesson/scenes.js';
import { driftedFields } from '../../www/lesson/scene-drift.js';
import { STAGE_CONTROLS, freeFields } from '../../www/lesson/stage-controls.js';
import { clickEdge, open, screenshot, scrollSettled, useBrowser } from '../page-harness.mjs';

test('the recipe has drifted from a scene’s setup on any setting it fixed, except those its tasks change', () => {
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, momentum: 0.9 }), [], 'a setting the scene leaves open');
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, dataset: 'xor', hidden: [{ units: 5, activation: 'tanh' }] }), ['dataset', 'hidden']);
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, features: ['x2', 'x1'] }), [], 'the same features in another order');
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, features: ['x1'] }), ['features']);
  // A task that asks for another loss brings the loss's output activation with it.
  const free = freeFields(['phase', 'loss']);
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, loss: 'mse', outputActivation: 'sigmoid' }, free), []);
  assert.deepEqual(driftedFields(HOUSE, { ...HOUSE, loss: 'mse', seed: 4 }, free), ['seed']);
});

test('every scene names the controls its tasks use, each one the stage knows', () => {
  for (const [k, scene] of SCENES.entries()) {
    assert.ok(scene.controls?.length > 0, `scene ${k + 1} names its controls`);
    for (const key of scene.controls) assert.ok(STAGE_CONTROLS[key], `scene ${k + 1}: ${key} is in stage-controls.js`);
  }
  // What a scene lets the learner change is a setting it sets up; the constant-init scene frees
  // the init, the over-fitting scene L2, and a scene of buttons alone frees nothing.
  for (const [k, scene] of SCENES.entries()) {
    for (const name of freeFields(scene.controls)) assert.ok(name in scene.config, `scene ${k + 1}: ${name}`);
  }
  assert.deepEqual(freeFields(SCENES.find((s) => s.config.init === 'ones').controls), ['init']);
  assert.deepEqual(freeFields(SCENES.find((s) => s.config.regularizationRate > 0).controls), ['regularization', 'regularizationRate']);
  assert.deepEqual(freeFields(['play', 'phase', 'epoch', 'reset', 'showTest', 'edges']), []);
});

// ---- The real page -------------------------------------------------------------------------

const env = useBrowser();
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

// Scenes by what they do (their numbers move as scenes are added).
const sceneNo = (test) => SCENES.findIndex(test) + 1;
const EDGES = sceneNo((s) => s.controls.includes('edges'));
const CONSTANT_INIT = sceneNo((s) => s.config.init === 'ones');
const TASTING = sceneNo((s) => s.controls.includes('loss'));
const RATE = sceneNo((s) => s.controls.includes('learningRate'));
const TEACHER = sceneNo((s) => s.controls.includes('showTest'));
const OVER_FITTING = sceneNo((s) => s.controls.includes('regularization'));

const sceneReady = (page, k) => page.waitForSelector(`[data-testid="lesson"][data-scene="${k}"][data-state="ready"]`);

// What the learner sees of the scene now: for each control the scene names, whether it is inside
// the window and is what a tap at its centre reaches (not the panel over it, nor anything else);
// the same for the task at hand; and where the highlighted view is against the panel.
function stageInSight(page, table) {
  return page.evaluate((controls) => {
    const panel = document.querySelector('[data-testid="lesson"]');
    const reached = (el) => {
      const r = el.getBoundingClientRect();
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
      const hit = inside ? document.elementFromPoint(x, y) : null;
      return inside && (hit === el || el.contains(hit));
    };
    const names = panel.dataset.controls.split(' ').filter(Boolean);
    const found = names.map((key) => {
      const el = controls[key].kind === 'place'
        ? document.querySelector(controls[key].selector)
        : panel.querySelector(`[data-testid="lesson-controls"] [data-control="${key}"]`);
      return { key, reached: Boolean(el) && reached(el) };
    });
    const task = panel.querySelector('.nk-lesson-tasks li[data-state="current"]');
    const view = [...document.querySelectorAll('.nk-highlight')].find((el) => el.getClientRects().length > 0)?.getBoundingClientRect();
    const top = panel.getBoundingClientRect().top;
    return {
      names, found, task: Boolean(task) && reached(task), next: reached(panel.querySelector('[data-testid="lesson-next"]')),
      view: view && { top: view.top, bottom: view.bottom, height: view.height }, panelTop: top,
    };
  }, table);
}

for (const lang of ['en', 'zh']) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    test(`${lang}, ${size}: every scene’s task, its controls and its view are in sight without scrolling`, async () => {
      const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=1&lang=${lang}`);
      await page.setViewportSize(viewport);
      // Every scene the page has (the dots), so scenes added later are covered too.
      const scenes = await page.locator('.nk-lesson-dot').count();
      assert.ok(scenes >= 10);
      for (let k = 1; k <= scenes; k++) {
        if (k > 1) await page.getByTestId('lesson-next').click();
        await sceneReady(page, k);
        await scrollSettled(page);
        const seen = await stageInSight(page, STAGE_CONTROLS);
        const label = `${lang} ${size} scene ${k}`;
        assert.ok(seen.names.length > 0, `${label}: names its controls`);
        for (const { key, reached } of seen.found) assert.ok(reached, `${label}: ${key} is in sight and not covered`);
        assert.ok(seen.task, `${label}: the task at hand is in sight, whole`);
        assert.ok(seen.next, `${label}: Next is in sight`);
        // The view it points at sits above the panel (its top, when it is taller than the room).
        assert.ok(seen.view, `${label}: a view is highlighted`);
        assert.ok(seen.view.top >= -1, `${label}: the view's top is on screen, ${JSON.stringify(seen)}`);
        if (seen.view.height <= seen.panelTop) assert.ok(seen.view.bottom <= seen.panelTop + 1, `${label}: the view is above the panel, ${JSON.stringify(seen)}`);
        if ([1, 3, 4, 9].includes(k)) await screenshot(page, `lesson-stage-${lang}-${size}-${k}`, false);
      }
      assert.deepEqual(problems.console.concat(problems.page), []);
      await page.close();
    });
  }
}

test('the panel’s controls are the page’s own: pressing and choosing there drives the real ones', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${CONSTANT_INIT}&lang=en`);
  await sceneReady(page, CONSTANT_INIT);
  const proxy = (key) => page.locator(`[data-testid="lesson-controls"] [data-control="${key}"]`);
  assert.equal(await proxy('init').inputValue(), 'ones', 'the menu shows the real setting');
  await proxy('play').click();
  await page.waitForSelector('#play[aria-pressed="true"]');
  await page.waitForFunction(() => document.querySelector('[data-control="play"]').getAttribute('aria-pressed') === 'true');
  assert.equal(await proxy('play').innerText(), await page.locator('#play').innerText(), 'Play became Pause in both');
  // The lesson pauses the cook at epoch 10; the stand-in follows the real button back to Play.
  await page.waitForSelector('[data-testid="lesson-task-1"][data-state="done"]');
  await page.waitForSelector('#play[aria-pressed="false"]');
  await page.waitForFunction(() => document.querySelector('[data-control="play"]').getAttribute('aria-pressed') === 'false');
  assert.equal(await proxy('play').innerText(), await page.locator('#play').innerText());
  await proxy('init').selectOption('he');
  await page.waitForFunction(() => location.search.includes('init=he'));
  assert.equal(await page.locator('#init').inputValue(), 'he');
  // A task's own setting is not leaving the scene.
  assert.equal(await page.getByTestId('lesson-drift').isVisible(), false);
  // The page's language menu relabels the stand-ins.
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.querySelector('[data-control="play"]').textContent === document.querySelector('#play').textContent.trim()
    && document.querySelector('.nk-lesson-field span').textContent === document.querySelector('label[for="init"] span').textContent
    && document.documentElement.lang.startsWith('zh'));
  // A bad number is refused by the real field, and its message shows in the panel.
  await page.selectOption('#lang', 'en');
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  assert.equal(RATE, CONSTANT_INIT + 4, 'four Next presses reach the learning-rate scene');
  await sceneReady(page, RATE);
  await proxy('learningRate').fill('-1');
  await proxy('learningRate').press('Enter');
  await page.waitForFunction(() => /learningRate must be between/.test(document.querySelector('.nk-lesson-control-error')?.textContent ?? ''));
  assert.equal(await page.locator('#learningRate').inputValue(), '-1', 'the real field got it');
  assert.match(page.url(), /learningRate=0\.3&/, 'the running cook keeps its rate');
  await proxy('learningRate').fill('10');
  await proxy('learningRate').press('Enter');
  await page.waitForFunction(() => location.search.includes('learningRate=10&'));
  assert.equal(await page.locator('.nk-lesson-control-error').isVisible(), false);
  assert.equal(await page.getByTestId('lesson-drift').isVisible(), false, 'the task asked for this rate');
  // A tick box too: the test points show on the real plot.
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  assert.equal(TEACHER, RATE + 2);
  await sceneReady(page, TEACHER);
  await proxy('showTest').check();
  await page.waitForFunction(() => location.search.includes('showTest=true'));
  assert.equal(await page.locator('#showTest').isChecked(), true);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('a recipe changed away from the scene’s setup: the panel offers to put it back, or to keep it', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${TASTING}&lang=en`);
  await sceneReady(page, TASTING);
  const drift = page.getByTestId('lesson-drift');
  assert.equal(await drift.isVisible(), false);
  await page.selectOption('#dataset', 'xor');
  await drift.waitFor();
  assert.match(await drift.innerText(), /You changed the kitchen \(Dataset\): put the scene back\?/);
  await screenshot(page, 'lesson-stage-drift', false);
  await page.getByTestId('lesson-put-back').click();
  await sceneReady(page, TASTING);
  await page.waitForFunction(() => location.search.includes('dataset=circle'));
  assert.equal(await page.locator('#dataset').inputValue(), 'circle');
  assert.equal(await drift.isVisible(), false);
  // The loss the task asks for is no drift; a new seed is, and "Keep mine" keeps it.
  await page.selectOption('#loss', 'mse');
  await page.waitForFunction(() => location.search.includes('loss=mse'));
  assert.equal(await drift.isVisible(), false);
  await page.click('#regenerate');
  await drift.waitFor();
  await page.getByTestId('lesson-keep').click();
  await drift.waitFor({ state: 'hidden' });
  assert.doesNotMatch(page.url(), /seed=1&/, 'the new data stays');
  assert.equal(await page.locator('[data-testid="lesson"]').getAttribute('data-state'), 'ready');
  // In Chinese, with the page's own names for the settings.
  await page.selectOption('#lang', 'zh');
  await page.getByTestId('lesson-next').click();
  await sceneReady(page, TASTING + 1);
  await page.click('.layer-editor button >> nth=1');
  await drift.getByText('你改动了厨房（隐藏层）').waitFor();
  await page.getByTestId('lesson-put-back').click();
  await sceneReady(page, TASTING + 1);
  await drift.waitFor({ state: 'hidden' });
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('on a phone the panel is a bottom sheet that folds to the task, its controls and Next, and follows the phone turning', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${OVER_FITTING}&lang=en`);
  await page.setViewportSize(SIZES.phone);
  await sceneReady(page, OVER_FITTING);
  await scrollSettled(page);
  const sheet = page.getByTestId('lesson');
  const open10 = await sheet.boundingBox();
  assert.ok(open10.height <= 844 * 0.45 + 1, `at most 45 % of the screen, got ${open10.height}`);
  assert.ok(Math.abs(open10.y + open10.height - 844) <= 1 && open10.width === 390, 'along the bottom edge');
  assert.equal(await page.locator('.nk-lesson-text').isVisible(), true, 'the story shows');
  await page.getByTestId('lesson-fold').click();
  await page.locator('.nk-lesson-text').waitFor({ state: 'hidden' });
  await scrollSettled(page);
  const folded = await sheet.boundingBox();
  assert.ok(folded.height < open10.height * 0.7, `folded it is a bar, got ${folded.height} of ${open10.height}`);
  const seen = await stageInSight(page, STAGE_CONTROLS);
  assert.ok(seen.task && seen.next, 'the task and Next stay');
  for (const { key, reached } of seen.found) assert.ok(reached, `folded: ${key} stays in reach`);
  assert.equal(await page.getByTestId('lesson-fold').getAttribute('aria-expanded'), 'false');
  await screenshot(page, 'lesson-stage-phone-folded', false);
  await page.getByTestId('lesson-fold').click();
  await page.locator('.nk-lesson-text').waitFor();
  assert.equal(await page.getByTestId('lesson-fold').getAttribute('aria-expanded'), 'true');
  // The learner scrolls away; the address bar hiding (a change of height alone) leaves the page
  // there, while turning the phone (a new width) brings the scene's view back above the sheet.
  await page.evaluate(() => scrollTo(0, 0));
  await scrollSettled(page);
  await page.setViewportSize({ width: 390, height: 790 });
  await scrollSettled(page);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.setViewportSize({ width: 420, height: 790 });
  await scrollSettled(page);
  const turned = await stageInSight(page, STAGE_CONTROLS);
  assert.ok(turned.view.top >= -1 && turned.view.bottom <= turned.panelTop + 1, `turned: the view is back above the sheet, ${JSON.stringify(turned)}`);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the edges scene: the edge panel a click opens comes into sight above the lesson panel', async () => {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?lesson=${EDGES}&lang=en`);
    await page.setViewportSize(viewport);
    await sceneReady(page, EDGES);
    await scrollSettled(page);
    await clickEdge(page, 0);
    await page.getByTestId('param-input').waitFor();
    await scrollSettled(page);
    const reached = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="param-input"]');
      const r = el.getBoundingClientRect();
      return r.bottom <= innerHeight && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
    });
    assert.ok(reached, `${size}: the new value field is in sight, not under the panel`);
    assert.deepEqual(problems.console.concat(problems.page), []);
    await page.close();
  }
});
