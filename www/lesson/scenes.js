// The thirteen scenes of the cooking lesson as data: the kitchen each one sets up, the view it
// points at, and the things the learner does, each noticed by a small check on what the page
// reports (metrics, config, events). Pure: no DOM, no page; lesson.js runs them against a handle.
//
// A check gets `s = { event, detail, m: handle.metrics(), c: handle.config(), memo, playing }`
// (`detail`: the event's own, e.g. the chat box's answer); `memo` is the scene's own notebook,
// fresh at every start. Tasks are done in order; `record` runs once when a task is met, to keep
// the numbers the praise quotes. `pauseOnTask`: the lesson pauses a playing cook when a task is
// met, so the views show the moment the numbers were taken. `settings`: the page's own view
// settings the scene starts from (the chat box's prompt). `speed`: the pace the scene needs
// (else the learner's own). The lesson makes its own pauses: the page's "pause when learned" is
// off while it runs.
// `controls`: the controls its tasks name (keys of stage-controls.js), carried in the panel.

// The house cook: a circle, four tanh neurons, plain SGD; it learns the circle in about 10 epochs
// (500 points, half for training: 25 steps of 10 points per epoch).
export const HOUSE = {
  dataset: 'circle', seed: 1, noise: 0, trainShare: 50, points: 500, features: ['x1', 'x2'],
  hidden: [{ units: 4, activation: 'tanh' }], outputActivation: 'linear', loss: 'crossEntropy',
  init: 'xavier', optimizer: 'sgd', learningRate: 0.3, regularization: 'none', regularizationRate: 0,
  batchSize: 10,
};
const STEPS_PER_EPOCH = 25;

// The chat cook: the names-mlp recipe (three characters back, 10 numbers per character, 128 tanh
// neurons, Adam). Of the two names recipes it turns nonsense into names soonest: after one epoch
// (1658 steps) 24 of 200 samples are real names (the bigram's: 11), its test loss 2.31 nats per
// character (the bigram's: 2.42) from 3.35 untrained.
export const CHAT_COOK = {
  dataset: 'names', seed: 1, context: 3,
  layers: [{ kind: 'embed', dims: 10 }, { kind: 'dense', units: 128, activation: 'tanh' }],
  outputActivation: 'linear', loss: 'crossEntropy', init: 'xavier', optimizer: 'adam',
  learningRate: 0.003, regularization: 'none', regularizationRate: 0, batchSize: 32,
};
// The chat cook has learned something name-like once its test loss is below this (nats per
// character): 3.35 untrained, 2.31 after its first epoch.
export const LEARNED_LOSS = 2.5;
// An untrained answer is quoted up to this many characters (it can run on for 32).
const QUOTED_CHARS = 16;

// The attention cook: the names-gpt recipe (windows of 16 characters, 2 blocks of 4 heads, width
// 32, Adam). One round of practice takes its test loss from 3.31 to 2.34; by the third, one
// head of its first block looks at the character just before, one of its second at the start.
export const GPT_COOK = {
  ...CHAT_COOK, context: 16,
  layers: [{ kind: 'gpt', dModel: 32, heads: 4, blocks: 2, mlpRatio: 4, tied: true }],
};

// A learning rate this large makes the house cook overshoot (its loss jumps from about 0.87 to 2–7).
export const HUGE_LEARNING_RATE = 3;
// The last scene compares the two runs at this epoch (the lesson pauses the cook there).
export const COMPARE_EPOCH = 150;

const CONSTANT_INITS = ['ones', 'zeros'];
const stepped = (s) => s.m.step > 0;
// The chat box answered what the learner typed (not a refusal, not an empty prompt).
const answered = (s) => s.event === 'answer' && s.detail?.text != null && s.detail.prompt.trim() !== '';

