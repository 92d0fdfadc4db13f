// "Learned it!": while the learner watches a cook practise (Play), the page pauses once it has
// learned what its recipe promises or stopped improving (app/learned-rule.js), and says so in
// plain words, with a button to practise on. The "Pause when learned" setting (pauseLearned,
// on unless turned off) decides; a cook pauses itself at most once, so Play goes on past it.
// Each epoch's measured verdict is read from the history the charts draw (an epoch counts once
// its test set is measured).

import { LearnedRule } from './learned-rule.js';
import { formatNumber, formatPercent } from '../views/format.js';

const KEYS = ['learned', 'plateau'];

export class LearnedPause {
  // app: { session, loop, view, messages, transport, events, t }.
  constructor(app) {
    this.app = app;
    this.forget();
    app.events.on('reset', () => this.forget());
    // The learner plays on: the word has been heard.
    app.events.on('play', () => this.unsay());
  }

  // A new cook (reset, another recipe): a fresh rule, nothing said.
  forget() {
    this.trainer = this.app.session.trainer;
    this.rule = new LearnedRule();
    this.fedEpoch = 0;
    this.spoken = false;
    this.unsay();
  }

  unsay() {
    const { messages, t } = this.app;
    if (!messages.items.some((m) => KEYS.includes(m.key))) return;
    messages.items = messages.items.filter((m) => !KEYS.includes(m.key));
    messages.render(t());
  }

  // After each draw (inside it: a history the snapshot lacks is asked for like any view's read).
  draw() {
    const { session } = this.app;
    if (session.trainer !== this.trainer) this.forget();
    if (this.spoken) return;
    const history = session.trainer.history();
    const regression = session.metrics().isRegression;
    for (let i = 0; i < history.epoch.length; i++) {
      const epoch = history.epoch[i];
      if (epoch <= this.fedEpoch) continue;
      this.fedEpoch = epoch;
      const testLoss = history.testLoss[i];
      const testAccuracy = regression ? null : history.testQuality[i];
      const reason = this.rule.observe({ testLoss, testAccuracy, epoch });
      // (A loss that is no longer a number is the guard's to speak of.)
      if (reason === 'accuracy' || reason === 'plateau') {
        this.speak(reason, { epoch, testAccuracy, testLoss });
        return;
      }
    }
  }

  speak(reason, { epoch, testAccuracy }) {
    const { view, loop, transport, messages, t } = this.app;
    this.spoken = true;
    // Off, or not playing (a step by hand, an Epoch run): nothing is paused, nothing said.
    if (!view.pauseLearned || !loop.playing || transport.epochRun) return;
    transport.pause();
    const vars = reason === 'accuracy'
      ? { epoch, accuracy: formatPercent(testAccuracy) }
      : { epoch, since: this.rule.sinceBest, best: formatNumber(this.rule.best), bestEpoch: this.rule.bestEpoch };
    messages.items = messages.items.filter((m) => !KEYS.includes(m.key));
    messages.add(reason === 'accuracy' ? 'learned' : 'plateau', vars, { label: 'practiseOn', run: () => transport.play() });
    messages.render(t());
  }
}
