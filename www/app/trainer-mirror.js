// The page's picture of the trainer in its worker: its metrics, network and config after every
// change, and the views of the last snapshot, read with the Trainer's own getter names
// (`params()`, `grid(64)`, `history()`, ...). A read the snapshot lacks throws MissingRead and is
// asked for in the next one; a read is asked for in each snapshot from then on, until the
// draws have not made it for a while (see TrainerLink.drawn). Calls that
// change the trainer return promises.

import { DATA_READS, errorFromWire, READS, readKey, unpackArrays } from '../core/wire.js';

// A read the last snapshot did not have: the draw that made it stops, the next snapshot has it.
export class MissingRead extends Error {
  constructor(key) {
    super(`${key} is not in this snapshot yet`);
    this.name = 'MissingRead';
  }
}

// Reads asked with one set of arguments at a time (a probe elsewhere replaces the last one).
const LATEST_ONLY = ['grid', 'probe', 'probeImage', 'probeTestImage', 'histogram'];
// Reads that bring others (the grid's values are read right after it is computed).
const BRINGS = { grid: [['gridMaps'], ['gridScores']] };

export class TrainerMirror {
  // link: the TrainerLink; state: { trainerId, dataVersion, metrics, network, config }.
  constructor(link, state) {
    this.link = link;
    this.id = state.trainerId;
    this.state = state;
    this.snapshot = { arrays: new Map(), plain: {}, failed: {} };
    this.data = new Map(); // the data reads, for this.dataVersion
    this.dataVersion = null;
    this.historyOf = null; // { key, history }
    this.seq = -1; // the snapshot held (a later answer with an older one is left alone)
    this.judge = false; // the next slice of pending work judges test predictions too
    this.cook = null; // the worker's checkpoints and divergence guard (core/rewind.js report())
    this.working = false; // its last snapshot said work is pending (paused: a verdict to judge...)
  }

  metrics() {
    return this.state.metrics;
  }

  network() {
    return this.state.network;
  }

  config() {
    return this.state.config;
  }

  // Bytes of wasm memory the worker holds.
  memoryBytes() {
    return this.state.memoryBytes;
  }

  // Workers the trainer trains in (2: split with a second core, see core/data-parallel.js).
  workers() {
    return this.state.workers ?? 1;
  }

  // Training and test images of an image trainer (0 for points).
  trainCount() {
    return this.state.trainCount;
  }

  testCount() {
    return this.state.testCount;
  }

  history() {
    return this.read(['history']);
  }

  // read: [name, ...args] → its value in the last snapshot.
  read(read) {
    const key = readKey(read);
    this.want(read, key);
    const [name] = read;
    const { arrays, plain, failed } = this.snapshot;
    if (key in failed) throw errorFromWire(failed[key]);
    if (DATA_READS.includes(name) && this.data.has(key)) return this.data.get(key);
    if (name === 'history' && this.historyOf) return this.historyOf.history;
    if (arrays.has(key)) return arrays.get(key);
    if (key in plain) return plain[key];
    throw new MissingRead(key);
  }

  want(read, key) {
    const { wanted, draws } = this.link;
    const held = wanted.get(key);
    if (held) held.draw = draws;
    else {
      if (LATEST_ONLY.includes(read[0])) {
        for (const [k, r] of wanted) if (r.read[0] === read[0]) wanted.delete(k);
      }
      wanted.set(key, { read, draw: draws });
    }
    for (const more of BRINGS[read[0]] ?? []) {
      const k = readKey(more);
      if (wanted.has(k)) wanted.get(k).draw = draws;
      else wanted.set(k, { read: more, draw: draws });
    }
  }

  // What a request asks the worker to send back: every wanted read, and what this mirror holds.
  reads() {
    const reads = [...this.link.wanted.values()].map((w) => w.read);
    const heldData = reads.every(([name]) => !DATA_READS.includes(name) || this.data.has(name));
    return { reads, have: { dataVersion: heldData ? this.dataVersion : null, historyKey: this.historyOf?.key ?? null } };
  }

