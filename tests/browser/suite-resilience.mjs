// No browser API can kill the page (issue 20). In Chromium, init scripts take away or break the
// APIs other engines lack or refuse (vibration as in Safari and Firefox, audio, storage as in
// private modes, User Timing, service workers as in iOS webviews, OffscreenCanvas,
// createImageBitmap): every scan still gets its verdict, with no page error. Then a real panic in
// the wasm (demo builds' test hook): the page says so, reloads by itself in the same venue,
// region, language and kiosk settings, and the next scan gets its verdict. Last, the iOS camera
// path: a camera and a video that start only after a tap.
import { cameraLive, check, closeCard, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

// A pass, a deny and a check at a Shanghai mall.
const IDS = ['green_nat_20h', 'yellow', 'paper_report_anhui'];

// Every API below throws when called, or is missing, as in some engine or mode.
function breakApis() {
  const boom = (what) => function () { throw new Error(`injected: ${what}`); };
  window.__vibrateCalls = 0;
  Navigator.prototype.vibrate = function () { window.__vibrateCalls++; throw new TypeError('injected: vibrate is not a function'); };
  window.AudioContext = boom('AudioContext');
  window.webkitAudioContext = undefined;
  for (const m of ['getItem', 'setItem', 'removeItem']) Storage.prototype[m] = boom(`localStorage.${m}`);
  Performance.prototype.mark = boom('performance.mark');
  Performance.prototype.measure = boom('performance.measure');
  Object.defineProperty(Navigator.prototype, 'serviceWorker', { configurable: true, get: () => undefined });
  window.OffscreenCanvas = undefined;
  window.createImageBitmap = undefined;
  window.BroadcastChannel = undefined;
}

// Safari's and Firefox's navigator: no vibrate at all.
function noVibrate() { delete Navigator.prototype.vibrate; }

// localStorage refused (private mode, some webviews): settings can only survive a reload by
// other means.
function noStorage() {
  for (const m of ['getItem', 'setItem', 'removeItem']) Storage.prototype[m] = function () { throw new DOMException('injected', 'SecurityError'); };
}

async function open(browser, url, query, init) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const fn of init) await page.addInitScript(fn);
  await page.goto(`${url}?${query}`);
  await waitTrust(page);
  return { page, errors };
}

async function scanAll(page, venue, label) {
  for (const id of IDS) {
    const s = samples().byId[id];
    await closeCard(page);
    await pasteScan(page, s.qr);
    const card = await readCard(page);
    check(`${label}: ${id} @${venue}`, card?.verdict === s.expect[venue], `got ${card?.verdict}, want ${s.expect[venue]}`);
  }
}

const venueShown = (page) => page.getByTestId('venue').innerText().catch(() => '');

