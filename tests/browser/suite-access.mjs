// Accessibility: axe-core finds nothing on every screen and card in zh and en, light and dark;
// each verdict is announced once through one persistent live region (read from the
// accessibility tree); the card is a dialog that the keyboard can close; every control is named
// and at least 44 px; at 360×640 with 200 % text nothing is cut off or pushed sideways; the
// alarm row is marked by more than colour; a page darkened by the browser is left alone.
// Screenshots of a deny card (360×640 zh, 200 % text en) go to tests/artifacts/access/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ARTIFACTS, check, closeCard, launch, pasteScan, readCard, samples, waitTrust } from './lib.mjs';

const OUT = join(ARTIFACTS, 'access');
const PASS = 'leave_city_ok', DENY = 'green_nat_80h', CHECK = 'paper_report_anhui';

async function axe(page, what) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const v = r.violations;
  check(`axe: no violations on ${what}`, v.length === 0, v.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`).join('; '));
}

async function scanCard(page, id) {
  await closeCard(page);
  await pasteScan(page, samples().byId[id].qr);
  return readCard(page);
}

// Every visible control (or, for a hidden file/checkbox input, its label) is at least 44×44 px
// and has an accessible name.
async function targets(page, what) {
  const bad = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, select, input, a[href], [role=button]')) {
      const box0 = el.getBoundingClientRect();
      const target = (el.type === 'file' || el.type === 'checkbox') ? el.closest('label') : el;
      if (!target) { out.push(`${el.tagName} without label`); continue; }
      const box = target.getBoundingClientRect();
      if (box0.width === 0 && box.width === 0) continue; // not shown
      if (box.width < 44 || box.height < 44) out.push(`${el.dataset.testid || el.tagName} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  });
  check(`touch targets ≥ 44 px on ${what}`, bad.length === 0, bad.join(', '));
  const snap = await page.locator('body').ariaSnapshot();
  const unnamed = snap.split('\n').filter((l) => /- (button|combobox|textbox|checkbox)\s*(\[|$|:?\s*$)/.test(l.trim()) && !/"/.test(l));
  check(`every control has an accessible name on ${what}`, unnamed.length === 0, unnamed.join(' | '));
}

// Nothing sticks out of the viewport sideways, and nothing inside the card is clipped.
async function fits(page, what) {
  const r = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w + 1) out.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll('main *, [data-testid=card-dialog] *')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || el.closest('.sr-only') || getComputedStyle(el).position === 'absolute') continue;
      if (b.right > w + 1 || b.left < -1) out.push(`${el.className || el.tagName} ${Math.round(b.left)}..${Math.round(b.right)}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden') out.push(`${el.className || el.tagName} clipped`);
    }
    const icon = document.querySelector('.verdict-icon');
    if (icon) { const b = icon.getBoundingClientRect(); if (Math.abs(b.width - b.height) > 1) out.push(`icon ${b.width.toFixed(0)}×${b.height.toFixed(0)} not round`); }
    const text = document.querySelector('.verdict-text');
    if (text) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      if (text.getBoundingClientRect().width < 1.8 * size) out.push(`verdict ${text.getBoundingClientRect().width.toFixed(0)} px wide: one character per line`);
    }
    return out;
  });
  check(`nothing cut off or sideways: ${what}`, r.length === 0, r.slice(0, 6).join(', '));
}

async function announcements(page) {
  // Counts what the live region says: each non-empty text it is given.
  await page.evaluate(() => {
    window.__said = [];
    const live = document.querySelector('[data-testid=live]');
    new MutationObserver(() => { const t = live.textContent.trim(); if (t) window.__said.push(t); }).observe(live, { childList: true, subtree: true, characterData: true });
  });
  const snap0 = await page.locator('body').ariaSnapshot();
  check('a live status region exists before any scan', /- status/.test(snap0), snap0.slice(0, 200));
  const card = await scanCard(page, DENY);
  await page.waitForFunction(() => window.__said.length > 0, null, { timeout: 3000 }).catch(() => {});
  const said = await page.evaluate(() => window.__said);
  const region = await page.getByRole('status').filter({ hasText: /不通过|DENIED/ }).ariaSnapshot().catch(() => '');
  check('the verdict and its reasons are announced through the status region (accessibility tree)',
    card?.verdict === 'deny' && said.length === 1 && /不通过|DENIED/.test(said[0]) && /核酸|NAT/.test(said[0]) && /status/.test(region), `${JSON.stringify(said)} ${region}`);
  // The same code again while its card is open: refreshed silently, not read again.
  await pasteScan(page, samples().byId[DENY].qr);
  await page.waitForTimeout(400);
  check('the same code again is not announced again', (await page.evaluate(() => window.__said.length)) === 1);
  // A new scan with the same verdict is announced again (once).
  await scanCard(page, 'red');
  // Said a frame after the card is drawn (late on a loaded machine); then time for a repeat.
  await page.waitForFunction(() => window.__said.length >= 2, null, { timeout: 3000 }).catch(() => {});
  await page.waitForTimeout(300);
  const n = await page.evaluate(() => window.__said);
  check('the next scan is announced once, even with the same verdict', n.length === 2 && /不通过|DENIED/.test(n[1]), JSON.stringify(n));
}

// The card takes focus a frame after it is drawn: waits for that (a loaded machine may be slow
// to give the frame), then says what has focus.
async function dialogFocus(page) {
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'card-dialog', null, { timeout: 3000 }).catch(() => {});
  return page.evaluate(() => document.activeElement?.dataset.testid);
}

async function keyboard(page) {
  const card = await scanCard(page, DENY);
  const focused = await dialogFocus(page);
  const role = await page.getByRole('dialog').count();
  check('the card is a named dialog and takes focus', card && role === 1 && focused === 'card-dialog', `${focused} ${role}`);
  await page.keyboard.press('Escape');
  const gone = await page.getByTestId('card').waitFor({ state: 'detached', timeout: 2000 }).then(() => true, () => false);
  check('Escape closes the card and focus returns to where it was', gone && (await page.evaluate(() => document.activeElement?.dataset.testid)) === 'manual-input');
  await scanCard(page, DENY);
  await dialogFocus(page); // else the dialog's own focus, a frame later, may take it back
  await page.getByTestId('card-close').focus();
  await page.keyboard.press('Enter');
  check('the close button closes the card from the keyboard', await page.getByTestId('card').waitFor({ state: 'detached', timeout: 2000 }).then(() => true, () => false));
}

async function denyCardChecks(page, lang) {
  await targets(page, `deny card (${lang})`);
  const marked = await page.evaluate(() => {
    const dd = document.querySelector('.facts dd.alarm');
    return dd ? { sign: getComputedStyle(dd, '::before').content, colour: getComputedStyle(dd).color, ink: getComputedStyle(document.querySelector('.facts dd:not(.alarm)')).color } : null;
  });
  check(`the test row a reason points at is marked by a sign, not red text (${lang})`, marked && /⚠/.test(marked.sign) && marked.colour === marked.ink, JSON.stringify(marked));
  const row = await page.locator('.facts dd.alarm').textContent().catch(() => '');
  check(`the test row's age cannot break between number and unit (${lang})`, /\d+\u00a0(h\u00a0ago|小时前)/.test(row), JSON.stringify(row));
  const reason = await page.getByTestId('reasons').first().textContent().catch(() => '');
  check(`the reason's hours cannot break between number and unit (${lang})`, /\d\u00a0(h|小时)/.test(reason) && !/\d (h|小时)/.test(reason), JSON.stringify(reason));
}

