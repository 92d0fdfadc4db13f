// The npm package from another origin, as a tutorial on a static site loads it from a package
// CDN: `make package`'s tarball (built here by scripts/build-package.mjs from crate/pkg) is
// installed into a temporary folder and served on one loopback port with a CDN's CORS headers;
// an article on another port, whose Content-Security-Policy allows scripts from the two origins
// and WebAssembly only, loads the element by one script tag. It trains there; with `worker-src
// blob:` added it trains in a worker (and on two, a nested one); a text preset fetches its data
// files from the package's origin, and only when used; a worker that never answers leaves it
// training on the page's thread; nothing goes to a third origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, screenshot, startServer } from '../page-harness.mjs';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package/package.json'), 'utf8'));
// The refusal Chromium logs when the policy blocks the blob: worker (the element then trains on
// the page's thread): the one console error the strict policy may cause.
const WORKER_REFUSED = /^Creating a worker from 'blob:\S+' violates the following Content Security Policy directive: "script-src [^"]*"\. Note that 'worker-src' was not explicitly set, so 'script-src' is used as a fallback\. The action has been blocked\.$/;

const env = {};

before(async () => {
  execFileSync('node', [path.join(ROOT, 'scripts/build-package.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const tarball = path.join(ROOT, 'dist', `${PACKAGE.name}-${PACKAGE.version}.tgz`);
  env.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-package-test-'));
  execFileSync('npm', ['install', tarball, '--prefix', env.folder, '--offline', '--no-audit', '--no-fund', '--no-package-lock'], { stdio: 'pipe' });
  const installed = path.join(env.folder, 'node_modules', PACKAGE.name);
  // The package's origin: its files as a CDN serves them (any origin may read them).
  // `env.cdnHeaders(pathname)`: more headers, set per test.
  env.cdn = await startServer({ root: installed, headers: (pathname) => ({ 'access-control-allow-origin': '*', ...env.cdnHeaders?.(pathname) }) });
  // The article's origin: the page's policy is set per test (`env.policy`).
  const articles = path.join(env.folder, 'articles');
  fs.mkdirSync(articles);
  fs.writeFileSync(path.join(articles, 'article.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="${env.cdn.origin}/dist/element.js"></script></head>
<body style="margin:0;background:#fbfaf7"><article style="max-width:640px;margin:0 auto"><h1>XOR, live</h1>
<neural-kitchen preset="xor" views="boundary,network,loss" controls="play,step,phase,reset" config='{"speed":"fast","pauseLearned":false}'></neural-kitchen>
</article></body></html>`);
  env.article = await startServer({ root: articles, headers: () => ({ 'content-security-policy': env.policy }) });
  env.browser = await launch({ locale: 'en-US' });
});

after(async () => {
  await env.browser?.close();
  await env.article?.close();
  await env.cdn?.close();
  if (env.folder) fs.rmSync(env.folder, { recursive: true, force: true });
});

// Opens the article under `policy` and waits for its element to be ready; records every request
// the browser makes (the page's and its workers'), console errors and policy violations.
async function openArticle(policy, prepare = async () => {}) {
  env.policy = policy;
  const page = await env.browser.context.newPage();
  await prepare(page);
  const seen = { requests: [], errors: [], warnings: [] };
  const record = (request) => seen.requests.push(request.url());
  env.browser.context.on('request', record);
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
    if (m.type() === 'warning') seen.warnings.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  await page.addInitScript(() => {
    window.nkViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.nkViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  await page.goto(`${env.article.origin}/article.html`);
  await page.waitForFunction(() => document.querySelector('neural-kitchen')?.handle
    || document.querySelector('neural-kitchen')?.shadowRoot?.querySelector('[data-testid="embed-error"]'));
  const error = await page.evaluate(() => document.querySelector('neural-kitchen').shadowRoot.querySelector('[data-testid="embed-error"]')?.textContent ?? null);
  assert.equal(error, null, 'the element mounted');
  return { page, seen, stop: () => env.browser.context.off('request', record) };
}

// Plays the element until the handle's metrics say `key` (epoch, step) reached `least`; → it.
async function trainsTo(page, least, key = 'epoch') {
  await page.evaluate(() => document.querySelector('neural-kitchen').handle.play());
  await page.waitForFunction(([k, n]) => document.querySelector('neural-kitchen').handle.metrics()[k] >= n, [key, least]);
  return page.evaluate((k) => document.querySelector('neural-kitchen').handle.metrics()[k], key);
}

// Every request's origin is the article's or the package's (data: URLs and the page's own blob:
// URLs are no requests to anyone).
function foreignRequests(urls) {
  const allowed = [env.article.origin, env.cdn.origin];
  return urls.filter((url) => !url.startsWith('data:') && !allowed.includes(new URL(url.replace(/^blob:/, '')).origin));
}

const strictPolicy = () => `script-src ${env.cdn.origin} ${env.article.origin} 'wasm-unsafe-eval'`;

test('under a policy that allows scripts from the package and the article (and wasm) only, the element trains on the page thread', async () => {
  const { page, seen, stop } = await openArticle(strictPolicy());
  const epoch = await trainsTo(page, 3);
  assert.ok(epoch >= 3);
  await screenshot(page, 'package-cross-origin-strict-csp', false);
  // A second element goes to the page's thread at once; removing the first ends its trainer.
  await page.evaluate(() => {
    const second = document.createElement('neural-kitchen');
    second.setAttribute('preset', 'circle');
    document.querySelector('article').append(second);
  });
  await page.waitForFunction(() => document.querySelectorAll('neural-kitchen')[1].handle);
  await page.evaluate(() => document.querySelector('neural-kitchen').remove());
  assert.ok(await trainsTo(page, 2) >= 2, 'the second element trains');
  stop();
  assert.deepEqual(foreignRequests(seen.requests), []);
  assert.ok(seen.requests.some((url) => url === `${env.cdn.origin}/dist/crate/pkg/neural_kitchen_bg.wasm`), 'the wasm came from the package origin');
  assert.deepEqual(page.workers().map((w) => w.url()), [], 'no worker runs: the policy refused the blob: one');
  // The only violation and console error: the refused blob: worker, which the element survives.
  const violations = await page.evaluate(() => window.nkViolations);
  assert.equal(violations.length, 1, JSON.stringify(violations));
  assert.ok(violations.every((v) => v.blocked === 'blob' && /^(worker|script)-src/.test(v.directive)), JSON.stringify(violations));
  assert.equal(seen.errors.length, 1, seen.errors.join('\n'));
  assert.match(seen.errors[0], WORKER_REFUSED);
  assert.ok(seen.warnings.some((text) => text.includes("trains on the page's thread") && text.includes('worker-src blob:')), 'the author is told how to train off the page thread');
  assert.deepEqual(env.cdn.requests.filter((p) => p.includes('/crate/data/')), [], 'xor fetched no data file');
  await page.close();
});

test('with worker-src blob: added, the element trains in a worker started from the package origin, and on two workers', async () => {
  const { page, seen, stop } = await openArticle(`${strictPolicy()}; worker-src blob:`);
  const epoch = await trainsTo(page, 3);
  assert.ok(epoch >= 3);
  assert.ok(page.workers().some((w) => w.url().startsWith(`blob:${env.article.origin}/`)), 'the trainer runs in a blob: worker of the article');
  // workers="2": the trainer's worker starts a replica (a nested blob: worker) and splits steps.
  await page.evaluate(() => document.querySelector('neural-kitchen').setAttribute('workers', '2'));
  await page.waitForFunction(() => document.querySelector('neural-kitchen').handle
    && document.querySelector('neural-kitchen').shadowRoot.querySelector('.nk-app')?.dataset.workers === '2');
  assert.ok(await trainsTo(page, 2) >= 2);
  stop();
  assert.deepEqual(foreignRequests(seen.requests), []);
  assert.ok(env.cdn.requests.includes('/dist/www/core/replica-worker.js'), 'the replica script came from the package origin');
  // The trainer's host is imported in the worker alone: the record holds the workers' requests.
  assert.ok(seen.requests.includes(`${env.cdn.origin}/dist/www/core/trainer-host.js`), 'the workers\' requests are recorded');
  assert.deepEqual(await page.evaluate(() => window.nkViolations), []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a text preset fetches its data files from the package origin, and only once it is used', async () => {
  const { page, seen, stop } = await openArticle(`${strictPolicy()}; worker-src blob:`);
  const before = env.cdn.requests.length;
  await trainsTo(page, 1);
  assert.deepEqual(env.cdn.requests.slice(before).filter((p) => p.includes('/crate/data/')), [], 'no data file before a preset needs one');
  await page.evaluate(() => document.querySelector('neural-kitchen').setAttribute('preset', 'names-mlp'));
  await page.waitForFunction(() => document.querySelector('neural-kitchen').handle?.config().dataset === 'names');
  const data = env.cdn.requests.slice(before).filter((p) => p.includes('/crate/data/')).sort();
  assert.deepEqual(data, ['/dist/crate/data/names-test.txt.gz', '/dist/crate/data/names-train.txt.gz']);
  assert.ok(await trainsTo(page, 20, 'step') >= 20);
  stop();
  assert.deepEqual(foreignRequests(seen.requests), []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('a CDN that sends the .gz data files with Content-Encoding: gzip (the browser inflates them) still feeds a text preset', async () => {
  env.cdnHeaders = (pathname) => (pathname.endsWith('.gz') ? { 'content-encoding': 'gzip' } : {});
  try {
    const { page, seen, stop } = await openArticle(`${strictPolicy()}; worker-src blob:`);
    await page.evaluate(() => document.querySelector('neural-kitchen').setAttribute('preset', 'names-mlp'));
    await page.waitForFunction(() => document.querySelector('neural-kitchen').handle?.config().dataset === 'names');
    assert.ok(await trainsTo(page, 20, 'step') >= 20);
    stop();
    assert.ok(env.cdn.requests.includes('/dist/crate/data/names-train.txt.gz'), 'the data came from the package origin');
    assert.deepEqual(seen.errors, []);
    await page.close();
  } finally {
    env.cdnHeaders = null;
  }
});

test('a worker that never says it is ready leaves the element training on the page thread, not hung', async () => {
  // The trainer's script, as a CDN might serve a broken one: it loads, and never answers.
  const silent = async (page) => page.route(`${env.cdn.origin}/dist/www/core/trainer-worker.js`, (route) => route.fulfill({
    contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body: '// answers nothing\n',
  }));
  const { page, seen, stop } = await openArticle(`${strictPolicy()}; worker-src blob:`, silent);
  assert.ok(await trainsTo(page, 2) >= 2);
  stop();
  assert.ok(seen.warnings.some((text) => text.includes('no answer in 10 s')), seen.warnings.join('\n'));
  assert.deepEqual(page.workers().map((w) => w.url()), [], 'the silent worker was ended');
  assert.deepEqual(foreignRequests(seen.requests), []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});
