// What one animation frame reads from the trainer: metrics() once and each view at most once,
// shared by everything that frame runs (its idle work, its draw). A view is a typed array over
// wasm memory (no copy); what a view keeps past the frame, it copies.

export class FrameData {
  // session: the TrainerSession (its metrics are read once after each change); net: network().
  constructor(session, net) {
    this.session = session;
    this.trainer = session.trainer;
    this.net = net;
    this.read = new Map(); // getter name (with its argument) → the view it returned
  }

  get metrics() {
    return this.session.metrics();
  }

  // trainer[name](...args), read once per frame. A view whose memory was detached (wasm memory
  // grew in a later call that allocates: a probe, a grid) is read again.
  view(name, ...args) {
    const at = [name, ...args].join(':');
    let view = this.read.get(at);
    if (view === undefined || view.buffer.byteLength === 0) {
      view = this.trainer[name](...args);
      this.read.set(at, view);
    }
    return view;
  }
}
