// What the chat box and the next-character bars show, asked of the trainer's worker (paced-ask.js):
// asked again when what the answer depends on changed (the trainer, its steps, an edit, the
// prompt, the temperature, the seed).

import { PacedAsk } from './paced-ask.js';

// The longest continuation asked for (a name or a quatrain ends before).
const MAX_TOKENS = 32;

export class Conversation {
  // changed(): an answer (or a refusal) arrived; draw again. answered({ prompt, text, error,
  // step }): the same answer told to whoever listens (text null and error the message on a refusal).
  constructor(changed, answered = () => {}) {
    this.changed = changed;
    this.answered = answered;
    // Its answers: { text, probabilities: Float32Array, error: null } or { error: message }.
    this.asks = new PacedAsk(changed);
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
    const options = { maxTokens: MAX_TOKENS, temperature, seed };
    const ask = () => Promise.all([trainer.ask('generate', prompt, options), trainer.ask('nextTokenProbabilities', prompt)])
      .then(([text, probabilities]) => ({ text, probabilities, error: null }), (error) => ({ error: error.message }));
    const told = (answer) => this.answered({ prompt, text: answer.error ? null : answer.text, error: answer.error, step });
    return this.asks.update(key, ask, now, playing, told);
  }

  // A new cook: the old answers are of another model.
  forget() {
    this.asks.forget();
  }
}
