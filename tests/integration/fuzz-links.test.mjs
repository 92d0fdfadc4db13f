// Page fuzzing (issue 12): random links (valid and invalid values for every field of the core's
// schema and the page's view, garbage, huge numbers, long strings, unknown fields, embed=1) and
// random handle calls (setConfig with random objects, step/phase/epoch with odd arguments, on/off,
// destroy). Each must leave no uncaught error or unhandled rejection, the page must answer within
// 2 s, and each bad link field must get a message naming it. Seeded: a failure prints its seed;
// FUZZ_SEED=n reruns it. Bounded by FUZZ_SECONDS (default 45).
//
// Valid values are kept light (points datasets and digits8 only, small networks, few points):
// training still runs on the main thread, and heavy but valid settings (an MNIST CNN) can freeze
// the tab for seconds at load. Once training runs in a worker the generator may widen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../page-harness.mjs';

const env = useBrowser();
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 4294967296);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const ANSWER_MS = 2000;

// mulberry32: a small seeded generator, so a run reproduces from its seed.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  return { next, int, pick, chance: (p) => next() < p };
}

const LIGHT_DATASETS = ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'plane', 'bumps', 'digits8'];
const LIGHT_IMAGE_LAYERS = ['', 'flatten,dense16-relu', 'conv4k3p1-relu,max2,flatten', 'avg2,flatten,drop0.2,dense8-tanh'];

// Text no field accepts (besides '' where it is allowed), of every awkward sort.
function garbage(r) {
  return r.pick(['', 'x', '-', 'NaN', 'Infinity', '1e999', '-1e999', '0x10', '<img src=x onerror=alert(1)>', '__proto__',
    '%E2%80%AE', '😀', ' ', '9'.repeat(r.int(20, 400)), 'a'.repeat(r.int(41, 3000)), '1,2,,3', ':', 'conv', '[object Object]']);
}

// A valid, light value of `spec` as link text.
function validText(r, spec) {
  switch (spec.type) {
    case 'enum':
      return spec.name === 'dataset' ? r.pick(LIGHT_DATASETS) : r.pick(spec.values);
    case 'bool':
      return r.pick(['true', 'false', '1', '0']);
    case 'int':
    case 'number': {
      const cap = { points: 400, batchSize: 32, maxSteps: 50, example: 50 }[spec.name] ?? spec.max;
      const hi = Math.min(spec.max ?? cap, cap);
      const value = spec.min + r.next() * (hi - spec.min);
      return String(spec.type === 'int' ? Math.round(value) : Number(value.toPrecision(3)));
    }
    case 'list':
      return [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(spec.values)))].join(',');
    case 'layers':
      return Array.from({ length: r.int(0, 3) }, () => `${r.int(1, 8)}:${r.pick(spec.values)}`).join(',');
    case 'imageLayers':
      return r.pick(LIGHT_IMAGE_LAYERS);
    case 'text':
      return r.pick(['', 'ma', 'a b', '春眠']);
    default:
      return '';
  }
}

// A value `spec` refuses, as link text.
function invalidText(r, spec) {
  switch (spec.type) {
    case 'enum':
    case 'bool':
      return r.pick([garbage(r), 'maybe', 'TRUE']).replace(/^(true|false|1|0)$/, 'no');
    case 'int':
    case 'number':
      return r.pick([`${spec.min - 1 - r.int(0, 1e6)}`, `${(spec.max ?? 1e9) + 1 + r.int(0, 10)}`, '9'.repeat(r.int(12, 300)), 'abc', '', 'NaN', '1e999',
        spec.type === 'int' ? `${spec.min}.5` : '--1']);
    case 'list':
      return r.pick(['', 'bogus', `${spec.values[0]},${spec.values[0]}`, garbage(r) || 'zz']);
    case 'layers':
      return r.pick(['8', '8:bogus', `${spec.limits.units.max + 1}:relu`, '0:tanh', 'x', Array(spec.limits.maxLayers + 1).fill('2:relu').join(',')]);
    case 'imageLayers':
      return r.pick(['conv8k5s99999999999-relu', 'bogus', 'conv65k3-relu', 'conv8k12-relu', 'drop5', 'max99', `dense${'9'.repeat(r.int(5, 40))}-relu`,
        Array(spec.limits.maxLayers + 1).fill('flatten').join(',')]);
    case 'text':
      return 'x'.repeat(spec.maxLength + 1 + r.int(0, 200));
    default:
      return 'x';
  }
}

// One random link: its query and the fields it made bad on purpose.
function randomLink(r, specs) {
  const params = [];
  const bad = [];
  for (const spec of specs) {
    if (!r.chance(0.35)) continue;
    if (r.chance(0.3)) {
      params.push([spec.name, invalidText(r, spec)]);
      bad.push(spec.name);
    } else {
      params.push([spec.name, validText(r, spec)]);
    }
  }
  if (r.chance(0.3)) params.push(['embed', '1']);
  for (let k = r.int(0, 2); k > 0; k--) params.push([r.pick(['foo', '__proto__', 'constructor', 'x'.repeat(50), 'lesson', 'preset']), garbage(r)]);
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { query: `?${query}`, bad };
}

// A random object for setConfig: known and unknown names, values of every type.
function randomPartial(r, specs) {
  const partial = {};
  for (let k = r.int(0, 3); k > 0; k--) {
    const spec = r.pick(specs);
    const name = r.chance(0.1) ? r.pick(['bogus', '__proto__', 'toString', '']) : spec.name;
    partial[name] = r.pick([
      () => validText(r, spec), () => invalidText(r, spec), () => garbage(r), () => Number(validText(r, spec)), () => [r.next()],
      () => ({ a: 1 }), () => null, () => r.chance(0.5), () => -r.int(0, 1e12), () => Number.NaN,
    ])();
  }
  return partial;
}

