// Rewinding the cook (issue 14): the "Over-seasoned!" guard pauses a diverging run, marks its step
// and explains it, and its one button rewinds to the last good step with half the learning rate;
// the timeline under the loss chart restores a saved step exactly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { counterNumber, open, press, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

// The page's model file (Save model), parsed.
async function savedModel(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  return JSON.parse(await fs.readFile(await download.path(), 'utf8'));
}

const bits = (values) => Array.from(new Uint32Array(Float32Array.from(values).buffer));

async function messages(page) {
  return page.locator('#page-messages').innerText();
}

for (const lang of ['en', 'zh']) {
  test(`at learning rate 10 the guard pauses with its explanation (${lang}); one click rewinds, halves the rate and trains on`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?dataset=spiral&seed=1&learningRate=10&lang=${lang}`);
    await page.click('#play');
    await page.waitForSelector('[data-testid="divergence-mark"]');
    await page.waitForSelector('#play[aria-pressed="false"]');
    const said = await messages(page);
    assert.match(said, lang === 'en' ? /Over-seasoned! At step \d+ the loss jumped to/ : /调料放过头了！第 \d+ 步时损失/);
    assert.match(said, lang === 'en' ? /learning rate 10 / : /学习率 10 /);
    assert.ok(await page.locator('figure.chart.diverged').count() === 1, 'the loss chart is marked');
    const stopped = await counterNumber(page, 'step');
    await screenshot(page, `rewind-guard-${lang}`, false);
    await page.locator('#loss-chart').scrollIntoViewIfNeeded();
    await screenshot(page, `rewind-guard-chart-${lang}`, false);

    const button = page.locator('[data-testid="page-message"] button', { hasText: lang === 'en' ? 'Rewind to the last good step' : '倒回到最后一个好的步骤' });
    await button.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('learningRate') === '5');
    assert.equal(await page.inputValue('#learningRate'), '5');
    assert.match(await messages(page), lang === 'en' ? /Rewound to step \d+; the learning rate is now 5\./ : /已倒回到第 \d+ 步；学习率现在是 5。/);
    // Training goes on from the good step (it may be over-seasoned again: 5 is still large).
    await page.waitForFunction((before) => {
      const step = Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/[,\s]/g, ''));
      return step > 0 && step !== before;
    }, stopped);
    const loss = await page.locator('[data-testid="count-trainLoss"]').innerText();
    assert.ok(Number.isFinite(Number(loss)), `a finite loss, got ${loss}`);
    await page.close();
    assert.deepEqual(problems.console.concat(problems.page), []);
  });
}

test('a reset starts a new timeline: the guard\'s mark and message go, the checkpoints start again at step 0', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=spiral&seed=1&learningRate=10');
  await page.click('#play');
  await page.waitForSelector('[data-testid="divergence-mark"]');
  await page.click('#reset');
  await waitForCounter(page, 'step', '0');
  await page.waitForFunction(() => !document.querySelector('[data-testid="divergence-mark"]') && !document.querySelector('figure.chart.diverged'));
  assert.doesNotMatch(await messages(page), /Over-seasoned!/);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.timeline-mark[data-step]')].map((m) => m.dataset.step)), ['0']);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('the guard can be turned off: the same run plays on without a word', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=spiral&seed=1&learningRate=10&guard=false');
  assert.equal(await page.isChecked('#guard'), false);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/[,\s]/g, '')) > 3000);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
  assert.equal(await page.locator('[data-testid="divergence-mark"]').count(), 0);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('the timeline restores a saved step exactly: its parameters equal bit for bit a fresh run\'s at that step', async () => {
  const query = '?dataset=spiral&seed=3&optimizer=adam&learningRate=0.03';
  const { page, problems } = await open(env.browser.context, env.server.origin, query);
  await press(page, 's', 12);
  await waitForCounter(page, 'step', '12');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-epoch"]').textContent) >= 3);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  const marks = await page.evaluate(() => [...document.querySelectorAll('.timeline-mark[data-step]')].map((m) => Number(m.dataset.step)));
  assert.ok(marks.length >= 10 && marks[0] === 0, `checkpoints from step 0 on, got ${marks}`);
  // The slider runs over the steps and goes to the nearest checkpoint: one of a step by hand.
  const step = marks.findLast((s) => s > 0 && s < 12);
  assert.ok(step > 0, `a checkpoint of a step by hand, got ${marks}`);
  await page.locator('#timeline').fill(String(step));
  await waitForCounter(page, 'step', String(step));
  assert.equal(await page.locator('#timeline-at').innerText(), `step ${step} · epoch 0`);
  const restored = await savedModel(page);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await screenshot(page, 'rewind-timeline-en', false);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);

  const fresh = await open(env.browser.context, env.server.origin, query);
  await press(fresh.page, 's', step);
  await waitForCounter(fresh.page, 'step', String(step));
  const atStep = await savedModel(fresh.page);
  await fresh.page.close();
  assert.deepEqual(bits(restored.params), bits(atStep.params));
  assert.deepEqual(restored.optimizerState.map(bits), atStep.optimizerState.map(bits));
  assert.deepEqual(restored.progress, atStep.progress);
  assert.deepEqual(restored.history, atStep.history, 'the curves are the ones up to that step');
});

test('"Keep this cook" goes back to the saved step with the lowest test loss', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=circle&seed=2&learningRate=3&guard=false');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-epoch"]').textContent) >= 40);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  const marks = await page.evaluate(() => [...document.querySelectorAll('.timeline-mark[data-step]')]
    .map((m) => ({ step: Number(m.dataset.step), testLoss: Number(m.dataset.testLoss) })));
  const best = marks.reduce((a, b) => (b.testLoss < a.testLoss ? b : a));
  assert.ok(best.step !== marks.at(-1).step, 'this run\'s best cook is behind it (else the test proves nothing)');
  await page.click('#keep-cook');
  await waitForCounter(page, 'step', best.step.toLocaleString('en-US'));
  const model = await savedModel(page);
  assert.equal(model.progress.step, best.step);
  await page.close();
  assert.deepEqual(problems.console.concat(problems.page), []);
});

test('an embed has the guard too: it pauses with the message in its own box, tells the handle\'s listeners, and the button rewinds', async () => {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${env.server.origin}/examples/article.html`);
  await page.evaluate(() => {
    const el = document.createElement('neural-kitchen');
    el.id = 'over';
    el.setAttribute('preset', 'spiral');
    el.setAttribute('config', '{"learningRate": 10}');
    el.setAttribute('views', 'boundary,loss');
    el.setAttribute('controls', 'play');
    el.setAttribute('lang', 'en');
    document.body.prepend(el);
  });
  await page.waitForFunction(() => document.querySelector('#over').shadowRoot?.querySelector('.nk-app')?.dataset.ready === 'true');
  await page.evaluate(() => {
    const { handle } = document.querySelector('#over');
    handle.on('diverged', (detail) => { window.diverged = detail; });
    handle.play();
  });
  await page.waitForFunction(() => document.querySelector('#over').shadowRoot.querySelector('[data-testid="divergence-mark"]'));
  await page.waitForFunction(() => !document.querySelector('#over').handle.playing);
  const said = await page.evaluate(() => document.querySelector('#over').shadowRoot.querySelector('#page-messages').innerText);
  assert.match(said, /Over-seasoned!/);
  const told = await page.evaluate(() => window.diverged);
  assert.equal(told.learningRate, 10, 'the handle\'s listeners hear it');
  assert.ok(['exploding', 'notFinite'].includes(told.reason) && told.step > 0);
  await page.evaluate(() => [...document.querySelector('#over').shadowRoot.querySelectorAll('[data-testid="page-message"] button')]
    .find((b) => b.textContent.startsWith('Rewind')).click());
  await page.waitForFunction(() => document.querySelector('#over').handle.config().learningRate === 5);
  assert.ok(Number.isFinite(await page.evaluate(() => document.querySelector('#over').handle.metrics().trainLoss)));
  await page.evaluate(() => document.querySelector('#over').handle.setConfig({ guard: false }));
  assert.equal(await page.evaluate(() => document.querySelector('#over').shadowRoot.querySelector('#guard').checked), false, 'a script turns the guard off');
  await page.close();
  assert.deepEqual(problems, []);
});
