// Where the docked lesson panel leaves room: the page keeps its own end, and any view scrolled into
// sight, above the panel's real height (told to lesson.css as --nk-lesson-room); and the view the
// scene points at, while in sight, is not left under the panel when either grows (a task's praise
// arrives, the diagram opens its edge panel), and comes back into sight when the window changes.

export class Stage {
  // panel: the lesson's root; resized(): the window changed width (a phone turned), so every box
  // moved: the lesson points at its view again. (A phone's address bar showing or hiding changes
  // only the height, while the learner scrolls: that is left alone.)
  constructor(panel, resized) {
    this.panel = panel;
    this.doc = panel.ownerDocument;
    const win = this.doc.defaultView;
    let width = win.innerWidth;
    this.resized = () => {
      if (win.innerWidth === width) return;
      width = win.innerWidth;
      resized();
    };
    win.addEventListener('resize', this.resized);
    this.sizes = new Map();
    this.views = [];
    // Only a box growing moves anything, and only a view that was in sight: the learner's own
    // scrolling elsewhere is never undone.
    this.observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const height = Math.round(entry.target.getBoundingClientRect().height);
        const before = this.sizes.get(entry.target);
        if (before === height) continue;
        this.sizes.set(entry.target, height);
        if (entry.target === this.panel) this.measure();
        if (before === undefined || height <= before) continue;
        if (entry.target === this.panel) for (const box of this.views) this.uncover(box);
        else this.uncover(entry.target);
      }
    });
    this.observer.observe(panel);
  }

  docked() {
    return this.panel.classList.contains('is-docked');
  }

  // The room the panel takes now, for the page's scroll padding (before a highlight scrolls).
  measure() {
    if (!this.docked()) return;
    const bottom = parseFloat(getComputedStyle(this.panel).bottom) || 0;
    this.doc.documentElement.style.setProperty('--nk-lesson-room', `${this.panel.getBoundingClientRect().height + bottom}px`);
  }

  // Scrolls a view in sight that the panel now covers back above it, never past its top (a part
  // the learner opens inside a view shows itself: the edge panel).
  uncover(box) {
    const win = this.doc.defaultView;
    const r = box.getBoundingClientRect();
    const top = this.docked() ? this.panel.getBoundingClientRect().top : win.innerHeight;
    const covered = r.bottom - top + 8;
    if (r.height === 0 || covered <= 0 || r.top < 0 || r.top >= top) return;
    win.scrollBy({ top: Math.min(covered, r.top), behavior: 'smooth' });
  }

  // The highlighted view's boxes, watched for size.
  watch(boxes) {
    for (const box of this.views) {
      this.observer.unobserve(box);
      this.sizes.delete(box);
    }
    this.views = boxes;
    for (const box of boxes) this.observer.observe(box);
  }

  destroy() {
    this.observer.disconnect();
    this.doc.defaultView.removeEventListener('resize', this.resized);
    this.doc.documentElement.style.removeProperty('--nk-lesson-room');
  }
}
