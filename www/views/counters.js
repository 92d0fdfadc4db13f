// The counters: practice rounds (epochs), steps, examples seen, speed, and the train / test
// numbers (the test ones are the teacher's verdict).

import { formatCount, formatNumber, formatPercent } from './format.js';

// A regression's RMSE counters stand where the accuracies would: one name chooses either.
const SAME_PLACE = { trainRmse: 'trainAccuracy', trainAccuracy: 'trainRmse', testRmse: 'testAccuracy', testAccuracy: 'testRmse' };

// `highlight`: the counter the last phase changed (the batch loss after tasting), or null;
// `shown`: the counters' names to show (an embed's), or null for all; `more`: the mode's own
// counters ([[key, text]]), shown after the test figures.
export function renderCounters(root, metrics, stepsPerSecond, t, highlight = null, shown = null, more = []) {
  const chosen = (key) => shown === null || shown.includes(key) || shown.includes(SAME_PLACE[key]);
  const rows = [
    ['epoch', formatCount(metrics.epoch)],
    ['step', formatCount(metrics.step)],
    ['examples', formatCount(metrics.examplesSeen)],
    ['speed', stepsPerSecond == null ? '–' : formatCount(stepsPerSecond)],
    ['trainLoss', formatNumber(metrics.trainLoss, 4)],
    ['testLoss', formatNumber(metrics.testLoss, 4)],
    ...(metrics.isRegression
      ? [['trainRmse', formatNumber(metrics.trainRmse, 4)], ['testRmse', formatNumber(metrics.testRmse, 4)]]
      : [['trainAccuracy', formatPercent(metrics.trainAccuracy)], ['testAccuracy', formatPercent(metrics.testAccuracy)]]),
    ...more,
    ['batchLoss', formatNumber(metrics.batchLoss, 4)],
  ].filter(([key]) => chosen(key));
  // The counters are made again only when their set, names or highlight change; a draw while
  // training changes the figures' text alone (new elements in every frame cost a restyle).
  const shape = JSON.stringify([rows.map(([key]) => [key, t(`count.${key}`), t(`countTitle.${key}`)]), highlight]);
  if (root.dataset.shape !== shape) {
    root.dataset.shape = shape;
    const doc = root.ownerDocument;
    root.replaceChildren(...rows.map(([key]) => {
      const item = doc.createElement('div');
      item.className = key === highlight ? 'counter highlight' : 'counter';
      item.dataset.counter = key;
      const name = doc.createElement('dt');
      name.textContent = t(`count.${key}`);
      const title = t(`countTitle.${key}`); // (the technical name; a mode's own counter may have none)
      if (title !== `countTitle.${key}`) name.title = title;
      const value = doc.createElement('dd');
      value.dataset.testid = `count-${key}`;
      item.append(name, value);
      return item;
    }));
  }
  rows.forEach(([, value], i) => {
    const shown = root.children[i].lastChild;
    if (shown.textContent !== value) shown.textContent = value;
  });
}

// Image networks: when the train and test figures (and the curves' last point) were measured.
// An epoch's measurement is spread over the steps after it; meanwhile the teacher is marking.
export function renderMeasureStatus(el, metrics, t) {
  let text;
  if (metrics.measuring) text = t('measuring', { n: formatCount(metrics.epoch) });
  else if (metrics.epoch === 0) text = t('measuredStart');
  else text = t('measuredAt', { n: formatCount(metrics.epoch) });
  if (el.textContent !== text) el.textContent = text;
  el.classList.toggle('busy', metrics.measuring);
  el.dataset.measuring = String(metrics.measuring);
}
