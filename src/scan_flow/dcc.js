// Loads the EU DCC reader (crates/dcc-module, built into dcc/) the first time an HC1 code is
// scanned, so the scan page's first paint carries no ECDSA, RSA or X.509 code. JS because a
// dynamic import() of a wasm-bindgen module is not something web-sys can express.
let loading = null;

function dcc() {
  if (!loading) {
    const url = new URL('dcc/yima_dcc_module.js', document.baseURI).href;
    loading = import(url).then(async (m) => { await m.default(); return m; });
    loading.catch(() => { loading = null; }); // a failed load is retried on the next HC1 scan
  }
  return loading;
}

// The module's kid(text) and judge(text, parts): see crates/dcc-module/src/lib.rs.
export const dccKid = (text) => dcc().then((m) => m.kid(text));
export const dccJudge = (text, parts) => dcc().then((m) => m.judge(text, parts));
