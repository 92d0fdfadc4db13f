// The worker's side of the page's trainer (www/core/trainer-host.js), in Node with a fake Trainer
// that counts its calls: each snapshot reads each view once and the metrics once, copies each
// view once into one transferable buffer, sends the data and the history only when the page
// lacks them; a run of steps trains in chunks that frame requests and a cancel get between.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrainerHost } from '../www/core/trainer-host.js';
import { unpackArrays } from '../www/core/wire.js';

// A Trainer stand-in: views over one "wasm memory" (like the real one's), a step counter, and a
// log of every call.
class FakeTrainer {
  constructor(config = {}) {
    if (config.bad) throw Object.assign(new Error('hidden[0].units must be between 1 and 32, got 99'), { field: 'hidden', path: 'hidden[0].units', allowed: 'between 1 and 32' });
    this.memory = new ArrayBuffer(1024);
    this.calls = [];
    this.step = 0;
    this.epoch = 0;
    this.measuring = false;
    this.judged = 0;
    this.tests = 0;
    this.stepMs = 1;
  }

  log(name) {
    this.calls.push(name);
  }

  metrics() {
    this.log('metrics');
    return { step: this.step, epoch: this.epoch, measuring: this.measuring, stepsLeftInEpoch: 10 - (this.step % 10) };
  }

  network() { this.log('network'); return { layers: [] }; }
  config() { this.log('config'); return { dataset: 'fake' }; }
  setTraining() { this.log('setTraining'); }
  phase() { this.log('phase'); return 'forward'; }
  toJSON() { this.log('toJSON'); return '{}'; }
  params() { this.log('params'); return new Float32Array(this.memory, 0, 4); }
  grads() { this.log('grads'); return new Float32Array(this.memory, 16, 4); }
  trainPoints() { this.log('trainPoints'); return new Float32Array(this.memory, 32, 6); }
  trainLabels() { return new Uint8Array(0); }
  testLabels() { this.log('testLabels'); return new Uint8Array(this.memory, 64, this.tests); }
  testPredictionsMade() { return this.judged; }
  testImages() { return new Uint8Array(this.memory, 512, this.tests * 4).map((_, i) => i * 10); }
  probeImage(pixels) { this.log('probeImage'); return Float32Array.from(pixels, (p) => p * 2); }
  testPredictions() { this.log('testPredictions'); return new Float32Array(this.tests); }
  history() { this.log('history'); return { step: [this.step] }; }
  grid() { this.log('grid'); this.gridAt = this.step; return new Float32Array(this.memory, 128, 2); }
  gridScores() { this.log('gridScores'); return new Float32Array([this.gridAt ?? -1]); }
  optimizerState(i) {
    this.log(`optimizerState(${i})`);
    if (i > 1) throw Object.assign(new Error(`optimizer state index must be below 2, got ${i}`), { field: null, path: 'optimizer state index', allowed: 'below 2' });
    return new Float32Array(this.memory, 160 + 16 * i, 4);
  }

  runFor(ms, maxSteps) {
    this.log('runFor');
    const n = Math.max(1, Math.min(maxSteps, Math.floor(ms / this.stepMs)));
    this.step += n;
    return n;
  }

  setWeight(index, value) { this.log('setWeight'); new Float32Array(this.memory, 0, 4)[index] = value; }
  free() {}
}
FakeTrainer.debugPanic = () => { throw new Error('a panic on purpose'); };

// A second core's stand-in (www/core/data-parallel.js): it records what the host tells it, and
// a split run ends when the test says (`finish(steps)`).
class FakeParallel {
  constructor() {
    this.told = [];
    this.splitting = false;
  }

  built(how) { this.told.push(['built', how]); }
  changed(name, args) { this.told.push([name, ...args]); }
  trainedAlone(steps) { this.told.push(['alone', steps]); }
  run(trainer, { maxSteps }) {
    this.told.push(['split', maxSteps]);
    return new Promise((resolve) => {
      this.finish = (steps) => {
        trainer.step += steps;
        resolve(steps);
      };
    });
  }
}

