// Loads the EU DCC reader (crates/dcc-module, built into dcc/) the first time an HC1 code is
// scanned, so the scan page's first paint carries no ECDSA, RSA or X.509 code. JS because a
// dynamic import() of a wasm-bindgen module is not something web-sys can express.
let loading = null;

export function scanDcc(text, keys, policies, roots, venue, region, nowMs) {
  if (!loading) {
    const url = new URL('dcc/yima_dcc_module.js', document.baseURI).href;
    loading = import(url).then(async (m) => { await m.default(); return m; });
    loading.catch(() => { loading = null; }); // a failed load is retried on the next HC1 scan
  }
  return loading.then((m) => m.scan(text, keys, policies, roots, venue, region, nowMs));
}
