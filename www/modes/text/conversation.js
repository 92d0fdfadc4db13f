// What the chat box and the next-character bars show, asked of the trainer's worker (a question
// answered alone, never a snapshot: app/trainer-mirror.js `ask`). It asks again when what the
// answer depends on changed (the trainer, its steps, an edit, the prompt, the temperature, the
// seed), at most every ASK_MS while playing and one question at a time, so generating never
// holds up the training loop; paused, a change is answered at once.

// While playing, the answer is written again at most this often (ms), and never more often
// than every SHARE times its own last duration: a large vocabulary (thousands of Chinese
// characters) makes writing slow, and the worker's time is for training.
const ASK_MS = 250;
const SHARE = 8;
// The longest continuation asked for (a name or a quatrain ends before).
const MAX_TOKENS = 32;

export class Conversation {
  // changed(): an answer (or a refusal) arrived; draw again. answered({ prompt, text, error,
  // step }): the same answer told to whoever listens (text null and error the message on a refusal).
  constructor(changed, answered = () => {}) {
    this.changed = changed;
    this.answered = answered;
    this.asked = null; // the key of the question in flight, or null
    this.answeredKey = null; // the key of the answer held
    this.askedAt = -Infinity;
    this.took = 0; // how long the last question took to answer (ms)
    // The answer held: { text, probabilities: Float32Array, error: null } or { error: message }.
    this.answer = null;
    this.vocabulary = null; // { trainerId, tokens, counts, uniformLoss, countModelLoss } of the running trainer
    this.vocabularyAsked = null;
  }

  // The running trainer's vocabulary (asked once per trainer; null until it arrives).
  vocabularyOf(trainer) {
    if (this.vocabulary?.trainerId === trainer.id) return this.vocabulary;
    if (this.vocabularyAsked !== trainer.id) {
      this.vocabularyAsked = trainer.id;
      trainer.ask('vocabulary').then((v) => {
        if (this.vocabularyAsked !== trainer.id) return;
        this.vocabulary = { trainerId: trainer.id, ...v };
        this.changed();
      }, () => {
        this.vocabularyAsked = null;
      });
    }
    return null;
  }

  // The answer for `question` ({ trainer, step, generation, prompt, temperature, seed }); asks
  // for a new one when it is stale and the pacing allows (now: the loop's clock, playing).
  // Returns { answer, fresh }: the last answer held, and whether it is for this question.
  update(question, now, playing) {
    const { trainer, step, generation, prompt, temperature, seed } = question;
    const key = JSON.stringify([trainer.id, step, generation, prompt, temperature, seed]);
    const fresh = key === this.answeredKey;
    const due = !playing || now - this.askedAt >= Math.max(ASK_MS, SHARE * this.took);
    if (!fresh && this.asked === null && due) {
      this.asked = key;
      this.askedAt = now;
      const options = { maxTokens: MAX_TOKENS, temperature, seed };
      const started = performance.now();
      Promise.all([trainer.ask('generate', prompt, options), trainer.ask('nextTokenProbabilities', prompt)])
        .then(([text, probabilities]) => ({ text, probabilities, error: null }), (error) => ({ error: error.message }))
        .then((answer) => {
          this.asked = null;
          this.took = performance.now() - started;
          this.answer = answer;
          this.answeredKey = key;
          this.changed();
          this.answered({ prompt, text: answer.error ? null : answer.text, error: answer.error, step });
        });
    }
    return { answer: this.answer, fresh };
  }

  // A new cook: the old answers are of another model.
  forget() {
    this.answer = null;
    this.answeredKey = null;
  }
}
