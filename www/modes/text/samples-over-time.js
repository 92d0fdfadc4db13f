// Samples over time: the texts the worker had the model write at the start and at each epoch's
// end (core/epoch-samples.js), listed by epoch, oldest first, so nonsense → plausible reads down.

export class SamplesOverTime {
  constructor(list) {
    this.list = list;
    this.shown = null; // the key of what the list shows
  }

  // samples: [{ epoch, texts }] (the trainer's epochSamples read).
  draw(samples, t) {
    const key = JSON.stringify([samples.length, samples.at(-1)?.epoch, samples[0]?.texts, t('samplesEpoch', { n: 0 })]);
    if (key === this.shown) return;
    this.shown = key;
    const doc = this.list.ownerDocument;
    if (samples.length === 0) {
      const empty = doc.createElement('li');
      empty.className = 'caption';
      empty.textContent = t('samplesNone');
      this.list.replaceChildren(empty);
      return;
    }
    this.list.replaceChildren(...samples.map(({ epoch, texts }) => {
      const li = doc.createElement('li');
      li.dataset.testid = 'epoch-sample';
      li.dataset.epoch = String(epoch);
      const when = doc.createElement('span');
      when.className = 'sample-epoch';
      when.textContent = t('samplesEpoch', { n: epoch });
      li.append(when, ...texts.map((text) => {
        const span = doc.createElement('span');
        span.className = 'sample-text';
        span.textContent = text === '' ? '⏎' : text;
        return span;
      }));
      return li;
    }));
    this.list.scrollTop = this.list.scrollHeight;
  }
}
