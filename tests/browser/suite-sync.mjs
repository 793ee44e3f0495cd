// Sync under an adversary (issue 21 B, C, I): revocation data that is missing, refused, too large
// or never arrives at a venue whose policy requires it; a blocked endpoint answered by the service
// worker's cache; a sync on coming back to the foreground; the strip's "endpoint reached" age in
// kiosk mode; a large revocation list on a slow link (progress, stall timeout, resume with
// Range); a stored copy that could not be written. Prints the verdict of the revoked demo
// credential in each case (docs/revocation.md "When revocation data is missing").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { ARTIFACTS, DIST, ROOT, banners, check, closeCard, launch, noErrors, openPage, pasteScan, readCard, samples, syncStatus as settingsStatus, waitTrust } from './lib.mjs';

const ISSUER = process.env.YIMA_ISSUER || join(ROOT, 'target/debug/yima-issuer');
const FULL = join(DIST, 'endpoint', 'revocation-full.json');
const figures = [];

const open = openPage;
// The endpoint status, on one line.
const syncStatus = async (page, timeout = 30000) => (await settingsStatus(page, timeout)).replace(/\s+/g, ' ');

async function verdictOf(page, id) {
  await closeCard(page);
  await pasteScan(page, samples().byId[id].qr);
  const card = await readCard(page);
  await closeCard(page);
  return card;
}

// ---------------------------------------------------------------------------------------------
// B: no usable revocation data at a venue that requires it → check by hand with a banner.

