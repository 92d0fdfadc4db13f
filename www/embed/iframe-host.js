// For the page that holds iframe forms (index.html?embed=1…): sizes each such iframe to the
// height it reports ({ type: 'neural-kitchen:height', height } by postMessage, see iframe.js).
// Load it once: <script type="module" src="/neural-kitchen/www/embed/iframe-host.js"></script>.

// A height beyond this is not a layout but a bad message; it is ignored.
export const MAX_IFRAME_HEIGHT = 20000;

// Listens on `win` until the returned function is called; only a message from one of the page's
// own iframes changes that iframe's height.
export function sizeIframes(win = window) {
  const listener = (event) => {
    const { data } = event;
    if (data === null || typeof data !== 'object' || data.type !== 'neural-kitchen:height') return;
    const { height } = data;
    if (!Number.isFinite(height) || height < 0 || height > MAX_IFRAME_HEIGHT) return;
    for (const iframe of win.document.querySelectorAll('iframe')) {
      if (iframe.contentWindow === event.source) iframe.style.height = `${Math.ceil(height)}px`;
    }
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}

sizeIframes();
