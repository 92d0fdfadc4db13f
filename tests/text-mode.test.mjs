// Text mode as a learner uses it: the chat box answers before and after training, the next-
// character bars, the samples kept at each epoch's end, a bad prompt, the loss chart's reference
// lines and the counters, Chinese, the link, save and load, an embed with a text preset, a phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatAnswer as answer, counter, counterNumber, launch, open, press, runEpoch, screenshot, useBrowser, waitForCounter } from './page-harness.mjs';

const env = useBrowser();

// The bigram recipe: it learns names fastest.
const BIGRAM = '?dataset=names&seed=1&layers=embed&context=1&learningRate=0.02';

// The samples listed by epoch: [{ epoch, text }].
function samples(page) {
  return page.locator('[data-testid="epoch-sample"]').evaluateAll((items) => items.map((li) => ({
    epoch: Number(li.dataset.epoch), texts: [...li.querySelectorAll('.sample-text')].map((s) => s.textContent),
  })));
}

// Pixels of the loss chart in the reference lines' green.
function greenPixels(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('loss-chart');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 1] > data[i] + 40 && data[i + 1] > data[i + 2] + 60) n += 1;
    return n;
  });
}

test('the chat box answers before and after training, the answer changes, and samples appear at each epoch', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${BIGRAM}&prompt=ma`);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.equal(await page.inputValue('#preset'), 'names-bigram');
  assert.equal(await page.inputValue('#prompt'), 'ma');
  const before = await answer(page);
  assert.ok(before.length > 0, 'the untrained model writes something');
  await page.waitForSelector('[data-testid="epoch-sample"][data-epoch="0"]');
  await runEpoch(page, 1);
  const after = await answer(page);
  assert.notEqual(after, before, 'trained, it writes something else');
  await page.waitForSelector('[data-testid="epoch-sample"][data-epoch="1"]');
  const listed = await samples(page);
  assert.deepEqual(listed.map((s) => s.epoch), [0, 1], 'one entry at the start and one at the epoch\'s end');
  assert.ok(listed.every((s) => s.texts.length === 3));
  assert.notDeepEqual(listed[1].texts, listed[0].texts, 'the same seeds write other texts after an epoch');
  await screenshot(page, 'text-trained');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

// The pantry's table of seasonings as drawn: its canvas's pixels.
function pantryPixels(page) {
  return page.getByTestId('pantry-heatmap').evaluate((canvas) => Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data));
}

test('the pantry draws the embedding table, it changes with training, and after Backward only the batch\'s characters are lit', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=names&seed=1');
  assert.equal(await page.inputValue('#preset'), 'names-mlp');
  await page.waitForFunction(() => document.querySelectorAll('#pantry [data-testid="pantry-row"]').length === 27);
  const before = await pantryPixels(page);
  assert.ok(before.some((v, i) => i % 4 === 3 && v > 0), 'the table is painted');
  assert.equal(await page.getByTestId('pantry-gradient-note').isHidden(), true, 'no gradients before Backward');
  await press(page, 'p', 3); // forward, loss, backward
  await page.waitForFunction(() => !document.querySelector('[data-testid="pantry-gradient-note"]').hidden);
  const lit = await page.locator('#pantry [data-testid="pantry-row"].lit').count();
  const faded = await page.locator('#pantry [data-testid="pantry-row"].faded').count();
  assert.ok(lit > 0 && faded > 0 && lit + faded === 27, `some rows lit, the rest faded: ${lit} lit, ${faded} faded`);
  assert.match(await page.getByTestId('pantry-gradient-note').innerText(), new RegExp(`\\b${lit} of 27\\b`));
  await runEpoch(page, 1);
  await page.waitForFunction(() => document.querySelector('[data-testid="pantry-gradient-note"]').hidden);
  const after = await pantryPixels(page);
  assert.notDeepEqual(after, before, 'an epoch of training changes the table');
  await screenshot(page, 'text-pantry');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the next-character bars sum to at most 1 and clicking one appends it to the prompt', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${BIGRAM}&prompt=an`);
  await answer(page);
  const bars = page.getByTestId('next-char');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="next-char"][data-probability]').length === 8);
  const probabilities = await bars.evaluateAll((els) => els.map((el) => Number(el.dataset.probability)));
  const sum = probabilities.reduce((a, b) => a + b, 0);
  assert.ok(sum > 0 && sum <= 1 + 1e-6, `the top candidates' probabilities sum to ${sum}`);
  assert.deepEqual(probabilities, [...probabilities].sort((a, b) => b - a), 'most likely first');
  const pick = page.locator('[data-testid="next-char"]:not([disabled])').first();
  const char = await pick.getAttribute('data-char');
  await pick.click();
  await page.waitForFunction((c) => document.getElementById('prompt').value === `an${c}`, char);
  await page.waitForFunction((c) => new URL(location.href).searchParams.get('prompt') === `an${c}`, char);
  // The chat box shows the new prompt when it next draws (a frame after the click).
  await page.waitForFunction((c) => document.getElementById('chat-typed').textContent === `an${c}`, char, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.locator('#chat-typed').innerText(), `an${char}`);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('a prompt with characters outside the vocabulary gets a message naming them, and the model keeps its steps', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, BIGRAM);
  await press(page, 's', 3);
  await waitForCounter(page, 'step', '3');
  const loss = await counter(page, 'trainLoss');
  await page.fill('#prompt', 'aX€');
  const problem = page.getByTestId('prompt-problem');
  await problem.filter({ hasText: "'X', '€'" }).waitFor();
  assert.match(await problem.innerText(), /does not have: 'X', '€'.*unchanged/);
  assert.equal(await counter(page, 'step'), '3');
  assert.equal(await counter(page, 'trainLoss'), loss);
  await press(page, 's');
  await waitForCounter(page, 'step', '4');
  await page.fill('#prompt', 'a');
  await answer(page);
  assert.equal(await problem.isVisible(), false, 'a good prompt clears the message');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the loss chart has its two reference lines, and the counters give bits per character and perplexity', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, BIGRAM);
  await page.waitForFunction(() => document.querySelector('[data-testid="text-vocabulary"]').textContent.startsWith('27 characters'));
  await page.waitForFunction(() => {
    const canvas = document.getElementById('loss-chart');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) if (data[i + 1] > data[i] + 40 && data[i + 1] > data[i + 2] + 60) return true;
    return false;
  });
  assert.ok(await greenPixels(page) > 100, 'the reference lines are drawn');
  const testLoss = await counterNumber(page, 'testLoss');
  assert.ok(Math.abs(await counterNumber(page, 'testBits') - testLoss / Math.LN2) < 0.01);
  assert.ok(Math.abs(await counterNumber(page, 'perplexity') - Math.exp(testLoss)) < 0.05);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('the chat box in the link: prompt, temperature and dice come back, with the same answer', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, BIGRAM);
  await page.fill('#prompt', 'jo');
  await page.locator('#temperature').fill('0.5');
  await page.click('#sample-again');
  await page.waitForFunction(() => {
    const p = new URL(location.href).searchParams;
    return p.get('prompt') === 'jo' && p.get('temperature') === '0.5' && p.get('sampleSeed') !== '1';
  });
  const first = await answer(page);
  const link = new URL(page.url()).search;
  const again = await open(env.browser.context, env.server.origin, link);
  assert.equal(await again.page.inputValue('#prompt'), 'jo');
  assert.equal(await again.page.inputValue('#temperature'), '0.5');
  assert.equal(await answer(again.page), first, 'the same link, the same answer');
  assert.deepEqual(problems.console.concat(problems.page, again.problems.console, again.problems.page), []);
  await page.close();
  await again.page.close();
});

