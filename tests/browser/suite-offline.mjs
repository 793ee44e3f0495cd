// Offline: after one online visit, with the server gone and the network off, the app reloads
// from the service worker and verifies with the stored signed data.
import { serve } from './serve.mjs';
import { check, closeCard, DIST, launch, pasteScan, readCard, REVOKED_TEXT, samples, waitTrust } from './lib.mjs';

export async function run({ timings }) {
  const server = await serve(DIST);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}?venue=metro`);
    await waitTrust(page);
    const controlled = await page.evaluate(async () => {
      if (!('serviceWorker' in navigator)) return false;
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
      return !!navigator.serviceWorker.controller;
    });
    check('service worker controls the page after one visit', controlled);
    // Other files of the origin opened as pages must not become the offline app (issue 21 E:
    // they were stored under index.html).
    for (const f of ['robots.txt', 'endpoint/keys.json']) await page.goto(server.url + f);
    await page.goto(`${server.url}?venue=metro`);
    await waitTrust(page);
    await server.close();
    await context.setOffline(true);
    const t0 = Date.now();
    await page.reload();
    await waitTrust(page).catch(() => {});
    const shell = await page.evaluate(() => ({ app: !!document.querySelector('main.app'), text: document.body.innerText.slice(0, 80) }));
    check('offline start is the app, not the last other page opened', shell.app && !/User-agent|"payload"/.test(shell.text), JSON.stringify(shell));
    const ready = await page.evaluate(() => performance.getEntriesByName('yima-ready')[0]?.startTime ?? null);
    if (ready !== null) timings.offlineStart.push(ready);
    timings.offlineWall.push(Date.now() - t0);
    for (const id of ['green_nat_20h', 'green_nat_80h', 'revoked_credential']) {
      const s = samples().byId[id];
      await closeCard(page);
      await pasteScan(page, s.qr);
      const card = await readCard(page);
      check(`offline ${id} @metro`, card?.verdict === s.expect.metro, `got ${card?.verdict}`);
      if (id === 'revoked_credential') check('offline: a revoked code is still denied with the reason', REVOKED_TEXT.test(card?.text ?? ''), card?.text);
    }
    const rows = await page.evaluate(() => localStorage.getItem('yima.revocation.delta') !== null && localStorage.getItem('yima.revocation.full') !== null);
    check('offline: only the signed revocation files are stored, and both are', rows);
    // Settings shows the stored revocation list (entries · time · age) offline too
    await closeCard(page);
    await page.getByTestId('nav-settings').click();
    const row = await page.locator('[data-testid=endpoint-status] dt:text-is("撤销名单") + dd').innerText().catch(() => '');
    check('offline: Settings shows the stored revocation list and its age', /^\d+ 条 \(\+\d+\) · .+ · \d+/.test(row.replace(/\u00a0/g, ' ')), row);
  } finally {
    await browser.close();
    await server.close().catch(() => {});
  }
}
