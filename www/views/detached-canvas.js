// Text on a canvas of the page costs a layout of the page: setting a context's font resolves it
// against the canvas's style, and the app's container queries make style wait for layout. After
// any change since the last frame (a counter's new figure) that is a forced layout in the middle
// of a draw, 2–40 ms on digits-cnn. A canvas outside the document has no style to resolve: the
// views that write text draw on one and copy the picture onto the canvas shown.

const scratches = new WeakMap();

// Calls draw(scratch) with a fresh detached canvas of `canvas`'s size (state and pixels reset,
// as assigning a canvas's width does), then shows its picture on `canvas`; returns draw's value.
export function drawDetached(canvas, draw) {
  let scratch = scratches.get(canvas);
  if (!scratch) {
    scratch = canvas.ownerDocument.createElement('canvas');
    scratches.set(canvas, scratch);
  }
  scratch.width = canvas.width;
  scratch.height = canvas.height;
  const value = draw(scratch);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(scratch, 0, 0);
  return value;
}
