// Minimal decoder worker, as the app would run it: load the wasm, answer frames.
import init, { decode_rgba } from "/pkg/yima_decode_worker.js";

await init();
self.onmessage = (e) => {
  const { width, height, data } = e.data;
  self.postMessage({ text: decode_rgba(width, height, data) ?? null });
};
self.postMessage("ready");
