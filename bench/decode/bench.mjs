// Drives headless Chromium over the benchmark page and prints the results.
// Usage: node bench/decode/bench.mjs OUT_DIR   (OUT_DIR holds pkg/ and frames/; see run.sh)
import { createServer } from "node:http";
import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join, extname, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const out = resolve(process.argv[2] ?? join(root, "target-decode/bench"));
const corpus = resolve(root, "../shared/corpus/zxing-qrcode");

// URL prefix -> folder.
const mounts = [
  ["/node_modules/", join(root, "node_modules")],
  ["/pkg/", join(out, "pkg")],
  ["/synth/", join(out, "frames")],
  ["/corpus/", corpus],
  ["/", join(here, "page")],
];
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif" };

function labelled(dir, urlBase, group) {
  return readdirSync(dir)
    .filter((f) => /\.(png|jpe?g|gif)$/.test(f) && existsSync(join(dir, f.replace(/\.[^.]+$/, ".txt"))))
    .sort()
    .map((f) => ({ url: urlBase + f, group: group(f), text: readFileSync(join(dir, f.replace(/\.[^.]+$/, ".txt")), "utf8") }));
}
const manifest = [
  ...labelled(join(out, "frames"), "/synth/", () => "synthetic 1280x720"),
  ...labelled(join(corpus, "qrcode-1"), "/corpus/qrcode-1/", () => "public photos"),
  ...labelled(join(corpus, "qrcode-2"), "/corpus/qrcode-2/", () => "public photos"),
];

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path === "/frames.json") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(manifest));
  const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
  const file = join(dir, path.slice(prefix.length) || "index.html");
  if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && console.error("page:", m.text()));
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(base);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.runBench());
  writeFileSync(join(out, "results.json"), JSON.stringify(r, null, 2));
  console.log(`Chromium: ${r.userAgent}`);
  console.log("| frames | decoder | read | median ms | p95 ms |");
  console.log("|---|---|---|---|---|");
  for (const [group, byDec] of Object.entries(r.table))
    for (const [name, s] of Object.entries(byDec))
      console.log(`| ${group} | ${name} | ${s.read}/${s.total} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} |`);
  const st = [...r.startup].sort((a, b) => a - b);
  console.log(`decode-worker start-up (new Worker -> wasm ready), 5 runs: first ${r.startup[0].toFixed(1)} ms, median ${st[2].toFixed(1)} ms; in-page init ${r.initMs.toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
