// The app in the two other browser engines (issue 20 item 3): WebKitGTK (MiniBrowser through
// WebKitWebDriver, the engine of Safari and iOS webviews) and Firefox ESR (puppeteer-core over
// WebDriver BiDi). The same checks in each (engines/scenario.mjs): every demo sample typed into
// the scan-gun field at three venue kinds, a camera scan (canvas.captureStream() as the camera),
// a merged card, an EU DCC card, offline start, no service worker, the live region, the iOS
// tap-first camera (camera and video refused until a real click), a real wasm trap survived (the
// crash watch reloads in the same URL settings), no page error and nothing caught by the app's
// crash watch (self.__yimaErrors, self.__yimaCrash) on any page, screenshots at 360×640 and 390×844 in zh and en
// (tests/artifacts/engines/<engine>-<w>x<h>-<lang>-<screen>.png) and the viewfinder's width.
// A missing engine is one failure with the reason, not a hang; ENGINES=webkit or =firefox runs one.
// Scripts that must run before the app come from this suite's own server (serve.mjs `inject`).
import { serve } from './serve.mjs';
import { check, DIST } from './lib.mjs';
import { ERRORS, injector, NO_SERVICE_WORKER } from './engines/inject.mjs';
import { runScenarios } from './engines/scenario.mjs';
import { launchFirefox } from './engines/firefox.mjs';
import { launchWebKit } from './engines/webkit.mjs';

const ENGINES = { webkit: launchWebKit, firefox: launchFirefox };
// A whole engine's run; past it the engine is closed and the rest is a failure.
const ENGINE_TIMEOUT_MS = Number(process.env.ENGINE_TIMEOUT_MS || 180_000);

export async function run() {
  const registry = new Map([['errors', ERRORS], ['nosw', NO_SERVICE_WORKER]]);
  const inject = injector(registry);
  const server = await serve(DIST, 0, { inject });
  const took = {};
  try {
    for (const name of (process.env.ENGINES || 'webkit,firefox').split(',')) {
      const t0 = Date.now();
      let engine = null;
      let timer;
      try {
        if (!ENGINES[name]) throw new Error(`unknown engine ${name} (ENGINES=webkit,firefox)`);
        engine = await ENGINES[name]();
      } catch (e) {
        check(`${name}: browser starts`, false, e.message);
      }
      try {
        if (!engine) continue;
        console.log(`# ${name} ${engine.version ?? ''}`.trimEnd());
        await Promise.race([
          runScenarios(engine, { url: server.url, registry, inject }),
          new Promise((_, fail) => { timer = setTimeout(() => fail(Object.assign(new Error(`not done after ${ENGINE_TIMEOUT_MS / 1000} s (ENGINE_TIMEOUT_MS): stopped`), { timeout: true })), ENGINE_TIMEOUT_MS); }),
        ]);
      } catch (e) {
        check(`${name}: ran to the end`, false, e.timeout ? e.message : e.stack || String(e));
      } finally {
        clearTimeout(timer);
        if (engine) engine.stopped = true;
        if (engine) await engine.close().catch((e) => console.log(`${name}: close: ${e}`));
        took[name] = (Date.now() - t0) / 1000;
        console.log(`# ${name}: ${took[name].toFixed(1)} s`);
      }
    }
  } finally {
    await server.close();
  }
  console.log('engines', JSON.stringify(Object.fromEntries(Object.entries(took).map(([k, v]) => [k, `${v.toFixed(1)} s`]))));
}
