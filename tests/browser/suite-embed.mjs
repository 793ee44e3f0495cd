// Embedding and privacy: an iframe parent receives the verdict via postMessage (no name, no
// ID); kiosk mode locks settings; no request carries QR content; storage holds nothing personal.
import { check, launch, pasteScan, samples } from './lib.mjs';

export async function run({ url, server }) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const parentUrl = `${url}__embed-parent.html`;
    await page.route(parentUrl, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body><script>window.__msgs=[];addEventListener('message',e=>__msgs.push(e.data));</script>
        <iframe id=f src="${url}?venue=mall&region=440300&lang=en&kiosk=1" width=390 height=800 allow="camera"></iframe></body>`,
    }));
    const from = server.log.length;
    await page.goto(parentUrl);
    const frame = page.frameLocator('#f');
    await frame.getByTestId('trust-age').filter({ hasText: 'Trust data' }).waitFor({ timeout: 10000 });
    check('kiosk hides settings', (await frame.getByTestId('nav-settings').count()) === 0);
    check('lang=en from URL', (await frame.getByTestId('nav-scan').innerText()) === 'Scan');
    const s = samples().byId['green_nat_60h'];
    await pasteScan(frame, s.qr);
    await frame.getByTestId('verdict').waitFor({ timeout: 8000 });
    await page.waitForFunction(() => window.__msgs.length > 0, null, { timeout: 5000 }).catch(() => {});
    const msgs = await page.evaluate(() => window.__msgs);
    const m = msgs.find((x) => x && x.type === 'yima.verdict');
    // Guangdong mall policy (72 h) applies at region 440300: the 60 h NAT passes there.
    check('postMessage verdict', m && m.verdict === 'pass' && m.venue === 'mall' && m.venue_region === 440300 && m.issuer_region === 310000 && Array.isArray(m.reasons),
      JSON.stringify(m));
    const card = await frame.getByTestId('card').innerText();
    const holder = await frame.getByTestId('holder').innerText();
    const [name, id] = holder.split(/\s+/);
    const json = JSON.stringify(msgs);
    check('postMessage has no name or ID', !json.includes(name) && !json.includes(id) && !/holder|name|id_/.test(Object.keys(m || {}).join()), json);
    check('card shows masked holder', card.includes(name) && id.includes('*'));

    const qrChunk = s.qr.slice(4, 40);
    const leaked = server.log.slice(from).filter((r) => r.body > 0 || decodeURIComponent(r.url).includes(qrChunk));
    check('no request carries QR content (and none has a body)', leaked.length === 0, JSON.stringify(leaked));
    const app = page.frames().find((f) => f.url().startsWith(url) && f !== page.mainFrame());
    const stored = await app.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    check('storage holds nothing personal', !stored.includes(name) && !stored.includes(id) && !stored.includes(qrChunk) && !stored.includes('310101'),
      stored.slice(0, 200));
    const keys = await app.evaluate(() => Object.keys(localStorage).sort());
    // Revocation files are root-signed public data (hashes of issuer kid ‖ identifier), like the trust list.
    check('storage keys are settings, trust data, revocation data and counters only', keys.every((k) => /^yima\.(settings|counters|trust\.|revocation\.)/.test(k)), keys.join());
  } finally {
    await browser.close();
  }
}
