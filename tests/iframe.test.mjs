// The iframe form for sites that cannot run scripts: index.html?embed=1&views=…&controls=… shows
// only those views and controls, compact and without the header, trains, and never rewrites its link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, useBrowser, waitForAtLeast } from './page-harness.mjs';

const env = useBrowser();

const visible = (page, selector) => page.evaluate((s) => Boolean(document.querySelector(s)?.getClientRects().length), selector);

test('the iframe form shows only the chosen views and controls, in its language, and trains', async () => {
  const query = 'index.html?embed=1&views=boundary,loss&counters=step&controls=play,step&preset=spiral&lang=zh&autoplay=1&noise=10';
  const { page, problems } = await open(env.browser.context, env.server.origin, query, { asIs: true });
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

test('the iframe form reports its height and the host module sizes the iframe to it: an XOR diagram is not cut', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const origin = env.server.origin;
  await page.route(`${origin}/host.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><head><link rel="icon" href="data:,"><script>
        window.heights = [];
        addEventListener('message', (e) => e.data?.type === 'neural-kitchen:height' && heights.push(e.data.height));
      </script><script type="module" src="/www/embed/iframe-host.js"></script></head>
      <body style="margin:0;background:rgb(250, 240, 200)">
      <iframe id="xor" style="width:640px;height:150px;border:0" src="/index.html?embed=1&preset=xor&views=network,phase&controls=step,phase&frame=none"></iframe></body></html>`,
  }));
  await page.goto(`${origin}/host.html`);
  const frame = page.frame({ url: /preset=xor/ });
  await frame.waitForSelector('body[data-ready="true"]');
  // The iframe grows to the form's height; the diagram's bottom is inside it, nothing scrolls.
  const fits = () => page.evaluate(() => {
    const iframe = document.getElementById('xor');
    const doc = iframe.contentDocument;
    const diagram = doc.getElementById('network-diagram').getBoundingClientRect();
    return {
      height: iframe.getBoundingClientRect().height,
      body: Math.ceil(doc.body.getBoundingClientRect().height),
      diagramInside: diagram.height > 100 && diagram.bottom <= iframe.clientHeight,
      innerScroll: doc.documentElement.scrollHeight > doc.documentElement.clientHeight,
      last: heights.at(-1),
    };
  });
  await page.waitForFunction(() => document.getElementById('xor').getBoundingClientRect().height > 150);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const wide = await fits();
  assert.equal(wide.height, wide.body);
  assert.equal(wide.last, wide.body, 'the last height posted is the form\'s');
  assert.deepEqual([wide.diagramInside, wide.innerScroll], [true, false]);
  // frame=none: nothing painted around the views; the host page's colour shows through.
  const backgrounds = await frame.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor]);
  assert.deepEqual(backgrounds, ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
  // A narrower column: the form reports again and the iframe follows.
  const posted = await page.evaluate(() => heights.length);
  await page.evaluate(() => { document.getElementById('xor').style.width = '340px'; });
  await page.waitForFunction((n) => heights.length > n, posted);
  await page.waitForFunction(() => {
    const iframe = document.getElementById('xor');
    return iframe.getBoundingClientRect().height === Math.ceil(iframe.contentDocument.body.getBoundingClientRect().height);
  });
  const narrow = await fits();
  assert.deepEqual([narrow.diagramInside, narrow.innerScroll], [true, false]);
  await screenshot(page, 'iframe-height', false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the iframe host ignores messages that are not a sane height from one of its iframes', async () => {
  const page = await env.browser.context.newPage();
  const origin = env.server.origin;
  await page.route(`${origin}/host.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><html><body><iframe id="f" style="height:100px" srcdoc="<p>x</p>"></iframe></body></html>',
  }));
  await page.goto(`${origin}/host.html`);
  const heights = await page.evaluate(async () => {
    const { sizeIframes } = await import('/www/embed/iframe-host.js');
    const stop = sizeIframes();
    const iframe = document.getElementById('f');
    const post = (data, source) => dispatchEvent(new MessageEvent('message', { data, source }));
    const seen = [];
    post({ type: 'neural-kitchen:height', height: 321 }, iframe.contentWindow);
    seen.push(iframe.style.height);
    post({ type: 'neural-kitchen:height', height: 999 }, window); // not from an iframe
    post({ type: 'neural-kitchen:height', height: 1e9 }, iframe.contentWindow);
    post({ type: 'neural-kitchen:height', height: 'tall' }, iframe.contentWindow);
    post({ type: 'other', height: 50 }, iframe.contentWindow);
    seen.push(iframe.style.height);
    stop();
    return seen;
  });
  assert.deepEqual(heights, ['321px', '321px']);
  await page.close();
});
