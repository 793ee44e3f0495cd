// Delivery: what the run command's server (scripts/serve.mjs) sends — precompressed files with
// the right Content-Encoding, cache headers, 304s, a real robots.txt — and what the page does on
// a first and a repeat visit: an unchanged endpoint costs no body bytes, the decoder wasm is
// fetched after the app's wasm, the splash gives way to the app, <noscript> explains itself,
// the yima-decoder-ready mark fires on repeat visits too.
import { request } from 'node:http';
import { connect } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from './serve.mjs';
import { serveDir } from '../../scripts/serve.mjs';
import { built, check, DIST, launch, waitTrust } from './lib.mjs';

function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

async function http(url) {
  const wasm = readdirSync(DIST).find((f) => /^yima-[0-9a-f]+_bg\.wasm$/.test(f));
  const raw = readFileSync(join(DIST, wasm));
  const br = await get(url + wasm, { 'accept-encoding': 'gzip, deflate, br' });
  check('app wasm: brotli to a client that accepts it, same bytes once decoded',
    br.headers['content-encoding'] === 'br' && brotliDecompressSync(br.body).equals(raw) && br.body.length < raw.length * 0.6,
    `${br.headers['content-encoding']} ${br.body.length} of ${raw.length}`);
  check('app wasm: application/wasm, Vary: Accept-Encoding, immutable',
    br.headers['content-type'] === 'application/wasm' && /accept-encoding/i.test(br.headers.vary || '') && /immutable/.test(br.headers['cache-control'] || ''),
    JSON.stringify([br.headers['content-type'], br.headers.vary, br.headers['cache-control']]));
  const gz = await get(url + wasm, { 'accept-encoding': 'gzip' });
  check('app wasm: gzip when only gzip is accepted', gz.headers['content-encoding'] === 'gzip' && gunzipSync(gz.body).equals(raw), gz.headers['content-encoding']);
  const plain = await get(url + wasm, { 'accept-encoding': 'br;q=0, gzip;q=0' });
  check('app wasm: identity when nothing is accepted', !plain.headers['content-encoding'] && plain.body.equals(raw), plain.headers['content-encoding']);
  const dec = await get(url + built(/^decoder\/.*_bg\.wasm$/), { 'accept-encoding': 'gzip' });
  check('decoder wasm: gzip, immutable (its name carries its content hash)', dec.headers['content-encoding'] === 'gzip' && /immutable/.test(dec.headers['cache-control'] || ''), dec.headers['cache-control']);

  const index = await get(url, { 'accept-encoding': 'gzip' });
  check('index.html: no-cache with an ETag and Last-Modified', index.status === 200 && index.headers['cache-control'] === 'no-cache' && !!index.headers.etag && !!index.headers['last-modified']);
  const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': index.headers.etag });
  check('index.html: If-None-Match → 304 with no body', again.status === 304 && again.body.length === 0, `${again.status} ${again.body.length}`);
  const since = await get(url + 'sw.js', { 'if-modified-since': new Date(Date.now() + 1000).toUTCString() });
  check('sw.js: If-Modified-Since → 304', since.status === 304, `${since.status}`);
  const keys = await get(url + 'endpoint/keys.json', { 'accept-encoding': 'gzip' });
  check('endpoint file: no-cache, ETag, CORS for any origin', keys.headers['cache-control'] === 'no-cache' && !!keys.headers.etag && keys.headers['access-control-allow-origin'] === '*');
  const robots = await get(url + 'robots.txt');
  check('/robots.txt is a robots file, not index.html', robots.status === 200 && /^text\/plain/.test(robots.headers['content-type']) && /User-agent/.test(robots.body.toString()));
  const missing = await get(url + 'no-such-page');
  check('an unknown path is a 404', missing.status === 404, `${missing.status}`);
  const outside = await get(url + '%2e%2e/%2e%2e/Cargo.toml');
  check('a path outside dist/ is a 404', outside.status === 404, `${outside.status}`);
}

