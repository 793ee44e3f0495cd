// The checks run in each non-Chromium engine (suite-engines.mjs), through the small page
// interface both adapters give (webkit.mjs, firefox.mjs):
//   goto(url) reload() evaluate(fn, ...args) typeInto(testid, text, {paste})+Enter tap(css)
//   screenshot(path) setViewport(w, h) pageErrors() close()
// Waits poll inside the page (one round trip each), always with a timeout. Check names start
// with the engine's name.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '../serve.mjs';
import { ARTIFACTS, check as record, DIST, REVOKED_TEXT, ROOT, samples } from '../lib.mjs';
import { camera, ERRORS, readErrors, TAP_FIRST } from './inject.mjs';

export const SHOTS = join(ARTIFACTS, 'engines');
const VENUES = ['metro', 'mall', 'leave_city'];
const VIEWPORTS = [[360, 640], [390, 844]];
// The verdict words the live region starts with (zh; yima_core::verdict_text).
const WORDS = { pass: '通过', deny: '不通过', check: '人工核验' };

// Resolves to fn(...args)'s first truthy value, polled in the page every 50 ms; null after
// `timeout` ms. Survives navigations (a failed round trip is retried until the deadline).
export async function waitFor(page, fn, args = [], timeout = 8000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    try {
      const v = await page.evaluate((src, a, ms) => new Promise((resolve) => {
        const pred = (0, eval)(`(${src})`);
        const t0 = Date.now();
        const poll = () => {
          let r = null;
          try { r = pred(...a); } catch (e) { r = null; }
          if (r) resolve(r); else if (Date.now() - t0 > ms) resolve(null); else setTimeout(poll, 50);
        };
        poll();
      }), fn.toString(), args, left);
      if (v || Date.now() >= deadline) return v ?? null;
    } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
}

const cardNow = () => {
  const v = document.querySelector('[data-testid=verdict]');
  const c = document.querySelector('[data-testid=card]');
  return v && c ? { verdict: v.getAttribute('data-verdict'), merged: c.getAttribute('data-merged'), sources: Number(c.getAttribute('data-sources')), text: c.innerText } : null;
};
const readCard = (page, timeout = 8000) => waitFor(page, cardNow, [], timeout);

// Trust data loaded (the status strip says how old it is).
const waitTrust = (page, timeout = 15000) => waitFor(page, () => {
  const t = document.querySelector('[data-testid=trust-age]');
  return !!t && /信任数据|Trust data/.test(t.textContent) && !/无|No trust/.test(t.textContent);
}, [], timeout);

// Taps the card away (as a person does); true when no card is left.
async function closeCard(page) {
  const had = await page.evaluate(() => { const c = document.querySelector('[data-testid=card]'); if (c) c.click(); return !!c; });
  return !had || !!(await waitFor(page, () => !document.querySelector('[data-testid=card]'), [], 3000));
}

const click = (page, testid) => page.evaluate((id) => { const el = document.querySelector(`[data-testid="${id}"]`); if (el) el.click(); return !!el; }, testid);
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));

// The text into the scan-gun / paste field + Enter: pasted (at once), or typed as key events
// (a scan gun; slow: about 2.7 s for 400 characters in WebKit, 0.9 s in Firefox, as the page
// handles each key). The card, or null when none came.
async function scan(page, text, { timeout = 8000, typed = false } = {}) {
  if (!(await closeCard(page))) return { verdict: null, note: 'the previous card did not close' };
  await page.typeInto('manual-input', text, { paste: !typed });
  return readCard(page, timeout);
}

// Same rule as suite-dcc.mjs: $YIMA_DGC_TESTDATA, else shared/dgc-testdata in or above the repo.
function dgcTestdata() {
  if (process.env.YIMA_DGC_TESTDATA) return process.env.YIMA_DGC_TESTDATA;
  for (let d = ROOT; ; d = dirname(d)) {
    if (existsSync(join(d, 'shared/dgc-testdata'))) return join(d, 'shared/dgc-testdata');
    if (d === dirname(d)) return null;
  }
}

