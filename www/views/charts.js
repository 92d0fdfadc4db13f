// The loss and accuracy (or RMSE) curves, train and test after each epoch (x axis: steps), drawn by
// the page's core with plotters from the trainer's history. Drawing one costs a few milliseconds, so a chart is redrawn only when
// the history gains an entry (one per epoch), the trainer is replaced or reset, its size or the
// language changes; while playing, as often as the loop allows and one chart per frame (a small
// network passes an epoch every frame or two).

import { drawDetached } from './detached-canvas.js';
import { laidOutSize } from './laid-out-size.js';
import { changedKey } from './view-key.js';

// What a chart shows apart from its progress: a change of one of these redraws it at once.
const SETTLED = ['generation', 'lang', 'width', 'height', 'yLabel', 'references', 'ghosts'];

export class HistoryCharts {
  // Charts: the core's chart calls; resized(): a chart needs drawing again at its canvas's new size.
  constructor(Charts, lossCanvas, accuracyCanvas, resized) {
    this.Charts = Charts;
    this.charts = [lossCanvas, accuracyCanvas].map((canvas) => ({ canvas, key: null, laidOut: laidOutSize(canvas, resized) }));
    this.accuracy = accuracyCanvas; // its label names accuracy or RMSE
  }

  // progress: { epoch, measuring }, what changes when the history gains an entry (one per epoch
  // plus the start; an image network's epoch once it is measured); generation: changes with
  // every new trainer, reset or edit; pacing: the loop (playing, a repaint due, the frame
  // already crowded by something heavy); lossChart: { references: [{ value, label }], yLabel },
  // the loss chart's reference lines (text mode: simpler models' losses) and axis name; ghosts:
  // the earlier cooks ({ ghosts, legend, key }: app/ghost-cooks.js) drawn faded on both, or null.
  update(trainer, progress, generation, regression, t, lang, pacing, lossChart, ghosts) {
    const history = trainer.history(); // read before any chart remembers what it shows
    const metrics = [['loss', lossChart.yLabel, lossChart.references], ['accuracy', t(regression ? 'axisRmse' : 'axisAccuracy'), []]];
    for (const [i, chart] of this.charts.entries()) {
      const size = backingSize(chart.laidOut);
      const [metric, yLabel, references] = metrics[i];
      const key = { ...progress, generation, lang, width: size.width, height: size.height, yLabel, references: JSON.stringify(references), ghosts: ghosts?.key ?? null };
      if (!changedKey(chart.key, key)) continue;
      // While playing, a chart only a few epochs behind waits its turn.
      const behind = pacing.animating && !changedKey(chart.key, key, SETTLED);
      if (behind && !pacing.turn('chart', i)) continue;
      if (size.width === 0 || size.height === 0) continue; // hidden (or left out of an embed): drawn once it has a size
      chart.key = key;
      const { canvas } = chart;
      if (canvas.width !== size.width) canvas.width = size.width;
      if (canvas.height !== size.height) canvas.height = size.height;
      const start = pacing.now();
      drawDetached(canvas, (detached) => this.Charts.drawHistory(detached, history, metric, regression, {
        dark: false, trainLabel: t('chartTrain'), testLabel: t('chartTest'), xLabel: t('chartEpoch'),
        pixelRatio: globalThis.devicePixelRatio || 1, yLabel, references, ghosts: ghosts?.ghosts ?? [], ghostLegend: ghosts?.legend,
      }));
      pacing.painted('chart', i, start);
      if (pacing.animating) break; // one chart per frame
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
