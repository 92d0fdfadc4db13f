// How the replicas of a data-parallel trainer (replica-worker.js) add up a step's gradient with no
// coordinator: each replica hands its share's gradient and tally (crate/src/trainer/replicas.rs)
// to every other, then each adds all of them in replica order 0, 1, … — so every replica computes
// the same bits — and applies the sum. One hand-over per step, no round trip: the gradients are
// small (W3 6 k floats, W4 22 k), so the wait, not the copy, is what costs.
//
// Two ways, one interface (`exchange(grads, tally, more)` → `{ grads, tally, more }`, where
// `more` is replica 0's word on whether another step follows, so every replica runs the same
// steps):
// - SharedExchange: one SharedArrayBuffer (the page must be cross-origin isolated); each replica
//   writes its slot, meets the others at an Atomics barrier and reads every slot. Synchronous.
// - PortExchange: the fallback, a MessageChannel per pair of replicas; each sends its gradient to
//   every other (the copy's buffer transferred) and awaits theirs.

// A tally: [loss sum, hits, squared error, examples] (Trainer.shareGradient).
export const TALLY = 4;

// The control words at the start of the shared buffer: arrivals at the barrier, the barrier's
// generation, and replica 0's "more" for even and odd steps.
const COUNT = 0;
const GENERATION = 1;
const MORE = 2;
const CONTROL_BYTES = 16;

// Bytes of the shared buffer for `parts` replicas of `length` parameters. Slots are doubled (even
// and odd steps): a replica writing step s + 1 never overwrites what a slower one still reads of
// step s (it cannot reach step s + 2 before every replica has left step s's reading).
export function sharedBytes(parts, length) {
  return CONTROL_BYTES + 2 * parts * (TALLY * 8 + length * 4);
}

// Adds `vectors` (in this order) into `into`. Float32Array stores round each sum to f32 as a
// wasm f32 add would, so replicas adding the same vectors in the same order agree bit for bit.
function addInOrder(into, vectors) {
  into.set(vectors[0]);
  for (let v = 1; v < vectors.length; v++) {
    const x = vectors[v];
    for (let i = 0; i < into.length; i++) into[i] += x[i];
  }
  return into;
}

class Sums {
  constructor(length) {
    this.grads = new Float32Array(length);
    this.tally = new Float64Array(TALLY);
  }

  of(grads, tallies, more) {
    return { grads: addInOrder(this.grads, grads), tally: addInOrder(this.tally, tallies), more };
  }
}

export class SharedExchange {
  // `buffer`: a SharedArrayBuffer of `sharedBytes(parts, length)` bytes, the same for every
  // replica; `part`: this replica's index.
  constructor(buffer, part, parts, length) {
    if (buffer.byteLength !== sharedBytes(parts, length)) {
      throw new RangeError(`shared gradient buffer: ${sharedBytes(parts, length)} bytes expected, got ${buffer.byteLength}`);
    }
    Object.assign(this, { part, parts, step: 0, sums: new Sums(length) });
    this.control = new Int32Array(buffer, 0, CONTROL_BYTES / 4);
    const tallyBytes = 2 * parts * TALLY * 8;
    this.tallies = Array.from({ length: 2 * parts }, (_, s) => new Float64Array(buffer, CONTROL_BYTES + s * TALLY * 8, TALLY));
    this.slots = Array.from({ length: 2 * parts }, (_, s) => new Float32Array(buffer, CONTROL_BYTES + tallyBytes + s * length * 4, length));
  }

  exchange(grads, tally, more) {
    const parity = this.step++ & 1;
    const at = (part) => parity * this.parts + part;
    this.slots[at(this.part)].set(grads);
    this.tallies[at(this.part)].set(tally);
    if (this.part === 0) Atomics.store(this.control, MORE + parity, more ? 1 : 0);
    this.barrier();
    const own = Array.from({ length: this.parts }, (_, p) => at(p));
    return this.sums.of(own.map((s) => this.slots[s]), own.map((s) => this.tallies[s]), Atomics.load(this.control, MORE + parity) === 1);
  }

  // Every replica's writes before its arrival are visible to every replica after it leaves (the
  // last to arrive moves the generation on; Atomics order the plain writes before it).
  barrier() {
    const c = this.control;
    const generation = Atomics.load(c, GENERATION);
    if (Atomics.add(c, COUNT, 1) === this.parts - 1) {
      Atomics.store(c, COUNT, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
      return;
    }
    while (Atomics.load(c, GENERATION) === generation) Atomics.wait(c, GENERATION, generation);
  }
}

// The messages of a port, awaited one after another.
function inbox(port) {
  const waiting = [];
  const queued = [];
  port.onmessage = ({ data }) => (waiting.length > 0 ? waiting.shift()(data) : queued.push(data));
  return () => (queued.length > 0 ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));
}

export class PortExchange {
  // `ports[p]`: the MessagePort to replica p (none at this replica's own index).
  constructor(ports, part, parts, length) {
    Object.assign(this, { part, parts, ports, own: new Float32Array(length), sums: new Sums(length) });
    this.next = ports.map((port, p) => (p === part ? null : inbox(port)));
  }

  async exchange(grads, tally, more) {
    this.own.set(grads);
    const tallyCopy = Float64Array.from(tally);
    this.ports.forEach((port, p) => {
      if (p === this.part) return;
      const copy = this.own.slice();
      port.postMessage({ grads: copy, tally: tallyCopy, more }, [copy.buffer]);
    });
    const got = await Promise.all(this.next.map((next) => (next ? next() : { grads: this.own, tally: tallyCopy, more })));
    return this.sums.of(got.map((m) => m.grads), got.map((m) => m.tally), got[0].more);
  }
}
