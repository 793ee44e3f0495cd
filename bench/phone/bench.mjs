// Phone benchmark: the app as served by the run command's server (scripts/serve.mjs), in headless
// Chromium with CDP throttling — CPU 1×/4×/6× and "slow 4G" (150 ms RTT, 1.6 Mbps down,
// 750 kbps up) — and a fake camera showing a demo code. Prints one table.
//   node bench/phone/bench.mjs DIST SAMPLES_DIR   (bench/phone/run.sh builds and mints first)
// CDP throttles the page's main thread only: the decoder worker runs at full speed, so the
// scan figures flatter a real phone; the zxing-wasm comparison decodes the same frames on the
// (throttled) main thread for both decoders. Per rate it also compares first visits with the
// decoder worker started after the app wasm (as built) and in parallel with it, and prints the
// 1-minute load average (the machine may be shared: high load inflates every figure).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../../tests/browser/serve.mjs';
import { built, launch } from '../../tests/browser/lib.mjs';

const [dist, sampleDir] = process.argv.slice(2);
const RATES = (process.env.RATES || '1,4,6').split(',').map(Number);
const SCANS = Number(process.env.SCANS || 15);
const BURST = Number(process.env.BURST || 1000);
const NET = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const y4m = join(sampleDir, 'green_nat_20h.y4m');
const samples = JSON.parse(readFileSync(join(sampleDir, 'samples.json'), 'utf8'));
const ROOT = resolve(new URL('../..', import.meta.url).pathname);

const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : NaN; };
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
// The machine is shared: the 1-minute load average is printed beside each figure set.
const load = () => loadavg()[0].toFixed(2);

async function throttle(page, context, rate) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NET);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

const marks = (page) => page.evaluate(() => {
  const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
  return { ready: at('yima-ready'), frame: at('yima-first-frame'), decoder: at('yima-decoder-ready'), scan: performance.getEntriesByName('yima-scan-to-verdict').map((m) => m.duration) };
});
const waitMark = (page, name, timeout = 60000) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout }).then(() => true, () => false);

// Times the two decoders on the same camera frames on the page's (throttled) main thread.
async function decoders(page, n) {
  // The decoder's files are named by their content hash (src/hooks/hash-names.mjs).
  await page.addScriptTag({ url: built(/^decoder\/.*[0-9a-f]\.js$/, dist) });
  return page.evaluate(async ([n, wasm]) => {
    await wasm_bindgen({ module_or_path: wasm });
    const z = await import('/__zxing/es/reader/index.js');
    await z.prepareZXingModule({ overrides: { locateFile: (p, prefix) => (p.endsWith('.wasm') ? '/__zxing/reader/zxing_reader.wasm' : prefix + p) }, fireImmediately: true });
    const v = document.querySelector('video');
    const frames = [];
    for (let i = 0; i < n; i++) {
      const side = Math.round(Math.min(v.videoWidth, v.videoHeight) * 0.7), scale = Math.min(1, 480 / side), w = Math.round(side * scale);
      const c = new OffscreenCanvas(w, w).getContext('2d', { willReadFrequently: true });
      c.drawImage(v, (v.videoWidth - side) / 2, (v.videoHeight - side) / 2, side, side, 0, 0, w, w);
      frames.push(c.getImageData(0, 0, w, w));
      await new Promise((r) => requestAnimationFrame(r));
    }
    const time = async (f) => { const t = []; let ok = 0; for (const img of frames) { const t0 = performance.now(); if (await f(img)) ok++; t.push(performance.now() - t0); } return { t, ok }; };
    const yima = await time((img) => wasm_bindgen.decode_rgba(img.width, img.height, new Uint8Array(img.data.buffer.slice(0))));
    const zx = await time(async (img) => (await z.readBarcodes(img, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 }))[0]?.text);
    return { yima, zxing: zx };
  }, [n, built(/^decoder\/.*_bg\.wasm$/, dist)]);
}

// Scans through the scan-gun field in a loop; JS heap (after GC) before and after.
async function burst(page, cdp, qrs, n) {
  const heap = async () => { await cdp.send('HeapProfiler.collectGarbage'); return (await cdp.send('Runtime.getHeapUsage')).usedSize; };
  const before = await heap();
  const done = await page.evaluate(async ({ qrs, n }) => {
    const ch = new MessageChannel();
    const tick = () => new Promise((r) => { ch.port1.onmessage = () => r(); ch.port2.postMessage(0); });
    const input = document.querySelector('[data-testid=manual-input]');
    let shown = 0;
    for (let i = 0; i < n; i++) {
      input.value = qrs[i % qrs.length];
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.form.requestSubmit();
      for (let k = 0; k < 2000 && !document.querySelector('[data-testid=card]'); k++) await tick();
      if (document.querySelector('[data-testid=card]')) shown++;
      document.querySelector('[data-testid=card-dialog]')?.click();
      for (let k = 0; k < 2000 && document.querySelector('[data-testid=card]'); k++) await tick();
    }
    return shown;
  }, { qrs, n });
  return { before, after: await heap(), shown: done };
}

