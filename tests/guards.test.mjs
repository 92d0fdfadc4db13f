// The page's input guards (issue 12): a bad link value is named with what it allows and the rest
// of the link kept; an image layer's number too big for the core is named, never a blank page; a
// throwing listener never stops training; long values are cut in messages; the handle refuses
// what it cannot take, and after destroy() every call fails the same way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './page-harness.mjs';

const env = useBrowser();

// Opens a link and waits for the app's first draw; records page errors (uncaught errors and
// unhandled rejections) and console errors.
async function openLink(query) {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${env.server.origin}/index.html${query}`);
  await page.waitForSelector('[data-ready="true"]', { timeout: 15000 });
  const messages = await page.locator('[data-testid="page-message"]').allInnerTexts();
  return { page, problems, messages };
}

// A blank page of the server's origin with one app mounted by the embedding API; `window.h` is its handle.
async function mountApp(options) {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(`${env.server.origin}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><div id="box"></div>' }));
  await page.goto(`${env.server.origin}/blank.html`);
  await page.evaluate(async (o) => {
    const { mount } = await import('/www/embed/mount.js');
    window.h = await mount(document.getElementById('box'), o);
  }, options);
  return { page, problems };
}

const linkValue = (page, name) => new URL(page.url()).searchParams.get(name);

for (const query of ['?features=&seed=7', '?hidden=8&seed=7', '?embed=1&hidden=x&seed=7']) {
  test(`a bad features or hidden value (${query}) is named with what it allows; the page loads`, async () => {
    const { page, problems, messages } = await openLink(query);
    const field = query.includes('features') ? 'features' : 'hidden';
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], new RegExp(`^Link value ignored: ${field}(\\[0\\]\\.\\w+)? must `));
    if (!query.includes('embed')) assert.equal(linkValue(page, 'seed'), '7', 'the rest of the link applies');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('an image layer number too big for the core is named with its range; the rest of the link is kept', async () => {
  const { page, problems, messages } = await openLink('?dataset=mnist&layers=conv8k5s99999999999-relu&learningRate=0.05');
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0], /layers\[0\]\.stride must be a whole number between 1 and 4, got 99999999999/);
  assert.equal(linkValue(page, 'learningRate'), '0.05');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a shape error in one layer puts back the layers only, not the whole config', async () => {
  const { page, problems, messages } = await openLink('?dataset=digits8&layers=conv8k9-relu&learningRate=0.05&batchSize=7');
  assert.match(messages.join('\n'), /kernel 9×9 is larger than its 8×8 input.*using the default for layers/);
  assert.equal(linkValue(page, 'learningRate'), '0.05');
  assert.equal(linkValue(page, 'batchSize'), '7');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const typed of ['-1', '99999999999', '65']) {
  test(`channels ${typed} typed in the layer editor is named with the core's range; the network runs on`, async () => {
    const { page, problems } = await openLink('?dataset=digits8&layers=conv4k3p1-relu,flatten');
    await page.click('[data-testid="stack-details"] > summary'); // the layer editor opens folded
    const channels = page.locator('input[data-key="channels0"]');
    assert.equal(await channels.getAttribute('max'), '64', "the core's limit");
    await channels.fill(typed);
    await channels.dispatchEvent('change');
    await page.waitForFunction(() => document.querySelector('[data-testid="layers-error"]').textContent !== '');
    assert.equal(await page.getByTestId('layers-error').innerText(), `layers[0].channels must be a whole number between 1 and 64, got ${typed}`);
    assert.equal(linkValue(page, 'layers'), 'conv4k3p1-relu,flatten', 'the running network is kept');
    // The page still answers and trains.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('s');
    await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '1');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a throwing step listener is reported and neither the loop nor the other listeners stop', async () => {
  const { page, problems } = await mountApp({ preset: 'xor' });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.evaluate(() => {
    window.heard = 0;
    h.on('step', () => {
      throw new Error('listener x');
    });
    h.on('step', () => {
      window.heard += 1;
    });
  });
  await page.evaluate(() => h.step(1));
  assert.equal(await page.evaluate(() => window.heard), 1, 'the second listener still hears a step by hand');
  await page.evaluate(() => {
    h.on('play', () => {
      throw new Error('listener y');
    });
    h.play();
  });
  await page.waitForFunction(() => h.metrics().step >= 50 && window.heard >= 1);
  assert.equal(await page.evaluate(() => h.playing), true);
  assert.ok(errors.some((e) => e.includes("'step' listener threw")), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes("'play' listener threw")), errors.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long link value is cut in its message and never widens the page', async () => {
  const long = '9'.repeat(12000); // the test server takes links up to 16 KB
  const { page, problems, messages } = await openLink(`?dataset=circle&noise=${long}&lang=${'z'.repeat(3000)}`);
  assert.equal(messages.length, 2, messages.join('\n'));
  for (const m of messages) assert.ok(m.length < 200, `a short message: ${m.slice(0, 300)}`);
  assert.match(messages[0], /noise must be between 0 and 50, got 9{40}…/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 1280, 'no wider than the window');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an example past the test set is named with its range, the rest of the link kept', async () => {
  const { page, problems, messages } = await openLink('?dataset=digits8&example=99999&learningRate=0.05');
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0], /example must be a whole number between 0 and \d+, got 99999/);
  assert.equal(linkValue(page, 'example'), '0');
  assert.equal(linkValue(page, 'learningRate'), '0.05');
  assert.deepEqual(problems, []);
  await page.close();
});

