// One example's loss written out, as the Loss phase computed it: −log p of the right answer for
// cross-entropy, ½ Σ (output − target)² for least squares (every mode's followed example).

import { formatNumber } from './format.js';

// lossKind: the config's loss ('crossEntropy' | 'binaryCrossEntropy' | 'mse'); pred: the
// example's predictions (one per output); target: its class or value; loss: the core's figure
// for it (batchLosses). → the words after "this example:".
export function tasteSentence({ lossKind, regression, pred, target, loss, t }) {
  const shown = { loss: formatNumber(loss, 3) };
  if (lossKind === 'mse') {
    const wanted = (j) => (regression ? target : Number(j === target));
    const terms = Array.from(pred, (p, j) => `(${formatNumber(p, 3)} − ${formatNumber(wanted(j), 3)})²`);
    return t('tasteSquares', { ...shown, terms: terms.join(' + ') });
  }
  // The probability the cook gave the right answer: softmax's for its class, or the sigmoid's
  // p(class 1) turned round for class 0.
  const p = lossKind === 'binaryCrossEntropy' ? (target >= 0.5 ? pred[0] : 1 - pred[0]) : pred[target];
  return t('tasteLog', { ...shown, p: formatNumber(p, 3) });
}
