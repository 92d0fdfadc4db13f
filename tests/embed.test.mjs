// Embedding: the example article's three <neural-kitchen> elements train side by side, each with
// its own Trainer; the handle drives one from a script; a bad attribute is reported in its own box;
// an embed pauses off-screen and plays again when back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, useBrowser } from './page-harness.mjs';

// Tall enough that all three embeds of the article are on screen at once.
const env = useBrowser({ locale: 'en-US', viewport: { width: 1280, height: 4200 } });

// Opens the article and waits until each embed has drawn; records console and page errors.
async function openArticle(context, origin, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${origin}/examples/article.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('neural-kitchen')]
    .every((el) => el.handle && el.shadowRoot.querySelector('.nk-app').dataset.ready === 'true'));
  return { page, problems };
}

// The step counter of each embed that names its counters (the article's two that show one), read
// inside its shadow root.
const shownSteps = (page) => page.evaluate(() => [...document.querySelectorAll('neural-kitchen[counters]')]
  .map((el) => Number(el.shadowRoot.querySelector('[data-testid="count-step"]')?.textContent.replace(/,/g, ''))));

test('the article\'s three embeds train at once, each with its own trainer', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin);
  const datasets = await page.evaluate(() => [...document.querySelectorAll('neural-kitchen')].map((el) => el.handle.config().dataset));
  assert.deepEqual(datasets, ['spiral', 'xor', 'circle']);
  assert.equal(await page.evaluate(() => document.querySelector('neural-kitchen[preset="circle"]').handle.config().learningRate), 0.3, 'the config attribute applies');
  // (xor and circle learn within 200 steps: here they train on rather than pause when learned)
  await page.evaluate(() => Promise.all([...document.querySelectorAll('neural-kitchen')].map((el) => el.handle.setConfig({ pauseLearned: false }))));
  await page.evaluate(() => document.querySelectorAll('neural-kitchen').forEach((el) => el.handle.play()));
  await page.waitForFunction(() => [...document.querySelectorAll('neural-kitchen')].every((el) => el.handle.metrics().step >= 200));
  await page.waitForFunction(() => [...document.querySelectorAll('neural-kitchen[counters]')]
    .every((el) => Number(el.shadowRoot.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, '')) > 0));
  // Pausing one leaves the others training: separate loops and trainers.
  await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.pause());
  const paused = await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.metrics().step);
  const spiral = await page.evaluate(() => document.querySelector('neural-kitchen').handle.metrics().step);
  await page.waitForFunction((n) => document.querySelector('neural-kitchen').handle.metrics().step > n + 100, spiral);
  assert.equal(await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.metrics().step), paused);
  // Each shows only its chosen views and controls.
  const shown = await page.evaluate(() => {
    const visible = (el, sel) => Boolean(el.shadowRoot.querySelector(sel)?.getClientRects().length);
    return [...document.querySelectorAll('neural-kitchen')].map((el) => ['#data-plot', '#network-diagram', '#loss-chart', '#accuracy-chart', '#play', '#phase', '#learningRate', '.masthead']
      .filter((sel) => visible(el, sel)));
  });
  assert.deepEqual(shown, [
    ['#data-plot', '#loss-chart', '#play'],
    ['#network-diagram', '#phase'],
    ['#data-plot', '#loss-chart', '#play', '#learningRate'],
  ]);
  const steps = await shownSteps(page);
  assert.equal(steps.length, 2);
  assert.ok(steps.every((n) => n > 0));
  await screenshot(page, 'embed-article');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the handle steps, runs phases, checks settings, reports events, highlights, captions and is destroyed', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin);
  const result = await page.evaluate(async () => {
    const el = document.querySelector('neural-kitchen[preset="xor"]');
    const h = el.handle;
    const events = [];
    const offs = ['step', 'phase', 'config', 'reset', 'play', 'pause'].map((name) => h.on(name, (d) => events.push([name, d.phase ?? d.steps ?? null])));
    await h.step(3);
    const afterSteps = h.metrics();
    const phases = [await h.phase(), await h.phase(), await h.phase(), await h.phase()];
    const afterPhases = h.metrics();
    let rejected = null;
    try {
      await h.setConfig({ learningRate: 50 });
    } catch (error) {
      rejected = error.message;
    }
    let unknown = null;
    try {
      await h.setConfig({ learningRat: 0.1 });
    } catch (error) {
      unknown = error.message;
    }
    // A switch to images needs a recipe; a layer that does not fit its 8×8 images refuses the
    // whole call, and the running cook stays.
    let switched = null;
    try {
      await h.setConfig({ dataset: 'digits8', layers: 'conv4k9-relu' });
    } catch (error) {
      switched = error.message;
    }
    const kept = { step: h.metrics().step, learningRate: h.config().learningRate, dataset: h.config().dataset };
    await h.setConfig({ learningRate: 0.1, hidden: '4:tanh' });
    const changed = h.config();
    await h.reset();
    const afterReset = h.metrics().step;
    h.play();
    h.pause();
    let badView = null;
    try {
      h.highlight('nope');
    } catch (error) {
      badView = error.message;
    }
    h.highlight('network');
    const glowing = [...el.shadowRoot.querySelectorAll('.nk-highlight')].map((e) => e.id || e.className);
    h.caption('Watch the <b>edges</b>');
    const caption = el.shadowRoot.querySelector('[data-testid="embed-caption"]');
    const captionShown = { text: caption.textContent, bold: caption.querySelector('b') !== null, visible: caption.getClientRects().length > 0 };
    offs.forEach((off) => off());
    const epochs = [];
    const offEpoch = h.on('epoch', (d) => epochs.push(d.epoch));
    await h.epoch();
    const afterEpoch = { epoch: h.metrics().epoch, playing: h.playing, epochs };
    offEpoch();
    return { afterEpoch, afterSteps, phases, afterPhases, rejected, unknown, switched, kept, changed: { lr: changed.learningRate, hidden: changed.hidden }, events, badView, glowing, captionShown, afterReset };
  });
  assert.equal(result.afterSteps.step, 3);
  assert.deepEqual(result.phases, ['forward', 'loss', 'backward', 'update']);
  assert.equal(result.afterPhases.step, 4);
  assert.equal(result.afterPhases.nextPhase, 'forward');
  assert.match(result.rejected, /learningRate must be between 0.00001 and 10, got 50/);
  assert.match(result.unknown, /learningRat is not a setting; the settings are dataset, seed,/);
  assert.match(result.switched, /kernel|fit/, `the core names what does not fit: ${result.switched}`);
  assert.deepEqual(result.kept, { step: 4, learningRate: 0.03, dataset: 'xor' }, 'a rejected setting keeps the running model');
  assert.deepEqual(result.changed, { lr: 0.1, hidden: [{ units: 4, activation: 'tanh' }] });
  assert.equal(result.afterReset, 0, 'reset');
  assert.deepEqual(result.events.map(([name]) => name), ['step', 'phase', 'phase', 'phase', 'phase', 'step', 'config', 'reset', 'play', 'pause']);
  assert.deepEqual(result.events.filter(([name]) => name === 'phase').map(([, p]) => p), ['forward', 'loss', 'backward', 'update']);
  assert.match(result.badView, /the view must be one of boundary, network, loss, accuracy, phase, counters, data, recipe, cook, kernels, feature-maps, gallery, drawing, confusion, histogram/);
  assert.ok(result.glowing.some((name) => name.includes('network-view')), `the diagram's box glows: ${result.glowing}`);
  assert.deepEqual(result.afterEpoch, { epoch: 1, playing: false, epochs: [1] }, 'epoch() trains one epoch, then pauses');
  assert.deepEqual(result.captionShown, { text: 'Watch the <b>edges</b>', bold: false, visible: true });
  await screenshot(page, 'embed-highlight-caption', false);

  // destroy(): the loop stops, the DOM goes, the handle refuses further calls.
  const destroyed = await page.evaluate(async () => {
    const el = document.querySelector('neural-kitchen[preset="xor"]');
    const h = el.handle;
    h.play();
    h.destroy();
    let after = null;
    try {
      await h.step();
    } catch (error) {
      after = error.message;
    }
    return { app: el.shadowRoot.querySelector('.nk-app'), after, playing: h.playing };
  });
  assert.deepEqual(destroyed, { app: null, after: 'this Neural Kitchen was destroyed', playing: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test('mount() embeds into any element and rejects a bad option with its name and the allowed values', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin);
  const result = await page.evaluate(async () => {
    const { mount } = await import('/www/embed/mount.js');
    const box = document.createElement('div');
    document.querySelector('article').append(box);
    const h = await mount(box, { preset: 'moons', views: ['boundary', 'counters'], controls: ['step'], config: { seed: 7, hidden: [{ units: 3, activation: 'relu' }] }, lang: 'zh' });
    await h.step(5);
    const shown = { step: h.metrics().step, seed: h.config().seed, lang: h.lang, inside: box.contains(h.host) };
    const errors = [];
    for (const options of [{ preset: 'pizza' }, { views: ['boundary', 'clouds'] }, { config: { noise: 99 } }, { lang: 'fr' }, { colour: 'red' }, { workers: 3 }]) {
      try {
        await mount(box, options);
        errors.push(null);
      } catch (error) {
        errors.push(error.message);
      }
    }
    h.destroy();
    return { shown, errors, left: box.childElementCount };
  });
  assert.deepEqual(result.shown, { step: 5, seed: 7, lang: 'zh', inside: true });
  assert.match(result.errors[0], /^preset must be one of spiral, .*xor.*, got pizza$/);
  assert.match(result.errors[1], /^views must name only boundary, network, .*, got clouds$/);
  assert.match(result.errors[2], /^config: noise must be between 0 and 50, got 99$/);
  assert.match(result.errors[3], /^lang must be one of en, zh, got fr$/);
  assert.match(result.errors[4], /^colour is not an option; the options are preset, config, lang, controls, views, counters, frame, autoplay, workers$/);
  assert.match(result.errors[5], /^workers must be one of auto, 1, 2, got 3$/);
  assert.equal(result.left, 0, 'failed mounts and the destroyed one leave nothing behind');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad attribute shows its message inside its own box while the other embeds keep working', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin);
  await page.evaluate(() => {
    const add = (attributes) => {
      const el = document.createElement('neural-kitchen');
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
      document.querySelector('article').prepend(el);
    };
    add({ views: 'boundary,bogus' });
    add({ preset: 'circle', config: '{"learningRate": 0.03' });
    add({ preset: 'circle', config: '{"batchSize": 0}' });
  });
  const messages = await page.waitForFunction(() => {
    const boxes = [...document.querySelectorAll('neural-kitchen')].map((el) => el.shadowRoot?.querySelector('[data-testid="embed-error"]')?.textContent);
    return boxes.filter(Boolean).length === 3 ? boxes.slice(0, 3) : null;
  });
  const [batch, json, views] = await messages.jsonValue();
  assert.match(views, /^Neural Kitchen: views must name only boundary, network, loss, .*, got bogus$/);
  assert.match(json, /^Neural Kitchen: config must be JSON such as \{"learningRate": 0.03\}, got \{"learningRate": 0.03$/);
  assert.match(batch, /^Neural Kitchen: config: batchSize must be a whole number between 1 and 2000, got 0$/);
  // The article's own embeds still train.
  const before = await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.metrics().step);
  await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.step(2));
  assert.equal(await page.evaluate(() => document.querySelector('neural-kitchen[preset="xor"]').handle.metrics().step), before + 2);
  await page.waitForFunction(() => document.querySelector('neural-kitchen[preset="spiral"]').handle.metrics().step > 50);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'embed-bad-attributes', false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard shortcuts act only in the embed that has the focus or the pointer', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin);
  const steps = () => page.evaluate(() => ['xor', 'circle'].map((p) => document.querySelector(`neural-kitchen[preset="${p}"]`).handle.metrics().step));
  // The pointer over the XOR embed, nothing focused: S steps that one only.
  const xor = await page.locator('neural-kitchen[preset="xor"]').boundingBox();
  await page.mouse.move(xor.x + 20, xor.y + xor.height - 20);
  await page.keyboard.press('s');
  await page.waitForFunction(() => document.querySelector('neural-kitchen[preset="xor"]').handle.metrics().step === 1);
  assert.deepEqual(await steps(), [1, 0]);
  // The focus in the circle embed (a click on its box): S steps that one, wherever the pointer is.
  await page.locator('neural-kitchen[preset="circle"]').click({ position: { x: 6, y: 6 } });
  await page.mouse.move(xor.x + 20, xor.y + xor.height - 20);
  await page.keyboard.press('s');
  await page.waitForFunction(() => document.querySelector('neural-kitchen[preset="circle"]').handle.metrics().step === 1);
  assert.deepEqual(await steps(), [1, 1]);
  assert.ok(await page.evaluate(() => document.querySelector('neural-kitchen[preset="spiral"]').handle.playing), 'the autoplaying spiral never heard S (a step would pause it)');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an embed pauses while off-screen and plays again when scrolled back', async () => {
  const { page, problems } = await openArticle(env.browser.context, env.server.origin, { width: 390, height: 700 });
  const spiral = 'neural-kitchen[preset="spiral"]';
  await page.locator(spiral).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => document.querySelector(s).handle.playing, spiral);
  await screenshot(page, 'embed-phone', false);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction((s) => !document.querySelector(s).handle.playing && document.querySelector(s).hasAttribute('data-offscreen'), spiral);
  const step = await page.evaluate((s) => document.querySelector(s).handle.metrics().step, spiral);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await page.evaluate((s) => document.querySelector(s).handle.metrics().step, spiral), step, 'no training off-screen');
  await page.locator(spiral).scrollIntoViewIfNeeded();
  await page.waitForFunction(([s, n]) => document.querySelector(s).handle.playing && document.querySelector(s).handle.metrics().step > n, [spiral, step]);
  // At phone width nothing in an embed spills sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  assert.deepEqual(problems, []);
  await page.close();
});
