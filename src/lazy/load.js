// Imports a wasm-bindgen module built beside the app (dcc/, demo/: src/hooks/post_build.sh) the
// first time it is asked for, and initialises it; a failed load is forgotten, so the next ask
// retries. `name` is the module's key in index.html's self.__yimaModules, which holds its file
// name with the content hash the build gave it. JS because a dynamic import() of a module is
// not expressible with web-sys.
const loads = {};

export function load(name) {
  const path = (self.__yimaModules || {})[name] || name;
  if (!loads[path]) {
    const p = (loads[path] = import(new URL(path, document.baseURI).href).then(async (m) => { await m.default(); return m; }));
    p.catch(() => { if (loads[path] === p) delete loads[path]; });
  }
  return loads[path];
}
