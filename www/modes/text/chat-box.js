// The chat box: the prompt the learner types, the model's continuation after it, the temperature
// slider and "sample again". A prompt with characters outside the vocabulary gets the core's
// message (naming them) under the box; the model is untouched.

export class ChatBox {
  // byId: the app root's lookup; host: what the app lends a mode (modes/index.js); maxLength:
  // the longest prompt the link takes (settings/state.js).
  constructor(byId, host, maxLength) {
    this.input = byId('prompt');
    this.input.maxLength = maxLength;
    this.typed = byId('chat-typed');
    this.continued = byId('chat-continued');
    this.end = byId('chat-end');
    this.problem = byId('prompt-problem');
    this.temperatureShown = byId('temperature-shown');
    // Every keystroke asks again (the change event, through the controls, puts it in the link).
    this.input.addEventListener('input', () => host.pick('prompt', this.input.value));
    const temperature = byId('temperature');
    temperature.addEventListener('input', () => host.pick('temperature', Number(temperature.value)));
    byId('sample-again').addEventListener('click', () => host.pick('sampleSeed', Math.floor(Math.random() * 4294967296)));
  }

  // The placeholder suits the dataset (a name, a line of a poem, a dish).
  showSettings(dataset, t) {
    const text = t(`placeholder.${dataset}`);
    if (this.input.placeholder !== text) this.input.placeholder = text;
  }

  // prompt, temperature: the view's; answer: Conversation's ({ text } or { error }) or null;
  // fresh: it is for this prompt and these weights.
  draw({ prompt, temperature, answer, fresh, t }) {
    setText(this.temperatureShown, temperature.toFixed(2));
    setText(this.typed, prompt);
    const error = answer?.error ?? null;
    setText(this.problem, error ? t('badPrompt', { message: error }) : '');
    this.problem.classList.toggle('visible', Boolean(error));
    this.input.toggleAttribute('aria-invalid', Boolean(error));
    const text = answer && !error ? answer.text : '';
    setText(this.continued, answer ? text : t('thinking'));
    this.continued.classList.toggle('stale', !fresh);
    this.end.hidden = !answer || Boolean(error);
    this.end.title = t('endMark');
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
