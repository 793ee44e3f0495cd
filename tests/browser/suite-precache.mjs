// Service worker precache order on a first visit: while the decoder is still downloading (held
// here), the app is ready but no service worker is installed and nothing optional (the Demo
// module) is fetched; once the decoder is ready the worker precaches the first-scan files
// without downloading any of them a second time, then the rest (the Demo and EU DCC modules); the
// Demo screen then works offline. Every module's name carries its content hash, and a page of a
// new build under the old build's service worker runs the new build's modules only (issue 21 I).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { serve } from './serve.mjs';
import { ARTIFACTS, built, check, DIST, files, launch, ROOT, waitTrust } from './lib.mjs';
import { HASHED_NAME, hashNames } from '../../src/hooks/hash-names.mjs';

const DECODER_WASM = '**/decoder/yima_decode_worker-*_bg.wasm';
const demoRequests = (log) => log.filter((r) => r.url.includes('/demo/'));
const isModule = (f) => /\.(js|wasm)$/.test(f) && basename(f) !== 'sw.js';

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
    for (let i = 0; i < 100 && !cached; i++) { cached = await inCache(page, built(/^demo\/.*_bg\.wasm$/)); if (!cached) await page.waitForTimeout(200); }
    check('precache: after the first scan is ready the Demo module is precached', cached);
    const dcc = (await inCache(page, built(/^dcc\/.*\.js$/))) && (await inCache(page, built(/^dcc\/.*_bg\.wasm$/)));
    check('precache: the EU DCC module is precached too, before any HC1 scan', dcc && !server.log.some((r) => r.url.includes('/dcc/') && server.log.indexOf(r) < released));
    check('precache: the first-scan files are precached too', await inCache(page, built(/^decoder\/.*_bg\.wasm$/)) && await inCache(page, 'index.html'));
    const modules = server.log.map((r) => new URL(r.url, server.url).pathname).filter(isModule);
    const unhashed = modules.filter((p) => !HASHED_NAME.test(p));
    check('precache: every module URL the page and the worker fetched carries a content hash', modules.length >= 10 && unhashed.length === 0, unhashed.join(' ') || String(modules.length));
    const sha16 = (f) => createHash('sha256').update(readFileSync(join(DIST, f))).digest('hex').slice(0, 16);
    const wrong = files().filter(isModule).filter((f) => !HASHED_NAME.test(f) || !basename(f).includes(`-${sha16(f)}`));
    check('precache: every module file\'s name holds the SHA-256 of its bytes', wrong.length === 0, wrong.join(' '));
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
    await context.setOffline(false);
    await newBuildUnderOldWorker(browser);
  } finally {
    await browser.close();
    await server.close().catch(() => {});
  }
}

// A second build made from the first: three modules changed (the decoder worker's script, the
// Demo module's glue, the lazy loader snippet), names hashed again, sw.js stamped anew.
function secondBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'yima-build-b-'));
  cpSync(DIST, dir, { recursive: true });
  for (const f of files(dir)) if (/\.(br|gz)$/.test(f)) rmSync(join(dir, f));
  for (const re of [/^decode-worker-[0-9a-f]+\.js$/, /^demo\/.*[0-9a-f]\.js$/, /\/lazy\/load-[0-9a-f]+\.js$/]) {
    const f = built(re, dir);
    writeFileSync(join(dir, f), readFileSync(join(dir, f), 'utf8') + '\n/* build B */\n');
  }
  hashNames(dir);
  cpSync(join(ROOT, 'public/sw.js'), join(dir, 'sw.js'));
  execFileSync('node', [join(ROOT, 'src/hooks/stamp-sw.mjs'), dir], { stdio: 'ignore' });
  return dir;
}

// Build A installs its service worker and precaches everything; then the same origin serves
// build B. B's page comes from the network while A's worker still controls it (a new worker
// waits for the staff's tap): every module the page, its decoder worker and its lazy loads get
// must be B's bytes under that name (with fixed names A's cache answered: versions mixed).
async function newBuildUnderOldWorker(browser) {
  const a = await serve(DIST);
  const port = Number(new URL(a.url).port);
  const b = secondBuild();
  const context = await browser.newContext();
  let bServer = null;
  try {
    const page = await context.newPage();
    await page.goto(`${a.url}?lang=en`);
    await waitTrust(page);
    const demoWasm = built(/^demo\/.*_bg\.wasm$/);
    let cached = false;
    for (let i = 0; i < 100 && !cached; i++) { cached = await inCache(page, demoWasm); if (!cached) await page.waitForTimeout(200); }
    check('old worker: build A is installed and fully precached', cached);
    await a.close();
    bServer = await serve(b, port);
    const got = [];
    context.on('response', (r) => { if (!r.request().serviceWorker() && isModule(new URL(r.url()).pathname)) got.push(r); });
    await page.reload();
    await waitTrust(page);
    await page.waitForFunction(() => performance.getEntriesByName('yima-decoder-ready').length > 0, null, { timeout: 15000 }).catch(() => {});
    await page.getByTestId('nav-demo').click();
    const shown = await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
    const controlledByA = await page.evaluate(() => !!navigator.serviceWorker.controller && !!navigator.serviceWorker.controller.scriptURL);
    const mixed = [];
    let fromCache = 0;
    for (const r of got) {
      const path = new URL(r.url()).pathname.slice(1);
      if (r.fromServiceWorker()) fromCache++;
      let want = null;
      try { want = createHash('sha256').update(readFileSync(join(b, path))).digest('hex'); } catch { /* not a file of B */ }
      // The bytes the page got; a worker's responses have no body here: the same URL fetched
      // through the page's (A's) service worker instead.
      const body = await r.body().catch(() => null);
      const got = body ? createHash('sha256').update(body).digest('hex') : await page.evaluate(async (u) => {
        const d = await crypto.subtle.digest('SHA-256', await (await fetch(u)).arrayBuffer());
        return [...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, '0')).join('');
      }, r.url()).catch(() => null);
      if (!got || !want || got !== want) mixed.push(`${path}${r.fromServiceWorker() ? ' (service worker)' : ''}`);
    }
    const kinds = ['decode-worker-', '/decoder/', '/demo/', '/lazy/load-', 'yima-'].filter((k) => got.some((r) => r.url().includes(k)));
    check('old worker: build B runs (decoder ready, Demo codes shown) under build A\'s worker', shown && controlledByA);
    check('old worker: every module B\'s page loaded is B\'s own bytes, none of A\'s', got.length >= 10 && kinds.length === 5 && mixed.length === 0,
      `${mixed.join(', ')} (${got.length} modules, ${fromCache} from the service worker, kinds ${kinds.join(' ')})`);
    writeFileSync(join(ARTIFACTS, 'precache-build-b.txt'), got.map((r) => `${r.fromServiceWorker() ? 'sw ' : 'net'} ${r.url()}`).join('\n'));
  } finally {
    await context.close();
    await a.close().catch(() => {});
    if (bServer) await bServer.close();
    rmSync(b, { recursive: true, force: true });
  }
}
