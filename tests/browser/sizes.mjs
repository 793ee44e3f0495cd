// Gzipped sizes of a release build: first paint (index.html, app JS + wasm, CSS) and the
// whole precached build (everything but the endpoint data and the precompressed .br/.gz copies,
// which are the same files sent compressed). A file's size is its F.gz as the build wrote it
// (what a gzip-only client receives; src/hooks/compress.mjs), else gzip -9 of the file; brotli
// (what current browsers receive) is printed beside it. "without the demo module": what a
// production build (YIMA_ROOT_KEY set, src/hooks/post_build.sh) ships.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const files = [];
(function walk(d) { for (const n of readdirSync(d)) { const f = join(d, n); statSync(f).isDirectory() ? walk(f) : files.push(relative(dist, f)); } })(dist);
const gz = (f) => existsSync(join(dist, f + '.gz')) ? statSync(join(dist, f + '.gz')).size : gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const br = (f) => existsSync(join(dist, f + '.br')) ? statSync(join(dist, f + '.br')).size : gz(f);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const build = files.filter((f) => !f.startsWith('endpoint/') && !/\.(br|gz)$/.test(f));
const firstPaint = build.filter((f) => f === 'index.html' || /^yima-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/.test(f) || /^app-[0-9a-f]+\.css$/.test(f) || f.startsWith('snippets/'));
const sum = (fs, size = gz) => fs.reduce((a, f) => a + size(f), 0);
const product = build.filter((f) => !f.startsWith('demo/'));
for (const f of build.sort()) console.log(`${kb(gz(f)).padStart(10)}  ${f}`);
console.log(`first paint: ${kb(sum(firstPaint))} gzipped (${firstPaint.length} files; brotli ${kb(sum(firstPaint, br))})`);
console.log(`whole build: ${kb(sum(build))} gzipped (${build.length} files; brotli ${kb(sum(build, br))})`);
console.log(`whole build without the demo module: ${kb(sum(product))} gzipped (${product.length} files; brotli ${kb(sum(product, br))})`);
