// Writes the build's file list and a content-derived version into the staged sw.js.
// Usage: node stamp-sw.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const stage = process.argv[2];
const skip = (rel) => rel === 'sw.js' || rel.startsWith('endpoint/');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else {
      const rel = relative(stage, full).split(sep).join('/');
      if (!skip(rel)) files.push(rel);
    }
  }
})(stage);

const hash = createHash('sha256');
for (const f of files) hash.update(f + '\0').update(readFileSync(join(stage, f)));
const version = hash.digest('hex').slice(0, 16);
const swPath = join(stage, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace('__YIMA_VERSION__', version)
  .replace('["__YIMA_PRECACHE__"]', JSON.stringify(['./', ...files.filter((f) => f !== 'index.html'), 'index.html']));
writeFileSync(swPath, sw);
console.log(`sw.js: version ${version}, ${files.length} files precached`);
