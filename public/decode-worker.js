// Decoder Web Worker: runs crates/decode-worker (wasm) off the main thread.
// Request: {id, width, height, data: ArrayBuffer (RGBA)}; reply: {id, text: string|null}
// or {id, error} after a wasm trap, after which the page replaces this worker.
importScripts('decoder/yima_decode_worker.js');
const ready = wasm_bindgen({ module_or_path: 'decoder/yima_decode_worker_bg.wasm' });

self.onmessage = async (event) => {
  const { id, width, height, data } = event.data || {};
  try {
    await ready;
    const text = wasm_bindgen.decode_rgba(width, height, new Uint8Array(data));
    self.postMessage({ id, text: typeof text === 'string' ? text : null });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
