// Demo screen: the minting module loads only when the screen opens, shows every sample, and a
// code it shows scans (as a photo of the screen, on another page) to the sample's verdict; a
// module that failed to load is loaded again by the next mint (src/lazy/load.js).
import { check, closeCard, launch, readCard, samples, waitTrust } from './lib.mjs';

const SCANNED = ['green_nat_20h', 'green_nat_60h', 'red', 'paper_report_anhui'];

export async function run({ url }) {
  const browser = await launch();
  try {
    const shower = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await shower.goto(`${url}?lang=en`);
    await waitTrust(shower);
    const fetchedDemo = () => shower.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/demo/')));
    check('demo module not loaded before the Demo screen opens', !(await fetchedDemo()));
    await shower.getByTestId('nav-demo').click();
    await shower.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).catch(() => {});
    check('demo module loaded when the Demo screen opens', await fetchedDemo());
    const shown = await shower.locator('[data-sample] svg').count();
    check('demo screen shows every sample', shown === samples().list.length, `${shown} of ${samples().list.length}`);

    const scanner = await browser.newPage();
    await scanner.goto(`${url}?venue=metro&region=310000`);
    await waitTrust(scanner);
    for (const id of SCANNED) {
      const png = await shower.locator(`[data-sample="${id}"] svg`).screenshot();
      await closeCard(scanner);
      await scanner.getByTestId('photo-input').setInputFiles({ name: `${id}.png`, mimeType: 'image/png', buffer: png });
      const card = await readCard(scanner, 10000);
      const want = samples().byId[id].expect.metro;
      check(`demo screen code ${id} scans @metro`, card?.verdict === want, `got ${card?.verdict}, want ${want}`);
    }

    // The module's download fails (no service worker to answer from its cache): the screen says
    // so; once the network is back, "Mint again" loads it.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/demo/**', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${url}?lang=en`);
    await waitTrust(page);
    await page.getByTestId('nav-demo').click();
    const failed = await page.getByTestId('demo-error').waitFor({ timeout: 10000 }).then(() => true, () => false);
    check('demo module that cannot load: the screen says so', failed);
    await context.unroute('**/demo/**');
    await page.getByTestId('demo-refresh').click();
    const retried = await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
    check('demo module that could not load is loaded again by "Mint again"', retried);
  } finally {
    await browser.close();
  }
}
