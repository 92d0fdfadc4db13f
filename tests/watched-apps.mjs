// Apps mounted on a bare page, and a handle call watched from the page thread: the animation
// frames drawn meanwhile and the page thread's long tasks (over 50 ms). Shared by the worker
// tests (tests/worker.test.mjs) and `make bench`'s step-run figures (tests/bench/page-figures.mjs).

// Opens tests/bench/page.html in `context` and mounts `count` apps of `preset` at its top (on
// screen: an embed off screen pauses), every view shown (as heavy as the full page); window.nk
// holds their handles and window.nkWorkers the workers they started, in order. Returns the page
// and the console errors and uncaught errors it logs from then on.
export async function mountApps(context, origin, preset, count = 1) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(`${origin}/tests/bench/page.html`);
  await page.evaluate(async ([name, n]) => {
    window.nkWorkers = [];
    window.Worker = class Recorded extends Worker {
      constructor(...args) {
        super(...args);
        window.nkWorkers.push(this);
      }
    };
    const { mount } = await import('/www/embed/mount.js');
    const { VIEWS } = await import('/www/settings/parts.js');
    window.nk = [];
    for (let i = 0; i < n; i++) {
      const box = document.createElement('div');
      document.body.prepend(box);
      window.nk.push(await mount(box, { preset: name, views: VIEWS }));
    }
    // The first layout and paint of every view (the page's load, not training) are over.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, [preset, count]);
  return { page, problems };
}

// Runs `action(handles, arg)` (an async function, run in the page; `arg` JSON) while counting the
// page's animation frames and its long tasks: → { value, frames, ms, longTasks (durations, ms) }.
export function whileWatching(page, action, arg = null) {
  return page.evaluate(async ([source, arg]) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    let frames = 0;
    let counting = true;
    const count = () => {
      frames += 1;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const start = performance.now();
    // eslint-disable-next-line no-new-func
    const value = await new Function('nk', 'arg', `return (${source})(nk, arg);`)(window.nk, arg);
    const ms = performance.now() - start;
    counting = false;
    // A task still running when the action ends is reported once it is over.
    await new Promise((resolve) => setTimeout(resolve, 100));
    longTasks.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    return { value, frames, ms, longTasks };
  }, [action.toString(), arg]);
}
