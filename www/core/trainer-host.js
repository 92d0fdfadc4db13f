// The worker's side of a page's trainer (see trainer-worker.js): it holds the one wasm Trainer,
// trains when the page orders a frame of training or a number of steps, and answers each frame
// request with a snapshot: the metrics and every read the page's views asked for, arrays copied
// once into one transferable buffer. A long run trains in chunks so frame requests and a cancel
// get in between; nothing here touches the page.

import { Rewind } from './rewind.js';
import { DATA_READS, errorToWire, packArrays, READS, readKey } from './wire.js';

// The calls that change the trainer, made one at a time between chunks of training.
const CALLS = ['phase', 'setTraining', 'setWeight', 'reset', 'addTrainingImage', 'toJSON'];
// The reads that are views of the trainer's buffers (no work; copied straight into a snapshot).
const VIEWS = [
  ...DATA_READS, 'params', 'grads', 'lastUpdate', 'optimizerState', 'gridMaps', 'gridScores', 'batchIndices', 'batchValues',
  'batchGradients', 'epochTestPredictions',
];
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
  // bytes of the worker's wasm memory (the page shows it to tests and the benchmark).
  constructor(Trainer, post, memoryBytes) {
    this.Trainer = Trainer;
    this.post = post;
    this.memoryBytes = memoryBytes;
    this.trainer = null;
    this.trainerId = 0; // bumped by each build: a snapshot names the trainer it is of
    this.dataVersion = 0; // bumped whenever the data reads may change
    this.resets = 0; // the history starts again
    this.job = null; // a run of steps: { request, left, done }
    this.waitingFrame = null; // a frame request that came during a run, answered after its chunk
    this.unreported = 0; // steps trained since the last snapshot
    this.snapshots = 0;
    this.cook = new Rewind(); // checkpoints and the divergence guard
  }

  // One message from the page: { type, id?, ... }; a failure is answered to its id.
  receive(message) {
    try {
      if (!['build', 'call', 'run', 'cancel', 'frame', 'rewind', 'debugPanic'].includes(message.type)) throw new Error(`unknown message ${message.type}`);
      this[message.type](message);
    } catch (error) {
      if (message.id === undefined) throw error;
      this.post({ id: message.id, error: errorToWire(error) });
    }
  }

  // What the page keeps of the trainer after a change (trainCount, testCount: its
  // training and test images, or 0 for points); it
  // reads views in the next snapshot.
  state() {
    const t = this.trainer;
    return {
      trainerId: this.trainerId, dataVersion: this.dataVersion, metrics: t.metrics(), network: t.network(), config: t.config(),
      trainCount: t.trainLabels().length, testCount: t.testLabels().length, memoryBytes: this.memoryBytes(),
    };
  }

  // A new trainer (how: 'config' | 'images' | 'json' | 'jsonImages', with the Trainer's
  // arguments); the running one stays when the core refuses.
  build(request) {
    const { how, args } = request;
    const made = {
      config: () => new this.Trainer(...args),
      images: () => this.Trainer.withImages(...args),
      json: () => this.Trainer.fromJSON(...args),
      jsonImages: () => this.Trainer.fromJSONWithImages(...args),
    }[how];
    if (!made) throw new Error(`unknown build ${how}`);
    const trainer = made();
    this.stopJob(true);
    this.trainer?.free();
    this.trainer = trainer;
    this.trainerId += 1;
    this.dataVersion += 1;
    this.unreported = 0;
    this.cook.start(trainer);
    this.reply(request, null);
  }

  // One of CALLS on the trainer; answers its result with the new state.
  call(request) {
    const { name, args } = request;
    if (!CALLS.includes(name)) throw new Error(`${name} is not a trainer call`);
    const result = this.trainer[name](...args);
    if (name === 'reset') {
      this.resets += 1;
      this.cook.start(this.trainer);
    }
    if (name === 'addTrainingImage' || name === 'setTraining' || name === 'reset') this.dataVersion += 1;
    this.reply(request, result ?? null);
  }

  // Answers `request` (a build, a call, the end of a run) with its result, the trainer's state
  // and, when it asks for reads, a snapshot of them: the page draws the change at once.
  reply(request, result) {
    const snapshot = request.reads ? this.snapshot(request) : null;
    this.post({ id: request.id, result, state: this.state(), snapshot }, snapshot ? [snapshot.packed.buffer] : []);
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
    if (restoring) this.resets += 1; // the history is the restored step's
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
        done = this.trainer.runFor(CHUNK_MS, Math.min(job.left, CHUNK_STEPS));
      } catch (error) {
        this.job = null;
        this.post({ id: job.request.id, error: errorToWire(error) });
        this.answerWaiting();
        return;
      }
      job.left -= done;
      job.done += done;
      this.unreported += done;
      const diverged = this.cook.trained(this.trainer);
      if (job.left <= 0 || diverged) {
        this.stopJob(job.left > 0);
        return;
      }
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
    const t = this.trainer;
    if (request.train && !this.cook.halted) {
      const { ms, maxSteps, toEpochEnd } = request.train;
      const most = toEpochEnd ? Math.max(1, t.metrics().stepsLeftInEpoch) : maxSteps;
      this.unreported += t.runFor(ms, most);
      this.cook.trained(t);
    } else if (request.idle) {
      this.idleWork(request.idle);
    }
    this.answerFrame(request);
  }

  // While the page is paused: an image network's last epoch measured, then (judge) the current
  // parameters' test predictions, about `ms` at a time.
  idleWork({ ms, judge }) {
    const t = this.trainer;
    if (t.metrics().measuring) t.advanceEvaluation();
    else if (judge && this.judgeable()) t.advanceTestPredictions(ms);
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

  // Some test images are not judged yet for the current parameters (images only: a point
  // network's figures are always measured).
  judgeable() {
    const t = this.trainer;
    return t.testPredictionsMade() < t.testLabels().length;
  }

  // The metrics and the reads asked for ([[name, ...args]]; data reads and the history only when
  // the page does not hold them: `have`), arrays packed in one transferable buffer; `seq` orders
  // snapshots (an answer that arrives after a newer one is left alone); `working`: pending work
  // waits for the page's idle frames. Each view is copied once, straight from wasm memory into
  // the buffer: the reads that compute (and may grow the memory, which detaches every view)
  // run first, then the views are taken and copied with no call in between.
  snapshot({ reads, have }) {
    this.snapshots += 1;
    const t = this.trainer;
    const metrics = t.metrics();
    const historyKey = `${this.trainerId}:${this.resets}:${metrics.epoch}:${metrics.measuring}`;
    const judgeable = this.judgeable();
    const plain = {};
    const failed = {};
    const computed = []; // [key, a copy of what a computing read returned]
    const views = []; // [key, name, args]
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
    // The grid first: the grid's maps and scores read after it are of this snapshot's grid.
    const ordered = [...asked.filter(([name]) => name === 'grid'), ...asked.filter(([name]) => name !== 'grid')];
    for (const read of ordered) {
      const [name, ...args] = read;
      const key = readKey(read);
      if (VIEWS.includes(name)) {
        views.push([key, name, args]);
        continue;
      }
      try {
        const value = name === 'probeTestImage' ? this.probeTestImage(...args) : t[name](...args);
        if (name === 'grid') plain[key] = null; // its values are read as gridMaps and gridScores
        else if (ArrayBuffer.isView(value)) computed.push([key, value.slice()]);
        else plain[key] = value ?? null;
      } catch (error) {
        failed[key] = errorToWire(error);
      }
    }
    const viewed = [];
    for (const [key, name, args] of views) {
      try {
        viewed.push([key, t[name](...args)]);
      } catch (error) {
        failed[key] = errorToWire(error);
      }
    }
    const packed = packArrays([...viewed, ...computed]);
    const steps = this.unreported;
    this.unreported = 0;
    return {
      seq: this.snapshots, trainerId: this.trainerId, dataVersion: this.dataVersion, metrics, historyKey, steps, packed, plain, failed,
      working: metrics.measuring || judgeable, memoryBytes: this.memoryBytes(), cook: this.cook.report(),
    };
  }
}