// One random call on handle `h` in the page, as source text the page evaluates (bounded: a call
// that returns a promise is not waited for past 1.5 s; the answer check follows).
function randomCall(r, specs) {
  const events = ['step', 'epoch', 'phase', 'config', 'reset', 'play', 'pause', 'edit', 'lang', 'bogus'];
  const odd = () => r.pick([0, -1, 1, 1.5, 3, 50, Number.NaN, '"2"', 'null', 'undefined', 1e9, 2 ** 53]);
  return r.pick([
    () => `h.setConfig(${JSON.stringify(randomPartial(r, specs))})`,
    () => `h.step(${odd()})`,
    () => 'h.phase()',
    () => 'h.epoch()',
    () => 'h.reset()',
    () => r.pick(['h.play()', 'h.pause()']),
    () => `(window.offs = window.offs || []).push(h.on(${JSON.stringify(r.pick(events))}, () => { if (${r.chance(0.5)}) throw new Error('listener'); }))`,
    () => '(window.offs || []).pop()?.()',
    () => `h.highlight(${JSON.stringify(r.pick(['loss', 'network', 'bogus', null]))})`,
    () => `h.caption(${JSON.stringify(r.chance(0.5) ? 'x'.repeat(r.int(0, 5000)) : null)})`,
    () => 'h.config(); h.metrics()',
    () => 'h.destroy()',
  ])();
}

// Whether the page answers a trivial evaluation within ANSWER_MS.
async function answers(page) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), ANSWER_MS);
  });
  const answered = await Promise.race([page.evaluate(() => true).catch(() => false), late]);
  clearTimeout(timer);
  return answered;
}

test(`random links and handle calls never break the page (seed ${SEED})`, async () => {
  console.log(`fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED})`);
  const r = generator(SEED);
  const { context } = env.browser;
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(`${env.server.origin}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><div id="box"></div>' }));
  await page.goto(`${env.server.origin}/blank.html`);
  // The fields as the page's table has them (the core's schema and the page's view fields).
  const specs = await page.evaluate(async () => {
    const { loadCore } = await import('/www/app/core.js');
    const { fieldTable } = await import('/www/settings/fields.js');
    const { VIEW_FIELDS } = await import('/www/settings/state.js');
    const { MODES } = await import('/www/modes/index.js');
    const { Trainer } = await loadCore();
    return [...fieldTable(Trainer.schema(), MODES.map((m) => m.name)).configFields, ...VIEW_FIELDS];
  });
  const end = Date.now() + SECONDS * 1000;
  const budget = (share) => Date.now() < end - SECONDS * 1000 * (1 - share);
  let links = 0;
  while (budget(0.6)) {
    const { query, bad } = randomLink(r, specs);
    const where = `link #${links} of seed ${SEED}: ${query.slice(0, 300)}`;
    await page.goto(`${env.server.origin}/index.html${query}`);
    await page.waitForSelector('[data-ready="true"]', { timeout: 10000 }).catch(() => assert.fail(`never drew: ${where}\n${problems.join('\n')}`));
    assert.ok(await answers(page), `answers: ${where}`);
    const messages = (await page.locator('[data-testid="page-message"]').allInnerTexts()).join('\n');
    for (const name of bad) assert.ok(messages.includes(name), `a message names ${name}: ${where}\n${messages}`);
    assert.deepEqual(problems, [], where);
    links += 1;
  }
  let calls = 0;
  const mount = () => page.evaluate(async (preset) => {
    document.getElementById('box').replaceChildren();
    const { mount: mountApp } = await import('/www/embed/mount.js');
    window.h = await mountApp(document.getElementById('box'), { preset });
    window.destroyed = false;
  }, r.pick(['spiral', 'xor', 'circle', 'digits8-mlp']));
  await page.goto(`${env.server.origin}/blank.html`);
  await mount();
  while (budget(1)) {
    const call = randomCall(r, specs);
    const where = `call #${calls} of seed ${SEED}: ${call.slice(0, 300)}`;
    const outcome = await page.evaluate(async (source) => {
      const failed = (error) => ({ ok: false, message: String(error?.message ?? error) });
      try {
        const result = (0, eval)(source);
        if (!(result instanceof Promise)) return { ok: true };
        const settled = result.then(() => ({ ok: true }), failed);
        return await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 1500))]);
      } catch (error) {
        return failed(error);
      } finally {
        if (source === 'h.destroy()') window.destroyed = true;
      }
    }, call);
    assert.ok(await answers(page), `answers: ${where}`);
    if (!outcome.ok) assert.ok(outcome.message.length < 600, `a short message: ${where}: ${outcome.message.slice(0, 700)}`);
    if (await page.evaluate(() => window.destroyed)) {
      const handleCall = call !== 'h.destroy()' && !call.startsWith('(window.offs || []).pop()');
      if (handleCall) assert.equal(outcome.message, 'this Neural Kitchen was destroyed', where);
      if (r.chance(0.5)) await mount();
    }
    assert.deepEqual(problems, [], where);
    calls += 1;
  }
  console.log(`fuzz: ${links} links, ${calls} handle calls`);
  assert.ok(links >= 5 && calls >= 20, `enough cases ran: ${links} links, ${calls} calls`);
  await page.close();
});
