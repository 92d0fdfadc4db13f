// The page trains on both cores (www/core/data-parallel.js): an app's trainer worker splits each
// step with one nested replica worker and trains what one worker trains, up to float summation
// order, through hand phases, setWeight, setTraining and reset on the way; by itself it splits a
// CNN (slow steps) and keeps spiral (fast steps) in one worker; one core, or `workers: 1`, trains
// in one worker; a replica that cannot start leaves the app training in one worker.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser, waitForAtLeast } from './page-harness.mjs';

const env = useBrowser();

async function openPage({ cores } = {}) {
  const page = await env.browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  if (cores) await page.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), cores);
  await page.goto(`${env.server.origin}/tests/bench/page.html`);
  // window.nkBuild(preset, workers) → { link, images, trainer }: the preset built on a
  // TrainerLink of `workers`, its data loaded through the page's DataFiles.
  await page.evaluate(() => {
    window.nkBuild = async (name, workers) => {
      const { loadCore } = await import('/www/app/core.js');
      const { TrainerLink } = await import('/www/app/trainer-link.js');
      const { DataFiles } = await import('/www/app/data-files.js');
      const { fieldTable } = await import('/www/settings/fields.js');
      const { MODES } = await import('/www/modes/index.js');
      const { Trainer, module } = await loadCore();
      const link = await TrainerLink.open(module, workers);
      const config = Trainer.preset(name);
      const images = new DataFiles(link, fieldTable(Trainer.schema(), MODES.map((m) => m.name)));
      await images.load(config);
      return { link, images, trainer: await images.build(config) };
    };
  });
  return { page, problems };
}

// In the page: `preset` trained through a TrainerLink of `workers` by the same calls (hand phases
// into a step, setWeight, steps, setTraining, steps, reset, steps, a model file saved and loaded,
// steps) → { params, workers, step } of each stage.
function trainByCalls(page, preset, workers) {
  return page.evaluate(async ([name, w]) => {
    const built = await window.nkBuild(name, w);
    const { link, images } = built;
    link.expect(['params']);
    const stages = [];
    let { trainer } = built;
    const look = async () => {
      await trainer.frame();
      stages.push({ params: Array.from(trainer.params()), workers: trainer.workers(), step: trainer.metrics().step });
    };
    await trainer.phase();
    await trainer.phase();
    await trainer.setWeight(3, 0.25);
    await trainer.step(6); // the hand step finished, then 5 more
    await look();
    await trainer.setTraining({ learningRate: 0.01 });
    await trainer.step(5);
    await look();
    await trainer.reset();
    await trainer.step(4);
    await look();
    trainer = await images.fromJSON(await trainer.toJSON());
    await trainer.step(3);
    await look();
    link.close();
    return stages;
  }, [preset, workers]);
}

function assertClose(actual, expected, what) {
  assert.equal(actual.length, expected.length, what);
  let moved = 0;
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-4 * (1 + Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${what}, parameter ${i}: ${actual[i]} vs ${expected[i]}`);
    if (actual[i] !== expected[i]) moved += 1;
  }
  return moved;
}

for (const preset of ['digits-cnn', 'spiral']) {
  test(`${preset}: two workers train what one trains, through hand phases, setWeight, setTraining, reset and a model loaded`, async () => {
    const { page, problems } = await openPage();
    const one = await trainByCalls(page, preset, 1);
    const two = await trainByCalls(page, preset, 2);
    assert.deepEqual(one.map((s) => s.workers), [1, 1, 1, 1]);
    assert.deepEqual(two.map((s) => s.workers), [2, 2, 2, 2], 'the trainer split its steps with a second worker');
    assert.deepEqual(two.map((s) => s.step), [6, 11, 4, 7]);
    assert.deepEqual(two.map((s) => s.step), one.map((s) => s.step));
    let differ = 0;
    two.forEach((s, i) => {
      differ += assertClose(s.params, one[i].params, `stage ${i}`);
    });
    // The check compares two different summations (not one worker with itself).
    if (preset === 'digits-cnn') assert.ok(differ > 0, 'the split sums in another order: some bits differ');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// In the page: `preset` on a TrainerLink of `workers` trained `steps` steps → { workers, step }.
function trainSteps(page, preset, workers, steps) {
  return page.evaluate(async ([name, w, n]) => {
    const { link, trainer } = await window.nkBuild(name, w);
    await trainer.step(n);
    await trainer.frame();
    link.close();
    return { workers: trainer.workers(), step: trainer.metrics().step };
  }, [preset, workers, steps]);
}

test('by itself: one core trains a CNN in one worker; two cores keep spiral\'s fast steps in one worker', async () => {
  const one = await openPage({ cores: 1 });
  assert.deepEqual(await trainSteps(one.page, 'digits-cnn', 'auto', 30), { workers: 1, step: 30 });
  await one.page.close();
  const two = await openPage({ cores: 2 });
  assert.deepEqual(await trainSteps(two.page, 'spiral', 'auto', 20000), { workers: 1, step: 20000 });
  assert.deepEqual([...one.problems, ...two.problems], []);
  await two.page.close();
});

test('a replica worker that cannot start leaves the app training in one worker', async () => {
  const { page, problems } = await openPage();
  const result = await page.evaluate(async () => {
    const { loadCore } = await import('/www/app/core.js');
    const { TrainerLink } = await import('/www/app/trainer-link.js');
    const { Trainer, module } = await loadCore();
    const worker = new Worker('/www/core/trainer-worker.js', { type: 'module' });
    await new Promise((resolve) => {
      worker.onmessage = resolve;
      worker.postMessage({ type: 'init', module, replica: { url: '/www/core/no-such-replica.js', type: 'module' }, workers: 2, cores: 2 });
    });
    const link = new TrainerLink(worker);
    const trainer = await link.build('config', [Trainer.preset('spiral')]);
    const ran = await trainer.step(25);
    await trainer.frame();
    link.close();
    return { ran, workers: trainer.workers(), step: trainer.metrics().step };
  });
  assert.deepEqual(result, { ran: { steps: 25, cancelled: false }, workers: 1, step: 25 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad workers value in the link is named, and the page trains on', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/index.html?workers=3`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.textContent('#page-messages'), /workers must be one of auto, 1, 2, got 3/);
  await page.click('#play');
  await waitForAtLeast(page, 'step', 20);
  await page.close();
});
