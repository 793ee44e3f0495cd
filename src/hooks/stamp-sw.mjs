// Writes the build's file lists and a content-derived version into the staged sw.js: CORE, what
// the first scan needs (precached on install), and LATER, everything else (on-demand modules
// such as demo/ and the EU DCC reader dcc/, icons, manifest: precached once the page reports the
// first scan ready, so the first HC1 scan needs no network and tells no server that a foreign
// certificate was scanned). A new on-demand module needs no entry here: any file not matched by
// FIRST_SCAN is LATER. Module names carry their content hash (hash-names.mjs runs first).
// Usage: node stamp-sw.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const stage = process.argv[2];
const skip = (rel) => rel === 'sw.js' || rel === 'robots.txt' || rel.startsWith('endpoint/');
// The page, the app's JS + wasm and its JS snippets, the decoder worker and its wasm.
const FIRST_SCAN = [/^index\.html$/, /^yima-[0-9a-f]+(\.js|_bg\.wasm)$/, /^snippets\//, /^decode-worker-[0-9a-f]+\.js$/, /^decoder\//];
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
const first = (f) => FIRST_SCAN.some((re) => re.test(f));
const core = ['./', ...files.filter((f) => first(f) && f !== 'index.html'), 'index.html'];
const later = files.filter((f) => !first(f));
const swPath = join(stage, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
for (const [name, value] of [['VERSION', version], ['CORE', core], ['LATER', later]]) {
  const re = name === 'VERSION' ? /(['"])__YIMA_VERSION__\1/ : new RegExp(`\\[\\s*(['"])__YIMA_${name}__\\1\\s*\\]`);
  if (!re.test(sw)) { console.error(`stamp-sw: no ${name} placeholder in sw.js`); process.exit(1); }
  sw = sw.replace(re, JSON.stringify(value));
}
writeFileSync(swPath, sw);
console.log(`sw.js: version ${version}, ${core.length} files on install, ${later.length} after the first scan is ready`);
