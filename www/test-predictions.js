// The teacher's verdict on every test image: the core's class probabilities (testPredictions) and
// confusion matrix (confusion, row = true class, column = predicted), fetched once per key, plus
// the test images behind a cell of the matrix and the most confidently wrong ones.

export const CLASSES = 10;

export class TestPredictions {
  constructor() {
    this.key = null; // what the held verdict is for: `${generation}|${step}`
    this.generation = null;
    this.epoch = 0;
    this.probs = null; // Float32Array, images × CLASSES
    this.confusion = null; // Uint32Array, CLASSES × CLASSES
    this.labels = null;
    this.step = 0; // the training step the verdict was given at
  }

  // Asks the core again when the parameters changed since the held verdict: after each epoch
  // while playing, after any step while paused (a forward pass over the whole test set, so not
  // every frame). `generation` changes with every new trainer, reset or edited weight.
  update(trainer, metrics, generation, playing) {
    const held = this.generation === generation && (this.step === metrics.step || (playing && this.epoch === metrics.epoch));
    if (held) return;
    this.generation = generation;
    this.step = metrics.step;
    this.epoch = metrics.epoch;
    this.key = `${generation}|${metrics.step}`;
    this.labels = trainer.testLabels().slice();
    this.probs = trainer.testPredictions().slice();
    this.confusion = trainer.confusion().slice();
  }

  // The most confidently wrong test images first: [{ index, label, predicted, confidence }].
  mistakes(limit) {
    const wrong = [];
    for (let n = 0; n < this.labels.length; n++) {
      const predicted = this.predicted(n);
      if (predicted !== this.labels[n]) wrong.push({ index: n, label: this.labels[n], predicted, confidence: this.probs[n * CLASSES + predicted] });
    }
    return wrong.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
  }

  // Test images of true class `row` predicted as `column` (the images counted in that cell).
  cell(row, column) {
    const found = [];
    for (let n = 0; n < this.labels.length; n++) {
      if (this.labels[n] === row && this.predicted(n) === column) found.push(n);
    }
    return found;
  }

  // The class the cook picks for test image n: the most probable one (the first on a tie).
  predicted(n) {
    let best = 0;
    for (let c = 1; c < CLASSES; c++) if (this.probs[n * CLASSES + c] > this.probs[n * CLASSES + best]) best = c;
    return best;
  }
}
