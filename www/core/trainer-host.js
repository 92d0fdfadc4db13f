// The worker's side of a page's trainer (see trainer-worker.js): it holds the one wasm Trainer,
// trains when the page orders a frame of training or a number of steps, and answers each frame
// request with a snapshot: the metrics and every read the page's views asked for, arrays copied
// once into one transferable buffer. A long run trains in chunks so frame requests and a cancel
// get in between; nothing here touches the page. Where a second core pays, training is split with
// a nested replica worker (data-parallel.js); while a split chunk awaits the exchange, messages
// from the page wait, so no call lands in the middle of a step.

import { EpochSamples } from './epoch-samples.js';
import { Rewind } from './rewind.js';
import { makeTrainer, TEXT_BUILDS } from './trainer-builds.js';
import { packReads } from './snapshot-reads.js';
import { DATA_READS, errorToWire, READS, readKey } from './wire.js';

// The calls that change the trainer, made one at a time between chunks of training.
const CALLS = ['phase', 'setTraining', 'setWeight', 'reset', 'addTrainingImage', 'toJSON'];
// The calls after which the trainer's network and config may differ (a build too).
const RESHAPING = ['setTraining', 'reset'];
// The calls that only compute from the trainer (text mode's chat box and reading views, the
// PyTorch export), answered alone: no state, no snapshot, so asking often costs no copies of the
// views.
const ASKS = ['generate', 'nextTokenProbabilities', 'vocabulary', 'attentionMaps', 'positionLosses', 'exportPytorch'];
// Reads that would judge the whole test set at once when it is not judged yet (the page reads
// them once it is).
const JUDGED_READS = ['testPredictions', 'confusion'];
// A run of steps trains in chunks of about this long.
const CHUNK_MS = 8;
// The most steps one chunk asks the core for (its own limit per call is higher).
const CHUNK_STEPS = 100000;