// A first visit in a fresh context, index.html as built ('after': the decoder worker starts when
// the app wasm has arrived) or changed to start it at once ('parallel'); camera-ready time.
// index.html goes through a route in both variants (so neither pays its throttled download).
// The inline script that starts the worker late (minified in the build): 'parallel' calls its
// start function right after it.
const WORKER_SCRIPT = /(__yimaStartWorker[\s\S]*?<\/script>)/;
const VARIANT_RUNS = Number(process.env.VARIANT_RUNS || 3);
async function firstVisitVariant(browser, rate, variant) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  await context.route((u) => u.pathname === '/' || u.pathname === '/index.html', async (route) => {
    const res = await route.fetch();
    let body = await res.text();
    if (variant === 'parallel') {
      if (!WORKER_SCRIPT.test(body)) throw new Error('index.html no longer has the script that sets __yimaStartWorker: update the parallel variant');
      body = body.replace(WORKER_SCRIPT, '$1<script>self.__yimaStartWorker()</script>');
    }
    await route.fulfill({ response: res, body });
  });
  const page = await context.newPage();
  await throttle(page, context, rate);
  await page.goto(`${server.url}?venue=metro`);
  await waitMark(page, 'yima-first-frame');
  const m = await marks(page);
  const wasmEnd = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /\/yima-[0-9a-f]+_bg\.wasm$/.test(e.name))?.responseEnd ?? null);
  await context.close();
  return { ready: m.ready, frame: m.frame, decoder: m.decoder, wasmEnd };
}

