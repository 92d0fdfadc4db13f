// The "Forward → Loss → Backward → Update" strip: which phase just ran, which runs next, and a
// line on what the last phase changed (the lesson: cook, taste, tell what went wrong, adjust).

export const PHASES = ['forward', 'loss', 'backward', 'update'];

export class PhaseStrip {
  constructor(root) {
    this.root = root;
    this.lang = null;
  }

  build(t) {
    const doc = this.root.ownerDocument;
    this.root.replaceChildren();
    const list = doc.createElement('ol');
    list.className = 'phases';
    list.setAttribute('aria-label', t('phasesLabel'));
    this.items = PHASES.map((phase) => {
      const item = doc.createElement('li');
      item.dataset.phase = phase;
      item.dataset.testid = `phase-${phase}`;
      const name = doc.createElement('strong');
      name.textContent = t(`phase.${phase}`);
      const lesson = doc.createElement('span');
      lesson.textContent = t(`phaseLesson.${phase}`);
      const state = doc.createElement('em');
      item.append(name, lesson, state);
      list.append(item);
      return { item, state };
    });
    this.detail = doc.createElement('p');
    this.detail.className = 'phase-detail';
    this.detail.dataset.testid = 'phase-detail';
    this.detail.setAttribute('aria-live', 'polite');
    this.root.append(list, this.detail);
  }

  // metrics: the trainer's metrics(); detail: the sentence for what the last action changed.
  update(metrics, detail, t, lang) {
    if (lang !== this.lang) {
      this.build(t);
      this.lang = lang;
    }
    for (const [k, phase] of PHASES.entries()) {
      const { item, state } = this.items[k];
      const done = phase === metrics.lastPhase;
      const next = phase === metrics.nextPhase;
      item.classList.toggle('done', done);
      item.classList.toggle('next', next);
      if (next) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
      state.textContent = done ? t('done') : next ? t('next') : '';
    }
    if (this.detail.textContent !== detail) this.detail.textContent = detail;
  }
}