// A task after the messages already queued (a zero-delay timer is clamped to 4 ms when nested).
function nextTask() {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

export class TrainerHost {
  // Trainer: the wasm module's class; post(message, transfer): to the page; memoryBytes(): the
  // bytes of the worker's wasm memory (the page shows it to tests and the benchmark);
  // parallel: a DataParallel (a second core), or null (this worker trains alone).
  constructor(Trainer, post, memoryBytes, parallel = null) {
    this.Trainer = Trainer;
    this.post = post;
    this.memoryBytes = memoryBytes;
    this.parallel = parallel;
    this.busy = false; // a split chunk of training awaits its exchange: messages wait in `held`
    this.held = [];
    this.known = null; // the trainer's metrics, while nothing has changed it since they were read
    this.reshaped = true; // its network or config changed since the page was last sent them
    this.trainer = null;
    this.trainerId = 0; // bumped by each build: a snapshot names the trainer it is of
    this.dataVersion = 0; // bumped whenever the data reads may change
    this.resets = 0; // the history starts again
    this.job = null; // a run of steps: { request, left, done }
    this.waitingFrame = null; // a frame request that came during a run, answered after its chunk
    this.unreported = 0; // steps trained since the last snapshot
    this.snapshots = 0;
    this.samples = null; // EpochSamples of a text trainer
    this.cook = new Rewind(); // checkpoints and the divergence guard
    this.verdict = null; // the guard's word on the last training (null: all is well)
  }

  // One message from the page: { type, id?, ... }; a failure is answered to its id.
  receive(message) {
    if (this.busy) this.held.push(message);
    else this.handle(message);
  }

  handle(message) {
    try {
      if (!['build', 'call', 'ask', 'run', 'cancel', 'frame', 'rewind', 'debugPanic'].includes(message.type)) throw new Error(`unknown message ${message.type}`);
      this[message.type](message);
    } catch (error) {
      if (message.id === undefined) throw error;
      this.post({ id: message.id, error: errorToWire(error) });
    }
  }

  // Trains up to `maxSteps` steps for about `ms`: in this worker alone (→ the steps, at once) or
  // split with the second core (→ a promise of them, the page's messages held meanwhile: the
  // caller releases them once it has counted the steps). One step (a step by hand, whose batch
  // the views then show whole) trains here and is given to the replica to train too.
  train(ms, most) {
    const maxSteps = this.stepsAllowed(most);
    if (this.parallel?.splitting && maxSteps > 1) {
      return this.trainSplit(ms, maxSteps).then((steps) => this.trained(steps));
    }
    this.touched();
    const start = performance.now();
    const steps = this.trainer.runFor(ms, maxSteps);
    this.parallel?.trainedAlone(steps, performance.now() - start);
    return this.trained(steps);
  }

  // After training: a text trainer's samples, and the guard's verdict (`verdict`: null when all
  // is well) with a checkpoint when one is due.
  trained(steps) {
    this.sample();
    this.verdict = this.cook.trained(this.trainer, this.metrics());
    return steps;
  }


  async trainSplit(ms, maxSteps) {
    this.busy = true;
    try {
      const before = this.metrics();
      this.touched();
      return await this.parallel.run(this.trainer, { budgetMs: ms, maxSteps, before });
    } finally {
      this.busy = false;
      this.touched();
    }
  }

  // Handles the messages that came during a split chunk, in order (one may start another).
  release() {
    while (!this.busy && this.held.length > 0) this.handle(this.held.shift());
  }

  // The trainer's metrics (read from the core once per change: for points they measure every
  // example).
  metrics() {
    this.known ??= this.trainer.metrics();
    return this.known;
  }

  // The trainer changed (trained, a call, a build, idle work): its metrics are read again.
  touched() {
    this.known = null;
  }

  // What the page keeps of the trainer after a change (trainCount, testCount: its
  // training and test images, or 0 for points); the network and config only when they may have
  // changed since the page was last sent them; it reads views in the next snapshot.
  state() {
    const t = this.trainer;
    const shape = this.reshaped ? { network: t.network(), config: t.config() } : {};
    this.reshaped = false;
    return {
      trainerId: this.trainerId, dataVersion: this.dataVersion, metrics: this.metrics(), ...shape,
      trainCount: t.trainLabels().length, testCount: t.testLabels().length, memoryBytes: this.memoryBytes(),
    };
  }

  // A new trainer (how: 'config' | 'images' | 'text' | 'json' | 'jsonImages' | 'jsonText', with
  // the Trainer's arguments); the running one stays when the core refuses.
  build(request) {
    const { how, args } = request;
    const trainer = makeTrainer(this.Trainer, how, args);
    this.stopJob(true);
    this.trainer?.free();
    this.trainer = trainer;
    this.trainerId += 1;
    this.dataVersion += 1;
    this.unreported = 0;
    this.samples = TEXT_BUILDS.includes(how) ? new EpochSamples() : null;
    this.sample();
    this.touched();
    this.reshaped = true;
    this.parallel?.built(how, args);
    this.cook.start(trainer, this.metrics());
    this.reply(request, null);
  }

  // One of CALLS on the trainer; answers its result with the new state.
  call(request) {
    const { name, args } = request;
    if (!CALLS.includes(name)) throw new Error(`${name} is not a trainer call`);
    const result = this.trainer[name](...args);
    this.touched();
    if (name !== 'toJSON') this.parallel?.changed(name, args);
    if (RESHAPING.includes(name)) this.reshaped = true;
    if (name === 'reset') {
      this.resets += 1;
      this.samples?.clear();
      this.cook.start(this.trainer, this.metrics());
    }
    this.sample();
    if (name === 'addTrainingImage' || name === 'setTraining' || name === 'reset') this.dataVersion += 1;
    this.reply(request, result ?? null);
  }

  // Answers `request` (a build, a call, the end of a run) with its result, the trainer's state
  // and, when it asks for reads, a snapshot of them: the page draws the change at once.
  reply(request, result) {
    const snapshot = request.reads ? this.snapshot(request) : null;
    this.post({ id: request.id, result, state: this.state(), snapshot }, snapshot ? [snapshot.packed.buffer] : []);
  }

  // One of ASKS, answered with its result alone (a typed array copied out of wasm memory).
  ask(request) {
    const { name, args } = request;
    if (!ASKS.includes(name)) throw new Error(`${name} is not a question for the trainer`);
    const result = this.trainer[name](...args);
    this.post({ id: request.id, result: ArrayBuffer.isView(result) ? result.slice() : result });
  }

  // A text trainer's samples, when its epoch is one not sampled yet.
  sample() {
    if (this.samples) this.samples.take(this.trainer);
  }

  // The most steps the next run of training may take: a text trainer stops at its epoch's end
  // (its samples are of that epoch's parameters).
  stepsAllowed(most) {
    if (!this.samples) return most;
    return Math.min(most, Math.max(1, this.metrics().stepsLeftInEpoch));
  }

  // `steps` whole steps, in chunks; answered once they ran (or with the count so far when
  // cancelled).
  run(request) {
    this.stopJob(true);
    this.job = { request, left: request.steps, done: 0 };
    this.pump();
  }

  cancel() {
    this.stopJob(true);
  }

  // The timeline and the divergence guard (rewind.js): { action, step?, on? }; a restore
  // answers with the trainer's state and a snapshot of the restored step.
  rewind(request) {
    const restoring = !['guard', 'resume'].includes(request.action);
    if (restoring) this.stopJob(true);
    const result = this.cook.act(this.trainer, request);
    if (restoring) {
      this.resets += 1; // the history is the restored step's
      this.touched();
      this.reshaped = true; // the learning rate may be another
      this.samples?.clear();
      this.sample();
      // The second core restores the same model file, so both replicas stay equal.
      if (this.parallel && this.parallel.decision !== 'one') this.parallel.changed('restore', [this.trainer.toJSON()]);
    }
    this.reply(request, result);
  }


  // A panic on purpose in this worker's core (the tests check the page stops and says so).
  debugPanic() {
    this.Trainer.debugPanic();
  }

  stopJob(cancelled) {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.reply(job.request, { steps: job.done, cancelled });
    this.answerWaiting();
  }

  async pump() {
    const job = this.job;
    while (this.job === job) {
      let done;
      try {
        done = this.train(CHUNK_MS, Math.min(job.left, CHUNK_STEPS));
        if (typeof done !== 'number') done = await done;
      } catch (error) {
        this.job = null;
        this.post({ id: job.request.id, error: errorToWire(error) });
        this.answerWaiting();
        this.release();
        return;
      }
      job.left -= done;
      job.done += done;
      this.unreported += done;
      const diverged = this.verdict;
      if (job.left <= 0 || diverged) {
        this.stopJob(job.left > 0);
        this.release();
        return;
      }
      this.release();
      this.answerWaiting();
      await nextTask();
    }
  }

  answerWaiting() {
    const request = this.waitingFrame;
    if (!request) return;
    this.waitingFrame = null;
    this.answerFrame(request);
  }

  answerFrame(request) {
    const snapshot = this.snapshot(request);
    this.post({ id: request.id, result: snapshot }, [snapshot.packed.buffer]);
  }

  // A frame: { id, train: { ms, maxSteps, toEpochEnd } | null, idle: { ms, judge } | null,
  // reads: [[name, ...args]], have: { dataVersion, historyKey } }. During a run it is answered
  // after the current chunk, without training more.
  frame(request) {
    if (this.job) {
      this.waitingFrame = request;
      return;
    }
    if (request.train && !this.cook.halted) {
      const { ms, maxSteps, toEpochEnd } = request.train;
      const most = toEpochEnd ? Math.max(1, this.metrics().stepsLeftInEpoch) : maxSteps;
      const steps = this.train(ms, most);
      if (typeof steps !== 'number') {
        steps.then((n) => {
          this.unreported += n;
          this.answerFrame(request);
        }, (error) => this.post({ id: request.id, error: errorToWire(error) })).finally(() => this.release());
        return;
      }
      this.unreported += steps;
    } else if (request.idle) {
      this.idleWork(request.idle);
    }
    this.answerFrame(request);
  }

  // While the page is paused: an image network's last epoch measured, then (judge) the current
  // parameters' test predictions, about `ms` at a time.
  idleWork({ ms, judge }) {
    const t = this.trainer;
    if (this.metrics().measuring) t.advanceEvaluation();
    else if (judge && this.judgeable()) t.advanceTestPredictions(ms);
    this.touched();
  }

  // The values of every boundary for test image `index`, its pixels in [0, 1] (as the page
  // shows it): the page asks for the example it follows without holding the images first, so a
  // new image network's first snapshot already has it.
  probeTestImage(index) {
    const t = this.trainer;
    const count = t.testLabels().length;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw Object.assign(new Error(`example must be a whole number between 0 and ${count - 1}, got ${index}`), { field: null, path: 'example', allowed: `between 0 and ${count - 1}` });
    }
    const images = t.testImages();
    const size = images.length / count;
    const pixels = Float32Array.from(images.subarray(index * size, (index + 1) * size), (v) => v / 255);
    return t.probeImage(pixels);
  }

  // A read that computes: the trainer's, or one the worker makes (see wire.js READS).
  computed(name, args) {
    if (name === 'probeTestImage') return this.probeTestImage(...args);
    if (name === 'epochSamples') return this.samples?.list ?? [];
    return this.trainer[name](...args);
  }

  // Some test images are not judged yet for the current parameters (images only: a point
  // network's figures are always measured).
  judgeable() {
    const t = this.trainer;
    return t.testPredictionsMade() < t.testLabels().length;
  }

  // The metrics and the reads asked for ([[name, ...args]]; data reads and the history only when
  // the page does not hold them: `have`), arrays packed in one transferable buffer; `seq` orders
  // snapshots (an answer that arrives after a newer one is left alone); `working`: pending work
  // waits for the page's idle frames. Each view is copied once (snapshot-reads.js).
  snapshot({ reads, have }) {
    this.snapshots += 1;
    const t = this.trainer;
    const metrics = this.metrics();
    const historyKey = `${this.trainerId}:${this.resets}:${metrics.epoch}:${metrics.measuring}`;
    const judgeable = this.judgeable();
    const plain = {};
    const failed = {};
    const asked = reads.filter((read) => {
      const [name] = read;
      if (!READS.includes(name)) {
        failed[readKey(read)] = errorToWire(new Error(`${name} is not a view of the trainer`));
        return false;
      }
      if (name === 'history' && have.historyKey === historyKey) return false;
      // The verdict on the current parameters is made a slice per idle frame, never at once.
      if (JUDGED_READS.includes(name) && judgeable) return false;
      return !(DATA_READS.includes(name) && have.dataVersion === this.dataVersion);
    });
    const { packed, plain: values, failed: broken } = packReads(t, asked, (name, args) => this.computed(name, args));
    Object.assign(plain, values);
    Object.assign(failed, broken);
    const steps = this.unreported;
    this.unreported = 0;
    return {
      seq: this.snapshots, trainerId: this.trainerId, dataVersion: this.dataVersion, metrics, historyKey, steps, packed, plain, failed,
      working: metrics.measuring || judgeable, memoryBytes: this.memoryBytes(), workers: this.parallel?.splitting ? 2 : 1,
      cook: this.cook.report(),
    };
  }
}
