// Scan gun / paste path: every demo sample at every venue kind of the demo policies (the keys
// of each sample's `expect`), then the merge cases in both orders.
import { check, closeCard, launch, pasteScan, readCard, REVOKED_TEXT, samples, waitTrust } from './lib.mjs';

const VENUES = Object.keys(samples().list[0].expect);

export async function run({ url }) {
  const browser = await launch();
  try {
    check('paste: every venue kind has expectations', VENUES.length >= 12 && samples().list.every((s) => Object.keys(s.expect).length === VENUES.length), VENUES.join(','));
    for (const venue of VENUES) {
      const page = await browser.newPage();
      await page.goto(`${url}?venue=${venue}&region=310000`);
      await waitTrust(page);
      const { list } = samples();
      for (const s of list) {
        await closeCard(page);
        await pasteScan(page, s.qr);
        const card = await readCard(page);
        check(`paste ${s.id} @${venue}`, card?.verdict === s.expect[venue], `got ${card?.verdict}, want ${s.expect[venue]}`);
        if (s.id === 'revoked_credential') check(`paste revoked_credential shows the revocation reason @${venue}`, REVOKED_TEXT.test(card?.text ?? ''), card?.text);
      }
      await page.close();
    }
    await mergeCases(browser, url);
    await wedge(browser, url);
  } finally {
    await browser.close();
  }
}

// A health code and another province's paper report (either order) → one merged card; the
// pairs and their expected verdicts come from merge_cases.json (yima_issue::demo::merge_cases()).
async function mergeCases(browser, url) {
  for (const venue of VENUES) {
    const page = await browser.newPage();
    await page.goto(`${url}?venue=${venue}`);
    await waitTrust(page);
    const cases = samples().merge;
    check(`merge cases listed @${venue}`, cases.length >= 1, 'merge_cases.json is empty');
    for (const [a, b, expect] of cases) {
      for (const [first, second] of [[a, b], [b, a]]) {
        const { byId } = samples();
        await closeCard(page);
        await pasteScan(page, byId[first].qr);
        await readCard(page);
        await pasteScan(page, byId[second].qr);
        await page.waitForSelector('[data-testid=card][data-sources="2"]', { timeout: 5000 }).catch(() => {});
        const card = await readCard(page);
        check(`merge ${first}+${second} @${venue}`, card?.sources === 2 && card?.merged === 'true' && card?.verdict === expect[venue],
          `got ${JSON.stringify({ v: card?.verdict, s: card?.sources, m: card?.merged })}, want ${expect[venue]}`);
      }
    }
    await page.close();
  }
}

// A keyboard-wedge scan gun types fast with no field focused, then Enter.
async function wedge(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}?venue=metro`);
  await waitTrust(page);
  const s = samples().byId['green_nat_20h'];
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.type(s.qr, { delay: 2 });
  await page.keyboard.press('Enter');
  const card = await readCard(page);
  check('scan-gun burst without focus', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
  await page.close();
}