// A host with a fake trainer (and `parallel`, a FakeParallel or null); messages it posts are
// collected in order.
async function host(config = {}, parallel = null) {
  const posted = [];
  const h = new TrainerHost(FakeTrainer, (message, transfer = []) => posted.push({ message, transfer }), () => 65536, parallel);
  h.receive({ type: 'build', id: 1, how: 'config', args: [config], reads: [], have: {} });
  return { h, posted, trainer: h.trainer, answer: () => posted.at(-1).message };
}

const frame = (id, reads, have = {}, more = {}) => ({ type: 'frame', id, reads, have, ...more });

test('a snapshot reads each view once and the metrics once, and copies each view once into one transferable buffer', async () => {
  const { h, posted, trainer, answer } = await host();
  trainer.calls = [];
  h.receive(frame(2, [['params'], ['grads'], ['optimizerState', 0], ['optimizerState', 1]], {}, { train: { ms: 1, maxSteps: 1, toEpochEnd: false } }));
  const { result } = answer();
  assert.deepEqual(trainer.calls.filter((c) => c === 'metrics'), ['metrics']);
  // (toJSON: the checkpoint the trained step is due, see core/checkpoints.js)
  assert.deepEqual(trainer.calls.filter((c) => !['metrics', 'testLabels', 'runFor', 'toJSON'].includes(c)), ['params', 'grads', 'optimizerState(0)', 'optimizerState(1)']);
  assert.deepEqual(posted.at(-1).transfer, [result.packed.buffer], 'the one buffer is transferred, not cloned');
  const arrays = unpackArrays(result.packed);
  assert.deepEqual([...arrays.keys()], ['params', 'grads', 'optimizerState:0', 'optimizerState:1']);
  assert.equal(result.packed.buffer.byteLength, 4 * 16, 'each view once in the buffer');
  assert.notEqual(arrays.get('params').buffer, trainer.memory, 'a copy, not the wasm memory');
});

test('the data and the history come only when the page does not hold them', async () => {
  const { h, answer } = await host();
  h.receive(frame(2, [['trainPoints'], ['history']], { dataVersion: null, historyKey: null }));
  const first = answer().result;
  assert.ok(unpackArrays(first.packed).has('trainPoints'));
  assert.ok('history' in first.plain);
  h.receive(frame(3, [['trainPoints'], ['history']], { dataVersion: first.dataVersion, historyKey: first.historyKey }));
  const second = answer().result;
  assert.equal(unpackArrays(second.packed).has('trainPoints'), false);
  assert.equal('history' in second.plain, false);
  h.receive({ type: 'call', id: 4, name: 'reset', args: [] }); // (the fake has no reset: refused)
  assert.match(answer().error.message, /reset is not a function|not a function/);
});

test('the grid is computed before its maps are read, whatever the order asked', async () => {
  const { h, trainer, answer } = await host();
  trainer.step = 7;
  h.receive(frame(2, [['gridScores'], ['grid', 64]]));
  assert.deepEqual(Array.from(unpackArrays(answer().result.packed).get('gridScores')), [7]);
});

test('reads that would judge the whole test set wait until the verdict is made in slices', async () => {
  const { h, trainer, answer } = await host();
  trainer.tests = 5;
  trainer.judged = 2;
  h.receive(frame(2, [['testPredictions']]));
  assert.equal(unpackArrays(answer().result.packed).has('testPredictions'), false);
  assert.equal(answer().result.working, true, 'the page is told there is work for its idle frames');
  trainer.judged = 5;
  h.receive(frame(3, [['testPredictions']]));
  assert.equal(unpackArrays(answer().result.packed).has('testPredictions'), true);
  assert.equal(answer().result.working, false);
});

test('a failing read comes back as data with the core\'s fields; the other reads still come', async () => {
  const { h, answer } = await host();
  h.receive(frame(2, [['params'], ['optimizerState', 5], ['nonsense']]));
  const { result } = answer();
  assert.ok(unpackArrays(result.packed).has('params'));
  assert.equal(result.failed['optimizerState:5'].allowed, 'below 2');
  assert.match(result.failed.nonsense.message, /not a view/);
});

