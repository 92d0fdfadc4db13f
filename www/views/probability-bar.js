// A probability as a bar on its track and its value as a percentage: the part of a row the
// class bars (images) and the next-character bars (text) share.

export class ProbabilityBar {
  constructor(doc) {
    this.track = doc.createElement('span');
    this.track.className = 'bar-track';
    this.bar = doc.createElement('span');
    this.bar.className = 'bar';
    this.track.append(this.bar);
    this.value = doc.createElement('span');
    this.value.className = 'bar-value';
  }

  // p in [0, 1], or null: nothing to show.
  show(p) {
    const width = `${((p ?? 0) * 100).toFixed(1)}%`;
    if (this.width !== width) this.bar.style.width = width;
    this.width = width;
    const text = p === null ? '–' : percentText(p);
    if (this.value.textContent !== text) this.value.textContent = text;
  }
}

// 12.3 % or, below 1 %, two significant digits (a guess among thousands of characters is 0.027 %).
export function percentText(p) {
  return `${p >= 0.01 ? (p * 100).toFixed(1) : Number((p * 100).toPrecision(2))} %`;
}
