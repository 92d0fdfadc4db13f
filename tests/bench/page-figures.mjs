// The page's own figures for `make bench`: load time to the first drawn frame, and frame
// times while training with every view shown (from requestAnimationFrame timestamps), with
// the main thread's long tasks (PerformanceObserver 'longtask').

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

// Runs in the page: plays for `seconds`, recording frame intervals and long tasks.
async function recordFrames({ seconds }) {
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
  return { intervals, longTasks };
}

// Frame figures while training the page at `query`: median and 95th-percentile interval,
// frames per second, the longest main-thread task.
export async function frameTimes(context, origin, { query = '', seconds = 5 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 2400 }); // every view on screen
  await page.goto(`${origin}/index.html${query}`);
  await page.waitForSelector('body[data-ready="true"]');
  const { intervals, longTasks } = await page.evaluate(recordFrames, { seconds });
  await page.close();
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    medianMs: median(intervals),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)],
    fps: intervals.length / (intervals.reduce((a, b) => a + b, 0) / 1000),
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
  };
}
