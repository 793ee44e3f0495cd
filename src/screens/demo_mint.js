// Loads the demo minting module (crates/demo-mint, built into demo/) the first time the Demo
// screen needs it, so the scan page's first paint does not carry it.
let loading = null;

export function mintDemo(nowMs) {
  if (!loading) {
    const url = new URL('demo/yima_demo_mint.js', document.baseURI).href;
    loading = import(url).then(async (m) => { await m.default(); return m; });
    loading.catch(() => { loading = null; }); // a failed load is retried next time
  }
  return loading.then((m) => m.mint(nowMs));
}
