// Gzipped sizes of a release build: first paint (index.html, app JS + wasm, CSS) and the
// whole precached build (everything but the endpoint data and the precompressed .br/.gz copies,
// which are the same files sent compressed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const files = [];
(function walk(d) { for (const n of readdirSync(d)) { const f = join(d, n); statSync(f).isDirectory() ? walk(f) : files.push(relative(dist, f)); } })(dist);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const build = files.filter((f) => !f.startsWith('endpoint/') && !/\.(br|gz)$/.test(f));
const firstPaint = build.filter((f) => f === 'index.html' || /^yima-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/.test(f) || /^app-[0-9a-f]+\.css$/.test(f) || f.startsWith('snippets/'));
const sum = (fs) => fs.reduce((a, f) => a + gz(f), 0);
for (const f of build.sort()) console.log(`${kb(gz(f)).padStart(10)}  ${f}`);
console.log(`first paint: ${kb(sum(firstPaint))} gzipped (${firstPaint.length} files)`);
console.log(`whole build: ${kb(sum(build))} gzipped (${build.length} files)`);
