// Gives every module file of the staged build (each .js and .wasm but sw.js) a name carrying its
// content hash, `stem-<16 hex of SHA-256>[_bg].ext`, and rewrites the names in the files that
// refer to them (index.html and the other modules), leaves first: a module's hash covers the
// names of what it loads. So an old service worker's cache, which answers by name, can only
// ever hand a new index.html the very bytes the new build has under that name (issue 21 I).
// An existing hash in a name is replaced, so the step can run again on a finished build (the
// precache suite does, to make a second build). References are found as whole file names in
// the text; two modules with one file name stop the build.
// Usage: node hash-names.mjs DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export const HASHED_NAME = /-[0-9a-f]{16}(_bg)?\.(js|wasm)$/;
const NAME = /^(.*?)(-[0-9a-f]{8,16})?(_bg)?\.(js|wasm)$/;

export function hashNames(dir) {
  const all = [];
  (function walk(d) {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else all.push(relative(dir, f).split(sep).join('/'));
    }
  })(dir);
  const modules = all.filter((f) => /\.(js|wasm)$/.test(f) && f !== 'sw.js' && !f.startsWith('endpoint/'));
  const byName = new Map();
  for (const f of modules) {
    if (byName.has(basename(f))) throw new Error(`hash-names: two modules named ${basename(f)}`);
    byName.set(basename(f), f);
  }
  // Whole names only: "load.js" must not match inside "download.js".
  const whole = (name) => new RegExp(`(?<![A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_-])`, 'g');
  const mentions = (text, name) => whole(name).test(text);
  const text = (f) => readFileSync(join(dir, f), 'utf8');
  const refs = new Map(modules.map((f) => [f, f.endsWith('.js') ? [...byName.keys()].filter((n) => n !== basename(f) && mentions(text(f), n)) : []]));
  const renamed = new Map(); // old file name -> new file name
  const rewrite = (f) => {
    const was = text(f);
    let t = was;
    for (const [from, to] of renamed) t = t.replace(whole(from), to);
    if (t === was) return;
    writeFileSync(join(dir, f), t);
    for (const z of ['.br', '.gz']) rmSync(join(dir, f + z), { force: true });
  };
  let todo = [...modules];
  const cyclic = [];
  while (todo.length) {
    let ready = todo.filter((f) => refs.get(f).every((n) => renamed.has(n)));
    if (!ready.length) {
      // Only an unminified build has these: comments naming each other (scanner.js and the worker).
      console.warn(`hash-names: ${todo.join(', ')} name each other (comments of an unminified build?): their hashes do not cover those names`);
      ready = todo;
    }
    const inCycle = ready === todo && todo.some((f) => !refs.get(f).every((n) => renamed.has(n)));
    for (const f of ready) {
      if (f.endsWith('.js')) rewrite(f);
      const [, stem, , bg = '', ext] = NAME.exec(basename(f));
      const hash = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex').slice(0, 16);
      const name = `${stem}-${hash}${bg}.${ext}`;
      if (name !== basename(f)) {
        renameSync(join(dir, f), join(dir, dirname(f), name));
        for (const z of ['.br', '.gz']) rmSync(join(dir, f + z), { force: true });
      }
      renamed.set(basename(f), name);
      if (inCycle && ext === 'js') cyclic.push([dirname(f), name].filter((p) => p !== '.').join('/'));
    }
    todo = todo.filter((f) => !ready.includes(f));
  }
  for (const f of cyclic) rewrite(f);
  if (all.includes('index.html')) rewrite('index.html');
  return renamed;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const renamed = hashNames(process.argv[2]);
  console.log(`hash-names: ${renamed.size} modules named by their content hash`);
}
