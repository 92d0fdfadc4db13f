// The guided lesson: a panel that walks a learner through the scenes of the cooking lesson on
// a running Neural Kitchen, through its handle only. Each scene sets up the cook, points at a
// view, asks for one thing to do, notices when it is done and offers Next. Leaving only removes
// the panel: the network stays exactly as it is.

import { ControlProxies } from './control-proxies.js';
import { lessonText } from './lesson-text.js';
import { SCENES, SceneRun } from './scenes.js';
import { DriftPrompt, driftedFields, fieldLabels } from './scene-drift.js';
import { Stage } from './stage.js';
import { freeFields } from './stage-controls.js';

const WATCHED = ['step', 'epoch', 'phase', 'config', 'reset', 'play', 'pause', 'edit', 'answer'];
let panels = 0; // for ids unique on the page

// handle: a Neural Kitchen handle; host: the element the panel goes into. options: { scene (1-12),
// lang, onScene(n) after each scene change, onLeave() when the learner leaves }. Returns
// { destroy(), goTo(n) → Promise resolved once the scene is set up }.
export function startLesson(handle, host, options = {}) {
  const lesson = new Lesson(handle, host, options);
  lesson.goTo(options.scene ?? 1);
  return { destroy: () => lesson.destroy(), goTo: (n) => lesson.goTo(n) };
}

class Lesson {
  constructor(handle, host, options) {
    this.handle = handle;
    this.host = host;
    this.options = options;
    this.lang = options.lang ?? handle.lang ?? 'en';
    this.sceneNo = 1;
    this.run = null; // the scene's checks, once it is set up
    this.setup = 0; // bumped by each goTo, so a slow setup never wins over a newer one
    this.error = null;
    this.completed = new Set();
    // The learner's pace, put back when the lesson ends (scenes may set their own).
    const { speed, pauseLearned } = handle.settings();
    this.pageSettings = { speed, pauseLearned };
    this.build();
    this.offs = WATCHED.map((event) => handle.on(event, (detail) => this.observe(event, detail)));
    this.offs.push(handle.on('lang', () => {
      this.lang = handle.lang;
      this.render();
    }));
  }

  build() {
    const doc = this.host.ownerDocument;
    const el = (tag, className, parent) => {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      parent?.append(node);
      return node;
    };
    const id = `nk-lesson-${++panels}`;
    this.style = el('link');
    this.style.rel = 'stylesheet';
    this.style.href = new URL('./lesson.css', import.meta.url).href;
    // Unstyled, the panel would sit in the page's flow and shift every view: it shows (and the
    // first highlight scrolls) once its style is in.
    this.styled = new Promise((resolve) => {
      this.style.addEventListener('load', resolve, { once: true });
      this.style.addEventListener('error', resolve, { once: true });
    });
    const root = el('section', 'nk-lesson');
    // On the full page the panel docks at the bottom of the window; in an embed it stays a card
    // in its host, next to the views it talks about.
    root.classList.toggle('is-docked', this.handle.element === doc.body);
    root.setAttribute('aria-labelledby', `${id}-title`);
    root.dataset.testid = 'lesson';
    const head = el('header', 'nk-lesson-head', root);
    const heading = el('div', 'nk-lesson-heading', head);
    heading.setAttribute('aria-live', 'polite');
    heading.setAttribute('aria-atomic', 'true');
    this.kicker = el('p', 'nk-lesson-kicker', heading);
    this.kicker.dataset.testid = 'lesson-count';
    // The lesson's name, which a phone's narrow sheet leaves out, then the scene count.
    this.lessonName = el('span', 'nk-lesson-name', this.kicker);
    this.count = el('span', '', this.kicker);
    this.title = el('h2', 'nk-lesson-title', heading);
    this.title.id = `${id}-title`;
    this.dots = el('ol', 'nk-lesson-dots', head);
    this.fold = el('button', 'nk-lesson-fold', head);
    this.fold.type = 'button';
    this.fold.dataset.testid = 'lesson-fold';
    this.fold.setAttribute('aria-expanded', 'true');
    this.fold.addEventListener('click', () => {
      this.folded = !this.folded;
      this.render();
    });
    this.dotButtons = SCENES.map((_, k) => {
      const button = el('button', 'nk-lesson-dot', el('li', null, this.dots));
      button.type = 'button';
      button.textContent = String(k + 1);
      button.addEventListener('click', () => this.goTo(k + 1));
      return button;
    });
    const body = el('div', 'nk-lesson-body', root);
    this.text = el('div', 'nk-lesson-text', body);
    this.text.id = `${id}-text`;
    const side = el('div', 'nk-lesson-side', body);
    // Leaving the scene's setup is said under the story (wide) or right above what to do (phone).
    this.drift = new DriftPrompt(body, { putBack: () => this.goTo(this.sceneNo), keep: () => this.keepDrift() });
    this.tryTitle = el('h3', 'nk-lesson-try-title', side);
    this.tasks = el('ol', 'nk-lesson-tasks', side);
    // The controls the tasks name, right under them: the learner never hunts for them.
    this.proxies = new ControlProxies(this.handle.element, side);
    this.status = el('p', 'nk-lesson-status', side);
    this.status.dataset.testid = 'lesson-status';
    this.done = el('p', 'nk-lesson-done', side);
    this.done.setAttribute('role', 'status');
    this.done.setAttribute('aria-live', 'polite');
    this.done.dataset.testid = 'lesson-done';
    const nav = el('div', 'nk-lesson-nav', side);
    this.back = el('button', 'nk-lesson-back', nav);
    this.next = el('button', 'nk-lesson-next', nav);
    this.leaveButton = el('button', 'nk-lesson-leave', nav);
    for (const [button, key] of [[this.back, 'back'], [this.next, 'next'], [this.leaveButton, 'leave']]) {
      button.type = 'button';
      button.dataset.testid = `lesson-${key}`;
    }
    this.back.addEventListener('click', () => this.goTo(this.sceneNo - 1));
    this.next.addEventListener('click', () => (this.sceneNo < SCENES.length ? this.goTo(this.sceneNo + 1) : this.leave()));
    this.leaveButton.addEventListener('click', () => this.leave());
    this.root = root;
    this.stage = new Stage(root, () => this.pointAt(this.highlighted));
    root.hidden = true;
    this.styled.then(() => {
      root.hidden = false;
    });
    this.host.append(this.style, root);
  }