export const SCENES = [
  {
    // 1. The black box is the chat box: an untrained cook serves nonsense; after a round of
    // practice its answers look like names.
    view: 'chat',
    controls: ['prompt', 'play'],
    config: CHAT_COOK,
    // Its round of practice is 1658 steps: at a step a frame half a minute, fast a few seconds.
    speed: 'fast',
    settings: { prompt: '' },
    start: (s) => { s.memo.first = s.m.testLoss; },
    // The last untrained answer the learner read (typing on, each key brings a new one).
    track: (s) => {
      if (answered(s) && s.detail.step === 0) Object.assign(s.memo, { order: s.detail.prompt, before: quoted(s.detail.text) });
    },
    tasks: [
      { met: (s) => s.memo.order !== undefined },
      { met: (s) => s.m.testLoss < LEARNED_LOSS, record: (s) => { s.memo.loss = s.m.testLoss; } },
    ],
    pauseOnTask: true,
    status: (s) => ({ step: s.m.step, loss: number(s.m.testLoss) }),
    done: (s) => ({ vars: { order: s.memo.order, before: s.memo.before, first: number(s.memo.first), loss: number(s.memo.loss) } }),
  },
  {
    // 2. Open the door: the same idea on 2D points; practice turns a messy dish into the circle.
    view: 'boundary',
    controls: ['play'],
    config: HOUSE,
    tasks: [{ met: (s) => stepped(s) && s.m.trainAccuracy >= 0.9, record: (s) => { s.memo.acc = s.m.trainAccuracy; } }],
    status: (s) => ({ acc: percent(s.m.trainAccuracy) }),
    done: (s) => ({ vars: { acc: percent(s.memo.acc) } }),
  },
  {
    // 3. The seasonings: a weight edited by hand on the diagram's edge panel moves the dish.
    view: 'network',
    controls: ['edges'],
    config: HOUSE,
    steps: 8 * STEPS_PER_EPOCH,
    track: (s) => {
      if (s.event === 'edit') s.memo.edited = true;
    },
    tasks: [{ met: (s) => s.memo.edited === true }],
    done: () => ({ vars: {} }),
  },
  {
    // 4. The pantry: the chat cook's embedding matrix. Two rounds of practice move the vowels
    // away from the consonants on the map; an edited number in the jar of "a" changes the
    // guesses after "ma", which the chat box shows once it is done.
    view: 'chat',
    controls: ['play', 'pantry'],
    config: CHAT_COOK,
    settings: { prompt: 'ma' },
    tasks: [
      { view: 'pantry', met: (s) => s.m.epoch >= 2 },
      { view: 'pantry', met: (s) => s.event === 'edit' },
    ],
    pauseOnTask: true,
    status: (s) => ({ epoch: s.m.epoch, loss: number(s.m.testLoss) }),
    done: () => ({ vars: {} }),
  },
  {
    // 5. One gram of everything: constant init keeps the hidden neurons identical through
    // training; a random init breaks the symmetry and learns.
    view: 'network',
    controls: ['play', 'init'],
    config: { ...HOUSE, init: 'ones' },
    tasks: [
      {
        met: (s) => CONSTANT_INITS.includes(s.c.init) && s.m.epoch >= 10,
        record: (s) => { s.memo.accOnes = s.m.trainAccuracy; },
      },
      {
        view: (s) => (CONSTANT_INITS.includes(s.c.init) ? 'recipe' : 'network'),
        met: (s) => !CONSTANT_INITS.includes(s.c.init) && s.m.epoch >= 10,
        record: (s) => { s.memo.accRandom = s.m.trainAccuracy; },
      },
    ],
    // The lesson stops each 10-epoch run, so the two figures compare like with like.
    pauseOnTask: true,
    status: (s) => ({ epoch: s.m.epoch, acc: percent(s.m.trainAccuracy) }),
    done: (s) => ({ vars: { accOnes: percent(s.memo.accOnes), accRandom: percent(s.memo.accRandom) } }),
  },
  {
    // 6. Cooking: one forward phase (the next phase is then the tasting).
    view: 'network',
    controls: ['phase'],
    config: HOUSE,
    tasks: [{ met: (s) => s.m.nextPhase === 'loss' }],
    done: () => ({ vars: {} }),
  },
  {
    // 7. Tasting: the loss phase with cross-entropy, then with least squares, on the same data.
    // The praise quotes the train loss (the whole training set), which both tasters report.
    view: 'counters',
    controls: ['phase', 'loss'],
    config: HOUSE,
    tasks: [
      {
        met: (s) => s.m.nextPhase === 'backward' && s.c.loss === 'crossEntropy',
        record: (s) => { s.memo.ce = s.m.trainLoss; },
      },
      {
        view: (s) => (s.c.loss === 'mse' ? 'counters' : 'recipe'),
        met: (s) => s.m.nextPhase === 'backward' && s.c.loss === 'mse',
        record: (s) => { s.memo.mse = s.m.trainLoss; },
      },
    ],
    done: (s) => ({ vars: { ce: number(s.memo.ce), mse: number(s.memo.mse) } }),
  },
  {
    // 8. Telling the cook: the backward phase (the edges switch to gradients).
    view: 'network',
    controls: ['phase'],
    config: HOUSE,
    tasks: [{ met: (s) => s.m.nextPhase === 'update' }],
    done: () => ({ vars: {} }),
  },
  {
    // 9. Adjusting: one update phase, then a huge learning rate that overshoots (or diverges);
    // the lesson stops the cook within a few steps, before the loss chart's next point, so the
    // jump is shown by the train loss counter.
    view: 'counters',
    controls: ['phase', 'learningRate', 'play'],
    config: HOUSE,
    pauseOnTask: true,
    track: (s) => {
      // The loss just before the first step with a huge rate, to compare the jump against.
      if (s.c.learningRate < HUGE_LEARNING_RATE || s.memo.before === undefined) {
        s.memo.before = s.m.trainLoss;
        s.memo.stepBefore = s.m.step;
      }
    },
    tasks: [
      { view: 'network', met: (s) => s.event === 'phase' && s.m.nextPhase === 'forward' && stepped(s) },
      {
        view: (s) => (s.c.learningRate >= HUGE_LEARNING_RATE ? 'counters' : 'recipe'),
        met: (s) => s.c.learningRate >= HUGE_LEARNING_RATE && s.m.step > s.memo.stepBefore
          && (!Number.isFinite(s.m.trainLoss) || s.m.trainLoss > Math.max(1.5 * s.memo.before, s.memo.before + 0.5)),
        record: (s) => { s.memo.after = s.m.trainLoss; s.memo.lr = s.c.learningRate; },
      },
    ],
    status: (s) => (s.memo.stepBefore !== undefined && s.m.step > 0 ? { loss: number(s.m.trainLoss) } : null),
    done: (s) => ({
      key: Number.isFinite(s.memo.after) ? 'done' : 'doneNaN',
      vars: { lr: s.memo.lr, before: number(s.memo.before), after: number(s.memo.after) },
    }),
  },
  {
    // 10. Practice rounds: three epochs, and the train loss falls.
    view: 'loss',
    controls: ['epoch'],
    config: HOUSE,
    start: (s) => { s.memo.first = s.m.trainLoss; },
    tasks: [{ met: (s) => s.m.epoch >= 3 && s.m.trainLoss < s.memo.first }],
    status: (s) => ({ epoch: s.m.epoch, loss: number(s.m.trainLoss) }),
    done: (s) => ({ vars: { first: number(s.memo.first), loss: number(s.m.trainLoss) } }),
  },
  {
    // 11. The teacher's verdict: noisy moons, half held back; train and test part a little.
    view: 'loss',
    controls: ['showTest', 'play'],
    pauseOnTask: true,
    config: {
      ...HOUSE, dataset: 'moons', noise: 30, points: 200,
      hidden: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }], learningRate: 0.1,
    },
    tasks: [{
      met: (s) => s.m.epoch >= 20,
      record: (s) => Object.assign(s.memo, { epoch: s.m.epoch, trainAcc: s.m.trainAccuracy, testAcc: s.m.testAccuracy }),
    }],
    status: (s) => ({ epoch: s.m.epoch, trainAcc: percent(s.m.trainAccuracy), testAcc: percent(s.m.testAccuracy) }),
    done: (s) => ({ vars: { epoch: s.memo.epoch, trainAcc: percent(s.memo.trainAcc), testAcc: percent(s.memo.testAcc) } }),
  },
  {
    // 12. Over-fitting: a big network on 30 noisy points; the test loss bottoms out early and
    // climbs (early stopping would keep that epoch); L2 from the start keeps it low.
    view: 'loss',
    controls: ['play', 'regularization', 'reset'],
    config: {
      ...HOUSE, seed: 2, noise: 50, points: 100, trainShare: 30,
      features: ['x1', 'x2', 'x1Squared', 'x2Squared', 'x1TimesX2', 'sinX1', 'sinX2'],
      hidden: [{ units: 32, activation: 'relu' }, { units: 32, activation: 'relu' }],
      init: 'xavier', optimizer: 'adam', learningRate: 0.03, regularizationRate: 0.03, batchSize: 30,
    },
    // One step (the whole training set) per epoch and one step per frame of training (normal
    // speed): the curves grow an epoch at a time, and every epoch's test loss reaches the checks.
    speed: 'normal',
    track: (s) => {
      const l2 = s.c.regularization === 'l2' && s.c.regularizationRate > 0;
      const run = s.memo.run;
      // A run starts again whenever the epoch counter goes back (reset or a new cook).
      if (!run || s.m.epoch < run.epoch) s.memo.run = { epoch: s.m.epoch, best: Infinity, bestEpoch: 0, l2FromStart: l2 && s.m.epoch === 0 };
      const now = s.memo.run;
      now.epoch = s.m.epoch;
      if (!l2) now.l2FromStart = false;
      if (l2 && s.m.epoch === 0) now.l2FromStart = true;
      if (Number.isFinite(s.m.testLoss) && s.m.testLoss < now.best) Object.assign(now, { best: s.m.testLoss, bestEpoch: s.m.epoch });
    },
    tasks: [
      {
        met: (s) => s.c.regularization === 'none' && s.m.epoch >= COMPARE_EPOCH,
        record: (s) => Object.assign(s.memo, { best: s.memo.run.best, bestEpoch: s.memo.run.bestEpoch, endPlain: s.m.testLoss }),
      },
      {
        view: (s) => (s.c.regularization === 'l2' ? 'loss' : 'recipe'),
        met: (s) => s.memo.run.l2FromStart && s.m.epoch >= COMPARE_EPOCH,
        record: (s) => { s.memo.endL2 = s.m.testLoss; },
      },
    ],
    pauseOnTask: true,
    status: (s) => ({ epoch: s.m.epoch, test: number(s.m.testLoss), best: number(s.memo.run?.best), bestEpoch: s.memo.run?.bestEpoch ?? 0 }),
    done: (s) => ({ vars: { best: number(s.memo.best), bestEpoch: s.memo.bestEpoch, endPlain: number(s.memo.endPlain), endL2: number(s.memo.endL2) } }),
  },
  {
    // 13. Attention: a GPT cook's maps start even and sharpen in one round of practice; then the
    // learner's own name is read by the maps (and the bars of each character's loss).
    view: 'attention',
    // (The chat box's prompt, where the second task types, is in its own view: the task points there.)
    controls: ['play'],
    config: GPT_COOK,
    speed: 'fast',
    settings: { prompt: '' },
    start: (s) => { s.memo.first = s.m.testLoss; },
    tasks: [
      { met: (s) => s.m.epoch >= 1, record: (s) => { s.memo.loss = s.m.testLoss; } },
      { view: 'chat', met: (s) => answered(s) && s.detail.step > 0, record: (s) => { s.memo.order = s.detail.prompt; } },
    ],
    pauseOnTask: true,
    status: (s) => ({ epoch: s.m.epoch, loss: number(s.m.testLoss) }),
    done: (s) => ({ vars: { first: number(s.memo.first), loss: number(s.memo.loss), order: s.memo.order } }),
  },
];

