// The loss and accuracy (or RMSE) curves, train and test after each epoch (x axis: steps), drawn by
// the core with plotters. Drawing costs a few milliseconds, so it happens only when the history
// gains an entry (one per epoch), the trainer is replaced or reset, the size changes or the
// language changes, never on every frame of training; while playing, at most a few times a
// second (a small network passes an epoch every frame or two).

// Least time between two redraws while playing.
const PLAYING_REDRAW_MS = 250;

export class Charts {
  constructor(lossCanvas, accuracyCanvas) {
    this.loss = lossCanvas;
    this.accuracy = accuracyCanvas;
    this.key = '';
    this.drawnAt = -Infinity;
    // Sizes come from a ResizeObserver: reading them while drawing would force a layout of the
    // page on every redraw.
    this.sizes = new Map([[lossCanvas, null], [accuracyCanvas, null]]);
    this.observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.sizes.set(entry.target, backingSize(entry.target));
    });
    for (const canvas of this.sizes.keys()) this.observer.observe(canvas);
  }

  // progress: changes when the history gains an entry (one per epoch plus the start): metrics().epoch,
  // with an image network whether that epoch is still being measured; generation: changes with
  // every new trainer, reset or edit.
  update(trainer, progress, generation, regression, t, lang, playing = false) {
    const sizes = [this.loss, this.accuracy].map((c) => this.sizes.get(c) ?? backingSize(c));
    const settled = JSON.stringify([generation, lang, sizes]);
    const key = JSON.stringify([progress, settled]);
    if (key === this.key) return;
    const now = performance.now();
    if (playing && this.key.endsWith(`,${settled}]`) && now - this.drawnAt < PLAYING_REDRAW_MS) return;
    this.key = key;
    this.drawnAt = now;
    const options = {
      dark: false, trainLabel: t('chartTrain'), testLabel: t('chartTest'), xLabel: t('chartStep'),
      pixelRatio: globalThis.devicePixelRatio || 1,
    };
    const charts = [[this.loss, 'loss', t('axisLoss')], [this.accuracy, 'accuracy', t(regression ? 'axisRmse' : 'axisAccuracy')]];
    for (const [i, [canvas, metric, yLabel]] of charts.entries()) {
      const { width, height } = sizes[i];
      if (width === 0 || height === 0) continue; // hidden (or left out of an embed): drawn once it has a size
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      trainer.drawHistory(canvas, metric, { ...options, yLabel });
    }
    this.accuracy.setAttribute('aria-label', t(regression ? 'rmseChart' : 'accuracyChart'));
  }
}

// The canvas's backing store: its CSS size (set by the stylesheet) times the device pixel ratio,
// so lines stay crisp on high-density screens. The core lays the chart out in these pixels and
// scales its text and lines by `pixelRatio`.
function backingSize(canvas) {
  const dpr = globalThis.devicePixelRatio || 1;
  return { width: Math.round(canvas.clientWidth * dpr), height: Math.round(canvas.clientHeight * dpr) };
}