export async function run({ url }) {
  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    for (const scheme of ['light', 'dark']) {
      for (const lang of ['zh', 'en']) {
        const tag = `${lang} ${scheme}`;
        const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme })).newPage();
        await page.goto(`${url}?venue=metro&lang=${lang}`);
        await waitTrust(page);
        await axe(page, `scan screen (${tag})`);
        if (scheme === 'light') await targets(page, `scan screen (${lang})`);
        for (const [id, want] of [[PASS, 'pass'], [DENY, 'deny'], [CHECK, 'check']]) {
          const card = await scanCard(page, id);
          check(`${want} card shown (${tag})`, card?.verdict === want, `${card?.verdict}`);
          await axe(page, `${want} card (${tag})`);
          if (want === 'deny' && scheme === 'light') await denyCardChecks(page, lang);
        }
        await closeCard(page);
        await pasteScan(page, samples().byId.green_no_nat.qr);
        await readCard(page);
        await pasteScan(page, samples().byId[CHECK].qr);
        const merged = await page.waitForSelector('[data-testid=card][data-sources="2"]', { timeout: 5000 }).then(() => true, () => false);
        check(`merged card shown (${tag})`, merged);
        await axe(page, `merged card (${tag})`);
        await closeCard(page);
        await page.getByTestId('nav-settings').click();
        await page.getByTestId('endpoint-status').waitFor();
        await axe(page, `settings (${tag})`);
        if (scheme === 'light') await targets(page, `settings (${lang})`);
        await page.getByTestId('nav-demo').click();
        await page.locator('[data-sample] svg').first().waitFor({ timeout: 10000 }).catch(() => {});
        await axe(page, `demo screen (${tag})`);
        if (scheme === 'light' && lang === 'zh') {
          await page.getByTestId('nav-scan').click();
          await waitTrust(page);
          await announcements(page);
          await closeCard(page);
          await keyboard(page);
        }
        await page.context().close();
      }
    }

    // 360×640: zh at normal size, en with 200 % text; every screen and the deny card.
    for (const [lang, scale] of [['zh', 100], ['en', 200], ['zh', 200]]) {
      const what = `${lang} 360×640, ${scale} % text`;
      // bypassCSP: the test injects a user font size as an inline style, which the page's CSP refuses.
      const page = await (await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true })).newPage();
      await page.goto(`${url}?venue=metro&lang=${lang}`);
      await page.addStyleTag({ content: `html { font-size: ${scale}% }` });
      await waitTrust(page);
      await fits(page, `scan screen (${what})`);
      for (const id of [DENY, CHECK, PASS]) {
        await scanCard(page, id);
        await fits(page, `${id} card (${what})`);
        if (id === DENY && lang === 'zh' && scale === 100) await page.screenshot({ path: join(OUT, 'deny-360x640-zh.png') });
        if (id === DENY && lang === 'en' && scale === 200) {
          await page.screenshot({ path: join(OUT, 'deny-200pct-en.png') });
          await page.getByTestId('card-dialog').evaluate((e) => { e.scrollTop = e.scrollHeight; });
          await page.screenshot({ path: join(OUT, 'deny-200pct-en-end.png') });
        }
      }
      await closeCard(page);
      await page.getByTestId('nav-settings').click();
      await fits(page, `settings (${what})`);
      await page.context().close();
    }

    // A browser that darkens pages itself (Chrome's auto dark mode, WebView algorithmic
    // darkening) leaves the page alone because it declares its own dark scheme: the check card
    // looks the same with and without forced darkening.
    const shots = [];
    for (const forced of [false, true]) {
      const b = await launch({ extra: forced ? ['--blink-settings=forceDarkModeEnabled=true'] : [] });
      const page = await b.newPage({ viewport: { width: 360, height: 640 }, colorScheme: 'dark' });
      await page.goto(`${url}?venue=metro&lang=zh`);
      await waitTrust(page);
      await scanCard(page, CHECK);
      await page.evaluate(() => document.querySelectorAll('.closing').forEach((e) => { e.style.animation = 'none'; }));
      shots.push(await page.locator('.verdict').screenshot());
      if (forced) await page.screenshot({ path: join(OUT, 'check-forced-dark-zh.png') });
      await b.close();
    }
    check('forced darkening leaves the check verdict as designed (dark text on amber)', shots[0].equals(shots[1]));
  } finally {
    await browser.close();
  }
}