  // Shows scene n at once and sets up its kitchen; setups run one after the other, and one that
  // a newer goTo has overtaken is skipped, so quick clicks never mix two scenes' cooks.
  goTo(n) {
    const sceneNo = Math.min(SCENES.length, Math.max(1, Math.round(Number(n)) || 1));
    const token = ++this.setup;
    this.sceneNo = sceneNo;
    this.run = null;
    this.error = null;
    this.driftKept = false;
    this.render();
    this.root.scrollTop = 0;
    this.options.onScene?.(sceneNo);
    this.queue = (this.queue ?? Promise.resolve()).then(() => this.setUp(SCENES[sceneNo - 1], token));
    return this.queue;
  }

  async setUp(scene, token) {
    const current = () => token === this.setup;
    try {
      // A fresh cook for the scene: its config (and the view settings it starts from), then a
      // reset (the config may equal the running one), then any practice it starts from.
      if (!current()) return;
      this.handle.pause();
      await this.handle.setConfig({ ...scene.config, ...scene.settings, pauseLearned: false });
      if (!current()) return;
      await this.handle.reset();
      if (scene.steps && current()) await this.handle.step(scene.steps);
      if (current()) await this.pace(scene.speed);
      await this.styled;
    } catch (error) {
      if (!current()) return;
      this.error = error instanceof Error ? error.message : String(error);
      this.render();
      return;
    }
    if (!current()) return;
    this.run = new SceneRun(scene, this.handle.metrics(), this.handle.config());
    this.render();
  }

  // A scene's own speed, and the learner's back after it. The handle takes view settings too;
  // if it ever refuses, the scene runs at the page's pace.
  async pace(speed) {
    try {
      await this.handle.setConfig({ speed: speed ?? this.pageSettings.speed });
    } catch {
      // (the page's pace stands)
    }
  }

  // Every event of the page goes to the running scene's checks, with its detail.
  observe(event, detail) {
    if (!this.run) return;
    const wasDone = this.run.done;
    const { pause } = this.run.observe(event, this.handle.metrics(), this.handle.config(), this.handle.playing, detail);
    if (this.run.done) this.completed.add(this.sceneNo);
    // Done: the scene's view comes back into sight, as the praise talks about it.
    if (this.run.done && !wasDone) this.highlighted = undefined;
    // Not from inside the page's own event dispatch: the next microtask.
    if (pause) queueMicrotask(() => this.handle.pause());
    this.render();
  }

  leave() {
    this.destroy();
    this.options.onLeave?.();
  }

  destroy() {
    if (!this.offs) return;
    for (const off of this.offs) off();
    this.offs = null;
    this.setup += 1;
    this.run = null;
    try {
      this.handle.highlight(null);
      this.handle.setConfig(this.pageSettings).catch(() => {}); // (the app went meanwhile)
    } catch {
      // The app itself is gone already: nothing left to un-highlight or put back.
    }
    this.proxies.destroy();
    this.stage.destroy();
    this.root.remove();
    this.style.remove();
  }

