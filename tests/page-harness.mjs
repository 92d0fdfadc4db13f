// Shared by the page tests: a static server for the repo root, headless Chromium through
// playwright-core, and helpers that read what the user sees. Nothing here waits on a clock.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
};

// Serves the repo root (or `root`) on 127.0.0.1 at a free port. `mounts`: URL prefixes ('/ab/a/')
// served from other folders instead; `isolated`: sends the COOP/COEP headers that make the page
// cross-origin isolated (SharedArrayBuffer and Atomics between workers); `headers(pathname)`:
// more response headers (a CDN's CORS, a page's Content-Security-Policy). `requests` lists the
// path of every request it got, in order.
export async function startServer({ root: served = ROOT, mounts = {}, isolated = false, headers = () => ({}) } = {}) {
  const isolation = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    requests.push(pathname);
    const prefix = Object.keys(mounts).find((p) => pathname.startsWith(p));
    const [root, rest] = prefix ? [path.resolve(mounts[prefix]), `/${pathname.slice(prefix.length)}`] : [path.resolve(served), pathname];
    const file = path.join(root, rest.endsWith('/') ? `${rest}index.html` : rest);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fsp.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...isolation, ...headers(pathname) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// A fresh Chromium profile; `options` go to launchPersistentContext (viewport, locale, ...).
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nk-page-test-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// One server and one browser for a whole test file: returns an object whose `server` and
// `browser` are set before the first test and closed after the last.
export function useBrowser(options = { locale: 'en-US' }) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch(options);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

// The pace tests drive the page at: fast, without the pause when learned. Most tests play to an
// epoch and test something else than pace; the tests of pace (integration/pace.test.mjs) open
// the page as a learner does, and a link that names a speed or the pause keeps its own.
const TEST_PACE = [['speed', 'fast'], ['pauseLearned', 'false']];

// `query` with the tests' pace added (after a '?' it may hold), unless `asIs` or it names them.
export function paced(query, asIs = false) {
  if (asIs) return query;
  const [before, params = ''] = query.includes('?') ? query.split('?') : [query, ''];
  const added = TEST_PACE.filter(([name]) => !new RegExp(`(^|&)${name}=`).test(params)).map(([name, value]) => `${name}=${value}`);
  return `${before}?${[params, ...added].filter(Boolean).join('&')}`;
}

// Opens the page and records every console error, page error and request to another origin.
// The link gets the tests' pace (above) unless `asIs`.
export async function open(context, origin, query = '', { asIs = false } = {}) {
  const page = await context.newPage();
  const problems = { console: [], page: [], foreign: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.page.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.foreign.push(url);
  });
  await page.goto(`${origin}/${paced(query, asIs)}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

export async function screenshot(page, name, fullPage = true) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

// The chat box's answer once it is fresh: after the draw that follows the last change (which
// marks the answer held stale), the answer for what the page shows now, not the stale one nor the
// ellipsis of one coming. An empty answer (the cook ends the name at once) is an answer too.
export async function chatAnswer(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForFunction(() => {
    const continued = document.querySelector('[data-testid="chat-continued"]');
    return !continued.classList.contains('stale') && !/^…+$/.test(continued.textContent);
  });
  return page.locator('[data-testid="chat-continued"]').innerText();
}

export function counter(page, key) {
  return page.locator(`[data-testid="count-${key}"]`).innerText();
}

const SUPERSCRIPT_DIGITS = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

// What a shown number means (www/views/format.js): "12,345", "0.000123", "45.2 %" or, for the
// very small and very large, "8.14 × 10⁻⁸", back to a number.
export function readShown(text) {
  const power = /^(-?[\d.]+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text.trim());
  if (power) return Number(power[1]) * 10 ** Number([...power[2]].map((c) => SUPERSCRIPT_DIGITS[c]).join(''));
  return Number(text.replace(/[,%\s]/g, ''));
}

export async function counterNumber(page, key) {
  return readShown(await counter(page, key));
}

// Waits until a counter shows at least `min` and returns the number it shows.
export async function waitForAtLeast(page, key, min) {
  const handle = await page.waitForFunction(([k, least]) => {
    const n = Number(document.querySelector(`[data-testid="count-${k}"]`)?.textContent.replace(/[,%\s]/g, ''));
    return n >= least ? { n } : null; // an object, since a shown 0 would read as "not yet"
  }, [key, min]);
  return (await handle.jsonValue()).n;
}

// Plays until the epoch counter reaches `epochs`, pauses, and waits for the draw after the pause,
// so the counters then show the paused trainer.
export async function playEpochs(page, epochs) {
  await page.click('#play');
  await waitForAtLeast(page, 'epoch', epochs);
  await page.click('#play');
  await page.waitForSelector('#play[aria-pressed="false"]');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// Waits until a counter shows `text` (the draw after an action happens on the next frame).
export async function waitForCounter(page, key, text) {
  await page.waitForFunction(([k, t]) => document.querySelector(`[data-testid="count-${k}"]`)?.textContent === t, [key, text]);
}

// Presses E (one epoch, trained over frames, then paused) and waits until the epoch counter shows
// `epoch` and, for an image network, until that epoch's train and test figures are measured (the
// measurement follows the epoch over the next frames). One press at a time: a press while an
// epoch runs does nothing.
export async function runEpoch(page, epoch) {
  await press(page, 'e');
  await page.waitForFunction((n) => document.querySelector('[data-testid="count-epoch"]')?.textContent === n
    && document.querySelector('#play').getAttribute('aria-pressed') === 'false'
    && (document.body.dataset.mode !== 'images' || document.querySelector('[data-testid="measure-status"]').dataset.measuring === 'false'),
  epoch.toLocaleString('en-US'));
}

// Presses a shortcut with the focus on the page body (shortcuts are off inside fields).
export async function press(page, key, times = 1) {
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

// Waits until the page has stood still (not scrolled) for a dozen frames: a highlight scrolls its
// view into sight smoothly, and a click by position or a measurement waits for it.
export function scrollSettled(page) {
  return page.waitForFunction(() => new Promise((resolve) => {
    let y = scrollY;
    let still = 0;
    const frame = () => {
      if (scrollY !== y) [y, still] = [scrollY, 0];
      else if (++still >= 12) return resolve(true);
      return requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }));
}

// Clicks a network edge at a point along its curve (its bounding box centre may lie on another
// edge), and returns the edge's label as the page names it.
export async function clickEdge(page, n) {
  const point = await page.evaluate((k) => {
    const edge = document.querySelectorAll('[data-testid="edge"]')[k];
    const at = edge.getPointAtLength(edge.getTotalLength() * 0.3);
    const screen = () => {
      const m = edge.getScreenCTM();
      return { x: m.a * at.x + m.e, y: m.d * at.y + m.f };
    };
    // Below the window (a small one), the learner would scroll to it first.
    const { y } = screen();
    if (y < 0 || y > innerHeight) scrollBy({ top: y - innerHeight / 2, behavior: 'instant' });
    return screen();
  }, n);
  const label = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('aria-label'), point);
  await page.mouse.click(point.x, point.y);
  return label;
}

// Draws a "1" on the image mode's drawing pad: one vertical stroke, by pointer events.
export async function drawOne(page) {
  await page.getByTestId('drawing-pad').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('drawing-pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * k));
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('example-readout').textContent === 'Your drawing');
}

// A blank page of the server's origin with the element script loaded and the given embeds (each
// an object of attributes) in an article `width` CSS pixels wide; resolves once every embed is
// ready or shows its error, with the console and page errors it records.
export async function openEmbeds(context, origin, embeds, width = 640) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(`${origin}/blank.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
      + '<script type="module" src="/www/embed/neural-kitchen.js"></script></head>'
      + '<body style="margin:0;background:#fbfaf7"><article style="max-width:' + width + 'px;margin:0 auto"></article></body></html>',
  }));
  await page.goto(`${origin}/blank.html`);
  await page.evaluate((list) => {
    for (const attributes of list) {
      const el = document.createElement('neural-kitchen');
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
      document.querySelector('article').append(el);
    }
  }, embeds);
  await page.waitForFunction(() => [...document.querySelectorAll('neural-kitchen')].every((el) => el.shadowRoot
    && (el.shadowRoot.querySelector('.nk-app')?.dataset.ready === 'true' || el.shadowRoot.querySelector('[data-testid="embed-error"]'))));
  return { page, problems };
}
