// "Share this cook": the running cook's weights for the link (settings/weights-link.js), and a
// link's weights put into the cook its config and seed built, exactly as they were shared.

import { decodeWeights, encodeWeights } from '../settings/weights-link.js';

// The model file of the running cook, as an object (the core refuses a diverged one, saying so).
async function modelOf(session) {
  return JSON.parse(await session.trainer.toJSON());
}

// The running cook's weights as the link's text.
export async function weightsText(session) {
  return encodeWeights(Float32Array.from((await modelOf(session)).params));
}

// Replaces the session's cook by the same network holding the link's weights (a model file of
// the cook just built, with these parameters); throws an Error naming the weights, and then the
// cook is left as it was.
export async function loadWeights(session, files, text) {
  const model = await modelOf(session);
  model.params = Array.from(await decodeWeights(text, model.params.length));
  session.replace(await files.fromJSON(JSON.stringify(model)), session.intent);
}
