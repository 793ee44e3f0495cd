// Decoder Web Worker: runs crates/decode-worker (wasm) off the main thread.
// Request: {id, width, height, data: ArrayBuffer (RGBA), still: bool}
// Reply: {id, text: string|null}, or {id, error} after a wasm trap: the module is then dead and
// the page replaces this worker (camera/scanner.js).
importScripts('decoder/yima_decode_worker.js');
const ready = wasm_bindgen({ module_or_path: 'decoder/yima_decode_worker_bg.wasm' });
let live = null; // stateful scanner for camera frames (varies preprocessing across frames)
ready.then(() => { live = new wasm_bindgen.Scanner(); self.postMessage({ ready: true }); }, (e) => self.postMessage({ error: String(e) }));

self.onmessage = async (event) => {
  const { id, width, height, data, still } = event.data || {};
  try {
    await ready;
    const pixels = new Uint8Array(data);
    let text;
    if (still) text = wasm_bindgen.decode_rgba(width, height, pixels);
    else {
      if (!live) live = new wasm_bindgen.Scanner();
      text = live.scan_rgba(width, height, pixels);
    }
    self.postMessage({ id, text: typeof text === 'string' ? text : null });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
