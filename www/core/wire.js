// What crosses between the page and its trainer's worker besides plain data: typed arrays packed
// into one transferable buffer described by a table, and the core's errors with their fields.

// Reads that change only with the data (sent again only when the page does not hold them).
export const DATA_READS = ['trainPoints', 'trainTargets', 'testPoints', 'testTargets', 'trainImages', 'testImages', 'trainLabels', 'testLabels'];
// Every read a page may ask for in a frame: the Trainer's getters (arrays or plain values) and
// the probes that compute (grid, probe, probeImage, histogram, tensorHistogram; probeTestImage(i):
// probeImage of test image i, prepared in the worker as the page prepares it); one named tensor's
// values (tensorValues(index, spread)); text mode's embedding table ('weights' or 'gradients') and
// epochSamples (the samples a text trainer wrote at each epoch's
// end: core/epoch-samples.js).
export const READS = [
  ...DATA_READS, 'params', 'grads', 'lastUpdate', 'optimizerState', 'gridMaps', 'gridScores', 'batchIndices', 'batchValues',
  'batchGradients', 'batchLosses', 'testPredictions', 'epochTestPredictions', 'confusion', 'epochConfusion', 'history', 'epochVerdictAt',
  'testPredictionsMade', 'histogram', 'grid', 'probe', 'probeImage', 'probeTestImage', 'embedding', 'epochSamples',
  'tensorValues', 'tensorHistogram',
];
// A read's key: its name and arguments ('optimizerState:1', 'probe:0.5,-1').
export function readKey([name, ...args]) {
  return args.length === 0 ? name : `${name}:${args.map((a) => (ArrayBuffer.isView(a) ? Array.from(a) : a)).join(',')}`;
}

const ARRAY_TYPES = { Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array };

// entries: [[key, typedArray], ...] → { table: [{ key, type, offset, length }], buffer } with
// every array copied once into `buffer` (send it in the message's transfer list).
export function packArrays(entries) {
  const table = [];
  let bytes = 0;
  for (const [key, array] of entries) {
    bytes = Math.ceil(bytes / 8) * 8; // every element type aligned
    table.push({ key, type: array.constructor.name, offset: bytes, length: array.length });
    bytes += array.byteLength;
  }
  const buffer = new ArrayBuffer(bytes);
  entries.forEach(([, array], i) => {
    const { type, offset, length } = table[i];
    new ARRAY_TYPES[type](buffer, offset, length).set(array);
  });
  return { table, buffer };
}

// The arrays of a packed { table, buffer }: key → a typed array over the buffer (no copy).
export function unpackArrays({ table, buffer }) {
  return new Map(table.map(({ key, type, offset, length }) => [key, new ARRAY_TYPES[type](buffer, offset, length)]));
}

// An error as data (structured cloning keeps only an Error's name and message; the core's
// errors also carry `field`, `path` and `allowed`).
export function errorToWire(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message } = error;
  return { name, message, field: error.field ?? null, path: error.path ?? null, allowed: error.allowed ?? null };
}

// The Error an errorToWire() describes, thrown on the page as the core threw it in the worker.
export function errorFromWire({ name, message, field, path, allowed }) {
  const error = name === 'RuntimeError' ? new WebAssembly.RuntimeError(message) : new Error(message);
  return Object.assign(error, { field, path, allowed });
}
