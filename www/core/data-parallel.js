// The page's second core: the trainer worker (trainer-host.js) is replica 0 and serves the views;
// where the machine has more than one core and a trainer's steps are slow enough to gain, it
// starts one nested replica worker (replica-worker.js) and splits each step's batch with it,
// exchanging gradients through MessagePorts (gradient-exchange.js), so that the training equals
// one worker's up to float summation order (crate/src/trainer/replicas.rs).
//
// The replica is kept equal by being given what changed replica 0, in the same order: the same
// build, every call that changes the trainer, and the whole steps replica 0 trained alone before
// the split was decided (kept in a log until then). Both trainers are deterministic (seeded data
// order and dropout), so the same build and calls give the same trainer.
//
// The rule, measured per trainer: its first MEASURE_MS of training run in replica 0 alone; if its
// step took at least SPLIT_STEP_MS, its next MEASURE_MS run split as a trial, and it trains split
// from then on only if the split step took at most GAIN × the one alone (a busy machine, whose
// other core is taken, keeps one worker). A step's time is the best of a measurement's chunks
// (steps / ms of each): a chunk the system paused, or the code's first warm-up, does not count.
// A split step costs one exchange (a MessagePort hand-over each way, a fraction of a millisecond)
// on top of half the step: spiral's steps (~0.03 ms; up to ~0.3 ms measured on a machine loaded
// 10 deep) would lose, the CNN presets' (several ms) gain (README, "Speed"). `workers: 2` splits
// from the start, no trial.
//
// Why MessagePorts even where shared memory is possible: a replica that fails (a panic in its
// module) is noticed and dropped (training goes on in one worker), where an Atomics barrier would
// wait for it for ever.

import { PortExchange } from './gradient-exchange.js';
import { Replica } from './replica-group.js';
import { splitSteps } from './split-steps.js';

export const SPLIT_STEP_MS = 2;
// Long enough to outlast the wasm code's warm-up (spiral's first steps run ~15× slower than later
// ones, measured here) and a few chunks the system paused.
const MEASURE_MS = 200;
const GAIN = 0.85;

// The host's builds as replica-worker.js names them.
const METHODS = { config: 'new', images: 'withImages', json: 'fromJSON', jsonImages: 'fromJSONWithImages' };

// How many workers an app trains in: `workers` 1 or 2 forces it; 'auto' uses two where the
// machine has more than one core (and the rule above says the network gains).
export const WORKER_CHOICES = ['auto', 1, 2];

export class DataParallel {
  // replica: { url, type } of the replica worker's script, or null (no second worker possible);
  // wasm: the compiled module; workers: one of WORKER_CHOICES; cores: the machine's.
  constructor({ replica, wasm, workers = 'auto', cores = 1 }) {
    Object.assign(this, { replica, wasm, workers, cores });
    this.worker = null; // the replica worker (started at the first split)
    this.exchange = null; // for the current trainer, once the replica holds it
    this.port = null; // the exchange's port
    this.build = null;
    this.log = []; // what changed replica 0 since its build, while the replica does not hold it
    this.decision = 'one'; // 'measuring' (alone) → 'trying' (split) → 'two' or 'one'
    this.measured = { ms: 0, best: Infinity }; // of the current measurement
    this.aloneStepMs = null;
    this.failure = null; // why the replica was dropped
  }

  // Whether the next training is split between the two workers.
  get splitting() {
    return this.decision === 'two' || this.decision === 'trying';
  }

  // A new trainer in replica 0 (how, args: as TrainerHost.build takes them).
  built(how, args) {
    this.build = { method: METHODS[how], args };
    this.log = [];
    this.disconnect();
    this.measured = { ms: 0, best: Infinity };
    this.aloneStepMs = null;
    const possible = this.replica !== null && this.failure === null && this.workers !== 1;
    if (!possible || (this.workers === 'auto' && this.cores < 2)) this.decision = 'one';
    else this.decision = this.workers === 2 ? 'two' : 'measuring';
  }

  // Replica 0 was changed by trainer[name](...args) (a call, or whole steps trained alone:
  // 'step', [n]); the replica is given the same, now or when it starts.
  changed(name, args) {
    if (this.decision === 'one') return;
    if (this.exchange) this.send(name, args);
    else this.log.push([name, args]);
  }