test('a saved text model loads back with its steps and its answer', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, `${BIGRAM}&prompt=el`);
  await press(page, 's', 5);
  await waitForCounter(page, 'step', '5');
  const saved = { testLoss: await counter(page, 'testLoss'), answer: await answer(page) };
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-model')]);
  const file = await download.path();
  await page.selectOption('#dataset', 'circle');
  await waitForCounter(page, 'step', '0');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('.file-button')]);
  await chooser.setFiles(file);
  await page.getByTestId('page-message').filter({ hasText: 'Model loaded.' }).waitFor();
  await waitForCounter(page, 'step', '5');
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'text');
  assert.equal(await counter(page, 'testLoss'), saved.testLoss);
  await page.fill('#prompt', 'el');
  assert.equal(await answer(page), saved.answer, 'the same weights write the same text');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('Chinese: the poems recipe in the Chinese page continues a line of a poem', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=poems&lang=zh&prompt=春眠');
  assert.equal(await page.locator('#pantry h3').first().innerText(), '调料柜：每个字一罐调料');
  assert.equal(await page.locator('.chat h3').first().innerText(), '和厨师聊天');
  const text = await answer(page);
  assert.match(text, /\p{Script=Han}/u, `a Chinese continuation: ${text}`);
  assert.match(await page.getByTestId('text-vocabulary').innerText(), /^词表中有 3,650 个字符/);
  await screenshot(page, 'text-poems-zh');
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});

