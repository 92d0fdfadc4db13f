// A cook's weights in a link ("look at this broken cook"): every parameter as a little-endian
// float32, deflated (CompressionStream 'deflate-raw') and written as base64url, so the link
// rebuilds the same network from its config and seed and then puts these exact values in it.

import { echo } from '../views/format.js';

// Links longer than this do not travel safely (chat apps, mail, some servers cut them); a cook
// that needs more is shared as a model file (Save model).
export const MAX_LINK_LENGTH = 8000;

async function through(stream, bytes) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error(`weights must be base64url text (A–Z, a–z, 0–9, - and _), got ${echo(text)}`);
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// Float32Array → the link's text.
export async function encodeWeights(params) {
  const bytes = new Uint8Array(params.length * 4);
  const view = new DataView(bytes.buffer);
  params.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return toBase64Url(await through(new CompressionStream('deflate-raw'), bytes));
}

// The link's text → a Float32Array of exactly `count` finite parameters; throws an Error naming
// `weights` and what it must be.
export async function decodeWeights(text, count) {
  const packed = fromBase64Url(text);
  let bytes;
  try {
    bytes = await through(new DecompressionStream('deflate-raw'), packed);
  } catch {
    throw new Error('weights are damaged (they do not inflate): the link was cut or changed');
  }
  if (bytes.length !== count * 4) {
    throw new Error(`weights must hold the ${count} parameters of this network, got ${bytes.length % 4 === 0 ? bytes.length / 4 : `${bytes.length} bytes`}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const params = Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
  const bad = params.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`weights must be finite numbers, got ${params[bad]} at parameter ${bad}`);
  return params;
}
