// Embedding and privacy: an iframe parent receives the verdict via postMessage (no name, no
// ID); kiosk mode locks settings; no request carries QR content; storage holds nothing personal.
// Headers (issue 21 I): the app boots, scans and lazily loads under its Content-Security-Policy
// with no violation; a host the signed policies list frames it and gets the verdict at its exact
// origin; any other host cannot frame it, and one the server lets frame it but the policies do
// not list gets nothing.
import { serve } from './serve.mjs';
import { check, DIST, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

const LISTED = 'http://host.yima.test'; // crates/issue/src/demo EMBED_ORIGINS
const UNLISTED = 'http://other.yima.test';

// A host page at `origin` framing `src`; it records every message with its origin.
async function host(context, origin, src) {
  await context.route(`${origin}/**`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><body><script>window.__msgs=[];addEventListener('message',e=>__msgs.push({origin:e.origin,data:e.data}));</script>
      <iframe id=f src="${src}" width=390 height=800 allow="camera"></iframe></body>`,
  }));
  const page = await context.newPage();
  const console_ = [];
  page.on('console', (m) => console_.push(m.text()));
  await page.goto(`${origin}/host.html`);
  return { page, console: console_ };
}

// CSP trouble anywhere in the page: `securitypolicyviolation` events (an init script, so every
// frame) and console reports (which also carry the decoder worker's).
const WATCH = () => { self.__csp = []; addEventListener('securitypolicyviolation', (e) => self.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)); };
const cspConsole = (lines) => lines.filter((t) => /Content Security Policy|Refused to|Permissions-Policy|Permissions policy/i.test(t));

// The host pages are played at .test names, the app at 127.0.0.1: Chromium's local-network
// checks would stop a public-looking page from framing a loopback one before any header counts.
const LOCAL_NETWORK_OFF = '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessRespectPreflightResults';

export async function run({ url, server }) {
  const browser = await launch({ extra: [LOCAL_NETWORK_OFF] });
  try {
    await headers(browser, url, server);
    const page = await browser.newPage();
    const parentUrl = `${url}__embed-parent.html`;
    await page.route(parentUrl, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body><script>window.__msgs=[];addEventListener('message',e=>__msgs.push({origin:e.origin,data:e.data}));</script>
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
    const msgs = await page.evaluate(() => window.__msgs.map((x) => x.data));
    const m = msgs.find((x) => x && x.type === 'yima.verdict');
    // Guangdong mall policy (72 h) applies at region 440300: the 60 h NAT passes there.
    check('postMessage verdict (same-origin host)', m && m.verdict === 'pass' && m.venue === 'mall' && m.venue_region === 440300 && m.issuer_region === 310000 && Array.isArray(m.reasons),
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

async function headers(browser, url, server) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    const lines = [];
    page.on('console', (m) => lines.push(m.text()));
    const res = await page.goto(`${url}?lang=en`);
    const h = res.headers();
    check('headers: CSP with wasm, hashed inline scripts, frame-ancestors; camera for self; no referrer; nosniff',
      /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+'){3,}/.test(h['content-security-policy'] || '') && !/unsafe-inline/.test(h['content-security-policy'])
      && /frame-ancestors 'self' http:\/\/host\.yima\.test/.test(h['content-security-policy']) && /camera=\(self\)/.test(h['permissions-policy'] || '')
      && h['referrer-policy'] === 'no-referrer' && h['x-content-type-options'] === 'nosniff', JSON.stringify(h));
    await waitTrust(page);
    const decoder = await page.waitForFunction(() => performance.getEntriesByName('yima-decoder-ready').length > 0, null, { timeout: 15000 }).then(() => true, () => false);
    await pasteScan(page, samples().byId.green_nat_20h.qr);
    const card = await readCard(page);
    await page.getByTestId('card').click().catch(() => {});
    await page.getByTestId('nav-demo').click();
    const demo = await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
    await page.getByTestId('nav-settings').click();
    await page.waitForTimeout(500);
    const events = await page.evaluate(() => self.__csp);
    check('headers: under the CSP the app boots, the decoder starts, a scan gives its card and the Demo module loads', decoder && card?.verdict === 'pass' && demo, JSON.stringify({ decoder, card: card?.verdict, demo }));
    check('headers: no CSP or permissions violation (events, console)', events.length === 0 && cspConsole(lines).length === 0, JSON.stringify([events, cspConsole(lines)]));

    // A host the signed policies list: framed, and the verdict arrives at exactly its origin.
    const listed = await host(context, LISTED, `${url}?venue=mall&region=440300&lang=en&kiosk=1`);
    const frame = listed.page.frameLocator('#f');
    await frame.getByTestId('trust-age').filter({ hasText: 'Trust data' }).waitFor({ timeout: 10000 });
    await pasteScan(frame, samples().byId.green_nat_60h.qr);
    await frame.getByTestId('verdict').waitFor({ timeout: 8000 });
    await listed.page.waitForFunction(() => window.__msgs.length > 0, null, { timeout: 5000 }).catch(() => {});
    const got = await listed.page.evaluate(() => window.__msgs);
    check('embed: a host listed in the signed policies gets the verdict', got.length === 1 && got[0].data?.type === 'yima.verdict' && got[0].origin === new URL(url).origin, JSON.stringify(got));
    const inner = listed.page.frames().find((f) => f.url().startsWith(url));
    const innerCsp = inner ? await inner.evaluate(() => self.__csp) : ['no frame'];
    check('embed: no CSP violation in the framed page', innerCsp.length === 0 && cspConsole(listed.console).length === 0, JSON.stringify([innerCsp, cspConsole(listed.console)]));

    // Any other host: the browser refuses to frame the page (frame-ancestors).
    const from = server.log.length;
    const other = await host(context, UNLISTED, `${url}?lang=en`);
    await other.page.waitForTimeout(1500);
    const framed = other.page.frames().find((f) => f !== other.page.mainFrame());
    const app = framed ? await framed.evaluate(() => !!document.querySelector('main.app')).catch(() => false) : false;
    check('embed: a host not listed cannot frame the page', !app && other.console.some((t) => /frame-ancestors/.test(t)) && !server.log.slice(from).some((r) => /\.(js|wasm)$/.test(r.url)),
      JSON.stringify({ app, console: other.console, requests: server.log.slice(from).map((r) => r.url) }));
  } finally {
    await context.close();
  }
  // A server (misconfigured) that lets an unlisted host frame the page: the app runs there but
  // posts nothing to it, as the signed policies do not list it.
  const loose = await serve(DIST, 0, { security: { frameAncestors: [UNLISTED] } });
  const context2 = await browser.newContext();
  try {
    const other = await host(context2, UNLISTED, `${loose.url}?venue=mall&region=440300&lang=en&kiosk=1`);
    const frame = other.page.frameLocator('#f');
    await frame.getByTestId('trust-age').filter({ hasText: 'Trust data' }).waitFor({ timeout: 10000 });
    await pasteScan(frame, samples().byId.green_nat_60h.qr);
    const shown = await frame.getByTestId('verdict').waitFor({ timeout: 8000 }).then(() => true, () => false);
    await other.page.waitForTimeout(1500);
    const got = await other.page.evaluate(() => window.__msgs);
    check('embed: a host the server lets frame the page but the signed policies do not list gets nothing', shown && got.length === 0, JSON.stringify(got));
  } finally {
    await context2.close();
    await loose.close();
  }
}
