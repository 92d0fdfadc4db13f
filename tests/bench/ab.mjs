// A/B of two builds of the core on the reference workloads, in ONE run, interleaved
// (A B, B A, A B, …: each round alternates which goes first), so that a machine shared with other
// work slows both alike. Compares two built pkg dirs (each holding `neural_kitchen.js` and its
// wasm, as `make build` leaves `crate/pkg/`) in headless Chromium through this project's adapter
// (tests/bench/adapter.mjs, a fresh page per measurement, as `make bench` measures), and
// optionally two native `profile` examples (crate/examples/profile.rs, built with
// `cargo build --release --example profile` in each tree), alternated the same way. Prints each
// side's median, spread (min–max), B / A of the medians and the median of each round's own B / A
// per workload, with the load average before and after.
//
//   node tests/bench/ab.mjs A_PKG B_PKG [--rounds 5] [--seconds 2] [--ids W1,W2,W3,W4]
//        [--native A_PROFILE,B_PROFILE] [--native-steps W3=300,…]
//
// e.g. A: a worktree of an older commit (`git worktree add ../old 53e3943`, `make build` there):
//   node tests/bench/ab.mjs ../old/crate/pkg crate/pkg --native ../old/target/release/examples/profile,target/release/examples/profile

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, startServer } from '../page-harness.mjs';
import { measureInPage, median } from './throughput.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (positional.length !== 2) {
  process.stderr.write('usage: node tests/bench/ab.mjs A_PKG B_PKG [--rounds 5] [--seconds 2] [--ids W1,W3] [--native A_BIN,B_BIN]\n');
  process.exit(2);
}
const SIDES = positional.map((dir, i) => ({ name: 'AB'[i], dir: path.resolve(dir) }));
for (const side of SIDES) {
  if (!fs.existsSync(path.join(side.dir, 'neural_kitchen.js'))) throw new Error(`${side.dir}: no neural_kitchen.js (build it first)`);
}
const ROUNDS = Number(option('rounds', 5));
const SECONDS = Number(option('seconds', 2));
const IDS = option('ids', 'W1,W2,W3,W4').split(',');
const NATIVE = option('native', null)?.split(',').map((p) => path.resolve(p));
// Native steps per run: about 2 s each on the 2-core development machine.
const NATIVE_STEPS = { W1: 200000, W2: 4000, W3: 600, W4: 120, ...Object.fromEntries(option('native-steps', '').split(',').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)])) };
const log = (text) => process.stderr.write(`${text}\n`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// Round r runs A then B when r is even, B then A when odd.
const orderOf = (round) => (round % 2 === 0 ? SIDES : [...SIDES].reverse());

async function browserRates() {
  const mounts = Object.fromEntries(SIDES.map((s) => [`/ab/${s.name}/`, s.dir]));
  const server = await startServer({ mounts });
  const chromium = await launch();
  const rates = Object.fromEntries(IDS.map((id) => [id, { A: [], B: [] }]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of IDS) {
        for (const side of orderOf(round)) {
          const page = await chromium.context.newPage();
          await page.goto(`${server.origin}/tests/bench/page.html`);
          const pkg = `/ab/${side.name}/neural_kitchen.js`;
          const { rate } = await page.evaluate(measureInPage, { id, seed: 1, seconds: SECONDS, warmup: 1, workers: null, pkg });
          await page.close();
          rates[id][side.name].push(rate);
          log(`browser round ${round + 1}/${ROUNDS} ${id} ${side.name}: ${rate.toFixed(0)}`);
        }
      }
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  return rates;
}

// Native runs are timed twice: the example's own wall clock over its steps, and the process's
// CPU time (user + system, from /usr/bin/time: setup included, alike for both sides), which
// other work on a shared machine disturbs much less than the wall clock.
const BATCH = { W1: 10, W2: 32, W3: 20, W4: 20 };
function nativeRates() {
  const wall = Object.fromEntries(IDS.map((id) => [id, { A: [], B: [] }]));
  const cpu = Object.fromEntries(IDS.map((id) => [id, { A: [], B: [] }]));
  const timed = fs.existsSync('/usr/bin/time');
  for (let round = 0; round < ROUNDS; round++) {
    for (const id of IDS) {
      for (const side of orderOf(round)) {
        const binary = NATIVE['AB'.indexOf(side.name)];
        const command = timed ? ['/usr/bin/time', ['-f', 'cpu %U %S', binary, id, String(NATIVE_STEPS[id])]] : [binary, [id, String(NATIVE_STEPS[id])]];
        const run = spawnSync(...command, { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`${binary} ${id}: exit ${run.status}\n${run.stderr}`);
        const perSecond = Number(/([\d.]+) examples\/s/.exec(run.stdout)[1]);
        // The profile example prints examples/s; W1 is counted in steps/s.
        const unit = id === 'W1' ? 1 : BATCH[id];
        wall[id][side.name].push((perSecond / BATCH[id]) * unit);
        const seconds = timed ? /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr).slice(1).reduce((a, b) => a + Number(b), 0) : NaN;
        cpu[id][side.name].push((NATIVE_STEPS[id] * unit) / seconds);
        log(`native round ${round + 1}/${ROUNDS} ${id} ${side.name}: ${wall[id][side.name].at(-1).toFixed(0)} (wall), ${cpu[id][side.name].at(-1).toFixed(0)} (CPU time)`);
      }
    }
  }
  return { wall, cpu: timed ? cpu : null };
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
// Besides each side's median: the median of the rounds' own B / A (the two runs of a round are
// next to each other in time, so a change of load between rounds cancels out).
function table(title, rates) {
  const lines = [`${title} (W1 steps/s, others examples/s; medians of ${ROUNDS}, min–max)`, '',
    '| workload | A median | A min–max | B median | B min–max | B / A of medians | B / A per round: median (min–max) |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const id of IDS) {
    const [a, b] = [rates[id].A, rates[id].B];
    const paired = a.map((x, i) => b[i] / x);
    lines.push(`| ${id} | ${fmt(median(a))} | ${fmt(Math.min(...a))}–${fmt(Math.max(...a))} | ${fmt(median(b))} | ${fmt(Math.min(...b))}–${fmt(Math.max(...b))} | ${(median(b) / median(a)).toFixed(3)} | ${median(paired).toFixed(3)} (${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}) |`);
  }
  return lines.join('\n');
}

const loadBefore = load();
const parts = [`A = ${SIDES[0].dir}`, `B = ${SIDES[1].dir}`, ''];
parts.push(table('Chromium', await browserRates()), '');
if (NATIVE) {
  const { wall, cpu } = nativeRates();
  parts.push(table('Native (profile example, wall clock)', wall), '');
  if (cpu) parts.push(table('Native (profile example, per CPU second of the process)', cpu), '');
}
parts.push(`load average (1, 5, 15 min): before ${loadBefore}, after ${load()}`);
process.stdout.write(`${parts.join('\n')}\n`);
