// The wasm memory each preset holds in the full page: the preset picked from the Recipe menu,
// its link opened in a fresh page (one wasm module per page, so nothing else shares it), a few
// steps trained and every view drawn, then the wasm memory of its trainer's worker and of the
// page's own instance read. Wasm memory only grows, so the figure is the page's high-water
// mark. Deterministic: `make bench` prints it and tests/integration/memory.test.mjs holds it under a limit.

import { press } from '../page-harness.mjs';

export const MIB = 1024 * 1024;

// The preset names the page offers (its Recipe menu: the core's presets of the kinds of data the
// page has a mode for).
export async function presetNames(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const names = await page.evaluate(() => [...document.querySelectorAll('#preset option')].map((o) => o.value).filter(Boolean));
  await page.close();
  return names;
}

// The link the page writes for a preset picked from its Recipe menu.
async function presetLink(context, origin, name) {
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const before = await page.evaluate(() => location.search);
  if (await page.inputValue('#preset') !== name) {
    await page.selectOption('#preset', name);
    await page.waitForFunction((s) => location.search !== s, before);
  }
  const link = await page.evaluate(() => location.search);
  await page.close();
  return link;
}

// The page's wasm memory in bytes: its trainer's worker's (the app shows it on its box after each
// draw) and the page's own instance (the schema and the charts; the module the page imported:
// the same URL, the same instance; its init returns the instance's exports).
export function wasmMemory(page) {
  return page.evaluate(async () => {
    const core = await import('/crate/pkg/neural_kitchen.js');
    const own = (await core.default()).memory.buffer.byteLength;
    return own + Number(document.querySelector('[data-wasm-memory]').dataset.wasmMemory);
  });
}

// Bytes of wasm memory after building the preset in its own page and training `steps` steps by
// the Step key (each drawn), then letting the page's idle work (test predictions, an image
// network's measurement) finish.
export async function presetMemory(context, origin, name, { steps = 5 } = {}) {
  const link = await presetLink(context, origin, name);
  const page = await context.newPage();
  await page.goto(`${origin}/index.html${link}`);
  await page.waitForSelector('body[data-ready="true"]');
  await press(page, 's', steps);
  await page.waitForFunction((n) => document.querySelector('[data-testid="count-step"]')?.textContent === String(n), steps);
  await page.waitForFunction(() => document.querySelector('[data-testid="measure-status"]')?.dataset.measuring !== 'true');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const bytes = await wasmMemory(page);
  await page.close();
  return bytes;
}

// { preset name: bytes } for every preset.
export async function memoryPerPreset(context, origin, options) {
  const names = await presetNames(context, origin);
  const figures = {};
  for (const name of names) figures[name] = await presetMemory(context, origin, name, options);
  return figures;
}