test('switching to a dataset with a smaller test set starts the example over instead of wrapping it', async () => {
  const { page, problems } = await openLink('?dataset=fashion&example=900');
  assert.equal(linkValue(page, 'example'), '900');
  await page.selectOption('#dataset', 'digits8');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dataset') === 'digits8');
  assert.equal(linkValue(page, 'example'), '0');
  assert.deepEqual(problems, []);
  await page.close();
});

test('setConfig refuses unknown settings and values of the wrong type, naming them, and keeps the model', async () => {
  const { page, problems } = await mountApp({ preset: 'xor' });
  const refusal = (partial) => page.evaluate(async (p) => {
    const before = JSON.stringify(h.config());
    try {
      await h.setConfig(p);
    } catch (error) {
      return { message: error.message, kept: JSON.stringify(h.config()) === before };
    }
    return { message: null };
  }, partial);
  for (const [partial, pattern] of [
    [{ learningRate: [0.1] }, /^learningRate must be a number, got \[0\.1\]$/],
    [{ learningRate: true }, /^learningRate must be a number, got true$/],
    [{ batchSize: { n: 5 } }, /^batchSize must be a whole number, got \{"n":5\}$/],
    [{ learningRate: 0.1, bogus: 1 }, /^bogus is not a setting; the settings are /],
    [{ noise: '7'.repeat(100000) }, /^noise must be between 0 and 50, got 7{40}…$/],
    [{ layers: [{ kind: 'bogus' }] }, /^layers\[0\] must read like .*, got bogus$/],
    [{ layers: [{ kind: 'conv2d', channels: 2 ** 40, kernel: 3, stride: 1, padding: 0, activation: 'relu' }] }, /^layers\[0\]\.channels must be a whole number between 1 and 64, got 1099511627776$/],
  ]) {
    const { message, kept } = await refusal(partial);
    assert.match(message ?? '(accepted)', pattern, JSON.stringify(partial).slice(0, 80));
    assert.equal(kept, true);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('after destroy() every handle call fails with the same message', async () => {
  const { page, problems } = await mountApp({ preset: 'xor' });
  const results = await page.evaluate(async () => {
    h.destroy();
    const calls = {
      play: () => h.play(), pause: () => h.pause(), step: () => h.step(1), phase: () => h.phase(), epoch: () => h.epoch(),
      reset: () => h.reset(), setConfig: () => h.setConfig({ learningRate: 0.1 }), config: () => h.config(), metrics: () => h.metrics(),
      on: () => h.on('step', () => {}), highlight: () => h.highlight('loss'), caption: () => h.caption('x'),
    };
    const out = {};
    for (const [name, call] of Object.entries(calls)) {
      try {
        await call();
        out[name] = 'returned';
      } catch (error) {
        out[name] = error.message;
      }
    }
    return out;
  });
  for (const [name, result] of Object.entries(results)) assert.equal(result, 'this Neural Kitchen was destroyed', name);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the page mounts and trains under require-trusted-types-for 'script'", async () => {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.route(`${env.server.origin}/index.html*`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "require-trusted-types-for 'script'" } });
  });
  await page.goto(`${env.server.origin}/index.html?dataset=xor&seed=3`);
  await page.waitForSelector('[data-ready="true"]', { timeout: 15000 });
  assert.ok(await page.evaluate(() => window.trustedTypes !== undefined), 'Chromium enforces Trusted Types');
  // The diagram's footers (gradient sizes), the parameter panel and the image mode's boxes all write markup.
  await page.evaluate(() => document.activeElement?.blur());
  for (const key of ['p', 'p', 'p']) await page.keyboard.press(key);
  await page.waitForSelector('.phases li.done[data-phase="backward"]');
  await page.locator('[data-testid="edge"]').first().dispatchEvent('click');
  await page.waitForSelector('[data-testid="param-values"] dt');
  await page.selectOption('#dataset', 'digits8');
  await page.waitForSelector('[data-mode="images"]');
  assert.deepEqual(problems, []);
  await page.close();
});