  // One frame request: { train } (a frame of training), { idle } (paused: pending work) or {}
  // (the views only); resolves with the answer once this mirror holds its snapshot.
  async frame(order = {}) {
    const idle = order.idle ? { ...order.idle, judge: this.judge } : null;
    this.judge = false;
    const { result } = await this.link.request({ type: 'frame', train: order.train ?? null, idle, ...this.reads() });
    this.take(result);
    return result;
  }

  // A snapshot; one of another trainer (this one was replaced meanwhile) or older than the one
  // held is left alone.
  take(answer) {
    if (answer.trainerId !== this.id || answer.seq <= this.seq) return;
    this.seq = answer.seq;
    const arrays = unpackArrays(answer.packed);
    if (answer.dataVersion !== this.dataVersion) {
      this.data.clear();
      this.dataVersion = answer.dataVersion;
    }
    for (const name of DATA_READS) {
      if (arrays.has(name)) this.data.set(name, arrays.get(name));
    }
    if ('history' in answer.plain) this.historyOf = { key: answer.historyKey, history: answer.plain.history };
    this.snapshot = { arrays, plain: answer.plain, failed: answer.failed };
    const { metrics, dataVersion, memoryBytes, workers } = answer;
    this.cook = answer.cook ?? this.cook;
    this.working = Boolean(answer.working);
    this.state = { ...this.state, metrics, dataVersion, memoryBytes, workers };
  }

  // What a call answered: the trainer's state (its network and config only when they changed)
  // and a snapshot after it.
  adopt({ result, state, snapshot }) {
    if (state?.trainerId === this.id) this.state = { ...this.state, ...state };
    if (snapshot) this.take(snapshot);
    return result;
  }

  async call(name, ...args) {
    return this.adopt(await this.link.request({ type: 'call', name, args, ...this.reads() }));
  }

  phase() {
    return this.call('phase');
  }

  setTraining(change) {
    return this.call('setTraining', change);
  }

  setWeight(index, value) {
    return this.call('setWeight', index, value);
  }

  reset() {
    return this.call('reset');
  }

  addTrainingImage(pixels, label) {
    return this.call('addTrainingImage', pixels, label);
  }

  toJSON() {
    return this.call('toJSON');
  }

  // The network as a PyTorch file (text); rejects with the core's error (a GPT, an RNN).
  exportPytorch() {
    return this.ask('exportPytorch');
  }

  // A question only the worker can compute (text mode: 'generate', 'nextTokenProbabilities',
  // 'vocabulary', 'attentionMaps', 'positionLosses'; 'exportPytorch'), answered alone: resolves with its result,
  // rejects with the core's error (the trainer is unchanged either way).
  async ask(name, ...args) {
    const { result } = await this.link.request({ type: 'ask', name, args });
    return result;
  }

  // The timeline and the divergence guard: { action: 'restore', step } | { action: 'best' } |
  // { action: 'lastGood' } (halving the learning rate) | { action: 'guard', on }.
  async rewind(order) {
    return this.adopt(await this.link.request({ type: 'rewind', ...order, ...this.reads() }));
  }

  // n steps in the worker, in chunks; resolves with { steps, cancelled }.
  async step(n) {
    return this.adopt(await this.link.request({ type: 'run', steps: n, ...this.reads() }));
  }

  // Stops a run of steps (it resolves with the steps it ran).
  cancel() {
    this.link.tell({ type: 'cancel' });
  }

  // The next slice of pending work judges test predictions; returns how many are judged.
  advanceTestPredictions() {
    this.judge = true;
    return this.testPredictionsMade();
  }

  // Its worker frees it when the next trainer is built.
  free() {}
}

// The Trainer's getters, each a read of the snapshot (history has its own, above).
for (const name of READS.filter((n) => n !== 'history')) {
  TrainerMirror.prototype[name] = function read(...args) {
    return this.read([name, ...args]);
  };
}
