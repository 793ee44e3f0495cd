// Firefox ESR (Debian firefox-esr) through puppeteer-core over WebDriver BiDi (issue 20): the
// Gecko engine, which the Chromium suites cannot stand in for.
//
// Why puppeteer-core: it talks WebDriver BiDi straight to Firefox's built-in remote agent, so no
// geckodriver is needed (it is not packaged in Debian and this machine cannot download it), and
// puppeteer-core never downloads a browser. Playwright's Firefox needs its own patched build.
// What runs before the app comes from the test server (serve.mjs inject), as for WebKit, so both
// engines run the same pages; puppeteer's own `pageerror` events are collected on top.
import { existsSync } from 'node:fs';
import { pasteInto } from './inject.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

// Returns {newPage(), close()}; each page lives in its own browser context (fresh storage,
// service workers and caches).
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX} (apt-get install firefox-esr; set FIREFOX)`);
  // Imported here, so that without it (node_modules from before it was added) only Firefox fails.
  const puppeteer = (await import('puppeteer-core').catch((e) => { throw new Error(`puppeteer-core is not installed (npm ci): ${e.message}`); })).default;
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, protocolTimeout: 60_000, timeout: 60_000,
    // Overlay scrollbars, as on phones (a classic GTK scrollbar would take ~12 px of a 360 px screen).
    extraPrefsFirefox: { 'ui.useOverlayScrollbars': 1 },
  });
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.setDefaultNavigationTimeout(40_000);
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e && e.message ? e.message : e)));
      return {
        version,
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        reload: () => page.reload({ waitUntil: 'load' }),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        // Clears the field, then types the text as key events (a scan gun) or, with paste, puts
        // it in at once as a paste does; then a real Enter key.
        async typeInto(testid, text, { paste = false } = {}) {
          const el = await page.$(`[data-testid="${testid}"]`);
          await page.evaluate(pasteInto, el, '');
          if (paste) await page.evaluate(pasteInto, el, text);
          else await page.keyboard.type(text);
          await page.keyboard.press('Enter');
          await el.dispose();
        },
        // A real click (BiDi input actions: pointerdown, pointerup, click).
        tap: (css) => page.click(css),
        screenshot: (path) => page.screenshot({ path }),
        setViewport: (width, height) => page.setViewport({ width, height, deviceScaleFactor: 1 }),
        // Uncaught errors and unhandled rejections since the last call.
        pageErrors: () => errors.splice(0),
        async close() { await context.close().catch(() => {}); },
      };
    },
    async close() {
      const proc = browser.process();
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => {});
      if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}
