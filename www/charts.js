// The loss and accuracy (or RMSE) curves, train and test after each epoch (x axis: steps), drawn by the core with
// plotters; redrawn only when the history grows, the trainer changes or the language changes.

export class Charts {
  constructor(lossCanvas, accuracyCanvas) {
    this.loss = lossCanvas;
    this.accuracy = accuracyCanvas;
    this.key = '';
  }

  // historyLength: entries in trainer.history(); generation: changes with every new trainer/reset.
  update(trainer, historyLength, generation, regression, t, lang) {
    const key = `${historyLength}|${generation}|${lang}|${this.loss.clientWidth}`;
    if (key === this.key) return;
    this.key = key;
    const options = { dark: false, trainLabel: t('chartTrain'), testLabel: t('chartTest'), xLabel: t('chartStep') };
    for (const canvas of [this.loss, this.accuracy]) {
      const width = Math.round(canvas.clientWidth || canvas.width);
      if (width > 0 && canvas.width !== width) {
        canvas.width = width;
        canvas.height = Math.round(width / 2);
      }
    }
    trainer.drawHistory(this.loss, 'loss', { ...options, yLabel: t('axisLoss') });
    trainer.drawHistory(this.accuracy, 'accuracy', { ...options, yLabel: t(regression ? 'axisRmse' : 'axisAccuracy') });
    this.accuracy.setAttribute('aria-label', t(regression ? 'rmseChart' : 'accuracyChart'));
  }
}
