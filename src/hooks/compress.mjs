// Writes precompressed copies next to each text/wasm file of the staged build: F.br (brotli,
// quality 11) and F.gz (gzip -9), for scripts/serve.mjs or any static host that serves them.
// Usage: node compress.mjs STAGING_DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.webmanifest', '.txt']);
const MIN_BYTES = 512; // smaller files gain nothing worth a second round trip of headers
let count = 0, raw = 0, br = 0;
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { walk(full); continue; }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const data = readFileSync(full);
    if (data.length < MIN_BYTES) continue;
    const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    writeFileSync(full + '.br', b);
    writeFileSync(full + '.gz', gzipSync(data, { level: 9 }));
    count++; raw += data.length; br += b.length;
  }
})(process.argv[2]);
console.log(`compress: ${count} files, ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
