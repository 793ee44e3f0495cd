// Torch and camera switch. Chromium's fake camera has neither a torch nor a second camera, so an
// init script gives the real fake track a torch capability and records applyConstraints, lists
// a second camera, and records which deviceId getUserMedia was asked for (serving the fake
// camera either way). Checks the buttons appear only when supported, the torch is switched on
// and off on the live track, and switching releases the old track and keeps scanning.
import { cameraLive, check, launch, samples, waitTrust } from './lib.mjs';

const ID = 'green_nat_20h';

function twoCamerasWithTorch() {
  window.__torch = [];
  window.__asked = [];
  const P = MediaStreamTrack.prototype;
  const caps = P.getCapabilities;
  P.getCapabilities = function () { return { ...(caps ? caps.call(this) : {}), torch: true }; };
  P.applyConstraints = function (c) { window.__torch.push(c && c.advanced && c.advanced[0] ? c.advanced[0].torch : undefined); return Promise.resolve(); };
  const md = navigator.mediaDevices;
  const gum = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => {
    const id = c && c.video && c.video.deviceId && c.video.deviceId.exact;
    window.__asked.push(id || null);
    return gum({ video: true, audio: false }).then((s) => {
      const t = s.getVideoTracks()[0];
      const settings = t.getSettings.bind(t);
      t.getSettings = () => ({ ...settings(), deviceId: id || 'cam-back' }); // facing "environment" → the back camera
      window.__lastTrack = t;
      return s;
    });
  };
  md.enumerateDevices = () => Promise.resolve([
    { kind: 'videoinput', deviceId: 'cam-back', label: 'back', groupId: 'a' },
    { kind: 'videoinput', deviceId: 'cam-front', label: 'front', groupId: 'b' },
  ]);
}

// The code stays in the fake camera's view, so its card keeps covering the controls: press the
// buttons directly rather than through a pointer.
const press = (page, id) => page.getByTestId(id).evaluate((b) => b.click());
const torchOn = (page) => page.getByTestId('torch').evaluate((b) => b.classList.contains('on'));

export async function run({ url }) {
  const { dir } = samples();
  const browser = await launch({ y4m: `${dir}/${ID}.y4m` });
  try {
    // The fake camera as it is: one camera, no torch → neither button.
    {
      const page = await browser.newPage();
      await page.goto(`${url}?venue=metro`);
      await cameraLive(page);
      await page.waitForTimeout(300);
      check('one camera without torch → no torch button', (await page.getByTestId('torch').count()) === 0);
      check('one camera → no switch button', (await page.getByTestId('switch-camera').count()) === 0);
      await page.close();
    }
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(twoCamerasWithTorch);
    await page.goto(`${url}?venue=metro&lang=en`);
    await waitTrust(page);
    check('torch supported → torch button', await page.getByTestId('torch').waitFor({ timeout: 8000 }).then(() => true, () => false));
    check('two cameras → switch button', (await page.getByTestId('switch-camera').count()) === 1);

    await press(page, 'torch');
    await page.waitForFunction(() => window.__torch.length === 1);
    check('torch button → torch on requested on the live track', (await page.evaluate(() => window.__torch)).join() === 'true');
    check('torch button shows on', await torchOn(page));
    await press(page, 'torch');
    await page.waitForFunction(() => window.__torch.length === 2);
    check('torch button again → torch off', (await page.evaluate(() => window.__torch[1])) === false && !(await torchOn(page)));

    await press(page, 'torch'); // on, then switch camera
    const switchedAt = await page.evaluate(() => { window.__oldTrack = window.__lastTrack; return performance.now(); });
    await press(page, 'switch-camera');
    await page.waitForFunction(() => window.__asked.length >= 2);
    check('switch → the next camera is asked for by id', (await page.evaluate(() => window.__asked[window.__asked.length - 1])) === 'cam-front');
    check('switch → goes live again', await cameraLive(page));
    check('switch → the old track is stopped', await page.evaluate(() => window.__oldTrack.readyState === 'ended'));
    check('switch → torch shown off on the new track', !(await torchOn(page)));
    const readAfter = await page.waitForFunction((t) => performance.getEntriesByName('yima-decode-hit').some((e) => e.startTime > t), switchedAt, { timeout: 15000 }).then(() => true, () => false);
    check('switch → frames of the new camera are read', readAfter);
    await press(page, 'switch-camera');
    await page.waitForFunction(() => window.__asked.length >= 3);
    check('switch again → back to the first camera', (await page.evaluate(() => window.__asked[window.__asked.length - 1])) === 'cam-back');
    check('torch and switch → no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
  }
}