  // Replica 0 trained `steps` alone in `ms`: while measuring, decides whether to try a split.
  trainedAlone(steps, ms) {
    this.changed('step', [steps]);
    if (this.decision !== 'measuring') return;
    const stepMs = this.measure(steps, ms);
    if (stepMs === null) return;
    this.aloneStepMs = stepMs;
    this.decision = stepMs >= SPLIT_STEP_MS ? 'trying' : 'one';
    if (this.decision === 'one') this.log = [];
  }

  // Adds a chunk of `steps` in `ms` to the current measurement; → its time per step once it is
  // long enough (and starts the next), else null.
  measure(steps, ms) {
    this.measured.ms += ms;
    if (steps > 0) this.measured.best = Math.min(this.measured.best, ms / steps);
    if (this.measured.ms < MEASURE_MS) return null;
    const stepMs = this.measured.best;
    this.measured = { ms: 0, best: Infinity };
    return stepMs;
  }

  // A split chunk of `steps` took `ms`: ends the trial once it is long enough.
  trainedSplit(steps, ms) {
    if (this.decision !== 'trying') return;
    const stepMs = this.measure(steps, ms);
    if (stepMs === null) return;
    if (stepMs <= GAIN * this.aloneStepMs) this.decision = 'two';
    else this.stop();
  }

  // Trains `trainer` (replica 0) split with the replica, until `budgetMs` (finite) has passed or
  // `maxSteps` steps ran; `before`: its metrics now; → the steps. Where the replica cannot start
  // or fails, it is dropped and the training goes on in this worker alone.
  async run(trainer, { budgetMs, maxSteps, before }) {
    let steps = 0;
    if (before.nextPhase !== 'forward') {
      // A step begun by hand phases is finished whole here (a split starts at a step's start).
      trainer.step(1);
      this.changed('step', [1]);
      steps = 1;
      if (maxSteps === 1) return steps;
    }
    try {
      // The first chunk after the replica starts waits for it to catch up: not a trial's figure.
      const fresh = !this.exchange;
      if (fresh) await this.connect(trainer);
      const { worker } = this;
      const remote = worker.request({ type: 'run', budgetMs, maxSteps: maxSteps - steps });
      const start = performance.now();
      const local = splitSteps(trainer, this.exchange, 0, 2, { budgetMs, maxSteps: maxSteps - steps });
      // A replica that fails leaves this one waiting for its gradient: its failure ends the wait.
      // Its answer is not awaited (it has the last gradient; what follows queues behind its run).
      const done = await Promise.race([local, remote.then(() => local)]);
      remote.catch((error) => this.failed(worker, error));
      if (!fresh) this.trainedSplit(done.steps, performance.now() - start);
      return steps + done.steps;
    } catch (error) {
      this.drop(error);
      const ran = trainer.metrics().step - before.step;
      return ran > 0 ? ran : trainer.runFor(budgetMs, maxSteps);
    }
  }

  // Starts the replica worker (once), builds the trainer there, replays the log and connects.
  async connect(trainer) {
    this.worker ??= new Replica(this.replica.url, this.replica.type);
    const [length] = await Promise.all([
      this.worker.request({ type: 'setup', build: this.build, wasm: this.wasm }),
      ...this.log.map(([name, args]) => this.worker.request({ type: 'call', name, args })),
    ]);
    this.log = [];
    if (length !== trainer.params().length) throw new Error(`the replica holds ${length} parameters, not ${trainer.params().length}`);
    const channel = new MessageChannel();
    await this.worker.request({ type: 'connect', part: 1, parts: 2, ports: [channel.port2, null] }, [channel.port2]);
    this.port = channel.port1;
    this.exchange = new PortExchange([null, this.port], 0, 2, length);
  }

  disconnect() {
    this.port?.close();
    this.port = null;
    this.exchange = null;
  }

  send(name, args) {
    const { worker } = this;
    worker.request({ type: 'call', name, args }).catch((error) => this.failed(worker, error));
  }

  // `worker` answered a request with a failure: dropped, unless it was ended already (its pending
  // requests fail then too).
  failed(worker, error) {
    if (worker === this.worker) this.drop(error);
  }

  // This trainer trains alone from now on (replica 0 holds it whole: nothing to bring back); the
  // replica's worker ends, its memory freed (a later trainer that splits starts another).
  stop() {
    this.decision = 'one';
    this.disconnect();
    this.worker?.close();
    this.worker = null;
  }

  // The replica failed (or could not start): this app trains in one worker from now on.
  drop(error) {
    this.failure = error;
    this.stop();
  }
}
