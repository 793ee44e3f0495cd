// Camera permission refused: a clear message with the fallbacks, no crash, and the
// fallbacks still give verdicts.
import { check, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

export async function run({ url }) {
  // A fake camera exists, but without --use-fake-ui-for-media-stream the prompt is refused.
  const browser = await launch({ y4m: `${samples().dir}/green_nat_20h.y4m`, fakeUi: false });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}?venue=metro`);
    await waitTrust(page);
    const problem = page.getByTestId('camera-problem');
    await problem.waitFor({ timeout: 10000 }).catch(() => {});
    // Before any tap the refusal may be a browser that wants a gesture first (iOS webviews): the
    // page asks for a tap unless the permission is known to be denied; refused after the tap,
    // it says so.
    const first = await problem.getAttribute('data-state').catch(() => null);
    check('permission refused before a tap → asks for a tap or says denied', first === 'NeedsTap' || first === 'Denied', `state ${first}`);
    await page.getByTestId('camera-retry').click().catch(() => {});
    await page.waitForFunction(() => document.querySelector('[data-testid=camera-problem]')?.dataset.state === 'Denied', null, { timeout: 8000 }).catch(() => {});
    const state = await problem.getAttribute('data-state').catch(() => null);
    check('permission denied → message', state === 'Denied', `state ${state}`);
    check('permission denied → photo and scan-gun offered',
      (await page.getByTestId('photo-input').count()) === 1 && (await page.getByTestId('manual-input').isVisible()));
    const s = samples().byId['green_nat_20h'];
    await pasteScan(page, s.qr);
    const card = await readCard(page);
    check('permission denied → paste still verifies', card?.verdict === s.expect.metro, `got ${card?.verdict}`);
    check('permission denied → no page errors', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
  }
}
