// WebKitGTK through WebKitWebDriver (Debian webkit2gtk-driver), driving the MiniBrowser that
// libwebkit2gtk ships: the engine of Safari and of every iOS webview, which the Chromium suites
// cannot stand in for (issue 20).
//
// Why a hand-written client: WebKitWebDriver speaks classic WebDriver (HTTP + JSON) only, and
// this suite needs about ten endpoints of it (session, navigate, refresh, execute, find element,
// clear, send keys, element click, screenshot, window rect). That is ~100 lines with fetch; webdriverio or
// selenium-webdriver would add a large dependency tree and want to download drivers / browsers,
// which this machine cannot. Classic WebDriver has no init scripts: what must run before the app
// (error collector, fake camera, no service worker) comes from the test server (serve.mjs inject).
//
// What it takes: an X display (MiniBrowser is a GTK window; Xvfb is started here when DISPLAY is
// not set, and stopped at close), MiniBrowser started with `--automation --full-screen`. Without
// a window manager `--full-screen` does not resize the window but hides MiniBrowser's toolbar,
// so the window rect is exactly the viewport and may be narrower than the toolbar's 447 px
// minimum (window/rect 360×640 → innerWidth 360, innerHeight 640).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { pasteInto } from './inject.mjs';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER_PATHS = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser', '/usr/libexec/webkit2gtk-4.1/MiniBrowser'];
export const MINIBROWSER = process.env.MINIBROWSER || MINIBROWSER_PATHS.find((p) => existsSync(p)) || MINIBROWSER_PATHS[0];
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

const freePort = () => new Promise((ok, fail) => {
  const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A child process in its own process group, so stopping it also stops what it started
// (WebKitWebDriver → MiniBrowser → WebKit web/network processes).
function start(cmd, args, env) {
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-2000); });
  child.on('error', (e) => { err += String(e); });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  const onExit = () => kill('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (alive()) kill('SIGTERM');
    for (let i = 0; i < 30 && alive(); i++) await sleep(100);
    kill('SIGKILL'); // whatever of the group is left (a MiniBrowser its driver did not stop)
  };
  return { child, stop, stderr: () => err };
}

// Xvfb on the first free display from :99 up; resolves once its socket exists.
async function xvfb() {
  let n = 99;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const p = start('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env);
  for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await sleep(100);
  if (!existsSync(`/tmp/.X11-unix/X${n}`)) { await p.stop(); throw new Error(`Xvfb :${n} did not start: ${p.stderr()}`); }
  return { display: `:${n}`, stop: p.stop };
}

// Starts WebKitWebDriver (and Xvfb when needed). Returns {newPage(), close()}.
export async function launchWebKit() {
  for (const [what, path] of [['WebKitWebDriver', WEBKIT_DRIVER], ['MiniBrowser', MINIBROWSER]]) {
    if (!existsSync(path)) throw new Error(`${what} not found at ${path} (apt-get install webkit2gtk-driver; set ${what === 'MiniBrowser' ? 'MINIBROWSER' : 'WEBKIT_DRIVER'})`);
  }
  const stops = []; // in the order things were started; stopped in reverse
  const close = async () => { while (stops.length) await stops.pop()(); };
  try {
    let display = process.env.DISPLAY;
    if (!display) { const x = await xvfb(); display = x.display; stops.push(x.stop); }
    const port = await freePort();
    const driver = start(WEBKIT_DRIVER, [`--port=${port}`], { ...process.env, DISPLAY: display });
    stops.push(driver.stop);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { if ((await (await fetch(`${base}/status`, { signal: AbortSignal.timeout(1000) })).json()).value) break; } catch { /* not listening yet */ }
      if (i > 50 || driver.child.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${driver.stderr()}`);
      await sleep(100);
    }
    const pages = [];
    stops.push(async () => { for (const p of pages) await p.close(); });
    // The first session now: MiniBrowser starting (display, binary) is part of launching.
    const hint = () => ` (MiniBrowser ${MINIBROWSER} on DISPLAY=${display}; driver: ${driver.stderr().trim().slice(-300) || 'nothing on stderr'})`;
    let spare = await session(base, hint);
    pages.push(spare);
    return {
      name: 'webkit',
      version: `MiniBrowser (WebKitGTK ${spare.version})`,
      async newPage() {
        if (spare) { const p = spare; spare = null; return p; }
        const p = await session(base, hint);
        pages.push(p);
        return p;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

// One WebDriver session = one MiniBrowser window = one fresh, ephemeral browsing profile.
async function session(base, hint = () => '') {
  const call = async (method, path, body, timeout = 30_000) => {
    const what = `WebDriver ${method} ${path.replace(/^\/session\/[^/]+/, '') || '/session'}`;
    let json;
    try {
      const res = await fetch(base + path, {
        method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeout),
      });
      json = await res.json();
    } catch (e) {
      throw new Error(`${what}: ${e.name === 'TimeoutError' ? `no answer within ${timeout / 1000} s` : e.message}${path === '/session' ? hint() : ''}`);
    }
    if (json.value && json.value.error) throw new Error(`${what}: ${json.value.error}: ${json.value.message}${path === '/session' ? hint() : ''}`);
    return json.value;
  };
  const created = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--full-screen'] } } },
  }, 60_000); // generous: under load (a build beside it) a new MiniBrowser took over 20 s
  const s = `/session/${created.sessionId}`;
  await call('POST', `${s}/timeouts`, { script: 60_000, pageLoad: 30_000, implicit: 0 });
  let open = true;
  const find = async (css) => (await call('POST', `${s}/element`, { using: 'css selector', value: css }))[ELEMENT];
  return {
    version: created.capabilities.browserVersion,
    goto: (url) => call('POST', `${s}/url`, { url }, 40_000),
    reload: () => call('POST', `${s}/refresh`, {}, 40_000),
    // fn runs in the page (its source is sent); a returned promise is awaited (W3C execute).
    evaluate: (fn, ...args) => call('POST', `${s}/execute/sync`, { script: `return (${fn}).apply(null, arguments)`, args }, 70_000),
    // Clears the field, then types the text as key events (a scan gun) or, with paste, puts it
    // in at once as a paste does; then a real Enter key (U+E007).
    async typeInto(testid, text, { paste = false } = {}) {
      const el = await find(`[data-testid="${testid}"]`);
      await call('POST', `${s}/element/${el}/clear`, {});
      if (paste) await call('POST', `${s}/execute/sync`, { script: `return (${pasteInto}).apply(null, arguments)`, args: [{ [ELEMENT]: el }, text] });
      await call('POST', `${s}/element/${el}/value`, { text: paste ? '\uE007' : text + '\uE007' }, 60_000);
    },
    // A real click (WebDriver element click: the engine's own mouse events, pointerdown first).
    async tap(css) { await call('POST', `${s}/element/${await find(css)}/click`, {}); },
    async screenshot(path) { writeFileSync(path, Buffer.from(await call('GET', `${s}/screenshot`), 'base64')); },
    // The window is the viewport (no toolbar with --full-screen); checked by the caller.
    setViewport: (width, height) => call('POST', `${s}/window/rect`, { width, height }),
    pageErrors: () => [], // read from the injected collector instead (no event channel)
    async close() {
      if (!open) return;
      open = false;
      await call('DELETE', s, undefined, 10_000).catch(() => {});
    },
  };
}