// The start of an answer, as the praise quotes it.
function quoted(text) {
  const chars = [...text];
  return chars.length > QUOTED_CHARS ? `${chars.slice(0, QUOTED_CHARS).join('')}…` : text;
}

// A loss as a person reads it: three significant digits ("0.843", "5.31", "NaN").
export function number(value) {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

export function percent(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${Math.round(fraction * 100)} %`;
}

// Runs one scene's checks against what the page reports; lesson.js feeds it every event.
export class SceneRun {
  constructor(scene, metrics, config) {
    this.scene = scene;
    this.memo = {};
    this.taskIndex = 0; // tasks before it are done
    this.doneInfo = null;
    const s = this.snapshot('start', metrics, config, false);
    scene.start?.(s);
    scene.track?.(s);
  }

  snapshot(event, m, c, playing, detail = null) {
    return { event, detail, m, c, memo: this.memo, playing };
  }

  get done() {
    return this.taskIndex >= this.scene.tasks.length;
  }

  // One event from the page (detail: the event's own); returns { pause } when the lesson should
  // stop the cook.
  observe(event, metrics, config, playing, detail = null) {
    const s = this.snapshot(event, metrics, config, playing, detail);
    this.scene.track?.(s);
    const wasDone = this.done;
    const before = this.taskIndex;
    while (!this.done && this.scene.tasks[this.taskIndex].met(s)) {
      this.scene.tasks[this.taskIndex].record?.(s);
      this.taskIndex += 1;
    }
    if (this.done && !wasDone) this.doneInfo = this.scene.done(s);
    // A scene that quotes numbers stops the cook where they were taken, so the views show them.
    return { advanced: this.taskIndex > before, pause: Boolean(playing && this.scene.pauseOnTask && this.taskIndex > before) };
  }

  // The view to highlight now: the current task's, else the scene's.
  view(metrics, config) {
    const task = this.scene.tasks[this.taskIndex];
    const view = task?.view ?? this.scene.view;
    return typeof view === 'function' ? view(this.snapshot('view', metrics, config, false)) : view;
  }

  status(metrics, config) {
    return this.scene.status?.(this.snapshot('status', metrics, config, false)) ?? null;
  }
}
