// Writes precompressed copies next to each text/wasm file of the staged build: F.br (brotli,
// quality 11) and F.gz, for scripts/serve.mjs or any static host that serves them. F.gz is made
// by Zopfli (npm @gfx/zopfli, a dependency: ordinary gzip that any client inflates, ~5 % smaller
// than gzip -9, at ~2 s per 600 KB once per build), or gzip -9 when it is not installed.
// Usage: node compress.mjs STAGING_DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const zopfli = await import('@gfx/zopfli').catch(() => null);
if (!zopfli) console.warn('compress: @gfx/zopfli not installed (npm ci): .gz made by gzip -9');
const gzip = async (data) => {
  const g9 = gzipSync(data, { level: 9 });
  if (!zopfli) return g9;
  const z = Buffer.from(await zopfli.gzipAsync(data, { numiterations: 15 }));
  return z.length < g9.length ? z : g9;
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.webmanifest', '.txt']);
const MIN_BYTES = 512; // smaller files gain nothing worth a second round trip of headers
let count = 0, raw = 0, br = 0, gz = 0;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { walk(full); continue; }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const data = readFileSync(full);
    if (data.length < MIN_BYTES) continue;
    files.push([full, data]);
  }
})(process.argv[2]);
for (const [full, data] of files) {
  const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const g = await gzip(data);
  writeFileSync(full + '.br', b);
  writeFileSync(full + '.gz', g);
  count++; raw += data.length; br += b.length; gz += g.length;
}
console.log(`compress: ${count} files, ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli, ${(gz / 1024).toFixed(0)} KB gzip`);
