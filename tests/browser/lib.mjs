// Shared helpers for the browser tests: Chromium launch, fresh demo samples, a tiny
// pass/fail recorder (no framework needed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const ARTIFACTS = join(ROOT, 'tests/artifacts');
// The tests' own build (tests/browser/run.sh), apart from the run command's dist/ so both can
// run at once; YIMA_DIST points elsewhere.
export const DIST = process.env.YIMA_DIST || join(ROOT, 'target/browser-dist');

// The files of a build (default: DIST), relative paths with '/'; and the first whose path
// matches `re` (module names carry their content hash: src/hooks/hash-names.mjs).
export function files(dir = DIST) {
  const out = [];
  (function walk(d) { for (const n of readdirSync(d).sort()) { const f = join(d, n); statSync(f).isDirectory() ? walk(f) : out.push(relative(dir, f).split(sep).join('/')); } })(dir);
  return out;
}
export const built = (re, dir = DIST) => files(dir).find((f) => re.test(f));

const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

export function launch({ y4m, fakeUi = true, extra = [] } = {}) {
  const args = [...BASE_ARGS, ...extra];
  if (y4m) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`);
    if (fakeUi) args.push('--use-fake-ui-for-media-stream');
  }
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
}

// Demo credentials expire quickly (screenshot guard 120 s): mint a new set when older than maxAge.
let current = null;
export function samples(maxAgeMs = 60_000) {
  if (current && Date.now() - current.at < maxAgeMs) return current;
  if (current) rmSync(current.dir, { recursive: true, force: true });
  const dir = mkdtempSync(join(ARTIFACTS, 'demo-'));
  const issuer = process.env.YIMA_ISSUER || join(ROOT, 'target/debug/yima-issuer');
  execFileSync(issuer, ['demo', '--out', dir, '--now', new Date().toISOString(), '--y4m'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const list = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8'));
  const merge = JSON.parse(readFileSync(join(dir, 'merge_cases.json'), 'utf8')).map((m) => [m.first, m.second, m.expect]);
  current = { at: Date.now(), dir, list, merge, byId: Object.fromEntries(list.map((s) => [s.id, s])) };
  return current;
}

export function cleanupSamples() {
  if (current) rmSync(current.dir, { recursive: true, force: true });
  current = null;
}

const results = { passed: 0, failed: 0, failures: [] };
export function check(name, ok, detail = '') {
  if (ok) results.passed++;
  else { results.failed++; results.failures.push(`${name} ${detail}`); }
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ' — ' + detail}`);
  return ok;
}
export function summary() { return results; }

// Waits for the card and returns {verdict, merged, sources, text}; null on timeout.
export async function readCard(page, timeout = 8000) {
  try {
    const el = page.getByTestId('verdict');
    await el.waitFor({ timeout });
    const card = page.getByTestId('card');
    return {
      verdict: await el.getAttribute('data-verdict'),
      merged: await card.getAttribute('data-merged'),
      sources: Number(await card.getAttribute('data-sources')),
      text: await card.innerText(),
    };
  } catch { return null; }
}

// The revocation reason on a card (zh or en), for the demo sample the demo delta revokes.
export const REVOKED_TEXT = /此凭证已被签发方撤销|revoked by its issuer/;

// Resolves true once the viewfinder shows a live camera (false after `timeout` ms).
export const cameraLive = (page, timeout = 8000) => page.locator('.viewfinder.live').waitFor({ timeout }).then(() => true, () => false);

export async function waitTrust(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=trust-age]');
    return t && /信任数据|Trust data/.test(t.textContent) && !/无|No trust/.test(t.textContent);
  }, null, { timeout: 10000 });
}

// Types QR text into the scan-gun / paste field and presses Enter.
export async function pasteScan(page, text) {
  const input = page.getByTestId('manual-input');
  await input.fill(text);
  await input.press('Enter');
}

export async function closeCard(page) {
  const card = page.getByTestId('card');
  if (await card.count()) { await card.click(); await card.waitFor({ state: 'detached', timeout: 3000 }).catch(() => {}); }
}

// Serves the decoder worker script with `tail` appended on its first start only (a fault), then
// unchanged. `target`: a page or a browser context. Returns () => how often it was served.
export async function faultyWorkerOnce(target, tail) {
  let served = 0;
  await target.route('**/decode-worker-*.js', async (route) => {
    const res = await route.fetch();
    const text = await res.text();
    served++;
    return route.fulfill({ response: res, body: served === 1 ? text + tail : text });
  });
  return () => served;
}

// A page that records its uncaught errors in page.errors, opened at url + query.
export async function openPage(context, url, query = '') {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(url + query);
  return page;
}

export const noErrors = (name, page) => check(`${name}: no page errors`, page.errors.length === 0, page.errors.join(' | '));
export const banners = async (page) => (await page.getByTestId('banner').allInnerTexts()).join(' | ');

// Opens Settings, waits for the sync to finish, returns the endpoint status text, goes back.
export async function syncStatus(page, timeout = 25000) {
  await page.getByTestId('nav-settings').click();
  const dl = page.getByTestId('endpoint-status');
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=endpoint-status]')?.textContent || '';
    return /Last sync/.test(t) && !/syncing|not synced yet/.test(t);
  }, null, { timeout }).catch(() => {});
  const text = await dl.innerText().catch(() => '');
  await page.getByTestId('nav-scan').click();
  return text;
}
