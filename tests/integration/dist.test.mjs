// The single-file build: dist/neural-kitchen.html opens from file:// with nothing else, trains
// (in its worker, started from the file's own inlined text; on two workers too, the replica
// started by the trainer's worker from its inlined text), and reads the inlined image and text files. Builds it first if it is missing or older than what it is
// made of (from the built crate/pkg; the build takes a second or two).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT, screenshot, waitForAtLeast } from '../page-harness.mjs';

const DIST = path.join(ROOT, 'dist', 'neural-kitchen.html');
const SOURCES = ['index.html', 'www', 'crate/pkg', 'crate/data', 'scripts/build-dist.mjs'];

// The newest modification time among the files under `paths`.
function newest(paths) {
  return Math.max(...paths.map((p) => {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return newest(fs.readdirSync(p).map((name) => path.join(p, name)));
  }), 0);
}

function stale() {
  return !fs.existsSync(DIST) || fs.statSync(DIST).mtimeMs < newest(SOURCES.map((p) => path.join(ROOT, p)));
}

function buildIfStale() {
  if (stale()) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-dist.mjs')], { stdio: 'inherit' });
}

test('dist/neural-kitchen.html opens from file://, trains, its image and text datasets and the lesson work offline', async () => {
  buildIfStale();
  const browser = await launch({ locale: 'en-US', offline: true });
  try {
    const page = await browser.context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // (The trainer's worker starts from a blob: URL of the file's own inlined text.)
    page.on('request', (r) => !r.url().startsWith('data:') && !r.url().startsWith('blob:null/') && requests.push(r.url()));
    const url = pathToFileURL(DIST).href;
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#play');
    await waitForAtLeast(page, 'step', 50);
    await page.click('#play');
    await screenshot(page, 'dist-points');

    // The image files come from the page itself, not from the (missing) crate/data/.
    await page.selectOption('#dataset', 'digits8');
    await page.waitForSelector('body[data-mode="images"]');
    await page.waitForFunction(() => document.getElementById('example-readout').textContent.length > 0);
    await page.keyboard.press('s');
    await waitForAtLeast(page, 'step', 1);
    await screenshot(page, 'dist-images');

    // So do the text files: the chat box answers from the inlined names.
    await page.selectOption('#dataset', 'names');
    await page.waitForSelector('body[data-mode="text"]');
    await page.waitForFunction(() => /^27 characters/.test(document.querySelector('[data-testid="text-vocabulary"]').textContent));
    await page.waitForFunction(() => !['', '…'].includes(document.querySelector('[data-testid="chat-continued"]').textContent));
    await page.keyboard.press('s');
    await waitForAtLeast(page, 'step', 1);
    await screenshot(page, 'dist-text');

    // The lesson is in the file too (its stylesheet inlined).
    await page.click('#lesson-button');
    await page.waitForSelector('[data-testid="lesson"][data-scene="1"]');
    assert.ok(await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.startsWith('data:text/css'))), 'the lesson\'s styles load');
    await screenshot(page, 'dist-lesson', false);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], 'nothing but the file itself was requested');
  } finally {
    await browser.close();
  }
});

test('from file:// the single file trains on two workers when the link asks, and on one when it asks for one', async () => {
  buildIfStale();
  const browser = await launch({ locale: 'en-US', offline: true });
  try {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    for (const workers of ['2', '1']) {
      await page.goto(`${pathToFileURL(DIST).href}?workers=${workers}`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#play');
      await waitForAtLeast(page, 'step', 100);
      await page.click('#play');
      assert.equal(await page.getAttribute('body', 'data-workers'), workers);
    }
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
