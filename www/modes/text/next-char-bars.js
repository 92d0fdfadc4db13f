// The next-character bars: the model's top candidates for the character after the prompt, each
// with its probability; pressing one appends it to the prompt (the end mark only shows). The rows
// are made once and change in place, so a press never lands on a row being replaced.

import { percentText, ProbabilityBar } from '../../views/probability-bar.js';

// Candidates shown.
const TOP = 8;

export class NextCharBars {
  // append(character): the learner picked a candidate.
  constructor(list, append) {
    const doc = list.ownerDocument;
    this.rows = Array.from({ length: TOP }, () => {
      const li = doc.createElement('li');
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'next-char';
      button.dataset.testid = 'next-char';
      const glyph = doc.createElement('span');
      const probability = new ProbabilityBar(doc);
      button.append(glyph, probability.track, probability.value);
      button.addEventListener('click', () => {
        if (button.dataset.char) append(button.dataset.char);
      });
      li.append(button);
      list.append(li);
      return { li, button, glyph, probability };
    });
  }

  // probabilities: Float32Array over the vocabulary (by token id) or null; tokens: the
  // vocabulary's (token 0, "", is the end).
  draw(probabilities, tokens, t) {
    const known = probabilities && tokens && probabilities.length === tokens.length;
    const top = known ? [...probabilities.keys()].sort((a, b) => probabilities[b] - probabilities[a]).slice(0, TOP) : [];
    this.rows.forEach((row, i) => {
      row.li.hidden = i >= top.length;
      if (row.li.hidden) return;
      const id = top[i];
      const p = probabilities[id];
      const isEnd = tokens[id] === '';
      const percent = percentText(p);
      setText(row.glyph, isEnd ? '⏎' : visible(tokens[id]));
      row.glyph.className = isEnd ? 'next-glyph end' : 'next-glyph';
      row.probability.show(p);
      row.button.dataset.probability = String(p);
      row.button.disabled = isEnd;
      if (isEnd) delete row.button.dataset.char;
      else row.button.dataset.char = tokens[id];
      row.button.title = isEnd ? t('endMark') : t('nextLabel', { c: tokens[id], p: percent });
    });
  }
}

// A blank character (a space), shown so it can be seen.
function visible(token) {
  return token.trim() === '' ? '␣' : token;
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
