// A question for the trainer's worker (app/trainer-mirror.js `ask`: answered alone, never in a
// snapshot), asked again when what its answer depends on changes, at most every ASK_MS while
// playing and one at a time, so asking never holds up the training loop; paused, a change is
// answered at once. The chat box's answer and the reading views' each have one.

// While playing, the answer is asked again at most this often (ms), and never more often than
// every SHARE times its own last duration: a large vocabulary (thousands of Chinese characters)
// makes answering slow, and the worker's time is for training.
const ASK_MS = 250;
const SHARE = 8;

export class PacedAsk {
  // changed(): an answer arrived; draw again.
  constructor(changed) {
    this.changed = changed;
    this.asked = null; // the key of the question in flight, or null
    this.answeredKey = null; // the key of the answer held
    this.askedAt = -Infinity;
    this.took = 0; // how long the last question took to answer (ms)
    this.answer = null;
  }

  // key: a string of what the answer depends on; ask() → a promise of the answer (never
  // rejected: a refusal is an answer too); now: the loop's clock; then(answer): told once it
  // is held. Returns { answer, fresh }: the last answer held, and whether it is for this key.
  update(key, ask, now, playing, then = () => {}) {
    const fresh = key === this.answeredKey;
    const due = !playing || now - this.askedAt >= Math.max(ASK_MS, SHARE * this.took);
    if (!fresh && this.asked === null && due) {
      this.asked = key;
      this.askedAt = now;
      const started = performance.now();
      ask().then((answer) => {
        this.asked = null;
        this.took = performance.now() - started;
        this.answer = answer;
        this.answeredKey = key;
        this.changed();
        then(answer);
      });
    }
    return { answer: this.answer, fresh };
  }

  // A new cook: the old answer is of another model.
  forget() {
    this.answer = null;
    this.answeredKey = null;
  }
}
