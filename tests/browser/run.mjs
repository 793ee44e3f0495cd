// Runs every browser suite against the tests' build (target/browser-dist, see lib.mjs DIST) served on 127.0.0.1; prints "N passed, N failed".
// Usage: node tests/browser/run.mjs [suite ...]   (suites: paste camera photo demo denied camfaults camcontrols embed offline precache screens faults delivery access dcc resilience sync engines)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { ARTIFACTS, check, cleanupSamples, DIST, summary } from './lib.mjs';

const ALL = ['paste', 'camera', 'photo', 'demo', 'denied', 'camfaults', 'camcontrols', 'embed', 'offline', 'precache', 'screens', 'faults', 'delivery', 'access', 'dcc', 'resilience', 'sync', 'engines'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
mkdirSync(ARTIFACTS, { recursive: true });
const server = await serve(DIST);
const timings = { scanToVerdict: [], scanToVerdictWarm: [], decodeHit: [], decodeMiss: [], missesBeforeHit: [], cameraLive: [], wallToCard: [], offlineStart: [], offlineWall: [] };
const started = Date.now();
for (const name of chosen) {
  const t = Date.now();
  console.log(`# ${name}`);
  try {
    const suite = await import(`./suite-${name}.mjs`);
    await suite.run({ url: server.url, server, timings });
  } catch (e) {
    check(`suite ${name} ran to the end`, false, e.stack || String(e));
  }
  console.log(`# ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
await server.close();
cleanupSamples();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const report = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { n: v.length, median_ms: median(v) && Math.round(median(v) * 10) / 10, max_ms: v.length ? Math.round(Math.max(...v)) : null }]));
report.suite_seconds = Math.round((Date.now() - started) / 1000);
writeFileSync(join(ARTIFACTS, 'timings.json'), JSON.stringify(report, null, 2));
console.log('timings', JSON.stringify(report));
const { failures } = summary();
// wasm-bindgen-test results from run.sh (0 when run.mjs is called alone).
const passed = summary().passed + Number(process.env.WASM_PASSED || 0);
const failed = summary().failed + Number(process.env.WASM_FAILED || 0);
if (Number(process.env.WASM_FAILED || 0)) failures.push(`wasm-bindgen-test: ${process.env.WASM_FAILED} failed (tests/artifacts/wasm-test.log)`);
if (failures.length) console.log('failures:\n  ' + failures.join('\n  '));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
