// The reads of one snapshot, taken from the trainer and packed in one transferable buffer. Each
// view is copied once, straight from wasm memory into the buffer: the reads that compute (and
// may grow the memory, which detaches every view) run first, then the views are taken and
// copied with no call in between.

import { DATA_READS, errorToWire, packArrays, readKey } from './wire.js';

// The reads that are views of the trainer's buffers (no work; copied straight into a snapshot).
const VIEWS = [
  ...DATA_READS, 'params', 'grads', 'lastUpdate', 'optimizerState', 'gridMaps', 'gridScores', 'batchIndices', 'batchValues',
  'batchGradients', 'epochTestPredictions', 'embedding', 'tensorValues',
];

// trainer: the wasm Trainer; reads: [[name, ...args]] (known names); computed(name, args): a read
// that computes. → { packed (arrays), plain (other values), failed (key → error as data) }.
export function packReads(trainer, reads, computed) {
  const plain = {};
  const failed = {};
  const copies = []; // [key, a copy of what a computing read returned]
  const views = []; // [key, name, args]
  // The grid first: the grid's maps and scores read after it are of this snapshot's grid.
  const ordered = [...reads.filter(([name]) => name === 'grid'), ...reads.filter(([name]) => name !== 'grid')];
  for (const read of ordered) {
    const [name, ...args] = read;
    const key = readKey(read);
    if (VIEWS.includes(name)) {
      views.push([key, name, args]);
      continue;
    }
    try {
      const value = computed(name, args);
      if (name === 'grid') plain[key] = null; // its values are read as gridMaps and gridScores
      else if (ArrayBuffer.isView(value)) copies.push([key, value.slice()]);
      else plain[key] = value ?? null;
    } catch (error) {
      failed[key] = errorToWire(error);
    }
  }
  const viewed = [];
  for (const [key, name, args] of views) {
    try {
      viewed.push([key, trainer[name](...args)]);
    } catch (error) {
      failed[key] = errorToWire(error);
    }
  }
  return { packed: packArrays([...viewed, ...copies]), plain, failed };
}