test('a frame of training runs the time budget (never past the epoch in an Epoch run) and reports its steps once', async () => {
  const { h, trainer, answer } = await host();
  h.receive(frame(2, [], {}, { train: { ms: 5, maxSteps: 100, toEpochEnd: false } }));
  assert.equal(answer().result.steps, 5);
  h.receive(frame(3, [], {}, { train: { ms: 50, maxSteps: 100, toEpochEnd: true } }));
  assert.equal(answer().result.steps, 5, 'the 5 steps left in the epoch');
  assert.equal(trainer.step, 10);
  h.receive(frame(4, []));
  assert.equal(answer().result.steps, 0);
});

test('a run of steps trains in chunks: a frame request is answered between them, a cancel ends it keeping its steps', async () => {
  const { h, posted, trainer } = await host();
  trainer.stepMs = 4; // 2 steps a chunk
  h.receive({ type: 'run', id: 2, steps: 1000, reads: [['params']], have: {} });
  h.receive(frame(3, [['params']]));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const progress = posted.find((p) => p.message.id === 3)?.message.result;
  assert.ok(progress && progress.metrics.step > 0 && progress.metrics.step < 1000, 'the frame was answered during the run');
  h.receive({ type: 'cancel' });
  const end = posted.find((p) => p.message.id === 2).message;
  assert.equal(end.result.cancelled, true);
  assert.equal(end.result.steps, trainer.step, 'the model keeps the steps it ran');
  assert.ok(end.snapshot.packed.table.some((e) => e.key === 'params'), 'the answer brings a snapshot');
});

