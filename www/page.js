// The page's entry point (index.html): mounts the app on the page's own document with every view
// and control, keeps the link up to date, and opens the guided lesson (the Lesson button, or
// ?lesson=N). With ?embed=1 it is the iframe form instead (embed/iframe.js).

import { createApp } from './app/create-app.js';
import { preferredLanguage, translator } from './app/i18n.js';
import { messageOf } from './app/messages.js';
import { AutoplayRun } from './embed/autoplay.js';
import { WORKER_CHOICES } from './core/data-parallel.js';
import { iframeParts, reportHeight, stateFromLink } from './embed/iframe.js';
import { readView, writeState } from './settings/state.js';
import { echo } from './views/format.js';

const LESSON_SCENES = 13; // the lesson's scenes (lesson/scenes.js), loaded only when it opens

// Puts the lesson's scene into the link (or takes it out), leaving the rest of the link as it is.
function setLessonInLink(scene) {
  const link = new URLSearchParams(location.search);
  link.delete('lesson');
  if (scene) link.set('lesson', String(scene));
  history.replaceState(null, '', `?${link}`.replace(/%2C/g, ',').replace(/%3A/g, ':'));
}

// The link's `workers` (1 or 2 forces how many workers the app trains in; by default, 'auto').
function workersOfLink(params, errors) {
  if (!params.has('workers')) return 'auto';
  const text = params.get('workers');
  const workers = WORKER_CHOICES.find((choice) => String(choice) === text);
  if (workers === undefined) errors.push({ field: 'workers', message: `workers must be one of ${WORKER_CHOICES.join(', ')}, got ${echo(text)}`, fallback: 'auto' });
  return workers ?? 'auto';
}

async function start() {
  const params = new URLSearchParams(location.search);
  const lang = readView(location.search, preferredLanguage(navigator.languages ?? [navigator.language])).lang;
  const embed = params.get('embed') === '1';
  const errors = [];
  const { views, controls, counters, frame, autoplay } = embed ? iframeParts(params, errors) : { views: null, controls: null, counters: null };
  const linkedScene = Number(params.get('lesson'));
  const lessonLinked = params.has('lesson') && Number.isInteger(linkedScene) && linkedScene >= 1 && linkedScene <= LESSON_SCENES;
  const workers = workersOfLink(params, errors);
  // The lesson's scene while one runs (kept in the link, from the start when the link has one).
  let lessonScene = !embed && lessonLinked ? linkedScene : null;
  // The link: the state, the lesson's scene, and the shared cook's weights (while it runs).
  const writeUrl = (config, view, fields, weights) => {
    const lesson = lessonScene ? `&lesson=${lessonScene}` : '';
    history.replaceState(null, '', `${writeState(fields, config, view)}${lesson}${weights ? `&weights=${weights}` : ''}`);
    return location.href;
  };
  if (embed) {
    document.body.classList.add('nk-iframe', frame === 'none' ? 'nk-frameless' : 'nk-framed');
    reportHeight(document);
  }
  const handle = await createApp(document, document.body, {
    lang,
    state: (recipes, presetOf, fields) => stateFromLink(fields, params, recipes, presetOf, lang, errors),
    writeUrl: embed ? null : writeUrl,
    weights: params.get('weights'),
    shortcuts: 'page',
    views,
    controls,
    workers,
    counters,
  });
  if (embed) {
    if (autoplay) new AutoplayRun(handle, autoplay).start();
    return;
  }

  const host = document.getElementById('lesson-host');
  const button = document.getElementById('lesson-button');
  const showNote = (text) => {
    const note = document.createElement('p');
    note.className = 'message';
    note.textContent = text;
    host.replaceChildren(note);
    host.hidden = false;
  };
  const openLesson = async (scene) => {
    if (host.childElementCount > 0 && lessonScene) {
      host.scrollIntoView({ block: 'nearest' });
      return;
    }
    let lesson;
    try {
      lesson = await import('./lesson/lesson.js');
    } catch {
      showNote(translator(handle.lang)('lessonMissing'));
      return;
    }
    lessonScene = scene;
    host.replaceChildren();
    host.hidden = false;
    try {
      await lesson.startLesson(handle, host, {
        scene,
        lang: handle.lang,
        onScene: (n) => {
          lessonScene = n;
          setLessonInLink(n);
        },
        onLeave: () => {
          lessonScene = null;
          host.replaceChildren();
          host.hidden = true;
          setLessonInLink(null);
        },
      });
    } catch (error) {
      lessonScene = null;
      showNote(messageOf(error));
    }
  };
  button.hidden = false;
  button.addEventListener('click', () => openLesson(lessonScene ?? 1));
  if (lessonLinked) openLesson(linkedScene);
  else if (params.has('lesson')) {
    showNote(translator(handle.lang)('lessonBad', { message: `lesson must be a whole number between 1 and ${LESSON_SCENES}, got ${echo(params.get('lesson'))}` }));
  }
}

start();
