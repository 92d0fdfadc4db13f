// Rows of test-image thumbnails as buttons (pick one to follow it through the network): the
// gallery of the most confidently wrong predictions, and the examples of a confusion-matrix cell.

import { thumbnail } from './pixel-tiles.js';

// items: [{ index, caption, title }]; images: test image bytes; side: image side in pixels.
export function renderThumbnails(container, images, side, items, onPick) {
  const doc = container.ownerDocument;
  const scale = side >= 20 ? 2 : 5;
  container.replaceChildren(...items.map(({ index, caption, title }) => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'thumb';
    button.dataset.testid = 'thumb';
    button.dataset.index = String(index);
    button.title = title;
    button.setAttribute('aria-label', title);
    const text = doc.createElement('span');
    text.textContent = caption;
    button.append(thumbnailOf(container, images, index, side, scale), text);
    button.addEventListener('click', () => onPick(index));
    return button;
  }));
}

// Each container's thumbnails by test image, kept while that image's pixels stay the same: a
// thumbnail is painted once and moved between renders, not made again.
const kept = new WeakMap();

function thumbnailOf(container, images, index, side, scale) {
  let byIndex = kept.get(container);
  if (!byIndex) kept.set(container, (byIndex = new Map()));
  const n = side * side;
  const pixels = images.subarray(index * n, (index + 1) * n);
  const old = byIndex.get(index);
  if (old && old.scale === scale && old.pixels.length === n && old.pixels.every((v, i) => v === pixels[i])) return old.picture;
  const picture = thumbnail(container.ownerDocument, images, index, side, scale);
  byIndex.set(index, { pixels: pixels.slice(), scale, picture });
  return picture;
}

export class Gallery {
  constructor(root, onPick) {
    this.root = root;
    this.onPick = onPick;
    this.key = '';
  }

  update(predictions, images, side, classNames, t, key) {
    if (key === this.key) return;
    this.key = key;
    const wrong = predictions.mistakes(24);
    const items = wrong.map((m) => ({
      index: m.index,
      caption: `${classNames[m.label]} → ${classNames[m.predicted]} ${Math.round(m.confidence * 100)}%`,
      title: t('mistakeTitle', { n: m.index, truth: classNames[m.label], guess: classNames[m.predicted], p: Math.round(m.confidence * 100) }),
    }));
    renderThumbnails(this.root, images, side, items, this.onPick);
    if (items.length === 0) {
      const p = this.root.ownerDocument.createElement('p');
      p.className = 'caption';
      p.textContent = t('noMistakes');
      this.root.append(p);
    }
  }
}
