// Revocation figures in Chromium (issue 12): fetch + verify + parse of a signed full list with
// the app's core code in wasm, lookups, memory. Prints a table. Usage: node bench.mjs OUT_DIR
// (OUT_DIR holds pkg/ and full-N.json; see run.sh). CPU: RATES="1 4" (CDP throttling).
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../../scripts/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2]);
const sizes = (process.env.SIZES || '1000000 10000000').split(/\s+/).map(Number);
const rates = (process.env.RATES || '1 4').split(/\s+/).map(Number);
cpSync(join(here, 'page/index.html'), join(out, 'index.html'));
const server = await serveDir(out);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const mb = (b) => (b / 1e6).toFixed(2) + ' MB';
console.log('| entries | CPU | open path | fetch (gzip, local) | verify + parse | total | lookup | scan lookup (hex kid, SHA-256, lookup) | false hits | held / wasm memory: start → list held → after probes |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
try {
  for (const rate of rates) {
    for (const n of sizes) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(server.url);
      await page.waitForFunction(() => window.ready === true, null, { timeout: 60000 });
      const appPath = n <= 1_000_000;
      const r = await page.evaluate((a) => window.measure(a), { file: `full-${n}.json`, appPath, runs: n > 1_000_000 ? 3 : 7, probes: 1_000_000, scans: 100_000 });
      const [load, open] = [median(r.load), median(r.open)];
      console.log(`| ${n.toLocaleString('en')} | ${rate}× | ${appPath ? 'app (`signed_js` + `Revocations::update_opened`, 4 MiB cap)' : 'same, uncapped'} | ${load.toFixed(0)} ms | ${open.toFixed(0)} ms | **${(load + open).toFixed(0)} ms** | ${r.lookupNs.toFixed(0)} ns | ${(r.statusNs / 1000).toFixed(2)} µs | ${r.hits} of ${r.probes.toLocaleString('en')} | ${mb(r.held)} / ${mb(r.memBefore)} → ${mb(r.memOpened)} → ${mb(r.memAfter)} |`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
