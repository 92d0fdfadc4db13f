// The transport: Play, Step, Phase, Epoch and Reset (the buttons, the keys and the handle run the
// same actions), what each frame asks the trainer's worker for while playing (never past an Epoch
// run's end) and while paused, and a run of steps that can be cancelled. It tells the handle's
// listeners what happened.

import { NORMAL_STEP_MS, SLOW_STEP_MS } from '../settings/state.js';
import { MissingRead } from './trainer-mirror.js';

// What the diagram's edges (and a mode's other phaseViews) show after each phase by hand.
const AFTER_PHASE = { forward: 'weights', loss: 'weights', backward: 'gradients', update: 'update' };
// While paused, pending work in the worker runs in slices of about this long.
const IDLE_SLICE_MS = 8;

export class Transport {
  // app: { session, loop, view, events, controls, mode() (the current one), modeViews() (its
  // views), frame() (this frame's FrameData), writeUrl() }.
  constructor(app) {
    this.app = app;
    // What the views follow: the last manual action ('phase' | 'step' | null, what the phase
    // sentence describes) and, after a step or phase by hand, the batch's first example.
    this.follow = { lastAction: null, showBatch: false };
    // The Epoch button's run over frames: { trainer, epoch, done } (the counter it started from,
    // what to call when it ends) until the counter passes it, then the loop pauses; else null.
    this.epochRun = null;
    this.seenEpoch = 0; // the epoch last announced to 'epoch' listeners
    this.running = null; // a run of steps in the worker (a promise), cancelled by Play or Pause
  }

  // Play, or Pause; during a run of steps, stops it.
  play() {
    if (this.running) {
      this.cancel();
      return;
    }
    this.follow.showBatch = false;
    this.follow.lastAction = 'step';
    this.app.loop.toggle();
  }

  pause() {
    if (this.running) this.cancel();
    else if (this.app.loop.playing) this.play();
  }

  cancel() {
    this.app.session.trainer.cancel();
  }

  // n whole steps in the worker (frames keep drawing its progress); resolves once they ran or
  // were cancelled, with { steps, cancelled }.
  async step(n = 1) {
    const { session, loop, events, controls, t } = this.app;
    loop.pause();
    if (this.running) this.cancel();
    const run = loop.track(session.trainer.step(n));
    this.running = run;
    if (n > 1) controls.showPlaying(true, t());
    let ran;
    try {
      ran = await run;
    } finally {
      if (this.running === run) {
        this.running = null;
        controls.showPlaying(loop.playing, t());
      }
    }
    this.byHand('step');
    if (ran.steps > 0) events.emit('step', { steps: ran.steps, metrics: session.metrics() });
    this.announceEpoch();
    return ran;
  }

  async phase() {
    const { session, loop, events, view, controls } = this.app;
    loop.pause();
    const ran = await session.trainer.phase();
    for (const name of this.app.mode().phaseViews) view[name] = AFTER_PHASE[ran];
    controls.show(session.intent, view);
    this.app.writeUrl();
    this.byHand('phase');
    events.emit('phase', { phase: ran, metrics: session.metrics() });
    if (ran === 'update') events.emit('step', { steps: 1, metrics: session.metrics() });
    this.announceEpoch();
    return ran;
  }

  // After a step or phase by hand the views show the batch's first example.
  byHand(action) {
    this.follow.lastAction = action;
    this.follow.showBatch = true;
    this.app.loop.requestDraw();
  }

  async reset() {
    const { session, loop, events } = this.app;
    loop.pause();
    if (this.running) this.cancel();
    await session.reset();
    this.newCook(0);
    loop.requestDraw();
    events.emit('reset', { metrics: session.metrics() });
  }

  // A new (or reset) cook: nothing of the old one is followed; `epoch` is where it starts.
  newCook(epoch) {
    this.follow.lastAction = null;
    this.follow.showBatch = false;
    this.seenEpoch = epoch;
  }

  // Epoch: trains to the end of the current epoch over frames (drawing each one), then pauses.
  // Pressed while one runs, it does nothing more than call `done` too; Play (pause), Step, Phase
  // or Reset stop it.
  epoch(done = () => {}) {
    const { session, loop, controls } = this.app;
    if (this.epochRun) {
      const before = this.epochRun.done;
      this.epochRun.done = () => { before(); done(); };
      return;
    }
    this.epochRun = { trainer: session.trainer, epoch: session.metrics().epoch, done };
    this.follow.lastAction = 'step';
    this.follow.showBatch = false;
    controls.showEpochRunning(true);
    loop.play(); // already playing: it now stops at the end of this epoch
    loop.requestDraw();
  }

  // The loop paused: an Epoch run ends there.
  paused() {
    if (!this.epochRun) return;
    const { done } = this.epochRun;
    this.epochRun = null;
    this.app.controls.showEpochRunning(false);
    done();
  }

  // What a frame asks the worker for (see TrainingLoop): kind 'train' (at normal or slow speed
  // one step, every trainInterval(); fast: the steps that fit the time budget; never past the
  // running epoch), 'idle' (pending work: an image network's
  // last epoch measured, a mode's own, like the teacher's verdict on the current parameters) or
  // 'refresh'. Null: nothing (another cook replaced the one an Epoch run was for).
  order(kind) {
    const { session, loop, view } = this.app;
    if (kind === 'train') {
      const run = this.epochRun;
      if (run && run.trainer !== session.trainer) {
        loop.pause(); // the press was for the old cook
        return null;
      }
      // An Epoch run goes at the fast pace (it is one press: the round's end); Play at the speed.
      const fast = run || view.speed === 'fast';
      return { train: { ms: view.budget, maxSteps: fast ? view.maxSteps : 1, toEpochEnd: Boolean(run) } };
    }
    if (kind === 'idle') {
      try {
        this.app.modeViews().idle(this.app.frame(), IDLE_SLICE_MS);
      } catch (error) {
        if (!(error instanceof MissingRead)) throw error; // asked for in this request
      }
      return { idle: { ms: IDLE_SLICE_MS } };
    }
    return {};
  }

  // While playing, the least time between two frames of training (an Epoch run goes fast).
  trainInterval() {
    const { speed } = this.app.view;
    if (this.epochRun || speed === 'fast') return 0;
    return speed === 'slow' ? SLOW_STEP_MS : NORMAL_STEP_MS;
  }

  // A frame of training came back with `steps`: tells listeners, and ends an Epoch run whose
  // epoch ended.
  trained(steps) {
    const { session, loop, events } = this.app;
    const run = this.epochRun;
    if (run && run.trainer === session.trainer && session.metrics().epoch !== run.epoch) {
      this.follow.showBatch = true; // as after a step: the views show the epoch's last batch
      loop.pause();
    }
    if (steps > 0) events.emit('step', { steps, metrics: session.metrics() });
    this.announceEpoch();
  }

  // After any training: tells 'epoch' listeners when a practice round ended.
  announceEpoch() {
    const { epoch } = this.app.session.metrics();
    if (epoch !== this.seenEpoch) {
      this.seenEpoch = epoch;
      this.app.events.emit('epoch', { epoch });
    }
  }
}
