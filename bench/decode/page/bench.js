// Times our wasm decoder, jsQR and zxing-wasm on the same frames in one page.
import init, { decode_rgba } from "/pkg/yima_decode_worker.js";
import { prepareZXingModule, readBarcodes } from "/node_modules/zxing-wasm/dist/es/reader/index.js";

const log = (s) => (document.getElementById("log").textContent += "\n" + s);

async function loadFrame(url) {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

const decoders = {
  yima: async (img) => decode_rgba(img.width, img.height, img.data) ?? null,
  jsqr: async (img) => globalThis.jsQR(img.data, img.width, img.height)?.data ?? null,
  "zxing-wasm": async (img) =>
    (await readBarcodes(img, { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 1 }))[0]?.text ?? null,
};

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95) };
}

async function workerStartup(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const w = new Worker("/worker.js", { type: "module" });
    await new Promise((ok, fail) => {
      w.onmessage = (e) => e.data === "ready" && ok();
      w.onerror = fail;
    });
    times.push(performance.now() - t0);
    w.terminate();
  }
  return times;
}

export async function run() {
  const t0 = performance.now();
  await init();
  const initMs = performance.now() - t0;
  await prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) =>
        path.endsWith(".wasm") ? "/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm" : prefix + path,
    },
    fireImmediately: true,
  });
  const manifest = await (await fetch("/frames.json")).json();
  const frames = [];
  for (const f of manifest) frames.push({ ...f, img: await loadFrame(f.url) });
  log(`${frames.length} frames loaded`);
  // Decoders are interleaved frame by frame (rotating order) so that background load on the
  // machine hits all of them alike; each frame's time is the best of REPEATS runs (a single run
  // when it takes over 200 ms: noise is then negligible, and jsQR needs seconds on some frames).
  const REPEATS = 5;
  const names = Object.keys(decoders);
  for (const name of names) await decoders[name](frames[0].img); // warm-up (JIT / lazy init)
  const results = {};
  frames.forEach((f, i) => (f.order = names.map((_, k) => names[(i + k) % names.length])));
  for (const f of frames) {
    for (const name of f.order) {
      let best = Infinity, text = null;
      for (let k = 0; k < REPEATS && (k === 0 || best < 200); k++) {
        const t = performance.now();
        text = await decoders[name](f.img);
        best = Math.min(best, performance.now() - t);
      }
      const r = ((results[f.group] ??= {})[name] ??= { read: 0, total: 0, ms: [] });
      r.total++;
      r.read += text === f.text ? 1 : 0;
      r.ms.push(best);
    }
  }
  const table = {};
  for (const [group, byDec] of Object.entries(results))
    for (const [name, r] of Object.entries(byDec))
      (table[group] ??= {})[name] = { read: r.read, total: r.total, ...stats(r.ms) };
  const startup = await workerStartup(5);
  return { table, startup, initMs, userAgent: navigator.userAgent };
}

window.benchReady = true;
window.runBench = run;
