// The app's one way to write HTML and to start a script: its own constant markup (app/markup.js,
// each mode's boxes, the parameter panel's frame), never a value from a link, a file or a script,
// which only ever goes in through textContent; and its own trainer worker's URL. Under a Content
// Security Policy with `require-trusted-types-for 'script'`, both pass through the
// 'neural-kitchen' Trusted Types policy.

function createPolicy() {
  try {
    return globalThis.trustedTypes?.createPolicy('neural-kitchen', { createHTML: (html) => html, createScriptURL: (url) => url }) ?? null;
  } catch {
    // A policy that names the allowed policies without this one: the sinks then say so.
    return null;
  }
}

const policy = createPolicy();

// `html` (the app's own constant markup) as the sinks accept it.
export function appHTML(html) {
  return policy ? policy.createHTML(html) : html;
}

// The URL of the app's own worker script (core/trainer-worker.js, or the single-file build's
// inlined copy as a blob: URL) as `new Worker` accepts it.
export function appScriptURL(url) {
  return policy ? policy.createScriptURL(String(url)) : url;
}
