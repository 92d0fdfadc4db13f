// An embed's autoplay that can stop: play for good, until the end of epoch N, or until the cook
// has learned (app/learned-rule.js). A run that met its goal pauses once and never restarts itself.

import { LearnedRule } from '../app/learned-rule.js';
import { echo } from '../views/format.js';

export const MAX_AUTOPLAY_EPOCHS = 100000;
export const AUTOPLAY_FORMS = 'present (or "true"), "false", "until-epoch:N" (N a whole number from 1 to 100000) or "until-learned"';

// An attribute's or option's value → null (no autoplay) | { until: null } | { until: 'epoch',
// epoch } | { until: 'learned' }; throws an Error naming the allowed forms.
export function parseAutoplay(value) {
  if (value === undefined || value === false || value === 'false') return null;
  if (value === true || value === '' || value === 'true') return { until: null };
  if (value === 'until-learned') return { until: 'learned' };
  const epoch = typeof value === 'string' ? /^until-epoch:(\d+)$/.exec(value)?.[1] : undefined;
  if (epoch !== undefined && Number(epoch) >= 1 && Number(epoch) <= MAX_AUTOPLAY_EPOCHS) return { until: 'epoch', epoch: Number(epoch) };
  throw new Error(`autoplay must be ${AUTOPLAY_FORMS}, got ${echo(typeof value === 'string' ? value : String(value))}`);
}

// Plays `handle` toward the plan's goal; `ended({ reason, epoch })` once it is met (reason
// 'epoch' or the learned rule's). start() plays (again, after a pause while off-screen) unless
// the goal was met; until-epoch:N stops exactly at the end of epoch N (the Epoch button's run).
// Every epoch's end counts, however it was trained (Play, Epoch, a script's steps).
export class AutoplayRun {
  constructor(handle, plan, ended = () => {}) {
    Object.assign(this, { handle, plan, ended, done: false });
    this.rule = plan.until === 'learned' ? new LearnedRule() : null;
    this.off = plan.until ? handle.on('epoch', ({ epoch }) => this.#epochEnded(epoch)) : () => {};
  }

  start() {
    if (this.done) return;
    const { epoch } = this.handle.metrics();
    if (this.plan.until === 'epoch' && epoch >= this.plan.epoch - 1) {
      if (epoch >= this.plan.epoch) this.#finish('epoch', epoch);
      else this.handle.epoch();
      return;
    }
    this.handle.play();
  }

  stop() {
    this.off();
  }

  #epochEnded(epoch) {
    if (this.done) return;
    if (this.plan.until === 'epoch') {
      if (epoch >= this.plan.epoch) this.#finish('epoch', epoch);
      else if (epoch === this.plan.epoch - 1) this.handle.epoch(); // stops at the end of the next
      return;
    }
    const reason = this.rule.observe(this.handle.metrics());
    if (reason) this.#finish(reason, epoch);
  }

  #finish(reason, epoch) {
    this.done = true;
    this.off();
    this.handle.pause();
    this.ended({ reason, epoch });
  }
}
