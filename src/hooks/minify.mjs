// Minifies the staged build's JavaScript (wasm-bindgen glue, JS snippets, sw.js, the decoder
// worker) with terser, and index.html with its inlined CSS and scripts (html-minifier-terser:
// comments and spaces were 1 KB of the first paint, gzipped), before the service worker is
// stamped and the files are compressed.
// Classic scripts keep their top-level names (the decoder glue's global `wasm_bindgen`, the
// sw.js placeholders); ES modules are mangled whole. Usage: node minify.mjs STAGING_DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';
import { minify as minifyHtml } from 'html-minifier-terser';

const stage = process.argv[2];
const classic = (rel) => rel === 'sw.js' || rel === 'decode-worker.js' || rel.startsWith('decoder/');
let count = 0, before = 0, after = 0;
async function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { await walk(full); continue; }
    const rel = relative(stage, full).split(sep).join('/');
    if (rel === 'index.html') { await html(full); continue; }
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(full, 'utf8');
    const out = await minify(code, { module: !classic(rel), ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
    writeFileSync(full, out.code);
    count++; before += code.length; after += out.code.length;
  }
}
// Whitespace between tags is kept as one space (conservative), as text could need it.
async function html(full) {
  const code = readFileSync(full, 'utf8');
  const out = await minifyHtml(code, { collapseWhitespace: true, conservativeCollapse: true, removeComments: true, minifyCSS: true, minifyJS: { compress: { passes: 2 } } });
  writeFileSync(full, out);
  count++; before += code.length; after += out.length;
}

await walk(stage);
console.log(`minify: ${count} files (JS, index.html), ${(before / 1024).toFixed(1)} KB → ${(after / 1024).toFixed(1)} KB`);