async function revocationMissing(browser, url) {
  const flip = (t) => { const e = JSON.parse(t); const i = e.signature.length >> 1; e.signature = e.signature.slice(0, i) + (e.signature[i] === 'A' ? 'B' : 'A') + e.signature.slice(i + 1); return JSON.stringify(e); };
  const big = 'x'.repeat((4 << 20) + 16);
  const CASES = [
    ['absent (HTTP 404)', (r) => r.fulfill({ status: 404, body: 'not found' })],
    ['corrupt (bad signature)', async (r) => r.fulfill({ status: 200, contentType: 'application/json', body: flip(await (await r.fetch()).text()) })],
    ['over its cap', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: big })],
    ['never arrives (stall)', () => {}],
  ];
  for (const [name, handler] of CASES) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      await context.route('**/endpoint/revocation-full.json', handler);
      const row = {};
      for (const venue of ['government', 'metro']) {
        const page = await open(context, url, `?venue=${venue}&region=310000&lang=en`);
        await waitTrust(page);
        await syncStatus(page);
        const b = await banners(page);
        const revoked = await verdictOf(page, 'revoked_credential');
        const honest = await verdictOf(page, 'green_nat_20h');
        row[venue] = revoked?.verdict;
        if (venue === 'government') {
          check(`revocation ${name} @government (required): banner says why`, /requires revocation data/.test(b), b);
          check(`revocation ${name} @government: revoked and honest codes are checked by hand`, revoked?.verdict === 'check' && honest?.verdict === 'check' && /requires revocation data/.test(revoked?.text || ''),
            `${revoked?.verdict}/${honest?.verdict}: ${(revoked?.text || '').replace(/\s+/g, ' ').slice(0, 160)}`);
        } else {
          check(`revocation ${name} @metro (not required): no banner, judged without it`, !/requires revocation data/.test(b) && honest?.verdict === 'pass', `${honest?.verdict}; ${b}`);
        }
        noErrors(`revocation ${name} @${venue}`, page);
        await page.close();
      }
      figures.push(`${name}: required ${row.government}, not required ${row.metro}`);
    } finally {
      await context.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// B: a large list on a slow link: progress, no whole-body timeout, and a cut-off download resumed
// with Range + If-Range. The demo list is small, so it is sent slowly: 12 slices 1 s apart (the
// old 8 s whole-body timeout gave up on it); the second time, the connection drops half-way.

async function slowList(browser, url) {
  const body = readFileSync(FULL);
  const etag = '"slow-list-1"';
  const seen = [];
  let dropFirst = false;
  const server = createServer(async (req, res) => {
    const r = { range: req.headers.range || null, ifRange: req.headers['if-range'] || null, sent: 0 };
    seen.push(r);
    const headers = { 'content-type': 'application/json', etag, 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag, Content-Range, Accept-Ranges' };
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(r.range || '');
    if (m && r.ifRange === etag) {
      start = Number(m[1]);
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'content-length': String(body.length - start) });
    } else {
      res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    }
    const slices = 12;
    const step = Math.ceil(body.length / slices);
    for (let at = start; at < body.length; at += step) {
      if (dropFirst && seen.length === 1 && at >= body.length / 2) { res.destroy(); return; }
      res.write(body.subarray(at, Math.min(at + step, body.length)));
      r.sent += Math.min(step, body.length - at);
      await new Promise((ok) => setTimeout(ok, 1000));
    }
    res.end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const slow = `http://127.0.0.1:${server.address().port}/revocation-full.json`;
  try {
    for (const drop of [false, true]) {
      seen.length = 0;
      dropFirst = drop;
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.route('**/endpoint/revocation-full.json', (r) => r.continue({ url: slow }));
      const page = await open(context, url, '?venue=government&region=310000&lang=en');
      const progress = await page.getByTestId('download').waitFor({ timeout: 8000 }).then(() => page.getByTestId('download').innerText(), () => '');
      const status = await syncStatus(page, 40000);
      const name = drop ? 'cut off half-way' : 'slow (12 s)';
      check(`large list ${name}: arrives, sync OK`, /Revocation list \d+ entries/.test(status) && /Last sync OK/.test(status), status);
      if (!drop) check('large list slow: progress shown while it comes', /Downloading the revocation list: [\d.]+\s[KM]B \/ [\d.]+\s[KM]B \(\d+\s%\)/.test(progress), progress);
      if (drop) {
        const [first, second] = seen;
        check('large list cut off: resumed with Range from the bytes received and If-Range', seen.length === 2 && second.range === `bytes=${first.sent}-` && second.ifRange === etag && second.sent === body.length - first.sent,
          JSON.stringify(seen));
      }
      const revoked = await verdictOf(page, 'revoked_credential');
      check(`large list ${name}: the revoked code is denied`, revoked?.verdict === 'deny', revoked?.verdict);
      noErrors(`large list ${name}`, page);
      await context.close();
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// C: the service worker's cached answer is no fresh sync; visibility and kiosk.

async function blockedEndpoint(browser) {
  let block = false;
  const server = await serve(DIST, 0, { hold: (u) => (block && u.includes('/endpoint/') ? 5000 : 0) });
  const context = await browser.newContext();
  try {
    const page = await open(context, server.url, '?venue=government&region=310000&lang=en&kiosk=1');
    await waitTrust(page);
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
      return !!navigator.serviceWorker.controller;
    });
    check('blocked endpoint: the page is controlled by the service worker', controlled);
    // a sync through the service worker (it keeps the endpoint's answers)
    await page.reload();
    await waitTrust(page);
    await page.waitForFunction(() => /Endpoint reached/.test(document.querySelector('[data-testid=reached]')?.textContent || ''), null, { timeout: 15000 }).catch(() => {});
    const fresh = { text: await page.getByTestId('reached').innerText(), stale: await page.getByTestId('reached').getAttribute('class') };
    check('kiosk: the strip says how long ago the endpoint was reached', /Endpoint reached \d+\s+min\s+ago/.test(fresh.text) && !/stale/.test(fresh.stale || '') && (await page.getByTestId('refresh').count()) === 0 && (await page.getByTestId('nav-settings').count()) === 0,
      JSON.stringify(fresh));

    // visible again → a sync (the endpoint is asked again)
    const asked = () => server.log.filter((r) => r.url.includes('/endpoint/keys.json')).length;
    const before = asked();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    for (let i = 0; i < 50 && asked() === before; i++) await new Promise((r) => setTimeout(r, 100));
    check('the page coming back to the foreground syncs', asked() > before, `keys.json asked ${before} → ${asked()}`);
    await page.waitForTimeout(1000);

    // blocked: every endpoint answer is held past the service worker's 3 s
    block = true;
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const shown = await page.waitForFunction(() => /could not be reached/.test([...document.querySelectorAll('[data-testid=banner]')].map((b) => b.textContent).join()), null, { timeout: 15000 }).then(() => true, () => false);
    const cls = await page.getByTestId('reached').getAttribute('class');
    check('blocked endpoint with the service worker: not shown as fresh (banner, strip marked)', shown && /stale/.test(cls || ''), `${await banners(page)}; class ${cls}`);
    const revoked = await verdictOf(page, 'revoked_credential');
    figures.push(`blocked (service worker's copy, data fresh): required ${revoked?.verdict}`);
    check('blocked endpoint: the kept revocation data still denies the revoked code', revoked?.verdict === 'deny', revoked?.verdict);
    noErrors('blocked endpoint', page);
  } finally {
    block = false;
    await context.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// I: a newer file that could not be stored (quota) is used while the page is open, and the older
// stored copy is not used at the next start (the high-water mark is newer).

async function storageFull(browser, url) {
  const tmp = mkdtempSync(join(ARTIFACTS, 'sync-'));
  const dir = join(tmp, 'newer');
  execFileSync(ISSUER, ['demo', '--out', dir, '--now', new Date().toISOString()], { stdio: ['ignore', 'ignore', 'inherit'] });
  const newer = readFileSync(join(dir, 'keys.json'), 'utf8');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await open(context, url, '?venue=metro&region=310000&lang=en');
    await waitTrust(page);
    await syncStatus(page);
    await context.route('**/endpoint/keys.json', (r) => r.fulfill({ contentType: 'application/json', body: newer }));
    await context.addInitScript(() => {
      if (sessionStorage.getItem('full') !== '1') return;
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'yima.trust.keys') throw new DOMException('quota', 'QuotaExceededError');
        return real.call(this, k, v);
      };
    });
    await page.evaluate(() => sessionStorage.setItem('full', '1'));
    await page.reload();
    await waitTrust(page);
    const status = await syncStatus(page);
    const b = await banners(page);
    const seq = JSON.parse(Buffer.from(JSON.parse(newer).payload, 'base64')).sequence;
    check('storage full mid-use: the write failure is shown and the newer copy is in use', /could not store/.test(b) && status.includes(`Trust list #${seq}`), `${b} / ${status}`);
    const s = samples().list.find((x) => x.expect.metro === 'pass');
    await closeCard(page);
    await pasteScan(page, s.qr);
    check('storage full mid-use: scanning goes on with the copy in memory', (await readCard(page))?.verdict === 'pass');
    // next start: endpoint down; the stored older copy is below the high-water mark
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.route('**/endpoint/*.json', (r) => r.fulfill({ status: 503, body: 'down' }));
    await page.evaluate(() => sessionStorage.setItem('full', '0'));
    await page.reload();
    await syncStatus(page);
    const b2 = await banners(page);
    const age = await page.getByTestId('trust-age').innerText();
    check('storage full mid-use, next start: the older stored copy is not used as fresh', /older than a version accepted before/.test(b2) && /No trust data/.test(age), `${age} / ${b2}`);
    await closeCard(page);
    await pasteScan(page, s.qr);
    check('storage full mid-use, next start: check by hand, not pass', (await readCard(page))?.verdict === 'check');
    noErrors('storage full mid-use', page);
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

// I: a demo build marks every card DEMO, even with a trust list signed with the (public) demo root
// that says `demo: false`.
async function demoAlwaysMarked(browser, url) {
  const tmp = mkdtempSync(join(ARTIFACTS, 'sync-demo-'));
  const run = (args) => execFileSync(ISSUER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  run(['demo', '--out', join(tmp, 'ep'), '--now', new Date().toISOString()]);
  run(['keygen', '--out', join(tmp, 'root.key'), '--seed', 'yima public demo seed v1 -- DEMO KEYS, NOT FOR REAL USE', '--label', 'root']);
  const content = JSON.parse(Buffer.from(JSON.parse(readFileSync(join(tmp, 'ep', 'keys.json'), 'utf8')).payload, 'base64'));
  content.demo = false;
  writeFileSync(join(tmp, 'content.json'), JSON.stringify(content));
  run(['sign-trust-list', '--root', join(tmp, 'root.key'), '--in', join(tmp, 'content.json'), '--out', join(tmp, 'keys.json')]);
  const keys = readFileSync(join(tmp, 'keys.json'), 'utf8');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.route('**/endpoint/keys.json', (r) => r.fulfill({ contentType: 'application/json', body: keys }));
    const page = await open(context, url, '?venue=metro&region=310000&lang=en');
    const status = await syncStatus(page);
    check('demo build: a trust list saying demo: false (demo root) is taken', status.includes(`Trust list #${content.sequence}`), status);
    await waitTrust(page);
    await pasteScan(page, samples().list.find((x) => x.expect.metro === 'pass').qr);
    const card = await readCard(page);
    check('demo build: the card is marked DEMO all the same', card?.verdict === 'pass' && /DEMO data/.test(card?.text || ''), card?.text);
    noErrors('demo marked', page);
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

// serve.mjs Range: 206 from the unencoded file, If-Range, 416.
async function ranges() {
  const server = await serve(DIST);
  const get = (path, headers) => new Promise((ok, no) => request(server.url + path, { headers }, (res) => {
    const c = [];
    res.on('data', (d) => c.push(d));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(c) }));
  }).on('error', no).end());
  try {
    const whole = readFileSync(FULL);
    const first = await get('endpoint/revocation-full.json', {});
    const part = await get('endpoint/revocation-full.json', { range: 'bytes=100-', 'if-range': first.headers.etag, 'accept-encoding': 'gzip, br' });
    check('server: a range is a 206 of the unencoded file', part.status === 206 && !part.headers['content-encoding'] && part.body.equals(whole.subarray(100))
      && part.headers['content-range'] === `bytes 100-${whole.length - 1}/${whole.length}` && first.headers['accept-ranges'] === 'bytes', `${part.status} ${part.headers['content-range']}`);
    const stale = await get('endpoint/revocation-full.json', { range: 'bytes=100-', 'if-range': '"other"' });
    check('server: a stale If-Range gets the whole file', stale.status === 200 && stale.body.equals(whole), `${stale.status}`);
    const over = await get('endpoint/revocation-full.json', { range: `bytes=${whole.length}-` });
    check('server: an unsatisfiable range is a 416', over.status === 416, `${over.status}`);
  } finally {
    await server.close();
  }
}

export async function run({ url }) {
  const browser = await launch();
  try {
    await ranges();
    await revocationMissing(browser, url);
    await slowList(browser, url);
    await blockedEndpoint(browser);
    await storageFull(browser, url);
    await demoAlwaysMarked(browser, url);
  } finally {
    await browser.close();
    console.log(`     revoked_credential verdicts: ${figures.join('; ')}`);
  }
}
