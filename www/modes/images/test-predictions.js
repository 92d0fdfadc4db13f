// The teacher's verdict on every test image: the core's class probabilities (testPredictions) and
// confusion matrix (confusion, row = true class, column = predicted), fetched once per key, plus
// the test images behind a cell of the matrix and the most confidently wrong ones.


export class TestPredictions {
  // classes: how many classes an image dataset has (the core's schema says).
  constructor(classes) {
    this.classes = classes;
    this.key = null; // what the held verdict is for: { generation, step, kind }
    this.kind = null; // 'epoch': an epoch's kept verdict (while playing); 'now': the current parameters'
    this.trainer = null; // the trainer it was given by
    this.generation = null;
    this.epoch = 0;
    this.probs = new Float32Array(0); // images × classes
    this.confusion = new Uint32Array(classes * classes); // row = true class, column = predicted
    this.labels = new Uint8Array(0);
    this.step = 0; // the training step the verdict was given at
    this.judged = 0; // while paused: test images judged so far for the current parameters
  }

  // Whether a verdict is held (a new trainer has none until its first is complete).
  get held() {
    return this.kind !== null;
  }

  // While playing: the verdict of the last measured epoch, which the core makes a few images
  // per step, so no frame runs the whole test set. While paused: the current parameters',
  // made a slice per frame by `advance`; the last one stays shown until it is complete.
  // `generation` changes with every new trainer, reset or edited weight.
  // frame: the FrameData of this draw.
  update(frame, generation, playing) {
    const { trainer, metrics } = frame;
    if (trainer !== this.trainer) this.drop(trainer);
    const measured = playing ? trainer.epochVerdictAt() : undefined;
    if (measured) {
      if (this.generation === generation && this.kind === 'epoch' && this.step === measured.step) return;
      const probs = frame.view('epochTestPredictions').slice();
      const confusion = trainer.epochConfusion().slice();
      this.hold(frame, generation, measured.epoch, measured.step, 'epoch');
      Object.assign(this, { probs, confusion });
      return;
    }
    // Playing before any epoch is measured keeps what it holds.
    if (playing) return;
    if (this.generation === generation && this.step === metrics.step && this.kind === 'now') return;
    this.judged = trainer.testPredictionsMade();
    if (this.judged < frame.view('testLabels').length) return;
    const probs = frame.view('testPredictions').slice();
    const confusion = trainer.confusion().slice();
    this.hold(frame, generation, metrics.epoch, metrics.step, 'now');
    Object.assign(this, { probs, confusion });
  }

  // While paused: asks the trainer to judge more of the test set for the current parameters
  // (about `milliseconds` of work, in its worker); returns whether there was any to do.
  advance(frame, milliseconds) {
    const total = frame.view('testLabels').length;
    if (frame.trainer.testPredictionsMade() >= total) return false;
    this.judged = frame.trainer.advanceTestPredictions(milliseconds);
    return true;
  }

  // Forgets the verdict of another trainer.
  drop(trainer) {
    Object.assign(this, new TestPredictions(this.classes));
    this.trainer = trainer;
  }

  hold(frame, generation, epoch, step, kind) {
    this.generation = generation;
    this.step = step;
    this.epoch = epoch;
    this.kind = kind;
    this.key = { generation, step, kind };
    this.labels = frame.view('testLabels').slice();
  }

  // The most confidently wrong test images first: [{ index, label, predicted, confidence }].
  mistakes(limit) {
    const wrong = [];
    for (let n = 0; n < this.labels.length; n++) {
      const predicted = this.predicted(n);
      if (predicted !== this.labels[n]) wrong.push({ index: n, label: this.labels[n], predicted, confidence: this.probs[n * this.classes + predicted] });
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
    for (let c = 1; c < this.classes; c++) if (this.probs[n * this.classes + c] > this.probs[n * this.classes + best]) best = c;
    return best;
  }
}
