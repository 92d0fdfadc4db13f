// The page's own figures for `make bench`: load time to the first drawn frame, and frame
// times while training with every view shown (from requestAnimationFrame timestamps), with
// the main thread's long tasks (PerformanceObserver 'longtask').

import { mountApps, whileWatching } from '../watched-apps.mjs';
import { median } from './throughput.mjs';

const FIRST_FRAME = 'neural-kitchen:first-frame';

// Milliseconds from navigation to the first drawn frame, median over `loads` fresh pages.
export async function loadTime(context, origin, { loads = 5, query = '' } = {}) {
  const times = [];
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    await page.goto(`${origin}/index.html${query}`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_FRAME);
    times.push(await page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, FIRST_FRAME));
    await page.close();
  }
  return { median: median(times), times };
}

// Runs in the page: plays for `seconds`, recording frame intervals, long tasks and the steps
// trained (the step counter before and after).
async function recordFrames({ seconds }) {
  const stepCount = () => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, ''));
  const firstStep = stepCount();
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  document.querySelector('#play').click();
  const stamps = [];
  await new Promise((resolve) => {
    const end = performance.now() + seconds * 1000;
    const frame = (t) => {
      stamps.push(t);
      if (t < end) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  document.querySelector('#play').click();
  observer.disconnect();
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { intervals, longTasks, steps: stepCount() - firstStep };
}

// Frame figures while training the page at `query`: median and 95th-percentile interval,
// frames per second, the longest main-thread task, steps trained per second (by the page's
// trainer worker, at the page's default pace: a time budget per frame).
export async function frameTimes(context, origin, { query = '', seconds = 5 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 2400 }); // every view on screen
  await page.goto(`${origin}/index.html${query}`);
  await page.waitForSelector('body[data-ready="true"]');
  const { intervals, longTasks, steps } = await page.evaluate(recordFrames, { seconds });
  await page.close();
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    medianMs: median(intervals),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)],
    fps: intervals.length / (intervals.reduce((a, b) => a + b, 0) / 1000),
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    stepsPerSecond: steps / seconds,
  };
}

// The page thread while the handle runs step(`steps`) of `preset` (trained in the app's worker):
// the run's time, the frames drawn meanwhile and the page thread's tasks over 50 ms (every view
// shown; the first layout of the views is over before it starts).
export async function stepRunFigures(context, origin, { preset = 'digits-cnn', steps = 1000 } = {}) {
  const { page } = await mountApps(context, origin, preset);
  const figures = await whileWatching(page, ([handle], n) => handle.step(n), steps);
  await page.close();
  return {
    ms: figures.ms,
    fps: figures.frames / (figures.ms / 1000),
    longTasks: figures.longTasks.length,
    longestTaskMs: Math.max(0, ...figures.longTasks),
  };
}

// The page's training speed on one worker and on two (www/core/data-parallel.js, `workers` forced
// to 1 and 2): two apps of `preset` on one page (few views: the training, not the drawing, is
// measured), each timing handle.step(`steps`) in turn, `reps` times interleaved; → steps/s of
// each (median) and the ratio.
export async function workerFigures(context, origin, { preset = 'digits-cnn', steps = 200, reps = 3 } = {}) {
  const page = await context.newPage();
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(`${origin}/tests/bench/page.html`);
  const times = await page.evaluate(async ([name, n, r]) => {
    const { mount } = await import('/www/embed/mount.js');
    const handles = {};
    for (const workers of [1, 2]) {
      const box = document.createElement('div');
      document.body.prepend(box);
      handles[workers] = await mount(box, { preset: name, workers, views: ['counters'] });
      await handles[workers].step(5); // the replica started, the code warm
    }
    const ms = { 1: [], 2: [] };
    for (let rep = 0; rep < r; rep++) {
      for (const workers of [1, 2]) {
        const start = performance.now();
        await handles[workers].step(n);
        ms[workers].push(performance.now() - start);
      }
    }
    for (const h of Object.values(handles)) h.destroy();
    return ms;
  }, [preset, steps, reps]);
  await page.close();
  const one = (steps * 1000) / median(times[1]);
  const two = (steps * 1000) / median(times[2]);
  return { one, two, ratio: two / one };
}