  render() {
    if (!this.offs) return;
    // What the page reports, read once per render (the scene's status and view depend on it).
    const now = this.run ? { m: this.handle.metrics(), c: this.handle.config() } : null;
    const text = lessonText(this.lang);
    const { ui, fill } = text;
    const k = this.sceneNo;
    const words = text.scenes[k - 1];
    this.root.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    // For tests and styles: which scene, and whether it is setting up, waiting for the learner or done.
    this.root.dataset.scene = String(k);
    this.root.dataset.state = this.error ? 'error' : !this.run ? 'setting-up' : this.run.done ? 'done' : 'ready';
    this.root.setAttribute('aria-label', ui.lesson);
    setText(this.lessonName, `${ui.lesson} · `);
    setText(this.count, fill(ui.sceneOf, { k, n: SCENES.length }));
    setText(this.title, words.title);
    this.dots.setAttribute('aria-label', ui.scenes);
    this.dotButtons.forEach((button, i) => {
      button.setAttribute('aria-label', fill(ui.goTo, { k: i + 1, title: text.scenes[i].title }));
      button.title = text.scenes[i].title;
      if (i + 1 === k) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
      button.classList.toggle('is-done', this.completed.has(i + 1));
    });
    setParagraphs(this.text, words.text);
    setText(this.tryTitle, ui.tryThis);
    this.renderTasks(words, ui);
    this.renderStage(SCENES[k - 1], ui, fill, now);
    this.renderOutcome(words, ui, fill, now);
    setText(this.back, ui.back);
    this.back.disabled = k === 1;
    setText(this.next, k < SCENES.length ? ui.next : ui.finish);
    setText(this.leaveButton, ui.leave);
    this.leaveButton.title = ui.leaveHint;
    this.root.classList.toggle('is-folded', Boolean(this.folded));
    setText(this.fold, this.folded ? '+' : '–');
    this.fold.setAttribute('aria-expanded', String(!this.folded));
    this.fold.setAttribute('aria-controls', this.text.id);
    this.fold.setAttribute('aria-label', this.folded ? ui.unfold : ui.fold);
    this.fold.title = this.fold.getAttribute('aria-label');
    this.highlightView(now);
  }

  renderTasks(words, ui) {
    const doc = this.root.ownerDocument;
    const index = this.run ? this.run.taskIndex : 0;
    while (this.tasks.children.length > words.tasks.length) this.tasks.lastChild.remove();
    while (this.tasks.children.length < words.tasks.length) this.tasks.append(doc.createElement('li'));
    words.tasks.forEach((line, i) => {
      const item = this.tasks.children[i];
      const state = i < index ? 'done' : i === index ? 'current' : 'todo';
      item.dataset.testid = `lesson-task-${i + 1}`;
      if (item.dataset.state === state && item.firstChild?.textContent === line) return;
      item.dataset.state = state;
      item.replaceChildren(line);
      if (state !== 'done') return;
      // The ✓ is drawn by the style; a screen reader hears the word.
      const done = doc.createElement('span');
      done.className = 'nk-lesson-sr';
      done.textContent = ` (${ui.taskDone})`;
      item.append(done);
    });
  }

  renderOutcome(words, ui, fill, now) {
    const run = this.run;
    let status = '';
    if (this.error) status = fill(ui.setupFailed, { message: this.error });
    else if (!run) status = ui.settingUp;
    else if (!run.done && words.status) {
      const vars = run.status(now.m, now.c);
      if (vars) status = fill(words.status, vars);
    }
    setText(this.status, status);
    this.status.classList.toggle('is-error', Boolean(this.error));
    const done = run?.done ? fill(words[run.doneInfo.key ?? 'done'], run.doneInfo.vars) : '';
    setText(this.done, done);
    this.root.classList.toggle('is-done', Boolean(run?.done));
  }

  // The scene's controls in the panel, and the put-back prompt once the recipe has left the
  // scene's setup (unless the learner chose to keep theirs).
  renderStage(scene, ui, fill, now) {
    const controls = scene.controls ?? [];
    this.root.dataset.controls = controls.join(' ');
    this.proxies.show(controls);
    this.proxies.sync();
    const drifted = now && !this.driftKept ? driftedFields(scene.config, now.c, freeFields(controls)) : [];
    this.drift.show(fieldLabels(drifted, this.lang), ui, fill);
  }

  keepDrift() {
    this.driftKept = true;
    this.render();
  }

  // The view of the current task (or of the scene), asked of the page only when it changes.
  highlightView(now) {
    const view = this.run ? this.run.view(now.m, now.c) : null;
    if (view === this.highlighted) return;
    this.highlighted = view;
    this.pointAt(view);
  }

  // The page scrolls the view into sight above the panel as tall as it is now; the stage watches it.
  pointAt(view) {
    if (view === undefined || !this.offs) return;
    this.stage.measure();
    this.handle.highlight(view);
    this.stage.watch([...this.handle.element.querySelectorAll('.nk-highlight')]);
  }
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setParagraphs(root, lines) {
  const doc = root.ownerDocument;
  while (root.children.length > lines.length) root.lastChild.remove();
  while (root.children.length < lines.length) root.append(doc.createElement('p'));
  lines.forEach((line, i) => setText(root.children[i], line));
}
