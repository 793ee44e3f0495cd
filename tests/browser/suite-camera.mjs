// Fake camera: each sample's .y4m plays in Chromium's fake capture device; the card must show
// the expected verdict at metro, mall and leave_city, and the samples of the newer channels
// (national platform, itinerary card, inline itinerary, self-test antigen) at every venue kind.
// Then each merge case as one video showing both codes in turn, in both orders. Also timings.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check, launch, readCard, REVOKED_TEXT, samples } from './lib.mjs';

const CORE_VENUES = ['metro', 'mall', 'leave_city'];
const EVERY_VENUE = /^(national_|hc_inline_|antigen_self_test|all_clear|itinerary_)/;

export async function run({ url, timings }) {
  await runMerges({ url });
  const ids = samples().list.map((s) => s.id).filter((id) => !process.env.ONLY || process.env.ONLY.split(',').includes(id));
  for (const id of ids) {
    const { dir, byId } = samples(); // re-minted when older than a minute (codes expire)
    const s = byId[id];
    const y4m = join(dir, `${id}.y4m`);
    if (!check(`y4m exists for ${id}`, existsSync(y4m), y4m)) continue;
    const browser = await launch({ y4m });
    const venues = EVERY_VENUE.test(id) ? Object.keys(s.expect) : CORE_VENUES;
    try {
      for (const venue of venues) {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const t0 = Date.now();
        await page.goto(`${url}?venue=${venue}&region=310000`);
        const card = await readCard(page, 15000);
        check(`camera ${id} @${venue}`, card?.verdict === s.expect[venue], `got ${card?.verdict}, want ${s.expect[venue]}; ${errors.join(' | ')}`);
        if (id === 'revoked_credential') check(`camera revoked_credential shows the revocation reason @${venue}`, REVOKED_TEXT.test(card?.text ?? ''), card?.text);
        // Tap the card away: the code still in view is scanned again with a warm decoder.
        let again = null;
        if (venue === 'metro') {
          await page.getByTestId('card').click().catch(() => {});
          await page.getByTestId('card').waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
          again = await readCard(page, 8000);
          check(`camera ${id} rescanned after tap`, again?.verdict === s.expect[venue], `got ${again?.verdict}`);
        }
        const t = await page.evaluate(() => ({
          live: performance.getEntriesByName('yima-camera-live')[0]?.startTime ?? null,
          scan: performance.getEntriesByName('yima-scan-to-verdict').map((m) => m.duration),
          hit: performance.getEntriesByName('yima-decode-hit').map((m) => m.duration),
          miss: performance.getEntriesByName('yima-decode-miss').map((m) => m.duration),
        }));
        timings.decodeHit.push(...t.hit);
        timings.decodeMiss.push(...t.miss);
        timings.missesBeforeHit.push(t.miss.length);
        if (t.live !== null) timings.cameraLive.push(t.live);
        if (t.scan.length) timings.scanToVerdict.push(t.scan[0]);
        if (again && t.scan.length > 1) timings.scanToVerdictWarm.push(t.scan[1]);
        timings.wallToCard.push(Date.now() - t0);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
}

// A health code and a second credential of the same holder shown to the camera one after the
// other (pair-<first>-<second>.y4m loops both) → one merged card, in both orders.
export async function runMerges({ url }) {
  for (const [a, b, expect] of samples().merge) {
    for (const [first, second] of [[a, b], [b, a]]) {
      const { dir } = samples();
      const y4m = join(dir, `pair-${first}-${second}.y4m`);
      if (!check(`pair video exists for ${first}+${second}`, existsSync(y4m), y4m)) continue;
      const browser = await launch({ y4m });
      try {
        for (const venue of ['mall', 'school']) {
          const page = await browser.newPage();
          await page.goto(`${url}?venue=${venue}&region=310000`);
          await page.waitForSelector('[data-testid=card][data-sources="2"]', { timeout: 15000 }).catch(() => {});
          const card = await readCard(page, 1000);
          check(`camera merge ${first}+${second} @${venue}`, card?.sources === 2 && card?.verdict === expect[venue],
            `got ${JSON.stringify({ v: card?.verdict, s: card?.sources })}, want ${expect[venue]}`);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }
  }
}