const server = await serve(dist);
const rows = [];
for (const rate of RATES) {
  const browser = await launch({ y4m, extra: ['--enable-precise-memory-info'] });
  const row0 = { load0: load() };
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.route('**/__zxing/**', (route) => route.fulfill({ path: join(ROOT, 'node_modules/zxing-wasm/dist', new URL(route.request().url()).pathname.replace('/__zxing/', '')) }));
  const page = await context.newPage();
  const cdp = await throttle(page, context, rate);
  const row = { rate, ...row0 };
  // First visit: empty cache, no service worker.
  const from = server.log.length;
  await page.goto(`${server.url}?venue=metro`);
  await waitMark(page, 'yima-first-frame');
  await waitMark(page, 'yima-scan-to-verdict');
  let m = await marks(page);
  row.firstReady = m.ready; row.firstFrame = m.frame; row.firstScan = m.scan[0];
  row.firstBytes = server.log.slice(from).reduce((a, r) => a + (r.sent || 0), 0);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100)); });
  // Repeat visits (service worker): camera-ready, and one scan each.
  const repeat = [], repeatReady = [], scans = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await waitMark(page, 'yima-first-frame');
    await waitMark(page, 'yima-scan-to-verdict');
    m = await marks(page);
    repeat.push(m.frame); repeatReady.push(m.ready); if (m.scan[0] != null) scans.push(m.scan[0]);
    row.decoderMark = m.decoder !== null;
  }
  row.repeatFrame = q(repeat, 0.5); row.repeatReady = q(repeatReady, 0.5);
  // Scan-to-verdict: tap the card away, the code still in view is scanned again.
  for (let i = 0; i < SCANS; i++) {
    const n0 = (await marks(page)).scan.length;
    await page.getByTestId('card-dialog').click().catch(() => {});
    await page.waitForFunction((n) => performance.getEntriesByName('yima-scan-to-verdict').length > n, n0, { timeout: 20000 }).catch(() => {});
    const s = (await marks(page)).scan;
    if (s.length > n0) scans.push(s[s.length - 1]);
  }
  row.scanMedian = q(scans, 0.5); row.scanP95 = q(scans, 0.95); row.scanN = scans.length;
  // Same frames, both decoders, on the throttled main thread.
  const d = await decoders(page, 20);
  row.yimaDecode = q(d.yima.t, 0.5); row.zxingDecode = q(d.zxing.t, 0.5); row.decodeOk = `${d.yima.ok}/${d.zxing.ok} of ${d.yima.t.length}`;
  // Offline start.
  await context.setOffline(true);
  await page.reload();
  await waitMark(page, 'yima-ready', 20000);
  row.offlineReady = (await marks(page)).ready;
  await context.setOffline(false);
  if (rate === RATES[0] && BURST > 0) {
    await page.reload();
    await page.waitForSelector('[data-testid=manual-input]');
    await page.waitForFunction(() => /信任数据|Trust data/.test(document.querySelector('[data-testid=trust-age]')?.textContent || '') && !/无|No trust/.test(document.querySelector('[data-testid=trust-age]').textContent));
    const qrs = samples.filter((s) => ['green_nat_20h', 'green_nat_80h', 'paper_report_anhui'].includes(s.id)).map((s) => s.qr);
    row.burst = await burst(page, cdp, qrs, BURST);
  }
  // Decoder start: after the app wasm (as built) vs in parallel, VARIANT_RUNS fresh first
  // visits each, alternating which goes first; medians.
  const runs = { after: [], parallel: [] };
  for (let i = 0; i < VARIANT_RUNS; i++) {
    for (const variant of i % 2 ? ['parallel', 'after'] : ['after', 'parallel']) runs[variant].push(await firstVisitVariant(browser, rate, variant));
  }
  const med = (xs) => Object.fromEntries(['wasmEnd', 'ready', 'decoder', 'frame'].map((k) => [k, q(xs.map((x) => x[k]).filter(Number.isFinite), 0.5)]));
  row.after = med(runs.after); row.parallel = med(runs.parallel);
  row.load1 = load();
  rows.push(row);
  await browser.close();
}
// Lighthouse 12 (bench/phone/package.json), mobile profile: simulated throttling (its default)
// and once with real DevTools throttling, which the simulation flatters.
// Asynchronous: the benchmark's server runs in this process, so a blocking child would leave
// Lighthouse's page waiting for it forever.
async function lighthouse(url, extra) {
  const bin = join(ROOT, 'bench/phone/node_modules/.bin/lighthouse');
  if (!existsSync(bin)) return null;
  const { stdout: out } = await promisify(execFile)(bin, [url, '--output=json', '--quiet', '--chrome-flags=--headless --no-sandbox --disable-gpu',
    '--only-categories=performance,accessibility,best-practices,seo', ...extra],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, maxBuffer: 1 << 28 });
  const r = JSON.parse(out);
  const scores = Object.values(r.categories).map((c) => `${c.title} ${Math.round(c.score * 100)}`).join(', ');
  const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode)).map((a) => a.id);
  const metric = (id) => r.audits[id]?.displayValue ?? '—';
  return { version: r.lighthouseVersion, scores, failed, metrics: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, SI ${metric('speed-index')}` };
}
const lh = [];
for (const [name, extra] of process.env.LIGHTHOUSE === '0' ? [] : [['mobile, simulated throttling', []], ['mobile, --throttling-method=devtools', ['--throttling-method=devtools']]]) {
  try { const l = load(); lh.push([name, { ...(await lighthouse(`${server.url}?venue=metro`, extra)), load: l }]); } catch (e) { lh.push([name, { error: String(e.message || e).slice(0, 200) }]); }
}
await server.close();

const mb = (b) => `${(b / 1048576).toFixed(2)} MB`;
console.log('\nCPU throttle + slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up); fake camera, green_nat_20h @ metro');
console.log('| | ' + rows.map((r) => `${r.rate}× CPU`).join(' | ') + ' |');
console.log('|---|' + rows.map(() => '---').join('|') + '|');
const line = (name, f) => console.log(`| ${name} | ${rows.map(f).join(' | ')} |`);
line('load average (1 min) at start / end', (r) => `${r.load0} / ${r.load1}`);
line('first visit: app ready (`yima-ready`)', (r) => ms(r.firstReady));
line('first visit: camera-ready (first frame to the decoder)', (r) => ms(r.firstFrame));
line('first visit: bytes sent by the server', (r) => `${(r.firstBytes / 1024).toFixed(0)} KB`);
line('first visit: first scan-to-verdict', (r) => ms(r.firstScan));
line('repeat visit: app ready / camera-ready (median of 3)', (r) => `${ms(r.repeatReady)} / ${ms(r.repeatFrame)}`);
line('repeat visit: `yima-decoder-ready` mark fired', (r) => (r.decoderMark ? 'yes' : 'no'));
line('offline start: app ready', (r) => ms(r.offlineReady));
line(`scan-to-verdict median / p95 (n)`, (r) => `${ms(r.scanMedian)} / ${ms(r.scanP95)} (${r.scanN})`);
line('same frames on the main thread: yima / zxing-wasm median decode', (r) => `${ms(r.yimaDecode)} / ${ms(r.zxingDecode)} (read ${r.decodeOk})`);
const v = (x) => `wasm ${ms(x.wasmEnd)}, ready ${ms(x.ready)}, decoder ${ms(x.decoder)}, camera-ready ${ms(x.frame)}`;
line(`decoder started after the app wasm (as built), median of ${VARIANT_RUNS}`, (r) => v(r.after));
line(`decoder started in parallel with the app wasm, median of ${VARIANT_RUNS}`, (r) => v(r.parallel));
const b = rows.find((r) => r.burst);
if (b) console.log(`\nJS heap after GC, ${BURST} scan-gun scans at ${b.rate}× CPU: ${mb(b.burst.before)} → ${mb(b.burst.after)} (${b.burst.shown} cards shown; load ${b.load1})`);
for (const [name, r] of lh) {
  if (!r || !r.version && !r.error) { console.log(`\nLighthouse: not installed (npm ci --prefix bench/phone)`); break; }
  if (r.error) { console.log(`\nLighthouse ${name}: failed: ${r.error}`); continue; }
  console.log(`\nLighthouse ${r.version}, ${name} (load ${r.load}): ${r.scores}\n  ${r.metrics}\n  failed audits: ${r.failed.join(', ') || 'none'}`);
}
