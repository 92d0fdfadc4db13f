// The loss and accuracy (or RMSE) curves, train and test after each epoch (x axis: steps), drawn by
// the core with plotters. Drawing one costs a few milliseconds, so a chart is redrawn only when the history gains an entry (one per epoch), the
// trainer is replaced or reset, its size or the language changes; while playing, at most four
// times a second and one chart per frame (a small network passes an epoch every frame or two).

import { laidOutSize } from './laid-out-size.js';

// Least time between two redraws of one chart while playing.
const PLAYING_REDRAW_MS = 250;

export class Charts {
  // resized(): a chart needs drawing again at its canvas's new size.
  constructor(lossCanvas, accuracyCanvas, resized) {
    this.charts = [lossCanvas, accuracyCanvas].map((canvas) => ({ canvas, key: '', drawnAt: -Infinity, laidOut: laidOutSize(canvas, resized) }));
    this.accuracy = accuracyCanvas; // its label names accuracy or RMSE
  }

  // progress: changes when the history gains an entry (one per epoch plus the start): metrics().epoch,
  // with an image network whether that epoch is still being measured; generation: changes with
  // every new trainer, reset or edit; crowded: this frame already painted something heavy
  // (while playing, a chart then waits for the next frame).
  update(trainer, progress, generation, regression, t, lang, playing = false, crowded = false) {
    const metrics = [['loss', t('axisLoss')], ['accuracy', t(regression ? 'axisRmse' : 'axisAccuracy')]];
    const now = performance.now();
    for (const [i, chart] of this.charts.entries()) {
      const size = backingSize(chart.laidOut);
      const [metric, yLabel] = metrics[i];
      const settled = JSON.stringify([generation, lang, size, yLabel]);
      if (chart.key === `${progress}|${settled}`) continue;
      // While playing, a chart only a few epochs behind waits its turn.
      const behind = playing && chart.key.endsWith(`|${settled}`);
      if (behind && (crowded || now - chart.drawnAt < PLAYING_REDRAW_MS)) continue;
      if (size.width === 0 || size.height === 0) continue; // hidden (or left out of an embed): drawn once it has a size
      chart.key = `${progress}|${settled}`;
      chart.drawnAt = now;
      const { canvas } = chart;
      if (canvas.width !== size.width) canvas.width = size.width;
      if (canvas.height !== size.height) canvas.height = size.height;
      trainer.drawHistory(canvas, metric, {
        dark: false, trainLabel: t('chartTrain'), testLabel: t('chartTest'), xLabel: t('chartStep'),
        pixelRatio: globalThis.devicePixelRatio || 1, yLabel,
      });
      if (playing) break; // one chart per frame
    }
    this.accuracy.setAttribute('aria-label', t(regression ? 'rmseChart' : 'accuracyChart'));
  }
}

// The canvas's backing store: its CSS size (set by the stylesheet) times the device pixel ratio,
// so lines stay crisp on high-density screens. The core lays the chart out in these pixels and
// scales its text and lines by `pixelRatio`.
function backingSize(cssSize) {
  const dpr = globalThis.devicePixelRatio || 1;
  return { width: Math.round(cssSize.width * dpr), height: Math.round(cssSize.height * dpr) };
}
