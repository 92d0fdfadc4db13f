// The transport: Play, Step, Phase, Epoch and Reset (the buttons, the keys and the handle run the
// same actions), the training one frame runs while playing (never past an Epoch run's end), and
// the pending work of a paused frame. It tells the handle's listeners what happened.

// What the diagram's edges (and a mode's other phaseViews) show after each phase by hand.
const AFTER_PHASE = { forward: 'weights', loss: 'weights', backward: 'gradients', update: 'update' };

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
  }

  play() {
    this.follow.showBatch = false;
    this.follow.lastAction = 'step';
    this.app.loop.toggle();
  }

  step(n = 1) {
    const { session, loop, events } = this.app;
    loop.pause();
    session.changes((trainer) => trainer.step(n));
    this.byHand('step');
    events.emit('step', { steps: n, metrics: session.metrics() });
    this.announceEpoch();
  }

  phase() {
    const { session, loop, events, view, controls } = this.app;
    loop.pause();
    const ran = session.changes((trainer) => trainer.phase());
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

  reset() {
    const { session, loop, events } = this.app;
    loop.pause();
    session.reset();
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

  // One frame of training: the steps that fit the time budget, but never past the running epoch.
  train() {
    const { session, loop, view, events } = this.app;
    const run = this.epochRun;
    let steps;
    if (!run) steps = session.changes((trainer) => trainer.runFor(view.budget, view.maxSteps));
    else if (run.trainer !== session.trainer) {
      loop.pause(); // another cook (a new config or a loaded model): the press was for the old one
      return 0;
    } else {
      const left = Math.max(1, session.metrics().stepsLeftInEpoch);
      steps = session.changes((trainer) => trainer.runFor(view.budget, left));
      if (session.metrics().epoch !== run.epoch) {
        this.follow.showBatch = true; // as after a step: the views show the epoch's last batch
        loop.pause();
      }
    }
    if (steps > 0) events.emit('step', { steps, metrics: session.metrics() });
    this.announceEpoch();
    return steps;
  }

  // While paused, an image network's last epoch may still be being measured, and a mode may have
  // work of its own (the teacher's verdict on the current parameters): a slice a frame, so the
  // figures, curves and verdict catch up without blocking the page.
  idle(milliseconds) {
    const { session } = this.app;
    if (session.metrics().measuring) {
      session.changes((trainer) => trainer.advanceEvaluation());
      return true;
    }
    return this.app.modeViews().idle(this.app.frame(), milliseconds);
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
