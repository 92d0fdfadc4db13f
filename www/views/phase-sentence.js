// The sentence under the phase strip: what the last manual action changed. The loss is the same
// in every mode; a mode words the other phases for its own views (its `phaseSentence`).

import { formatNumber } from './format.js';

// lastAction: 'phase' | 'step' | null; phaseSentence(phase) → [i18n key, values] for 'forward',
// 'backward' and 'update'.
export function describePhase(lastAction, metrics, phaseSentence, t) {
  if (lastAction === null) return t('phaseDone.none');
  if (lastAction !== 'phase') return t('phaseDone.step');
  switch (metrics.lastPhase) {
    case 'loss':
      return t('phaseDone.loss', { loss: formatNumber(metrics.batchLoss, 4) });
    case 'forward':
    case 'backward':
    case 'update':
      return t(...phaseSentence(metrics.lastPhase));
    default:
      return t('phaseDone.none');
  }
}
