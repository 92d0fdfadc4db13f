// Rows of test-image thumbnails as buttons (pick one to follow it through the network): the
// gallery of the most confidently wrong predictions, and the examples of a confusion-matrix cell.

import { thumbnail } from '../../views/pixel-tiles.js';
import { changedKey } from '../../views/view-key.js';

// items: [{ index, caption, title }]; images: test image bytes; side: image side in pixels.
// The buttons stay from one render to the next, each showing the item of its place: a new
// verdict changes their pictures and captions, not the page's elements (two dozen new buttons
// cost a layout of the whole page, and took a keyboard user's focus away).
export function renderThumbnails(container, images, side, items, onPick) {
  const doc = container.ownerDocument;
  const scale = side >= 20 ? 2 : 5;
  const slots = (placed.get(container) ?? []).slice(0, items.length);
  while (slots.length < items.length) slots.push(makeSlot(doc));
  placed.set(container, slots);
  slots.forEach((slot, i) => {
    const { index, caption, title } = items[i];
    slot.onPick = onPick;
    slot.index = index;
    const picture = thumbnailOf(container, images, index, side, scale);
    // A picture another place showed last time may have moved there already this time.
    if (picture.parentNode !== slot.button) {
      if (slot.picture?.parentNode === slot.button) slot.picture.replaceWith(picture);
      else slot.button.prepend(picture);
    }
    slot.picture = picture;
    if (slot.caption.textContent !== caption) slot.caption.textContent = caption;
    if (slot.button.title !== title) {
      slot.button.title = title;
      slot.button.setAttribute('aria-label', title);
    }
    slot.button.dataset.index = String(index);
  });
  const children = [...container.children];
  if (children.length !== slots.length || slots.some((slot, i) => children[i] !== slot.button)) {
    container.replaceChildren(...slots.map((slot) => slot.button));
  }
}

// Each container's buttons, in order.
const placed = new WeakMap();

function makeSlot(doc) {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'thumb';
  button.dataset.testid = 'thumb';
  const caption = doc.createElement('span');
  button.append(caption);
  const slot = { button, caption, picture: null, index: -1, onPick: () => {} };
  button.addEventListener('click', () => slot.onPick(slot.index));
  return slot;
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
    this.key = null;
  }

  update(predictions, images, side, classNames, t, key) {
    if (!changedKey(this.key, key)) return;
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
