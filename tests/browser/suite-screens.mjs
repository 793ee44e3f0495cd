// Screenshots at 390×844 in zh and en: each card state, the scan screen, settings, demo.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, check, closeCard, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

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