// Sends raw bytes on a fresh connection; resolves to the status line's code (0: closed without
// one). Bounded: 3 s per request.
function raw(port, bytes) {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    const done = () => { sock.destroy(); resolve(Number((/^HTTP\/1\.1 (\d{3})/.exec(got) || [])[1] || 0)); };
    sock.setTimeout(3000, done);
    sock.on('data', (d) => { got += d.toString('latin1'); if (got.includes('\r\n')) done(); });
    sock.on('error', done);
    sock.on('close', done);
    sock.write(bytes); // not end(): a half-closed client is dropped before any answer
  });
}

// The run command's own server (scripts/serve.mjs serveDir) under malformed requests: each is a
// 400 (or a 404 / 405 where it is well-formed), and the server keeps serving (issue 21 D: one
// "GET //" used to stop it). MALFORMED sets how many random requests follow the fixed ones.
async function malformed() {
  const { server, close } = await serveDir(DIST);
  const { port } = server.address();
  try {
    const fixed = ['GET // HTTP/1.1', 'GET //x/../..// HTTP/1.1', 'GET * HTTP/1.1', 'GET http://evil.example/ HTTP/1.1', 'GET /%E0%A4%A HTTP/1.1', 'GET /a%00b HTTP/1.1', 'GET index.html HTTP/1.1'];
    const statuses = [];
    for (const line of fixed) statuses.push(await raw(port, `${line}\r\nHost: x\r\n\r\n`));
    check('server: "GET //", "*", absolute URLs, bad escapes, NUL → 400', statuses.every((c) => c === 400), `${fixed.map((l, i) => `${l.split(' ')[1]}=${statuses[i]}`).join(' ')}`);
    const garbage = await raw(port, 'GARBAGE\x00\x01\r\n\r\n');
    check('server: an unparseable request line → 400', garbage === 400, `${garbage}`);
    // Random paths and methods: bytes a fuzzer would send.
    const n = Number(process.env.MALFORMED || 3000);
    const alphabet = '/%.:?#*\\@\x00\x7f abcAZ09~-_[]{}"\'<>\u00e9\u4e2d';
    let seed = 12345;
    const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
    const counts = {};
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      let path = '';
      for (let j = rnd(24); j >= 0; j--) path += alphabet[rnd(alphabet.length)];
      const method = ['GET', 'HEAD', 'POST', 'PUT', 'G\x00T', ''][rnd(6)];
      const code = await raw(port, Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, 'utf8'));
      counts[code] = (counts[code] || 0) + 1;
    }
    const alive = await get(`http://127.0.0.1:${port}/`);
    console.log(`server fuzz: ${n} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, statuses ${JSON.stringify(counts)}`);
    check(`server: ${n} random malformed requests, every one answered, still serving`, alive.status === 200 && !counts[0] && !counts[500], JSON.stringify(counts));
  } finally {
    await close();
  }
}