const describe = (c) => (c ? `${c.verdict}${c.note ? ' (' + c.note + ')' : ''}` : 'no card');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// True once the page that set window[marker] is gone and a new one has loaded (a reload the
// page did by itself); false after `timeout` ms. Short synchronous round trips, so none is left
// waiting in a page that goes away.
async function reloadedSince(page, marker, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await page.evaluate((m) => !self[m] && document.readyState === 'complete', marker).catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

export async function runScenarios(engine, { url, registry, inject }) {
  const T = (name) => `${engine.name}: ${name}`;
  // Nothing more is recorded once the suite has given up on this engine (its time is over).
  const check = (...a) => (engine.stopped ? false : record(...a));
  mkdirSync(SHOTS, { recursive: true });

  // Page errors seen by this page since the last look (collector + crash watch + driver events),
  // then, as a check of its own, the app's crash watch (index.html): no error in
  // self.__yimaErrors, self.__yimaCrash unset. `afterTrap`: the page the crash watch reloaded to
  // after the trap check's deliberate trap (the collector's list of this page load only; being
  // a recovered page is expected).
  async function noErrors(page, label, { collector = true, afterTrap = false } = {}) {
    const r = await page.evaluate(readErrors).catch((e) => ({ errors: [`(could not read the page: ${e.message})`], page: [], app: [], appWatch: null, crash: null, collector: false }));
    if (afterTrap) { r.errors = r.page; r.recovered = null; }
    // Firefox reports a service worker's failed respondWith() (offline: the network-first fetch
    // of an endpoint file) as a script error of the page; that is the network, not the page.
    const noise = (e) => /^Failed to load ‘[^’]*’\. A ServiceWorker passed a promise to FetchEvent\.respondWith\(\) that rejected/.test(e);
    const driver = page.pageErrors();
    if (driver.some(noise)) console.log(`NOTE ${engine.name} (${label}): ${driver.filter(noise).length} failed service-worker fetches reported as page errors (not counted)`);
    const all = [...new Set([...r.errors, ...driver.filter((e) => !noise(e))])];
    if (collector && !r.collector) all.push('(the injected error collector is not in the page)');
    if (r.crash) all.push(`the crash watch fired (crash ${r.crash} in 2 min): crash notice shown, page reloading`);
    // The page the crash watch reloaded to (each check here is followed by a navigation).
    if (r.recovered) all.push(`this page was reloaded by the crash watch (${r.recovered})`);
    check(T(`no page error (${label})`), !all.length, all.join(' | ').slice(0, 600));
    const watch = [...(r.appWatch === false ? ['(no crash watch in the page: self.__yimaErrors is not there)'] : []), ...r.app, ...(r.crash ? [`self.__yimaCrash = ${r.crash}`] : [])];
    if (r.appWatch !== null) check(T(`crash watch: no error caught, no crash (${label})`), !watch.length, watch.join(' | ').slice(0, 600));
    await page.evaluate(() => { try { sessionStorage.removeItem('__testErrors'); } catch (e) { /* none */ } if (self.__yimaErrors) self.__yimaErrors.length = 0; }).catch(() => {});
  }

  const page = await engine.newPage();
  try {
    await page.setViewport(390, 844);

    // 1 + 7: every sample at three venue kinds, typed into the scan-gun field; the live region.
    for (const venue of VENUES) {
      await page.goto(`${url}?venue=${venue}&region=310000&__t=errors`);
      if (!check(T(`trust data loaded @${venue}`), !!(await waitTrust(page)))) { await noErrors(page, `paste @${venue}`); continue; }
      // At metro the first sample of each verdict is typed key by key (the scan gun), the rest
      // pasted; the typed ones are also the ones whose announcement is checked.
      const announced = new Set();
      for (const s of samples().list) {
        const typed = venue === 'metro' && !announced.has(s.expect.metro);
        announced.add(s.expect.metro);
        const card = await scan(page, samples().byId[s.id].qr, { typed });
        check(T(`${typed ? 'typed' : 'paste'} ${s.id} @${venue}`), card?.verdict === s.expect[venue], `got ${describe(card)}, want ${s.expect[venue]}`);
        if (s.id === 'revoked_credential') check(T(`paste revoked_credential shows the revocation reason @${venue}`), REVOKED_TEXT.test(card?.text ?? ''), card?.text);
        if (typed && card?.verdict) {
          const word = WORDS[card.verdict];
          const said = await waitFor(page, (w) => { const l = document.querySelector('[data-testid=live]'); return l && l.textContent.trim().startsWith(w) ? l.textContent : null; }, [word], 3000);
          const now = said ?? await page.evaluate(() => document.querySelector('[data-testid=live]')?.textContent ?? '(no live region)');
          check(T(`live region announces the ${card.verdict} verdict`), !!said, `live region: ${JSON.stringify(now).slice(0, 200)}`);
        }
      }
      if (venue === 'metro') {
        // 3: a health code, then another province's paper report → one merged card.
        const [a, b, expect] = samples().merge[0];
        const first = await scan(page, samples().byId[a].qr);
        await page.typeInto('manual-input', samples().byId[b].qr, { paste: true });
        const merged = await waitFor(page, () => !!document.querySelector('[data-testid=card][data-sources="2"]'), [], 5000) ? await readCard(page, 1000) : await readCard(page, 500);
        check(T(`merge ${a}+${b} @metro`), merged?.sources === 2 && merged?.merged === 'true' && merged?.verdict === expect.metro,
          `first ${describe(first)}; got ${JSON.stringify({ v: merged?.verdict, s: merged?.sources, m: merged?.merged })}, want ${expect.metro} from 2 sources`);
        // 4: an EU DCC (HC1) code.
        const dir = dgcTestdata();
        if (!dir) console.log(`NOTE ${engine.name}: DCC check skipped: no shared/dgc-testdata beside the repo (set YIMA_DGC_TESTDATA)`);
        else {
          const text = JSON.parse(readFileSync(join(dir, 'DE/1.json'), 'utf8')).PREFIX;
          let want = null;
          try {
            const issuer = process.env.YIMA_ISSUER || join(ROOT, 'target/debug/yima-issuer');
            want = JSON.parse(execFileSync(issuer, ['verify', '--json', '--venue', 'metro', '--at', new Date().toISOString(), '--keys', join(DIST, 'endpoint/keys.json'), '--policies', join(DIST, 'endpoint/policies.json'), text])).verdict;
          } catch { /* no CLI: any card will do */ }
          const card = await scan(page, text, { timeout: 15000 });
          check(T('dcc DE/1.json shows its card'), !!card?.verdict && (!want || card.verdict === want), `got ${describe(card)}${want ? ', want ' + want : ''}`);
        }
      }
      await noErrors(page, `paste @${venue}`);
    }

    // 9: layout, screenshots at two phone sizes in zh and en; the viewfinder fills its column.
    const metro = Object.fromEntries(['pass', 'deny', 'check'].map((v) => [v, samples().list.find((s) => s.expect.metro === v)?.id]));
    for (const [w, h] of VIEWPORTS) {
      await page.setViewport(w, h);
      for (const lang of ['zh', 'en']) {
        const shot = (screen) => page.screenshot(join(SHOTS, `${engine.name}-${w}x${h}-${lang}-${screen}.png`));
        await page.goto(`${url}?venue=metro&region=310000&lang=${lang}&__t=errors`);
        await waitTrust(page);
        const size = await page.evaluate(() => [innerWidth, innerHeight]);
        if (lang === 'zh') {
          check(T(`viewport is ${w}×${h}`), size[0] === w && size[1] === h, `innerWidth×innerHeight ${size.join('×')}`);
          const vf = await page.evaluate(() => {
            const v = document.querySelector('.viewfinder');
            if (!v || !v.parentElement) return null;
            return { w: v.getBoundingClientRect().width, col: v.parentElement.getBoundingClientRect().width, h: v.getBoundingClientRect().height };
          });
          check(T(`viewfinder ≥ 90 % of its column's width at ${w}×${h}`), vf && vf.w >= 0.9 * vf.col,
            vf ? `${vf.w.toFixed(0)} of ${vf.col.toFixed(0)} px (${Math.round((100 * vf.w) / vf.col)} %), ${vf.h.toFixed(0)} px high` : 'no .viewfinder');
        }
        await frames(page);
        await shot('scan');
        for (const [verdict, id] of Object.entries(metro)) {
          const card = await scan(page, samples().byId[id].qr);
          if (card) { await frames(page); await shot(verdict); }
          check(T(`${w}×${h} ${lang}: ${verdict} card (${id})`), card?.verdict === verdict, `got ${describe(card)}`);
        }
        await closeCard(page);
        await click(page, 'nav-settings');
        const settings = await waitFor(page, () => !!document.querySelector('[data-testid=endpoint-status]'), [], 5000);
        if (settings) { await frames(page); await shot('settings'); }
        check(T(`${w}×${h} ${lang}: settings screen`), !!settings);
        await click(page, 'nav-demo');
        const codes = await waitFor(page, () => document.querySelectorAll('[data-sample] svg').length, [], 10000);
        if (codes) { await frames(page); await shot('demo'); }
        check(T(`${w}×${h} ${lang}: demo screen shows its codes`), codes === samples().list.length, `${codes} codes for ${samples().list.length} samples`);
        await noErrors(page, `screens ${w}×${h} ${lang}`);
      }
    }

    // A trap is survivable. Demo builds panic on the next scan once self.__yimaInjectPanic is
    // set: a real wasm trap (RuntimeError). The crash watch (index.html) says so and reloads the
    // page by itself, with the settings the URL gave (kiosk: no settings tab) and the notice that
    // it restarted. 60 h NAT: a Guangdong mall (72 h) passes it, a Shanghai one (48 h) denies,
    // so the verdict after the reload shows that the region came back too.
    {
      const query = '?venue=mall&region=440300&lang=en&kiosk=1&__t=errors';
      await page.goto(url + query);
      const trust = await waitTrust(page);
      const s = samples().byId.green_nat_60h;
      const before = await page.evaluate(() => {
        try { sessionStorage.removeItem('__testErrors'); } catch (e) { /* none */ }
        self.__yimaInjectPanic = 1;
        self.__beforeTrap = 1;
        return document.querySelector('[data-testid=venue]')?.textContent ?? null;
      });
      await page.typeInto('manual-input', s.qr, { paste: true });
      const said = await waitFor(page, () => document.querySelector('[data-testid=crash]')?.textContent || null, [], 3000);
      const first = await page.evaluate(readErrors).catch((e) => ({ page: [`(could not read the page: ${e.message})`], app: [], crash: null }));
      check(T('trap: the page says so in words'), /error and is restarting/.test(said ?? ''), said ? JSON.stringify(said) : `no [data-testid=crash]; trust data ${trust ? 'loaded' : 'not loaded'}; ${JSON.stringify(first).slice(0, 400)}`);
      const reloaded = await reloadedSince(page, '__beforeTrap', 10000);
      check(T('trap: the page reloads by itself'), reloaded, 'the page that trapped was still there after 10 s');
      // The trapped page: the crash watch fired once, on the trap's RuntimeError and nothing else.
      const driver = page.pageErrors();
      check(T('trap: the first page caught the RuntimeError of the trap, no other error'),
        first.crash === 1 && first.page.length > 0 && first.page.every((e) => /^RuntimeError/.test(e)) && first.app.length === first.page.length,
        JSON.stringify({ crash: first.crash, collector: first.page, crashWatch: first.app, driver }).slice(0, 800));
      const mounted = reloaded && (await waitTrust(page, 10000));
      const after = await page.evaluate(() => ({
        search: location.search, lang: document.documentElement.lang, settingsTab: !!document.querySelector('[data-testid=nav-settings]'),
        venue: document.querySelector('[data-testid=venue]')?.textContent ?? null,
      }));
      check(T('trap: same URL settings after the reload (venue, region, language, kiosk)'),
        after.search === query && after.lang === 'en' && !after.settingsTab && after.venue === before,
        `${JSON.stringify(after)}; want search ${query}, lang en, no settings tab, venue ${JSON.stringify(before)}; trust data ${mounted ? 'loaded' : 'not loaded'}`);
      const notice = await waitFor(page, () => document.querySelector('[data-testid=notice]')?.textContent || null, [], 3000);
      check(T('trap: after the reload the page says it restarted'), /restarted itself/.test(notice ?? ''), notice ? JSON.stringify(notice) : 'no [data-testid=notice]');
      const card = await scan(page, s.qr);
      check(T('trap: the next scan gets its verdict (green_nat_60h @ Guangdong mall: pass)'), card?.verdict === 'pass' && s.expect.mall === 'deny',
        `got ${describe(card)}, want pass (a Shanghai mall: ${s.expect.mall})`);
      await noErrors(page, 'after the trap, reloaded', { afterTrap: true });
    }
  } finally {
    await page.close();
  }

  // 2: the camera: canvas.captureStream() standing in for getUserMedia, in a fresh profile.
  await withPage(async (page) => {
    const { dir, byId } = samples();
    const id = 'all_clear';
    const s = byId[id];
    registry.set('cam', camera('data:image/png;base64,' + readFileSync(join(dir, `${id}.png`)).toString('base64')));
    await page.goto(`${url}?venue=metro&region=310000&__t=errors,cam`);
    const card = await readCard(page, 20000);
    const state = await page.evaluate(() => ({ calls: self.__camCalls, live: !!document.querySelector('.viewfinder.live'), problem: document.querySelector('[data-testid=camera-problem]')?.textContent ?? null }));
    check(T(`camera ${id} @metro`), card?.verdict === s.expect.metro, `got ${describe(card)}, want ${s.expect.metro}; camera ${JSON.stringify(state)}`);
    await noErrors(page, 'camera');

    // iOS tap-first camera: in-app webviews refuse the camera and video.play() until the page's
    // first tap. The page asks for a tap (not "denied"); a real click (WebDriver / BiDi:
    // pointerdown first) starts the camera, which plays inline and muted; the code is read.
    registry.set('tapfirst', TAP_FIRST);
    await page.goto(`${url}?venue=metro&region=310000&__t=errors,cam,tapfirst`);
    const cam = () => page.evaluate(() => ({
      state: document.querySelector('[data-testid=camera-problem]')?.getAttribute('data-state') ?? null, refused: self.__tapRefused, tapped: self.__tapped, activationClaimed: self.__activationClaimed, activation: navigator.userActivation && navigator.userActivation.hasBeenActive, calls: self.__camCalls,
      live: !!document.querySelector('.viewfinder.live'), button: document.querySelector('[data-testid=camera-retry]')?.textContent ?? null,
    }));
    const asked = await waitFor(page, () => document.querySelector('[data-testid=camera-problem][data-state=NeedsTap]') && /开启摄像头|Start the camera/.test(document.querySelector('[data-testid=camera-retry]')?.textContent ?? ''), [], 8000);
    check(T('iOS tap-first camera: refused before a tap → asks for a tap (NeedsTap, "Start the camera")'), !!asked, JSON.stringify(await cam()));
    let tapped = 'ok';
    await page.tap('[data-testid=camera-retry]').catch((e) => { tapped = e.message; });
    const live = await waitFor(page, () => !!document.querySelector('.viewfinder.live'), [], 8000);
    check(T('iOS tap-first camera: the tap starts the camera'), !!live, `click: ${tapped}; ${JSON.stringify(await cam())}`);
    const video = await page.evaluate(() => { const v = document.querySelector('video'); return v ? { playsinline: v.hasAttribute('playsinline'), muted: v.muted, paused: v.paused } : null; });
    check(T('iOS tap-first camera: the video plays inline and muted (playsinline, .muted)'), video?.playsinline === true && video?.muted === true, JSON.stringify(video));
    const tapCard = live ? await readCard(page, 15000) : null;
    check(T(`iOS tap-first camera: and the code is read (${id} @metro)`), tapCard?.verdict === s.expect.metro, `got ${describe(tapCard)}, want ${s.expect.metro}`);
    await noErrors(page, 'iOS tap-first camera');
  });

  // 5: offline start after one visit, from a server of its own (its own origin), then stopped.
  // That server puts the error collector into every index.html it sends (not only on `__t=`),
  // so the copy the service worker keeps has it too.
  await withPage(async (page) => {
    const own = await serve(DIST, 0, { inject: (req) => inject(req) ?? ERRORS });
    try {
      await page.goto(`${own.url}?venue=metro`);
      await waitTrust(page);
      const controlled = await page.evaluate(async () => {
        if (!navigator.serviceWorker) return 'no navigator.serviceWorker';
        const ready = await Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 15000))]);
        if (!ready) return 'not ready after 15 s';
        for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
        return navigator.serviceWorker.controller ? true : 'ready, but no controller after 10 s';
      }).catch((e) => String(e));
      check(T('service worker controls the page after one visit'), controlled === true, String(controlled));
      await noErrors(page, 'offline: first visit');
      await own.close();
      let reloaded = 'ok';
      await page.reload().catch((e) => { reloaded = e.message; });
      const mounted = await waitFor(page, () => !!document.querySelector('[data-testid=manual-input]'), [], 15000);
      check(T('offline reload: the app starts'), !!mounted, `reload: ${reloaded}; page: ${await page.evaluate(() => document.body?.innerText?.slice(0, 200)).catch((e) => e.message)}`);
      if (mounted) {
        await waitTrust(page, 5000);
        const s = samples().byId.green_nat_20h;
        const card = await scan(page, s.qr);
        check(T('offline reload: a pasted sample gets its verdict'), card?.verdict === s.expect.metro, `got ${describe(card)}, want ${s.expect.metro}`);
      }
      await noErrors(page, 'offline reload');
    } finally {
      await own.close().catch(() => {});
    }
  });

  // 6: no service worker at all (iOS in-app webviews): works online, says offline is not
  // available. A fresh profile, so nothing is stored from the visits above.
  await withPage(async (page) => {
    await page.goto(`${url}?venue=metro&region=310000&__t=errors,nosw`);
    const hidden = await page.evaluate(() => self.__noServiceWorker ?? null);
    const trust = await waitTrust(page);
    const s = samples().byId.green_nat_20h;
    const card = trust ? await scan(page, s.qr) : null;
    check(T('no service worker: a pasted sample gets its verdict online'), card?.verdict === s.expect.metro, `got ${describe(card)}, want ${s.expect.metro}; trust data ${trust ? 'loaded' : 'not loaded'}; serviceWorker ${hidden}`);
    await closeCard(page);
    const note = await waitFor(page, () => { const n = document.querySelector('[data-testid=offline-note]'); return n && /Safari|PWA|离线/.test(n.textContent) ? n.textContent : null; }, [], 3000);
    check(T('no service worker: the page says offline use is not available (offline-note)'), !!note, 'no [data-testid=offline-note] mentioning Safari / PWA / 离线');
    await page.screenshot(join(SHOTS, `${engine.name}-390x844-zh-no-service-worker.png`));
    await noErrors(page, 'no service worker');
  });

  // A fresh page (fresh profile) at 390×844 for fn, closed after.
  async function withPage(fn) {
    const page = await engine.newPage();
    try {
      await page.setViewport(390, 844);
      await fn(page);
    } finally {
      await page.close();
    }
  }
}
