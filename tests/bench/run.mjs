// `make bench`: training throughput of W1–W4 and of the text workloads (bench-peers' T1 and T2,
// the names-mlp and names-gpt presets) natively (criterion; T1, T2 in the browser only) and in
// headless Chromium through
// the project's Trainer, the page's load and frame times, the wasm memory each preset holds in
// the page, the wasm module's size, and —
// with ../shared/bench-peers present — the peer libraries measured side by side with this
// project's adapter in one browser run, with the ratios. Prints a table and writes it, with the
// raw figures, to bench-results/ (git-ignored). Not part of `make test`.
//
//   node tests/bench/run.mjs [--seconds S] [--reps R] [--no-peers] [--no-native]

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, launch, startServer } from '../page-harness.mjs';
import { MIB, memoryPerPreset } from './memory.mjs';
import { frameTimes, loadTime, stepRunFigures, workerFigures } from './page-figures.mjs';
import { T2_DIFFERENCES } from './text-trainers.mjs';
import { TEXT_WORKLOADS } from './text-workloads.mjs';
import { flopsPerExample, measureThroughput, median, unitsPerStep, workloadOf } from './throughput.mjs';
import { WORKLOADS } from './workloads.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 2);
const REPS = option('reps', 3);
const RESULTS = path.join(ROOT, 'bench-results');
const PEERS = path.resolve(ROOT, '..', 'shared', 'bench-peers');
const IDS = Object.keys(WORKLOADS);
const TEXT_IDS = Object.keys(TEXT_WORKLOADS);
const log = (text) => process.stderr.write(`${text}\n`);

// Criterion's median time per iteration of each workload → steps/s (W1), examples/s, or
// characters/s (names-mlp, names-gpt; T1 and T2 have no native bench).
function native() {
  log('native: cargo bench (criterion)…');
  execFileSync('cargo', ['bench', '--bench', 'train', '--', '--warm-up-time', '1', '--measurement-time', String(SECONDS + 1)], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const dir = path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'criterion', 'train');
  const rate = (id, prefix) => {
    const name = fs.readdirSync(dir).find((d) => d.startsWith(prefix));
    const estimates = JSON.parse(fs.readFileSync(path.join(dir, name, 'new', 'estimates.json'), 'utf8'));
    return (unitsPerStep(workloadOf(id)) * 1e9) / estimates.median.point_estimate;
  };
  // W1–W4 and the presets on one thread; W3, W4 also split between two threads ("two threads W3").
  const rates = Object.fromEntries([...IDS, 'names-mlp', 'names-gpt'].map((id) => [id, rate(id, `${id} `)]));
  rates.twoThreads = { W3: rate('W3', 'two threads W3'), W4: rate('W4', 'two threads W4') };
  return rates;
}

// W3 and W4 in 1 worker, in 2 exchanging gradients through shared memory (a cross-origin
// isolated page), and in 2 exchanging them through MessagePorts (the fallback), interleaved per rep.
async function parallelThroughput(context) {
  const isolated = await startServer({ isolated: true });
  const runs = { 1: [], 2: [], ports: [] };
  try {
    for (let rep = 0; rep < REPS; rep++) {
      for (const [key, workers, shared] of [[1, 1, undefined], [2, 2, true], ['ports', 2, false]]) {
        runs[key].push(await measureThroughput(context, isolated.origin, { ids: ['W3', 'W4'], reps: 1, seconds: SECONDS, workers, shared }));
      }
    }
  } finally {
    await isolated.close();
  }
  const of = (key) => Object.fromEntries(['W3', 'W4'].map((id) => [id, {
    rate: median(runs[key].map((r) => r[id].rate)), rates: runs[key].map((r) => r[id].rate), stats: runs[key].map((r) => r[id].stats),
  }]));
  return { 1: of(1), 2: of(2), ports: of('ports') };
}

// The project's own browser figures: throughput, load time, frame times.
async function browser() {
  const server = await startServer();
  const chromium = await launch();
  try {
    log('browser: W1–W4 through the Trainer…');
    const throughput = await measureThroughput(chromium.context, server.origin, { reps: REPS, seconds: SECONDS });
    log('browser: T1, T2 and the names presets through the Trainer…');
    Object.assign(throughput, await measureThroughput(chromium.context, server.origin, { ids: TEXT_IDS, reps: REPS, seconds: SECONDS }));
    log('browser: W3, W4 in 1 and 2 workers (data-parallel replicas, www/core/replica-group.js)…');
    const parallel = await parallelThroughput(chromium.context);
    log('browser: page load and frame times…');
    const load = await loadTime(chromium.context, server.origin);
    // At the fast pace (as many steps a frame as fit its budget) and never pausing: the page under
    // its heaviest training, as the figures before speeds existed were taken.
    const FAST = 'speed=fast&pauseLearned=false';
    const mlpFrames = await frameTimes(chromium.context, server.origin, { query: `?${FAST}`, seconds: 6 });
    const cnnFrames = await frameTimes(chromium.context, server.origin, { query: `?dataset=mnist&${FAST}`, seconds: 8 });
    log('browser: the page thread during step(1000) on digits-cnn (trained in its worker)…');
    const stepRun = await stepRunFigures(chromium.context, server.origin);
    log('browser: the page\'s steps/s on 1 and 2 workers (www/core/data-parallel.js)…');
    const workers = {};
    for (const preset of ['digits-cnn', 'fashion-cnn']) workers[preset] = await workerFigures(chromium.context, server.origin, { preset });
    log('browser: wasm memory per preset…');
    const memory = await memoryPerPreset(chromium.context, server.origin);
    return { throughput, parallel, load, frames: { 'spiral (default MLP preset)': mlpFrames, 'digits-cnn (MNIST)': cnnFrames }, stepRun, workers, memory };
  } finally {
    await chromium.close();
    await server.close();
  }
}

