// Yima service worker: the app starts and verifies offline. The build (src/hooks/stamp-sw.mjs)
// fills in VERSION, CORE (what the first scan needs: cached on install) and LATER (on-demand
// modules — the EU DCC reader, the Demo screen's — and icons: cached when the page says the
// first scan is ready, so they never share the link with it, and the first HC1 scan needs no
// request). Module file names carry their content hash (src/hooks/hash-names.mjs), so answering
// them cache first can never hand a newer index.html an older module. index.html and the
// endpoint files: network first (short timeout), cache as fallback; only the app shell (an HTML answer for '' or index.html) is stored as index.html. Build output: cache first. A new version waits until the page asks it to take over.
const VERSION = '__YIMA_VERSION__';
const CORE = ["__YIMA_CORE__"];
const LATER = ["__YIMA_LATER__"];
const APP_CACHE = 'yima-app-' + VERSION;
const DATA_CACHE = 'yima-endpoint';
const NETWORK_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP_CACHE).then((c) => c.addAll(CORE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('yima-app-') && key !== APP_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'precache-later') event.waitUntil(precacheLater());
});

// One file at a time, skipping what is cached: a failed file is fetched again on demand.
async function precacheLater() {
  const cache = await caches.open(APP_CACHE);
  for (const url of LATER) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => {});
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

// `keep(response)`: whether this answer may be stored (the app shell: only an HTML page).
async function networkFirst(request, cacheName, fallbackKey, keep = () => true) {
  const cache = await caches.open(cacheName);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok && keep(response)) await cache.put(fallbackKey || request, response.clone());
    return response;
  } catch (e) {
    const cached = (await cache.match(fallbackKey || request)) || (await caches.match(fallbackKey || request));
    if (cached) return cached;
    throw e;
  }
}

// Endpoint files: the network's answer when it starts within NETWORK_TIMEOUT_MS, passed on as it
// streams (a whole 200 is kept meanwhile; a 206 part of a resumed download is not), else the kept
// copy, marked
// `X-Yima-From-Cache: 1` (its own Date header says when it was fetched): the app counts it as a
// failed sync that used the device's copy, never as a fresh one (issue 21 C).
async function endpointFirst(event) {
  const request = event.request;
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.status === 200) event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
    return response;
  } catch (e) {
    const cached = await cache.match(request);
    if (!cached) throw e;
    const headers = new Headers(cached.headers);
    headers.set('X-Yima-From-Cache', '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(APP_CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname.slice(self.registration.scope.length - self.location.origin.length);
  if (path === '' || path === 'index.html') {
    // The app shell, whatever the query: stored as index.html, and only if it is an HTML page.
    const html = (r) => (r.headers.get('content-type') || '').startsWith('text/html');
    event.respondWith(networkFirst(req, APP_CACHE, 'index.html', html));
  } else if (path.startsWith('endpoint/')) {
    event.respondWith(endpointFirst(event));
  } else if (req.mode === 'navigate') {
    // Another file of this origin opened as a page (robots.txt, an endpoint file): the
    // network's answer, never stored, so it can never stand in for the app offline.
    return;
  } else {
    event.respondWith(cacheFirst(req));
  }
});
