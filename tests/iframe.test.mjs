// The iframe form for sites that cannot run scripts: index.html?embed=1&views=…&controls=… shows
// only those views and controls, compact and without the header, trains, and never rewrites its link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, useBrowser, waitForAtLeast } from './page-harness.mjs';

const env = useBrowser();

const visible = (page, selector) => page.evaluate((s) => Boolean(document.querySelector(s)?.getClientRects().length), selector);

test('the iframe form shows only the chosen views and controls, in its language, and trains', async () => {
  const query = 'index.html?embed=1&views=boundary,loss&counters=step&controls=play,step&preset=spiral&lang=zh&autoplay=1&noise=10';
  const { page, problems } = await open(env.browser.context, env.server.origin, query);
  await waitForAtLeast(page, 'step', 100);
  const shown = {};
  for (const selector of ['#data-plot', '#loss-chart', '#play', '#step', '#accuracy-chart', '#network-diagram', '#phase', '#reset', '.masthead', '#counters', '.recipe-panel', '.footer']) {
    shown[selector] = await visible(page, selector);
  }
  assert.deepEqual(shown, {
    '#data-plot': true, '#loss-chart': true, '#play': true, '#step': true, '#accuracy-chart': false, '#network-diagram': false,
    '#phase': false, '#reset': false, '.masthead': false, '#counters': false, '.recipe-panel': false, '.footer': false,
  });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
  assert.equal(await page.locator('#play').innerText(), '暂停', 'autoplay: the button offers to pause');
  assert.equal(new URL(page.url()).search, `?${query.split('?')[1]}`, 'the link is never rewritten');
  await screenshot(page, 'iframe-form');
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});

test('inside an iframe several forms train side by side, and a bad list name is reported', async () => {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="a" style="width:640px;height:520px;border:0" src="${env.server.origin}/index.html?embed=1&views=boundary,counters&counters=step,testAccuracy&controls=play,step&preset=xor&autoplay=1"></iframe>
    <iframe id="b" style="width:640px;height:520px;border:0" src="${env.server.origin}/index.html?embed=1&views=boundary,clouds&preset=circle"></iframe></body>`);
  const a = page.frameLocator('#a');
  const b = page.frameLocator('#b');
  await a.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  await b.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  await page.frame({ url: /preset=xor/ }).waitForFunction(() => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, '')) > 50);
  const message = await b.getByTestId('page-message').innerText();
  assert.match(message, /views must name only boundary, network, .*, got clouds/);
  assert.match(message, /boundary,loss,phase,counters/, 'names the defaults it used instead');
  assert.ok(await b.locator('#data-plot').isVisible(), 'the rest still works');
  await screenshot(page, 'iframe-two', false);
  assert.deepEqual(problems, []);
  await page.close();
});