// bench-peers, copied into bench-results/ (its folder may be read-only) with its pinned
// node_modules installed once; this project's adapter runs as one more contender.
function peers() {
  if (!fs.existsSync(path.join(PEERS, 'run.mjs'))) {
    log(`peers: ${PEERS} not found; skipping the side-by-side run`);
    return null;
  }
  const work = path.join(RESULTS, 'bench-peers');
  fs.mkdirSync(work, { recursive: true });
  for (const entry of fs.readdirSync(PEERS)) {
    if (entry !== 'node_modules' && entry !== 'results') fs.cpSync(path.join(PEERS, entry), path.join(work, entry), { recursive: true });
  }
  if (!fs.existsSync(path.join(work, 'node_modules'))) {
    log('peers: npm ci (once)…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  log('peers: side-by-side run in one Chromium (several minutes)…');
  const out = path.join(RESULTS, 'peers.json');
  const run = spawnSync('node', ['run.mjs', '--mount', `/proj=${ROOT}`,
    '--contenders', `convnetjs,tfjs-cpu,tfjs-wasm-st,tfjs-wasm,neural-kitchen=/proj/tests/bench/adapter.mjs`,
    '--workloads', [...IDS, 'T1', 'T2'].join(','),
    '--seconds', String(SECONDS), '--reps', String(REPS), '--out', out], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench-peers failed (exit ${run.status})`);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

// The median of a contender (by name prefix) on a workload in the peers run, or null.
function peerMedian(report, contender, id) {
  const row = report?.summary.find((s) => s.workload === id && (s.contender === contender || s.contender.startsWith(`${contender}=`)));
  return row && Number.isFinite(row.median) ? row.median : null;
}

// TF.js wasm: the better of its single-thread and default (threaded) builds.
const tfjsWasm = (report, id) => {
  const rates = ['tfjs-wasm-st', 'tfjs-wasm'].map((c) => peerMedian(report, c, id)).filter((x) => x != null);
  return rates.length > 0 ? Math.max(...rates) : null;
};

// TF.js's best backend of this run (cpu, wasm on 1 thread, wasm default) and its name.
function tfjsBest(report, id) {
  const rates = ['tfjs-cpu', 'tfjs-wasm-st', 'tfjs-wasm'].map((c) => [c, peerMedian(report, c, id)]).filter(([, x]) => x != null);
  return rates.length > 0 ? rates.reduce((best, r) => (r[1] > best[1] ? r : best)) : [null, null];
}

const fmt = (x, digits = 0) => (x == null ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a, b) => (a == null || b == null ? '–' : `${(a / b).toFixed(1)}×`);

function table({ nativeRates, own, report, wasm, loads }) {
  const peak = report?.singleThreadGemmPeakGflops ?? null;
  const lines = [
    `# Neural Kitchen benchmark (${new Date().toISOString().slice(0, 16)}Z, ${REPS} reps × ${SECONDS} s, medians)`,
    '',
    'W1: training steps/s; W2–W4, T1: training examples/s (T1: predicted tokens); T2: training tokens/s (16 windows × 16',
    'predicted tokens a step); names-mlp, names-gpt: characters/s (predicted tokens, the presets with Adam on their names',
    'data; names-gpt predicts at each of its 16 positions; not bench-peers workloads). Side-by-side columns and ratios come',
    'from one bench-peers run (one Chromium, contenders interleaved); "own run" is this project alone in a separate Chromium.',
    `T2 in Neural Kitchen is the core's GPT from bench-peers' initial weights; one difference: ${T2_DIFFERENCES}.`,
    '',
    '| workload | ConvNetJS | TF.js cpu | TF.js wasm (better of 1 thread, default) | Neural Kitchen | NK / ConvNetJS | NK / TF.js wasm | NK / TF.js best backend | NK GFLOP/s | % of GEMM peak | NK own run | NK native |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const id of [...IDS, ...TEXT_IDS]) {
    const w = workloadOf(id);
    const nk = peerMedian(report, 'neural-kitchen', id) ?? own.throughput[id].rate;
    const examples = w.metric === 'steps/s' ? nk * w.batch : nk;
    const flops = flopsPerExample(w);
    const gflops = flops == null ? null : (examples * flops) / 1e9;
    const [best, bestRate] = tfjsBest(report, id);
    lines.push(`| ${id} ${w.name} | ${fmt(peerMedian(report, 'convnetjs', id))} | ${fmt(peerMedian(report, 'tfjs-cpu', id))} | ${fmt(tfjsWasm(report, id))} | ${fmt(nk)} | ${ratio(nk, peerMedian(report, 'convnetjs', id))} | ${ratio(nk, tfjsWasm(report, id))} | ${best ? `${ratio(nk, bestRate)} (${best})` : '–'} | ${fmt(gflops, 1)} | ${peak && gflops != null ? `${Math.round((100 * gflops) / peak)} %` : '–'} | ${fmt(own.throughput[id].rate)} | ${nativeRates?.[id] != null ? fmt(nativeRates[id]) : '–'} |`);
  }
  lines.push('', '| data-parallel (examples/s) | 1 worker | 2 workers (each step split; shared memory) | speed-up | time exchanging (replica 0, 1; last rep) | 2 workers, MessagePorts (no shared memory) | speed-up | native 1 thread | native 2 threads | speed-up |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const id of Object.keys(own.parallel[1])) {
    const [one, two, ports] = [own.parallel[1][id].rate, own.parallel[2][id].rate, own.parallel.ports[id].rate];
    const [nativeOne, nativeTwo] = [nativeRates?.[id], nativeRates?.twoThreads[id]];
    const exchanging = own.parallel[2][id].stats.at(-1).exchangeShare.map((x) => `${Math.round(100 * x)} %`).join(', ');
    lines.push(`| ${id} ${WORKLOADS[id].name} | ${fmt(one)} | ${fmt(two)} | ${ratio(two, one)} | ${exchanging} | ${fmt(ports)} | ${ratio(ports, one)} | ${fmt(nativeOne)} | ${fmt(nativeTwo)} | ${ratio(nativeTwo, nativeOne)} |`);
  }
  lines.push('', `Load average (1, 5, 15 min; the machine may be shared): before ${loads.before}, after ${loads.after}`);
  lines.push('', `Single-thread GEMM peak (TF.js wasm, 256³ matmul, same run): ${peak ? `${peak.toFixed(1)} GFLOP/s` : '– (no bench-peers run)'}`);
  lines.push('', '| page | figure |', '|---|---:|');
  lines.push(`| load to first drawn frame (median of ${own.load.times.length}) | ${fmt(own.load.median)} ms |`);
  for (const [name, f] of Object.entries(own.frames)) {
    lines.push(`| ${name}, training, every view: frames/s | ${fmt(f.fps, 1)} |`);
    lines.push(`| ${name}: frame interval median / 95th percentile | ${fmt(f.medianMs, 1)} / ${fmt(f.p95Ms, 1)} ms |`);
    lines.push(`| ${name}: longest main-thread task (tasks over 50 ms) | ${fmt(f.longestTaskMs)} ms (${f.longTasks}) |`);
    lines.push(`| ${name}: steps/s trained while the page draws (default pace) | ${fmt(f.stepsPerSecond)} |`);
  }
  const run = own.stepRun;
  lines.push(`| digits-cnn, handle.step(1000) in the worker: time, frames/s meanwhile | ${fmt(run.ms)} ms, ${fmt(run.fps, 1)} |`);
  lines.push(`| digits-cnn, step(1000): longest page-thread task (tasks over 50 ms) | ${fmt(run.longestTaskMs)} ms (${run.longTasks}) |`);
  for (const [preset, w] of Object.entries(own.workers)) {
    lines.push(`| ${preset}, handle.step(200) in the page: steps/s on 1 worker → 2 workers | ${fmt(w.one)} → ${fmt(w.two)} (${ratio(w.two, w.one)}) |`);
  }
  for (const [name, bytes] of Object.entries(own.memory)) {
    lines.push(`| wasm memory, ${name} (built in its own page, 5 steps; its worker and the page's instance) | ${fmt(bytes / MIB, 1)} MB |`);
  }
  lines.push(`| wasm module (without data) | ${fmt(wasm.bytes / 1024)} KB, ${fmt(wasm.gzipped / 1024)} KB gzipped |`);
  return `${lines.join('\n')}\n`;
}

const wasmFile = path.join(ROOT, 'crate', 'pkg', 'neural_kitchen_bg.wasm');
if (!fs.existsSync(wasmFile)) throw new Error('crate/pkg is missing: run `make build` first');
const bytes = fs.readFileSync(wasmFile);
const wasm = { bytes: bytes.length, gzipped: zlib.gzipSync(bytes, { level: 9 }).length };
fs.mkdirSync(RESULTS, { recursive: true });
const loadNow = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const loads = { before: loadNow() };
const nativeRates = args.includes('--no-native') ? null : native();
const own = await browser();
const report = args.includes('--no-peers') ? null : peers();
loads.after = loadNow();
const text = table({ nativeRates, own, report, wasm, loads });
process.stdout.write(text);
fs.writeFileSync(path.join(RESULTS, 'bench.md'), text);
fs.writeFileSync(path.join(RESULTS, 'bench.json'), JSON.stringify({ nativeRates, own, wasm, peers: report?.summary ?? null }, null, 2));
log(`wrote ${path.relative(ROOT, RESULTS)}/bench.md and bench.json`);