export async function run() {
  await malformed();
  // keys.json can be held back, to see the other endpoint files requested meanwhile
  let holdKeys = 0;
  const server = await serve(DIST, 0, { hold: (u) => (u.endsWith('/endpoint/keys.json') ? holdKeys : 0) });
  const { url, log } = server;
  const browser = await launch();
  try {
    await http(url);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}?venue=metro`);
    const splash = await page.evaluate(() => document.getElementById('splash'));
    check('the splash is gone once the app is mounted', splash === null);
    await waitTrust(page);
    await page.getByTestId('nav-settings').click();

    // First visit: the decoder's wasm is requested only after the app's wasm has arrived.
    const appWasm = log.find((r) => /\/yima-[0-9a-f]+_bg\.wasm$/.test(r.url));
    const decWasm = log.find((r) => /\/decoder\/yima_decode_worker-[0-9a-f]+_bg\.wasm$/.test(r.url));
    check('first visit: the decoder wasm is fetched after the app wasm, not competing with it',
      appWasm && decWasm && decWasm.at >= appWasm.end, appWasm && decWasm ? `app done ${appWasm.end.toFixed(0)} ms, decoder asked ${decWasm.at.toFixed(0)} ms` : 'not fetched');
    check('first visit: wasm sent compressed', appWasm?.encoding && decWasm?.encoding, `${appWasm?.encoding} ${decWasm?.encoding}`);

    // Trust-data sync again (manual refresh): the unchanged endpoint answers 304, no body bytes.
    const synced = () => page.waitForFunction(() => /成功|OK/.test(document.querySelector('[data-testid=endpoint-status]')?.textContent || ''), null, { timeout: 10000 });
    await synced();
    const from = log.length;
    holdKeys = 600;
    await page.getByTestId('refresh').click();
    await synced();
    holdKeys = 0;
    await page.waitForTimeout(300);
    const refetch = log.slice(from).filter((r) => r.url.includes('/endpoint/'));
    const bytes = refetch.reduce((a, r) => a + (r.sent || 0), 0);
    const named = (name) => refetch.find((r) => r.url.endsWith('/endpoint/' + name));
    check('an unchanged endpoint: keys, policies and the revocation delta answered 304 with 0 body bytes',
      ['keys.json', 'policies.json', 'revocation-delta.json'].every(named) && refetch.every((r) => r.status === 304 && r.inm) && bytes === 0,
      refetch.map((r) => `${r.url} ${r.status} ${r.sent} B`).join('; '));
    const [keys, delta] = [named('keys.json'), named('revocation-delta.json')];
    check('sync: the revocation delta is requested alongside keys.json, not after it',
      keys && delta && delta.at < keys.end, keys && delta ? `delta asked ${(delta.at - keys.at).toFixed(0)} ms after keys.json, which took ${(keys.end - keys.at).toFixed(0)} ms` : 'not fetched');
    const status = await page.getByTestId('endpoint-status').innerText();
    check('after a 304 the data is still there and the sync says OK', /#\d+/.test(status) && /成功|OK/.test(status), status.replace(/\s+/g, ' '));

    // Repeat visit (service worker in control): decoder-ready mark, and the endpoint costs 304s.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100)); });
    const from2 = log.length;
    await page.reload();
    await waitTrust(page);
    const mark = await page.waitForFunction(() => performance.getEntriesByName('yima-decoder-ready').length > 0, null, { timeout: 10000 }).then(() => true, () => false);
    check('repeat visit: the yima-decoder-ready mark fires', mark);
    await page.waitForTimeout(500);
    const repeat = log.slice(from2);
    const body = repeat.filter((r) => !r.url.includes('/endpoint/')).reduce((a, r) => a + (r.sent || 0), 0);
    check('repeat visit: only index.html/sw.js revalidated, no app bytes downloaded again', body < 20_000, `${body} B: ${repeat.map((r) => `${r.url} ${r.status}`).join(', ')}`);

    // The stored full revocation list dropped: the app fetches it again, and the unchanged file
    // comes back as a 304 (0 body bytes) from the browser's copy, verified and in use.
    await page.evaluate(() => localStorage.removeItem('yima.revocation.full'));
    const from3 = log.length;
    await page.reload();
    await waitTrust(page);
    await page.getByTestId('nav-settings').click();
    await synced();
    const full = log.slice(from3).find((r) => r.url.endsWith('/endpoint/revocation-full.json'));
    check('an unchanged full revocation list fetched again: 304 with 0 body bytes',
      full?.status === 304 && full.inm && full.sent === 0, full ? `${full.status} ${full.sent} B` : 'not fetched');
    const row = await page.locator('[data-testid=endpoint-status] dt:has-text("撤销名单") + dd, [data-testid=endpoint-status] dt:has-text("Revocation list") + dd').innerText();
    check('after the 304 the revocation list is held again', /^\d+/.test(row), row);
    // The highest sequences accepted are kept apart from the files (rollback refused after a drop).
    const seqOf = (name) => Buffer.from(JSON.parse(readFileSync(join(DIST, 'endpoint', name), 'utf8')).payload, 'base64').readBigUInt64LE(5);
    const highWater = await page.evaluate(() => localStorage.getItem('yima.revocation.seq'));
    check('the revocation high-water mark is stored: full and delta sequences', highWater === `${seqOf('revocation-full.json')} ${seqOf('revocation-delta.json')}`, highWater);
    await context.close();

    // JavaScript off: the <noscript> text says why nothing happens.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    await p2.goto(url);
    const text = await p2.locator('body').innerText();
    check('<noscript> explains that JavaScript is needed (zh + en)', /JavaScript/.test(text) && /需要启用/.test(text), text.slice(0, 80));
    await noJs.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