export async function run({ url }) {
  const browser = await launch();
  try {
    // 1. Broken and missing APIs.
    for (const [label, init] of [['no vibrate (Safari, Firefox)', [noVibrate]], ['every fragile API broken', [breakApis]]]) {
      const { page, errors } = await open(browser, url, 'venue=mall&region=310000', init);
      await scanAll(page, 'mall', label);
      const state = await page.evaluate(() => ({ crash: self.__yimaCrash || null, errors: self.__yimaErrors || [], vib: self.__vibrateCalls ?? null }));
      check(`${label}: no page error, nothing trapped`, errors.length === 0 && !state.crash && state.errors.length === 0, JSON.stringify({ errors, ...state }));
      if (label.startsWith('every')) {
        check(`${label}: vibration was tried (and its error kept from the verdict)`, state.vib >= IDS.length, `calls ${state.vib}`);
        const note = await page.getByTestId('offline-note').innerText().catch(() => '');
        check(`${label}: no service worker → says offline needs Safari/Chrome or the home screen`, /离线|Safari/.test(note), note);
      }
      await page.close();
    }

    // 2. A trap, in kiosk mode with URL settings.
    {
      const { page, errors } = await open(browser, url, 'venue=mall&region=440300&lang=en&kiosk=1', []);
      const before = await venueShown(page);
      await page.evaluate(() => { self.__yimaInjectPanic = 1; });
      // 60 h NAT: a Guangdong mall (72 h) passes it where a Shanghai one (48 h) denies, so the
      // verdict shows that the region came back too.
      const s = samples().byId['green_nat_60h'];
      const reloaded = page.waitForEvent('load', { timeout: 10000 }).then(() => true, () => false);
      await pasteScan(page, s.qr);
      const said = await page.getByTestId('crash').innerText({ timeout: 3000 }).catch(() => '');
      check('trap: the page says so in words', /error and is restarting/.test(said), said || `no notice; errors: ${errors.join(' | ')}`);
      check('trap: the page reloads by itself', await reloaded);
      await waitTrust(page).catch(() => {});
      const after = await page.evaluate(() => ({ url: location.search, lang: document.documentElement.lang, crash: self.__yimaCrash || null }));
      check('trap: same URL settings after the reload (venue, region, language, kiosk)',
        after.url === '?venue=mall&region=440300&lang=en&kiosk=1' && after.lang === 'en' && (await page.getByTestId('nav-settings').count()) === 0 && (await venueShown(page)) === before && !after.crash,
        JSON.stringify({ ...after, before, venue: await venueShown(page) }));
      const notice = await page.getByTestId('notice').innerText().catch(() => '');
      check('trap: after the reload the page says it restarted', /restarted itself/.test(notice), notice);
      await pasteScan(page, s.qr);
      const card = await readCard(page);
      check('trap: the next scan gets its verdict (Guangdong mall)', card?.verdict === 'pass' && s.expect.mall === 'deny', `got ${card?.verdict}, want pass`);
      await page.close();
    }

    // 3. A trap after settings were changed on the page, with storage refused: they come back
    //    through the reload all the same.
    {
      const { page } = await open(browser, url, '', [noStorage]);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('lang-select').selectOption('en');
      await page.getByTestId('venue-select').selectOption('school');
      await page.getByTestId('nav-scan').click();
      const before = await venueShown(page);
      await page.evaluate(() => { self.__yimaInjectPanic = 1; });
      const reloaded = page.waitForEvent('load', { timeout: 10000 }).then(() => true, () => false);
      const s = samples().byId['green_nat_20h']; // check at a school, pass at the default metro
      await pasteScan(page, s.qr);
      check('trap, storage refused: the page reloads by itself', await reloaded);
      await waitTrust(page).catch(() => {});
      const lang = await page.evaluate(() => document.documentElement.lang);
      check('trap, storage refused: language and venue set on the page are kept', lang === 'en' && (await venueShown(page)) === before, `lang ${lang}, venue ${await venueShown(page)} (was ${before})`);
      await pasteScan(page, s.qr);
      const card = await readCard(page);
      check('trap, storage refused: the next scan is judged for that venue', card?.verdict === s.expect.school, `got ${card?.verdict}, want ${s.expect.school}`);

      // A fourth crash within two minutes: no reload loop, a button instead. (The watch reads
      // the count from window.name at load.)
      await page.evaluate(() => { name = `yima-recover:3:${Date.now()}:-`; });
      await page.reload();
      await waitTrust(page).catch(() => {});
      await page.evaluate(() => { self.__yimaInjectPanic = 1; });
      let navigated = false;
      page.once('load', () => { navigated = true; });
      await pasteScan(page, s.qr);
      const said = await page.getByTestId('crash').innerText({ timeout: 3000 }).catch(() => '');
      await page.waitForTimeout(2500);
      check('crash loop: stops reloading and offers a reload button', /keeps failing|反复出错/.test(said) && !navigated, `${said}; reloaded: ${navigated}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  await tapFirst(url);
}

// iOS in-app webviews: getUserMedia and video.play() are refused until the page has had a tap.
async function tapFirst(url) {
  const { dir, byId } = samples();
  const s = byId.green_nat_20h;
  const browser = await launch({ y4m: `${dir}/green_nat_20h.y4m` });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      let tapped = false;
      document.addEventListener('pointerdown', () => { tapped = true; }, true);
      const md = navigator.mediaDevices;
      const real = md.getUserMedia.bind(md);
      md.getUserMedia = (c) => (tapped ? real(c) : Promise.reject(new DOMException('gesture needed', 'NotAllowedError')));
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function () { return tapped ? play.call(this) : Promise.reject(new DOMException('gesture needed', 'NotAllowedError')); };
    });
    await page.goto(`${url}?venue=metro`);
    // The app mounts the video once its wasm runs, which can be after the load event.
    await page.waitForSelector('video', { state: 'attached', timeout: 10000 }).catch(() => {});
    check('iOS camera: the video is marked to play inline and muted from the start', await page.evaluate(() => { const v = document.querySelector('video'); return !!v && v.hasAttribute('playsinline') && v.hasAttribute('muted'); }));
    const problem = page.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 8000 }).catch(() => {});
    const state = await problem.getAttribute('data-state').catch(() => null);
    const button = await page.getByTestId('camera-retry').innerText().catch(() => '');
    check('iOS camera: refused before a tap → asks for a tap, not "denied"', state === 'NeedsTap' && /开启摄像头|Start the camera/.test(button), `state ${state}, button ${button}`);
    await page.getByTestId('camera-retry').click().catch(() => {});
    check('iOS camera: the tap starts the camera', await cameraLive(page, 8000));
    check('iOS camera: it plays muted and inline', await page.evaluate(() => { const v = document.querySelector('video'); return !!v && v.muted && v.hasAttribute('playsinline') && !v.paused; }));
    const card = await readCard(page, 15000);
    check('iOS camera: and the code is read', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
    check('iOS camera: no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
  }
}
