// Keyboard shortcuts (Space play/pause, S step, P phase, E epoch, R reset), ignored while the
// focus is in a field (so typing works) and leaving Space to a focused button.

const KEYS = { ' ': 'play', s: 'step', p: 'phase', e: 'epoch', r: 'reset' };

export function installShortcuts(doc, onAction) {
  doc.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('input, select, textarea')) return;
    // A focused button or link already answers Space itself; letters still work there.
    if (event.key === ' ' && target?.closest('button, a, summary')) return;
    const action = KEYS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    onAction(action);
  });
}