test('an embed with a text preset shows the chat box and trains', async () => {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/www/embed/neural-kitchen.js"></script>'
    + '<neural-kitchen preset="names-mlp" lang="en"></neural-kitchen>';
  await page.route(`${env.server.origin}/text-embed.html`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto(`${env.server.origin}/text-embed.html`);
  await page.waitForFunction(() => document.querySelector('neural-kitchen').shadowRoot?.querySelector('.nk-app')?.dataset.ready === 'true');
  const shown = () => page.evaluate(() => {
    const root = document.querySelector('neural-kitchen').shadowRoot;
    const visible = (sel) => root.querySelector(sel)?.offsetParent !== null;
    return { chat: visible('#prompt'), plot: visible('#data-plot'), answer: root.querySelector('[data-testid="chat-continued"]').textContent };
  });
  await page.waitForFunction(() => document.querySelector('neural-kitchen').shadowRoot.querySelector('[data-testid="chat-continued"]').textContent !== '…');
  const first = await shown();
  assert.deepEqual([first.chat, first.plot], [true, false], 'the chat box, not the point plot');
  // The handle hears each answer the chat box gets ('answer': what was typed, what it wrote,
  // with the weights of which step).
  await page.evaluate(() => {
    window.answers = [];
    document.querySelector('neural-kitchen').handle.on('answer', (detail) => window.answers.push(detail));
  });
  const steps = await page.evaluate(async () => {
    const { handle } = document.querySelector('neural-kitchen');
    await handle.step(50);
    return handle.metrics().step;
  });
  assert.equal(steps, 50);
  await page.waitForFunction((before) => {
    const el = document.querySelector('neural-kitchen').shadowRoot.querySelector('[data-testid="chat-continued"]');
    return !el.classList.contains('stale') && el.textContent !== before;
  }, first.answer);
  const heard = await page.evaluate(() => window.answers.at(-1));
  assert.deepEqual(heard, { prompt: '', text: (await shown()).answer, error: null, step: 50 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('at phone width text mode stacks without horizontal overflow', async () => {
  const phone = await launch({ viewport: { width: 375, height: 740 }, locale: 'en-US' });
  try {
    const { page, problems } = await open(phone.context, env.server.origin, `${BIGRAM}&prompt=mar`);
    await answer(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `scrollWidth ${widths.scroll} ≤ clientWidth ${widths.client}`);
    const box = await page.locator('#prompt').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375);
    await screenshot(page, 'text-phone');
    assert.deepEqual(problems.console.concat(problems.page), []);
  } finally {
    await phone.close();
  }
});

test('the phase strip says in words what each phase did for next-character prediction', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?dataset=names');
  const sentence = async (n) => {
    await press(page, 'p');
    await waitForCounter(page, 'step', n);
    return (await page.locator('.phase-strip').innerText()).split('\n').at(-1);
  };
  // The step counter counts whole steps: it reaches 1 after the update.
  await press(page, 'p');
  await page.waitForFunction(() => /^Cooked: 32 characters/.test(document.querySelector('.phase-strip').innerText.split('\n').at(-1)));
  assert.match((await page.locator('.phase-strip').innerText()).split('\n').at(-1), /the 3 characters before it .* each of the 27 next characters/);
  await press(page, 'p');
  await page.waitForFunction(() => /^Tasted: batch loss/.test(document.querySelector('.phase-strip').innerText.split('\n').at(-1)));
  await press(page, 'p');
  await page.waitForFunction(() => /^Told the cook/.test(document.querySelector('.phase-strip').innerText.split('\n').at(-1)));
  const rows = Number(/only the (\d+) characters seen/.exec((await page.locator('.phase-strip').innerText()).split('\n').at(-1))[1]);
  assert.ok(rows >= 1 && rows < 27, `only the batch's characters have gradients: ${rows} of 27`);
  assert.match(await sentence('1'), /^Adjusted the seasonings/);
  assert.deepEqual(problems.console.concat(problems.page), []);
  await page.close();
});
