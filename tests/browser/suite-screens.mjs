// Screenshots at 390×844 in zh and en: each card state, the scan screen, settings, demo; the
// revocation list's entries and age in Settings.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, check, DIST, closeCard, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

// The signed header of an endpoint revocation file: entries and signing time (docs/format.md §2b).
function revocationFile(name) {
  const p = Buffer.from(JSON.parse(readFileSync(join(DIST, 'endpoint', name), 'utf8')).payload, 'base64');
  return { issuedAt: Number(p.readBigInt64LE(13)) * 1000, count: name.includes('full') ? p.readUInt32LE(26) : p.readUInt32LE(34) };
}

// Settings → Revocation list after a sync: entries (full + delta) and the age of the newest file.
async function revocationRow(page, lang) {
  await page.waitForFunction(() => /成功|OK/.test(document.querySelector('[data-testid=endpoint-status]')?.textContent || ''), null, { timeout: 10000 });
  const [full, delta] = [revocationFile('revocation-full.json'), revocationFile('revocation-delta.json')];
  const label = lang === 'zh' ? '撤销名单' : 'Revocation list';
  const text = (await page.locator(`[data-testid=endpoint-status] dt:text-is("${label}") + dd`).innerText()).replace(/\u00a0/g, ' ');
  const ages = [-1, 0].map((late) => {
    const s = Math.max(0, Math.floor((Date.now() - Math.max(full.issuedAt, delta.issuedAt)) / 1000) + late * 60);
    // The one age rule (yima_core::words::age): minutes, hours below a week, then days.
    const [h, m] = [Math.floor(s / 3600), Math.floor(s / 60)];
    const d = h >= 7 * 24 ? Math.floor(h / 24) : 0;
    return lang === 'zh' ? (d ? `${d} 天` : h ? `${h} 小时` : `${m} 分钟`) : (d ? `${d} days` : h ? `${h} h` : `${m} min`);
  });
  const entries = `${full.count + delta.count} ${lang === 'zh' ? '条' : 'entries'} (+${delta.count})`;
  check(`settings shows the revocation list's entries and age (${lang})`, text.startsWith(entries) && ages.some((a) => text.endsWith(' · ' + a)), `${text} | want ${entries} … ${ages.join(' or ')}`);
}

const CARDS = ['green_nat_20h', 'green_nat_80h', 'red', 'nat_positive', 'tampered_signature', 'paper_report_anhui', 'leave_city_ok'];

export async function run({ url }) {
  const out = join(ARTIFACTS, 'screens');
  mkdirSync(out, { recursive: true });
  const browser = await launch();
  try {
    for (const lang of ['zh', 'en']) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
      await page.goto(`${url}?venue=metro&lang=${lang}`);
      await waitTrust(page);
      await page.screenshot({ path: join(out, `scan-${lang}.png`) });
      for (const id of CARDS) {
        await closeCard(page);
        await pasteScan(page, samples().byId[id].qr);
        const card = await readCard(page);
        if (card) await page.screenshot({ path: join(out, `card-${id}-${lang}.png`) });
        check(`screenshot card ${id} ${lang}`, !!card);
      }
      // Merged: health code then the Anhui paper report.
      await closeCard(page);
      await pasteScan(page, samples().byId['green_no_nat'].qr);
      await readCard(page);
      await pasteScan(page, samples().byId['paper_report_anhui'].qr);
      await page.waitForSelector('[data-testid=card][data-sources="2"]', { timeout: 5000 }).catch(() => {});
      await page.screenshot({ path: join(out, `card-merged-${lang}.png`) });
      await closeCard(page);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('endpoint-status').waitFor();
      await revocationRow(page, lang);
      await page.screenshot({ path: join(out, `settings-${lang}.png`) });
      await page.getByTestId('nav-demo').click();
      await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).catch(() => {});
      const codes = await page.locator('[data-sample] svg').count();
      check(`demo screen shows every sample (${lang})`, codes === samples().list.length, `${codes}`);
      await page.screenshot({ path: join(out, `demo-${lang}.png`) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
