// Service worker precache order on a first visit: while the decoder is still downloading (held
// here), the app is ready but no service worker is installed and nothing optional (the Demo
// module) is fetched; once the decoder is ready the worker precaches the first-scan files
// without downloading any of them a second time, then the rest; the Demo screen then works offline.
import { serve } from './serve.mjs';
import { check, DIST, launch, waitTrust } from './lib.mjs';

const DECODER_WASM = '**/decoder/yima_decode_worker_bg.wasm';
const demoRequests = (log) => log.filter((r) => r.url.includes('/demo/'));

async function inCache(page, file) {
  return page.evaluate(async (file) => {
    for (const k of await caches.keys()) if (k.startsWith('yima-app-') && (await (await caches.open(k)).match(file))) return true;
    return false;
  }, file);
}

export async function run() {
  const server = await serve(DIST); // its own server: its log holds this first visit only
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const held = [];
    await context.route(DECODER_WASM, (route) => { held.push(route); });
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=en`);
    await waitTrust(page);
    await page.waitForTimeout(2500);
    const early = await page.evaluate(async () => ({
      ready: performance.getEntriesByName('yima-ready').length > 0,
      decoder: performance.getEntriesByName('yima-decoder-ready').length > 0,
      sw: !!(await navigator.serviceWorker.getRegistration()),
    }));
    check('precache: with the decoder still downloading, the app is ready and the decoder is not', early.ready && !early.decoder && held.length > 0, JSON.stringify(early));
    check('precache: no service worker installs before the first scan is ready', !early.sw);
    check('precache: the Demo module is not fetched before the first scan is ready', demoRequests(server.log).length === 0, demoRequests(server.log).map((r) => r.url).join(', '));

    const released = server.log.length;
    await context.unroute(DECODER_WASM);
    for (const route of held) await route.fallback().catch(() => {});
    const decoder = await page.waitForFunction(() => performance.getEntriesByName('yima-decoder-ready').length > 0, null, { timeout: 15000 }).then(() => true, () => false);
    check('precache: the decoder becomes ready once its download goes on', decoder);
    let cached = false;
    for (let i = 0; i < 100 && !cached; i++) { cached = await inCache(page, 'demo/yima_demo_mint_bg.wasm'); if (!cached) await page.waitForTimeout(200); }
    check('precache: after the first scan is ready the Demo module is precached', cached);
    check('precache: the first-scan files are precached too', await inCache(page, 'decoder/yima_decode_worker_bg.wasm') && await inCache(page, 'index.html'));
    const demo = demoRequests(server.log);
    check('precache: the Demo module was fetched only after the decoder was released', demo.length > 0 && server.log.indexOf(demo[0]) >= released);
    // No file's body is sent twice (the install reads the HTTP cache or gets a 304).
    const bodies = {};
    for (const r of server.log) if (r.status === 200 && r.sent > 0 && !r.url.includes('/endpoint/')) bodies[r.url] = (bodies[r.url] || 0) + 1;
    const twice = Object.entries(bodies).filter(([, n]) => n > 1);
    check('precache: no file downloaded twice on the first visit', twice.length === 0, JSON.stringify(twice));

    // Offline: the Demo screen loads its module from the service worker's cache.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await waitTrust(page);
    await page.getByTestId('nav-demo').click();
    const shown = await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
    check('precache: offline, the Demo screen mints and shows its codes', shown);
  } finally {
    await browser.close();
    await server.close().catch(() => {});
  }
}
