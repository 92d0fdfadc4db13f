// Samples over time for a text trainer: a few texts written from the start token with fixed
// seeds at the start and at each epoch's end, in the worker (the page could only ask after the
// fact, from later parameters), so the learner sees nonsense become plausible.

// The seeds of the samples kept at each epoch (the same seeds every epoch: only the model changes).
export const SAMPLE_SEEDS = [1, 2, 3];
// Longest sample, in characters (a name or a quatrain is shorter; nonsense is cut).
const SAMPLE_TOKENS = 32;
// Entries kept: the start, and the latest ones after it.
const KEPT = 30;

export class EpochSamples {
  constructor() {
    this.list = []; // [{ epoch, texts: [string] }], oldest first
    this.epoch = -1; // the last epoch sampled
  }

  // The trainer is new or reset: its samples start again.
  clear() {
    this.list = [];
    this.epoch = -1;
  }

  // Samples `trainer` (a text trainer) when its epoch is one not sampled yet; true if it did.
  take(trainer) {
    const { epoch } = trainer.metrics();
    if (epoch === this.epoch) return false;
    this.epoch = epoch;
    const texts = SAMPLE_SEEDS.map((seed) => trainer.generate('', { maxTokens: SAMPLE_TOKENS, temperature: 1, seed }));
    this.list.push({ epoch, texts });
    if (this.list.length > KEPT) this.list.splice(1, 1);
    return true;
  }
}
