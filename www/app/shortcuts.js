// Keyboard shortcuts (Space play/pause, S step, P phase, E epoch, R reset), ignored while the
// focus is in a field (so typing works) and leaving Space to a focused button. On the full page
// they act anywhere; in an embed only while the focus is inside it, or the pointer is over it
// with nothing else focused, so several embeds on one page never all answer the same key.

const KEYS = { ' ': 'play', s: 'step', p: 'phase', e: 'epoch', r: 'reset' };

// scope: the Document (the full page) or an embed's container. Returns the function that removes
// the shortcuts.
export function installShortcuts(scope, onAction) {
  const doc = scope.ownerDocument ?? scope;
  let pointerInside = false;
  const enter = () => { pointerInside = true; };
  const leave = () => { pointerInside = false; };
  const onKey = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const path = event.composedPath();
    if (scope !== doc) {
      const idle = doc.activeElement === null || doc.activeElement === doc.body;
      if (!path.includes(scope) && !(pointerInside && idle)) return;
    }
    // The real target, even inside a shadow root.
    const target = path[0] instanceof Element ? path[0] : null;
    if (target?.closest('input, select, textarea')) return;
    // A focused button or link (or a drawn box acting as one) already answers Space itself;
    // letters still work there.
    if (event.key === ' ' && target?.closest('button, a, summary, [role="button"]')) return;
    const action = KEYS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    onAction(action);
  };
  doc.addEventListener('keydown', onKey);
  if (scope !== doc) {
    scope.addEventListener('pointerenter', enter);
    scope.addEventListener('pointerleave', leave);
  }
  return () => {
    doc.removeEventListener('keydown', onKey);
    scope.removeEventListener('pointerenter', enter);
    scope.removeEventListener('pointerleave', leave);
  };
}
