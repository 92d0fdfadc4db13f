// An element's size as of the browser's last layout, kept by a ResizeObserver. Reading
// clientWidth in a draw, after the draw (or anything since the last frame) has changed the page,
// makes the browser lay out the whole page at once: 2–10 ms on the image page, in every draw.
// Views read what the observer last saw instead; onChange() asks for a draw at the new size.
export function laidOutSize(element, onChange) {
  const seen = { width: element.clientWidth, height: element.clientHeight };
  new ResizeObserver(() => {
    // Laid out already: the observer runs after layout, so these reads cost nothing.
    const width = element.clientWidth;
    const height = element.clientHeight;
    if (width === seen.width && height === seen.height) return;
    seen.width = width;
    seen.height = height;
    onChange();
  }).observe(element);
  return seen;
}