test('a run that ends answers with its steps; the next one trains on from there', async () => {
  const { h, posted, trainer } = await host();
  h.receive({ type: 'run', id: 2, steps: 20, reads: [], have: {} });
  for (let i = 0; i < 40 && !posted.some((p) => p.message.id === 2); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(posted.find((p) => p.message.id === 2).message.result, { steps: 20, cancelled: false });
  assert.equal(trainer.step, 20);
});

test('a build the core refuses keeps the running trainer and answers the core\'s error with its fields', async () => {
  const { h, trainer, answer } = await host();
  h.receive({ type: 'build', id: 2, how: 'config', args: [{ bad: true }], reads: [], have: {} });
  assert.deepEqual({ ...answer().error }, { name: 'Error', message: 'hidden[0].units must be between 1 and 32, got 99', field: 'hidden', path: 'hidden[0].units', allowed: 'between 1 and 32' });
  assert.equal(h.trainer, trainer);
  h.receive({ type: 'call', id: 3, name: 'setWeight', args: [0, 2.5], reads: [['params']], have: {} });
  const { result, state, snapshot } = answer();
  assert.equal(result, null);
  assert.equal(state.trainerId, 1);
  assert.equal(unpackArrays(snapshot.packed).get('params')[0], 2.5, 'a call\'s answer brings a snapshot after it');
  h.receive({ type: 'call', id: 4, name: 'free', args: [] });
  assert.match(answer().error.message, /free is not a trainer call/);
});

test('the example test image is probed in the worker, from its own images, as the page prepares them', async () => {
  const { h, answer } = await host();
  h.trainer.tests = 3; // three 4-pixel images, pixel values 0, 10, 20, ...
  h.receive(frame(2, [['probeTestImage', 1], ['probeTestImage', 3]]));
  const { result } = answer();
  const prepared = Float32Array.from([40, 50, 60, 70], (v) => v / 255); // as f32, as the page has them
  assert.deepEqual(unpackArrays(result.packed).get('probeTestImage:1'), Float32Array.from(prepared, (p) => p * 2));
  assert.equal(result.failed['probeTestImage:3'].allowed, 'between 0 and 2');
});

// A text trainer stand-in: an epoch every 10 steps, text written from its step and seed.
class FakeTextTrainer extends FakeTrainer {
  runFor(ms, maxSteps) {
    const n = super.runFor(ms, maxSteps);
    this.epoch = Math.floor(this.step / 10);
    return n;
  }

  generate(prompt, { seed }) { this.log('generate'); return `${prompt}@${this.step}:${seed}`; }
  nextTokenProbabilities() { this.log('nextTokenProbabilities'); return new Float32Array(this.memory, 200, 3).fill(1 / 3); }
  embedding(what) { this.log(`embedding(${what})`); return new Float32Array(this.memory, what === 'gradients' ? 240 : 224, 4); }
}
FakeTrainer.withText = (config) => new FakeTextTrainer(config);

async function textHost() {
  const posted = [];
  const h = new TrainerHost(FakeTrainer, (message, transfer = []) => posted.push({ message, transfer }), () => 65536);
  h.receive({ type: 'build', id: 1, how: 'text', args: [{}, new Uint8Array(1), new Uint8Array(1)], reads: [], have: {} });
  return { h, posted, trainer: h.trainer, answer: () => posted.at(-1).message };
}

test('a text trainer writes its samples at the start and at each epoch\'s end, a frame of training stopping there', async () => {
  const { h, posted, trainer, answer } = await textHost();
  h.receive(frame(2, [['epochSamples']], {}, { train: { ms: 1000, maxSteps: 25, toEpochEnd: false } }));
  assert.equal(trainer.step, 10, 'the frame stops at the epoch\'s end (10 steps), not at 25');
  assert.deepEqual(answer().result.plain.epochSamples, [
    { epoch: 0, texts: ['@0:1', '@0:2', '@0:3'] },
    { epoch: 1, texts: ['@10:1', '@10:2', '@10:3'] },
  ]);
  h.receive({ type: 'run', id: 3, steps: 15, reads: [['epochSamples']], have: {} });
  while (!posted.some((p) => p.message.id === 3)) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(trainer.step, 25);
  assert.deepEqual(answer().snapshot.plain.epochSamples.map((s) => s.epoch), [0, 1, 2], 'a run of steps samples at its epoch ends too');
});

test('a question for a text trainer is answered alone, a view copied out of wasm memory; other calls are refused', async () => {
  const { h, posted, trainer, answer } = await textHost();
  h.receive({ type: 'ask', id: 2, name: 'nextTokenProbabilities', args: ['ab'] });
  const { result, state, snapshot } = answer();
  assert.deepEqual(Array.from(result), [1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  assert.notEqual(result.buffer, trainer.memory, 'a copy of 3 numbers, not the whole memory');
  assert.equal(result.buffer.byteLength, 12);
  assert.equal(state, undefined);
  assert.equal(snapshot, undefined);
  h.receive({ type: 'ask', id: 3, name: 'generate', args: ['ma', { seed: 7 }] });
  assert.equal(answer().result, 'ma@0:7');
  h.receive({ type: 'ask', id: 4, name: 'setWeight', args: [0, 1] });
  assert.match(answer().error.message, /setWeight is not a question/);
  assert.equal(posted.length, 4);
});

test('the embedding table and its gradients are views, copied once into a snapshot', async () => {
  const { h, trainer, answer } = await textHost();
  trainer.calls = [];
  h.receive(frame(2, [['embedding', 'weights'], ['embedding', 'gradients']]));
  const arrays = unpackArrays(answer().result.packed);
  assert.deepEqual([...arrays.keys()], ['embedding:weights', 'embedding:gradients']);
  assert.deepEqual(trainer.calls.filter((c) => c.startsWith('embedding')), ['embedding(weights)', 'embedding(gradients)']);
});

test('an Epoch run\'s frame reads the metrics once (the steps left in the epoch come from the last snapshot\'s)', async () => {
  const { h, trainer, answer } = await host();
  h.receive(frame(2, [], {}, { train: { ms: 3, maxSteps: 100, toEpochEnd: true } }));
  trainer.calls = [];
  h.receive(frame(3, [], {}, { train: { ms: 50, maxSteps: 100, toEpochEnd: true } }));
  assert.equal(answer().result.steps, 7, 'the 7 steps left in the epoch');
  assert.deepEqual(trainer.calls.filter((c) => c === 'metrics'), ['metrics']);
});

test('a reply sends the network and config only after a change that may alter them (a build, setTraining, reset)', async () => {
  const { h, answer } = await host();
  h.receive({ type: 'build', id: 2, how: 'config', args: [{}], reads: [], have: {} });
  assert.deepEqual(answer().state.network, { layers: [] });
  assert.deepEqual(answer().state.config, { dataset: 'fake' });
  h.receive({ type: 'call', id: 3, name: 'setWeight', args: [0, 1], reads: [], have: {} });
  assert.equal('network' in answer().state || 'config' in answer().state, false, 'setWeight leaves them');
  h.receive({ type: 'call', id: 4, name: 'phase', args: [], reads: [], have: {} });
  assert.equal('network' in answer().state || 'config' in answer().state, false, 'a phase leaves them');
  h.receive({ type: 'call', id: 5, name: 'setTraining', args: [{ batchSize: 5 }], reads: [], have: {} });
  assert.deepEqual(answer().state.config, { dataset: 'fake' });
  assert.deepEqual(answer().state.network, { layers: [] });
  h.receive({ type: 'call', id: 6, name: 'setWeight', args: [0, 1], reads: [], have: {} });
  assert.equal('config' in answer().state, false);
});

test('every call that changes the trainer, its builds and the steps it trained alone reach the second core', async () => {
  const parallel = new FakeParallel();
  const { h } = await host({}, parallel);
  h.receive({ type: 'call', id: 2, name: 'setWeight', args: [1, 0.5], reads: [], have: {} });
  h.receive({ type: 'call', id: 3, name: 'toJSON', args: [], reads: [], have: {} });
  h.receive({ type: 'call', id: 4, name: 'phase', args: [], reads: [], have: {} });
  h.receive({ type: 'call', id: 5, name: 'setTraining', args: [{ learningRate: 0.1 }], reads: [], have: {} });
  h.receive(frame(6, [], {}, { train: { ms: 5, maxSteps: 100, toEpochEnd: false } }));
  assert.deepEqual(parallel.told, [['built', 'config'], ['setWeight', 1, 0.5], ['phase'], ['setTraining', { learningRate: 0.1 }], ['alone', 5]]);
});

test('while a split step awaits the exchange, the page\'s messages wait and are then handled in order', async () => {
  const parallel = new FakeParallel();
  const { h, posted, trainer } = await host({}, parallel);
  parallel.splitting = true;
  const answered = () => posted.map((p) => p.message.id).filter((id) => id > 1);
  h.receive(frame(2, [['params']], {}, { train: { ms: 8, maxSteps: 10, toEpochEnd: false } }));
  h.receive({ type: 'call', id: 3, name: 'setWeight', args: [0, 2.5], reads: [['params']], have: {} });
  h.receive(frame(4, [['params']]));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(answered(), [], 'nothing answered mid-step');
  assert.equal(trainer.calls.includes('setWeight'), false, 'the call did not land in the middle of the step');
  parallel.finish(3);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(answered(), [2, 3, 4]);
  const [first, , last] = posted.slice(1).map((p) => p.message);
  assert.equal(first.result.steps, 3);
  assert.equal(unpackArrays(first.result.packed).get('params')[0], 0, 'the frame\'s snapshot is from before the call');
  assert.equal(unpackArrays(last.result.packed).get('params')[0], 2.5);
});

test('a run of steps split with the second core trains in chunks and holds a cancel until its chunk ends', async () => {
  const parallel = new FakeParallel();
  const { h, posted } = await host({}, parallel);
  parallel.splitting = true;
  h.receive({ type: 'run', id: 2, steps: 10, reads: [], have: {} });
  h.receive({ type: 'cancel' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(posted.some((p) => p.message.id === 2), false);
  parallel.finish(4);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(posted.find((p) => p.message.id === 2).message.result, { steps: 4, cancelled: true });
  assert.deepEqual(parallel.told.filter(([what]) => what === 'split'), [['split', 10]]);
});

test('a single step (by hand: its batch is shown whole) trains in this worker and is given to the second core', async () => {
  const parallel = new FakeParallel();
  const { h, posted } = await host({}, parallel);
  parallel.splitting = true;
  h.receive({ type: 'run', id: 2, steps: 1, reads: [], have: {} });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(posted.find((p) => p.message.id === 2).message.result, { steps: 1, cancelled: false });
  assert.deepEqual(parallel.told.slice(1), [['alone', 1]]);
});
