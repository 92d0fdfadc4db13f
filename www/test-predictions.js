// The teacher's verdict on every test image: class probabilities for the current parameters and
// the confusion matrix (row = true class, column = predicted). The core's testPredictions() and
// confusion() compute them in one call; a core without them is asked image by image with
// probeImage, a few milliseconds per frame, so training and drawing stay responsive.

export const CLASSES = 10;

export class TestPredictions {
  constructor() {
    this.key = null; // what the finished (or running) computation is for
    this.done = false;
    this.probs = null; // Float32Array, images × 10
    this.confusion = null; // Uint32Array 10 × 10
    this.labels = null;
    this.next = 0;
  }

  // Starts over for `key` (e.g. trainer generation and epoch) unless already computed for it.
  want(key) {
    if (key === this.key) return;
    this.key = key;
    this.done = false;
    this.next = 0;
  }

  // Works for at most `budget` ms; returns true when the predictions for the wanted key are ready.
  advance(trainer, net, budget) {
    if (this.done) return true;
    this.labels = trainer.testLabels().slice();
    const count = this.labels.length;
    if (typeof trainer.testPredictions === 'function') {
      this.probs = trainer.testPredictions().slice();
      this.confusion = typeof trainer.confusion === 'function' ? trainer.confusion().slice() : confusionOf(this.probs, this.labels);
      this.done = true;
      return true;
    }
    if (this.next === 0) {
      this.working = new Float32Array(count * CLASSES);
      // A copy: probeImage may grow wasm memory, which invalidates views.
      this.images = trainer.testImages().slice();
    }
    const input = net.boundaries[0];
    const pixels = new Float32Array(input.width);
    const prediction = net.boundaries[net.prediction];
    const start = performance.now();
    while (this.next < count && performance.now() - start < budget) {
      const at = this.next * input.width;
      for (let i = 0; i < input.width; i++) pixels[i] = this.images[at + i] / 255;
      const values = trainer.probeImage(pixels);
      this.working.set(values.subarray(prediction.prefix, prediction.prefix + CLASSES), this.next * CLASSES);
      this.next += 1;
    }
    if (this.next < count) return false;
    this.probs = this.working;
    this.confusion = confusionOf(this.probs, this.labels);
    this.done = true;
    return true;
  }

  // The most confidently wrong test images first: [{ index, label, predicted, confidence }].
  mistakes(limit) {
    if (!this.probs) return [];
    const wrong = [];
    for (let n = 0; n < this.labels.length; n++) {
      const predicted = argmax(this.probs, n);
      if (predicted !== this.labels[n]) wrong.push({ index: n, label: this.labels[n], predicted, confidence: this.probs[n * CLASSES + predicted] });
    }
    return wrong.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
  }

  // Test images of true class `row` predicted as `column`.
  cell(row, column) {
    if (!this.probs) return [];
    const found = [];
    for (let n = 0; n < this.labels.length; n++) {
      if (this.labels[n] === row && argmax(this.probs, n) === column) found.push(n);
    }
    return found;
  }
}

export function argmax(probs, n) {
  let best = 0;
  for (let c = 1; c < CLASSES; c++) if (probs[n * CLASSES + c] > probs[n * CLASSES + best]) best = c;
  return best;
}

function confusionOf(probs, labels) {
  const matrix = new Uint32Array(CLASSES * CLASSES);
  for (let n = 0; n < labels.length; n++) matrix[labels[n] * CLASSES + argmax(probs, n)] += 1;
  return matrix;
}
