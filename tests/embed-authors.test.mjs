// What a tutorial author chooses on an embed: which counters it shows, whether it draws its own
// frame, which plot toggles it offers, and an autoplay that stops by itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEmbeds, useBrowser } from './page-harness.mjs';

const env = useBrowser({ locale: 'en-US', viewport: { width: 900, height: 1400 } });

// A blank page with the given embeds (page-harness.mjs openEmbeds).
const embedPage = (embeds) => openEmbeds(env.browser.context, env.server.origin, embeds);

// Each embed's shown counters (their names) and messages.
const shownCounters = (page) => page.evaluate(() => [...document.querySelectorAll('neural-kitchen')].map((el) => ({
  counters: [...el.shadowRoot.querySelectorAll('#counters [data-counter]')].filter((c) => c.getClientRects().length > 0).map((c) => c.dataset.counter),
  messages: [...el.shadowRoot.querySelectorAll('[data-testid="page-message"]')].map((m) => m.textContent),
})));

test('counters shows only the named counters; the default is a small set; a bad name is reported and the embed still trains', async () => {
  const { page, problems } = await embedPage([
    { preset: 'xor', views: 'counters', counters: 'epoch,testAccuracy' },
    { preset: 'xor', views: 'counters' },
    { preset: 'xor', views: 'counters', counters: 'step, trainLoss, bogus' },
    { preset: 'plane', views: 'counters', counters: 'step,testAccuracy' },
  ]);
  const shown = await shownCounters(page);
  assert.deepEqual(shown[0], { counters: ['epoch', 'testAccuracy'], messages: [] });
  assert.deepEqual(shown[1], { counters: ['epoch', 'testLoss', 'testAccuracy'], messages: [] }, 'the default: three counters, not all nine');
  assert.deepEqual(shown[2].counters, ['epoch', 'testLoss', 'testAccuracy'], 'a bad name: the defaults');
  assert.equal(shown[2].messages.length, 1);
  assert.match(shown[2].messages[0], /^Embed setting ignored: counters must name only epoch, step, examples, speed, trainLoss, testLoss, trainAccuracy, testAccuracy, trainRmse, testRmse, batchLoss, testBits, perplexity, got bogus\. Using epoch,testLoss,testAccuracy\./);
  assert.deepEqual(shown[3].counters, ['step', 'testRmse'], 'a regression shows its RMSE where the accuracy would be');
  // The embed with the bad name trains and its counters follow.
  await page.evaluate(() => document.querySelectorAll('neural-kitchen')[2].handle.epoch());
  await page.waitForFunction(() => document.querySelectorAll('neural-kitchen')[2].shadowRoot.querySelector('[data-testid="count-epoch"]').textContent === '1');
  // mount() takes the same option, with the same note.
  const mounted = await page.evaluate(async () => {
    const { mount } = await import('/www/embed/mount.js');
    const box = document.createElement('div');
    document.querySelector('article').append(box);
    const h = await mount(box, { preset: 'xor', views: ['counters'], counters: ['step', 'nope'] });
    const root = h.host.shadowRoot;
    while (h.element.dataset.ready !== 'true') await new Promise((resolve) => requestAnimationFrame(resolve));
    const result = {
      counters: [...root.querySelectorAll('#counters [data-counter]')].map((c) => c.dataset.counter),
      message: root.querySelector('[data-testid="page-message"]')?.textContent,
    };
    h.destroy();
    return result;
  });
  assert.deepEqual(mounted.counters, ['epoch', 'testLoss', 'testAccuracy']);
  assert.match(mounted.message, /counters must name only epoch, .*, got nope/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('counters can name text mode\u2019s bits per character and perplexity', async () => {
  const { page, problems } = await embedPage([{ preset: 'names-mlp', views: 'chat,counters', counters: 'epoch,testBits,perplexity' }]);
  const [shown] = await shownCounters(page);
  assert.deepEqual(shown, { counters: ['epoch', 'testBits', 'perplexity'], messages: [] });
  const value = (key) => page.evaluate((k) => Number(document.querySelector('neural-kitchen').shadowRoot.querySelector(`[data-testid="count-${k}"]`).textContent), key);
  const [bits, perplexity] = [await value('testBits'), await value('perplexity')];
  // Untrained, the cook is about as good as guessing among 27 characters: log2 27 = 4.75 bits.
  assert.ok(bits > 4 && bits < 5.5, `bits per character ${bits}`);
  assert.ok(Math.abs(perplexity - 2 ** bits) / perplexity < 0.01, `perplexity ${perplexity} is 2^bits`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('frame="none" draws no box of its own; the default draws one, never boxes inside it; the plot toggles show only when named', async () => {
  const { page, problems } = await embedPage([
    { preset: 'xor', views: 'boundary,loss,counters' },
    { preset: 'xor', views: 'boundary,loss,counters', frame: 'none', controls: 'play,showTest' },
    { preset: 'xor', frame: 'square' },
  ]);
  const looks = await page.evaluate(() => [...document.querySelectorAll('neural-kitchen')].slice(0, 2).map((el) => {
    const root = el.shadowRoot;
    const style = getComputedStyle(root.querySelector('.nk-app'));
    const panels = [...root.querySelectorAll('.panel')].filter((p) => p.getClientRects().length > 0).map((p) => getComputedStyle(p));
    const toggles = ['showTest', 'discretize'].filter((id) => root.getElementById(id).getClientRects().length > 0);
    return {
      border: style.borderTopWidth, padding: style.paddingTop, background: style.backgroundColor,
      innerBoxes: panels.filter((p) => p.borderTopWidth !== '0px' || p.backgroundColor !== 'rgba(0, 0, 0, 0)' || p.boxShadow !== 'none').length,
      toggles,
    };
  }));
  assert.deepEqual(looks[0], { border: '1px', padding: '12px', background: 'rgb(255, 255, 255)', innerBoxes: 0, toggles: [] });
  assert.deepEqual(looks[1], { border: '0px', padding: '0px', background: 'rgba(0, 0, 0, 0)', innerBoxes: 0, toggles: ['showTest'] });
  const error = await page.evaluate(() => document.querySelectorAll('neural-kitchen')[2].shadowRoot.querySelector('[data-testid="embed-error"]').textContent);
  assert.equal(error, 'Neural Kitchen: frame must be one of box, none, got square');
  assert.deepEqual(problems, []);
  await page.close();
});

test('autoplay="until-epoch:N" stops exactly at the end of epoch N; until-learned stops once learned; a bad form is named', async () => {
  const { page, problems } = await embedPage([
    { preset: 'xor', views: 'boundary,counters', counters: 'epoch,step', autoplay: 'until-epoch:3' },
    { preset: 'xor', views: 'boundary' },
    { preset: 'xor', views: 'boundary,counters', autoplay: 'until-learned' },
    { preset: 'xor', autoplay: 'until-epoch:zero' },
  ]);
  const ends = await page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('no autoplay-end within 30 s')), 30000);
    const got = [];
    [0, 2].forEach((i) => {
      const el = document.querySelectorAll('neural-kitchen')[i];
      const seen = (detail) => {
        got[i === 0 ? 0 : 1] = { ...detail, playing: el.handle.playing, metrics: el.handle.metrics() };
        if (got.filter(Boolean).length === 2) resolve(got);
      };
      el.addEventListener('autoplay-end', (e) => seen(e.detail), { once: true });
    });
  }));
  const [byEpoch, learned] = ends;
  assert.equal(byEpoch.reason, 'epoch');
  assert.equal(byEpoch.epoch, 3);
  assert.equal(byEpoch.playing, false);
  assert.equal(byEpoch.metrics.epoch, 3);
  // Three Epoch-button runs of the same recipe end on the same step: never past the epoch's end.
  const reference = await page.evaluate(async () => {
    const h = document.querySelectorAll('neural-kitchen')[1].handle;
    for (let i = 0; i < 3; i++) await h.epoch();
    return h.metrics();
  });
  assert.equal(byEpoch.metrics.step, reference.step);
  assert.equal(learned.reason, 'accuracy');
  assert.ok(learned.metrics.testAccuracy >= 0.95, `learned at ${learned.metrics.testAccuracy}`);
  assert.equal(learned.playing, false);
  // Stopped for good: frames go by and nothing trains.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  const after = await page.evaluate(() => [0, 2].map((i) => document.querySelectorAll('neural-kitchen')[i].handle.metrics().step));
  assert.deepEqual(after, [byEpoch.metrics.step, learned.metrics.step]);
  const shownEpoch = await page.evaluate(() => document.querySelector('neural-kitchen').shadowRoot.querySelector('[data-testid="count-epoch"]').textContent);
  assert.equal(shownEpoch, '3');
  const error = await page.evaluate(() => document.querySelectorAll('neural-kitchen')[3].shadowRoot.querySelector('[data-testid="embed-error"]').textContent);
  assert.equal(error, 'Neural Kitchen: autoplay must be present (or "true"), "false", "until-epoch:N" (N a whole number from 1 to 100000) or "until-learned", got until-epoch:zero');
  assert.deepEqual(problems, []);
  await page.close();
});
