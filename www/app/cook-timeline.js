// The cook's timeline under the loss chart and the "Over-seasoned!" guard's word, on the page's
// side (the checkpoints and the guard live in the worker: core/rewind.js). The timeline's slider
// runs over the steps, a mark at each saved checkpoint (a red one where the guard spoke); letting
// it go restores the checkpoint nearest to it exactly; "Keep this cook" restores the one with the lowest test loss.
// When the guard speaks, the app pauses and says why, with one button: rewind to the last good
// step and halve the learning rate (then training goes on).

import { messageOf } from './messages.js';
import { formatNumber } from '../views/format.js';

const WARNINGS = ['overSeasoned', 'overSeasonedNaN'];

export class CookTimeline {
  // app: { session, loop, view, byId, messages, controls, transport, writeUrl, t }.
  constructor(app) {
    this.app = app;
    this.slider = app.byId('timeline');
    this.marksBox = app.byId('timeline-marks');
    this.at = app.byId('timeline-at');
    this.figure = this.slider.closest('figure');
    this.heard = null; // the guard's warnings already acted on
    this.shown = null; // what the marks show (redrawn when it changes)
    this.shownStep = null; // the step the slider shows
    this.sentGuard = null; // the guard setting the worker was told
    this.slider.addEventListener('change', () => this.restoreNear(Number(this.slider.value)));
    app.byId('keep-cook').addEventListener('click', () => this.order({ action: 'best' }));
    // Play after the guard spoke: the worker trains on (before the first frame's request).
    app.events.on('play', () => {
      if (this.warned) this.tell({ action: 'resume' });
    });
    app.events.on('reset', () => this.forget());
    this.trainer = app.session.trainer;
  }

  // A new timeline (a reset, a new cook): the guard's mark and word go.
  forget() {
    this.warned = null;
    this.shown = null;
    this.figure.classList.remove('diverged');
    const { messages, t } = this.app;
    messages.items = messages.items.filter((m) => !WARNINGS.includes(m.key));
    messages.render(t());
  }

  // An order the page does not wait for; its failure is logged, unless the app was destroyed
  // meanwhile (its worker is gone: nothing to tell).
  tell(order) {
    const trainer = this.app.session.trainer;
    trainer.rewind(order).catch((error) => {
      if (!trainer.link.closed) console.error(error);
    });
  }

  get report() {
    return this.app.session.trainer.cook;
  }

  // After each draw: the marks, the slider's place, the guard's setting and its word.
  draw() {
    const report = this.report;
    if (!report) return;
    if (this.trainer !== this.app.session.trainer) {
      this.trainer = this.app.session.trainer;
      this.forget();
    }
    const { view, t } = this.app;
    if (this.sentGuard !== view.guard) {
      this.sentGuard = view.guard;
      this.tell({ action: 'guard', on: view.guard });
    }
    if (this.heard === null) this.heard = report.warnings;
    if (report.warnings > this.heard) {
      this.heard = report.warnings;
      this.warn(report.warning);
    }
    const step = this.app.session.metrics().step;
    const key = `${report.marks.map((m) => m.step).join()}|${this.warned?.step}|${view.lang}`;
    const marksChanged = key !== this.shown;
    if (marksChanged) {
      this.shown = key;
      this.drawMarks(report.marks, t());
    }
    if (marksChanged || step !== this.shownStep) this.follow(report.marks, step, t());
    this.shownStep = step;
  }

  // The marks, each placed by CSS at its step's share of the slider's range (--at / --last).
  drawMarks(marks, t) {
    const doc = this.slider.ownerDocument;
    const ticks = marks.map((m) => {
      const tick = doc.createElement('span');
      tick.className = 'timeline-mark';
      tick.style.setProperty('--at', String(m.step));
      tick.title = t('timelineAt', m);
      tick.dataset.step = m.step;
      tick.dataset.testLoss = m.testLoss;
      return tick;
    });
    if (this.warned) {
      const mark = doc.createElement('span');
      mark.className = 'timeline-mark diverged';
      mark.dataset.testid = 'divergence-mark';
      mark.style.setProperty('--at', String(this.warned.step));
      ticks.push(mark);
    }
    this.marksBox.replaceChildren(...ticks);
  }

  // The slider's range and place, and the words under it, at `step`.
  follow(marks, step, t) {
    const last = Math.max(step, marks.at(-1)?.step ?? 0, this.warned?.step ?? 0, 1);
    this.marksBox.style.setProperty('--last', String(last));
    this.slider.max = String(last);
    this.slider.value = String(step);
    const index = marks.findLastIndex((m) => m.step <= step);
    this.at.textContent = marks[index]?.step === step ? t('timelineAt', marks[index]) : t('timelineNow', { step });
  }

  // The guard spoke: pause, mark the step, say why with the one button.
  warn(warning) {
    const { messages, session, t } = this.app;
    this.app.transport.pause();
    this.warned = warning;
    this.figure.classList.add('diverged');
    const rate = formatNumber(session.trainer.config().learningRate);
    const key = warning.reason === 'notFinite' ? 'overSeasonedNaN' : 'overSeasoned';
    messages.items = messages.items.filter((m) => !WARNINGS.includes(m.key));
    messages.add(key, { step: warning.step, loss: formatNumber(warning.loss), lowest: formatNumber(warning.lowest), rate }, {
      label: 'rewindHalve',
      run: () => this.rewindHalving(),
    });
    messages.render(t());
    this.app.events.emit('diverged', { ...warning, learningRate: session.trainer.config().learningRate });
  }

  async rewindHalving() {
    const { messages, t } = this.app;
    messages.items = messages.items.filter((m) => !WARNINGS.includes(m.key) && m.key !== 'rewound');
    const result = await this.order({ action: 'lastGood' });
    if (!result) return;
    messages.add('rewound', { step: result.step, rate: formatNumber(result.learningRate) });
    messages.render(t());
    if (!this.app.loop.playing) this.app.transport.play();
  }

  // The slider let go at `step`: the checkpoint nearest to it.
  restoreNear(step) {
    const marks = this.report?.marks ?? [];
    const nearest = marks.reduce((best, m) => (Math.abs(m.step - step) < Math.abs(best.step - step) ? m : best), marks[0]);
    if (nearest) this.order({ action: 'restore', step: nearest.step });
  }

  // One order to the worker's checkpoints; the views, the controls and the link follow.
  async order(order) {
    const { session, loop, controls, view, writeUrl, messages, t, transport } = this.app;
    transport.pause();
    let result;
    try {
      result = await session.rewind(order);
    } catch (error) {
      messages.add('rewindFailed', { message: messageOf(error) });
      messages.render(t());
      return null;
    }
    this.forget();
    controls.show(session.intent, view);
    writeUrl();
    loop.requestDraw();
    return result;
  }
}
