// Service-worker registration for the Rust app (bound in offline/mod.rs). JS because it chains
// promises and event listeners on the registration that web-sys would make twice as long.
// Calls `onUnavailable()` when this page cannot work offline: no service worker API (iOS
// WKWebView in WeChat and Alipay, Firefox private windows), not a secure context, or a refused
// registration.

// Resolves once the first scan can happen, or after 10 s at the latest: the app is up (it calls
// watchServiceWorker) and the decoder is ready (index.html resolves self.__yimaDecoderReady).
const firstScanReady = () => Promise.race([self.__yimaDecoderReady, new Promise((r) => setTimeout(r, 10000))]);

// Registers the service worker once the first scan is ready (its install then reads the app from
// the HTTP cache instead of sharing the link with it), asks it to precache the rest (sw.js LATER),
// and shows the in-app "new version" prompt when a new service worker is waiting.
export function watchServiceWorker(onUpdate, onUnavailable) {
  const sw = navigator.serviceWorker;
  if (!sw || typeof sw.register !== 'function') { onUnavailable(); return; }
  if (!self.isSecureContext) { onUnavailable(); return; }
  firstScanReady().then(() => sw.register('sw.js')).then((reg) => {
    sw.ready.then((r) => r.active && r.active.postMessage('precache-later'));
    const waiting = () => { if (reg.waiting && sw.controller) onUpdate(); };
    waiting();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') waiting(); });
    });
    // A page left open (a kiosk all day) looks for a new version on coming back to the foreground
    // and every hour, not only when it is loaded.
    const check = () => { reg.update().catch(() => {}); };
    document.addEventListener('visibilitychange', () => { if (!document.hidden) check(); });
    setInterval(check, 3600 * 1000);
  }).catch(() => onUnavailable());
}

// Asks the waiting service worker to take over, then reloads.
export function applyUpdate() {
  const sw = navigator.serviceWorker;
  if (!sw) { location.reload(); return; }
  sw.getRegistration().then((reg) => {
    if (reg && reg.waiting) {
      sw.addEventListener('controllerchange', () => location.reload());
      reg.waiting.postMessage('skip-waiting');
    } else location.reload();
  }, () => location.reload());
}
