// Camera faults beyond a refused permission: no camera, no mediaDevices at all (insecure page,
// some webviews), camera held by another app, the track ending mid-scan, and the page hidden and
// shown again. Each must give a clear state with the fallbacks, and recover where it can.
// Chromium's fake device cannot be made busy or unplugged, so getUserMedia is wrapped by an init
// script (errors with the names real browsers use) and the track's 'ended' event is dispatched
// on the real track; hiding overrides document.hidden and fires the real event name. Last, the
// decoder worker dies under the camera loop (the faults suite covers the photo path).
import { cameraLive, check, closeCard, faultyWorkerOnce, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

const ID = 'green_nat_20h';

// getUserMedia rejects with window.__camFault (a DOMException name) while it is set.
function faultyCamera(name) {
  window.__camFault = name;
  const md = navigator.mediaDevices;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => (window.__camFault
    ? Promise.reject(new DOMException('simulated', window.__camFault))
    : real(c));
}

async function cameraState(page) {
  const p = page.getByTestId('camera-problem');
  await p.waitFor({ timeout: 8000 }).catch(() => {});
  return p.getAttribute('data-state').catch(() => null);
}

async function fallbacksOffered(page) {
  return (await page.getByTestId('photo-input').count()) === 1
    && (await page.getByTestId('manual-input').isVisible())
    && (await page.getByTestId('camera-retry').isVisible());
}

// Sets document.hidden / visibilityState and fires visibilitychange.
async function setHidden(page, hidden) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

// Remembers the live video track, to check later that it was released.
const rememberTrack = (page) => page.evaluate(() => { window.__oldTrack = document.querySelector('video').srcObject.getVideoTracks()[0]; });
// The remembered track was stopped and the video element let go of its stream.
const released = (page) => page.evaluate(() => window.__oldTrack.readyState === 'ended' && document.querySelector('video').srcObject === null);

// Resolves true if a card appears within ms.
const cardWithin = (page, ms) => page.getByTestId('verdict').waitFor({ timeout: ms }).then(() => true, () => false);

export async function run({ url }) {
  const { dir, byId } = samples();
  const s = byId[ID];
  const browser = await launch({ y4m: `${dir}/${ID}.y4m` });
  const open = async (init) => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (init) await page.addInitScript(init.fn, init.arg);
    await page.goto(`${url}?venue=metro`);
    return { page, errors };
  };
  try {
    // No camera at all.
    {
      const { page, errors } = await open({ fn: faultyCamera, arg: 'NotFoundError' });
      await waitTrust(page);
      check('no camera → message', (await cameraState(page)) === 'NoCamera');
      check('no camera → photo, scan gun and retry offered', await fallbacksOffered(page));
      await pasteScan(page, s.qr);
      const card = await readCard(page);
      check('no camera → scan gun still verifies', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
      check('no camera → no page errors', errors.length === 0, errors.join(' | '));
      await page.close();
    }
    // No navigator.mediaDevices (insecure origin, restricted webview).
    {
      const { page, errors } = await open({ fn: () => { Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: () => undefined }); } });
      await waitTrust(page);
      check('no mediaDevices → no-camera message', (await cameraState(page)) === 'NoCamera');
      check('no mediaDevices → fallbacks offered', await fallbacksOffered(page));
      check('no mediaDevices → no page errors', errors.length === 0, errors.join(' | '));
      await page.close();
    }
    // Camera held by another app, then released: retry gets it and scanning works.
    {
      const { page, errors } = await open({ fn: faultyCamera, arg: 'NotReadableError' });
      check('camera in use → message', (await cameraState(page)) === 'InUse');
      check('camera in use → fallbacks offered', await fallbacksOffered(page));
      await page.evaluate(() => { window.__camFault = null; });
      await page.getByTestId('camera-retry').click();
      check('camera in use → retry after release goes live', await cameraLive(page));
      check('camera in use → message gone once live', (await page.getByTestId('camera-problem').count()) === 0);
      const card = await readCard(page, 15000);
      check('camera in use → scans after recovery', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
      check('camera in use → no page errors', errors.length === 0, errors.join(' | '));
      await page.close();
    }
    // The track ends mid-scan (unplugged, taken over): state shown, loop stopped, retry resumes.
    {
      const { page, errors } = await open();
      const first = await readCard(page, 15000);
      check('track ended: scanning before', first?.verdict === s.expect.metro, `got ${first?.verdict}`);
      await rememberTrack(page);
      await page.evaluate(() => window.__oldTrack.dispatchEvent(new Event('ended')));
      check('track ended → message', (await cameraState(page)) === 'Ended');
      check('track ended → fallbacks and retry offered', await fallbacksOffered(page));
      check('track ended → tracks released', await released(page));
      await closeCard(page);
      check('track ended → no scanning while stopped', !(await cardWithin(page, 1500)));
      await page.getByTestId('camera-retry').click();
      check('track ended → retry goes live', await cameraLive(page));
      const again = await readCard(page, 15000);
      check('track ended → scans after retry', again?.verdict === s.expect.metro, `got ${again?.verdict}`);
      check('track ended → no page errors', errors.length === 0, errors.join(' | '));
      await page.close();
    }
    // Page hidden (staff switch apps) and shown again: camera released, then resumed by itself.
    {
      const { page, errors } = await open();
      check('hidden: live before', await cameraLive(page, 15000));
      await readCard(page, 15000);
      await rememberTrack(page);
      await setHidden(page, true);
      check('hidden → camera released', await released(page));
      check('hidden → viewfinder not live', (await page.locator('.viewfinder.live').count()) === 0);
      await closeCard(page);
      check('hidden → no scanning', !(await cardWithin(page, 1500)));
      await setHidden(page, false);
      check('shown again → live without a tap', await cameraLive(page));
      const again = await readCard(page, 15000);
      check('shown again → scans', again?.verdict === s.expect.metro, `got ${again?.verdict}`);
      check('hidden/shown → no page errors', errors.length === 0, errors.join(' | '));
      await page.close();
    }
    // The decoder worker traps on its first camera frame (a wasm panic would do this): the page
    // starts a fresh worker and the camera loop goes on to a verdict.
    // Service workers blocked: a worker script served from the SW cache would bypass the route.
    {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const served = await faultyWorkerOnce(page, TRAP_ON_FIRST_FRAME);
      await page.goto(`${url}?venue=metro`);
      const card = await readCard(page, 15000);
      const restarts = await page.evaluate(() => self.__yimaWorkerRestarts || 0);
      check('camera loop, worker traps → restarted', served() >= 2 && restarts >= 1, `served ${served()}×, restarts ${restarts}`);
      check('camera loop, worker traps → scanning continues to a verdict', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
      check('camera loop, worker traps → no page errors', errors.length === 0, errors.join(' | '));
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

// Appended to the worker script: its live Scanner throws a wasm trap on the first frame.
const TRAP_ON_FIRST_FRAME = `\n;ready.then(() => { const P = wasm_bindgen.Scanner.prototype, real = P.scan_rgba; let once = true;
  P.scan_rgba = function (...a) { if (once) { once = false; throw new WebAssembly.RuntimeError('unreachable'); } return real.apply(this, a); }; });`;
