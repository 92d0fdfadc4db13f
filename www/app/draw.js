// One draw of an app: the current mode's views from the frame's reading, then the views every
// mode shares (the phase strip, the counters, the curves).

import { renderCounters, renderMeasureStatus } from '../views/counters.js';
import { describePhase } from '../views/phase-sentence.js';

// frame: FrameData; context: { views (the current mode's), shared: { strip, charts, ghosts }, byId,
// pacing (the loop), follow, view, intent, generation, fixedSplit, t, counters (names, or null: all) }.
export function drawFrame(frame, context) {
  const { views, shared, byId, pacing, follow, view, generation, t, counters = null } = context;
  const playing = pacing.animating; // (a run of steps by script is drawn as play is)
  const metrics = frame.metrics;
  // The mode's views first: a draw that stops at a view the snapshot lacks (the next snapshot
  // brings it) changes nothing the learner reads together, the counters included.
  const phaseSentence = views.draw(frame, { ...context, playing });
  shared.strip.update(metrics, describePhase(follow.lastAction, metrics, phaseSentence, t), t, view.lang);
  const tasted = follow.lastAction === 'phase' && metrics.lastPhase === 'loss';
  renderCounters(byId('counters'), metrics, pacing.stepsPerSecond(), t, tasted ? 'batchLoss' : null, counters, views.counters?.(metrics) ?? []);
  renderMeasureStatus(byId('measure-status'), metrics, t);
  // The history gains an epoch's entry once its measurement is complete.
  const lossChart = views.lossChart?.(t) ?? { references: [], yLabel: t('axisLoss') };
  const ghosts = shared.ghosts.show(context.intent, frame.net, frame.trainer.history(), t);
  shared.charts.update(frame.trainer, { epoch: metrics.epoch, measuring: metrics.measuring }, generation, metrics.isRegression, t, view.lang, pacing, lossChart, ghosts);
}
