// Photo path: the sample's PNG through the file input (decoded by the same worker).
import { join } from 'node:path';
import { check, closeCard, launch, readCard, samples, waitTrust } from './lib.mjs';

export async function run({ url }) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?venue=mall&region=310000`);
    await waitTrust(page);
    for (const id of samples().list.map((s) => s.id)) {
      const { dir, byId } = samples();
      const s = byId[id];
      await closeCard(page);
      await page.getByTestId('photo-input').setInputFiles(join(dir, s.png));
      const card = await readCard(page, 10000);
      check(`photo ${id} @mall`, card?.verdict === s.expect.mall, `got ${card?.verdict}, want ${s.expect.mall}`);
    }
  } finally {
    await browser.close();
  }
}
