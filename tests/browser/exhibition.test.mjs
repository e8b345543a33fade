// The EXHIBITION+ loop in a real browser: an organiser creates a fair, imports exhibitors from a
// CSV and prints the QR sheet; a buyer on a phone opens a booth's QR URL, signs in on the spot,
// is bookmarked and finds the booth on the floor plan; the exhibitor sees the lead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, ENGINE, startServer, launchBrowser, phone } from './server.mjs';

const PASSWORD = 'demo-password-2026';
let server, base, browser;

before(async () => {
  ({ child: server, base } = await startServer());
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

const desk = { viewport: { width: 1280, height: 900 }, locale: 'en-GB' };

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main form button')]);
}

test(`organiser to buyer to exhibitor: create, import, print, scan, plan, lead (${ENGINE})`, async () => {
  // The organiser creates a fair with one hall.
  const org = await (await browser.newContext(desk)).newPage();
  await signIn(org, 'organiser@demo.example.com');
  await org.goto(`${base}/fairs/new`);
  await org.fill('input[name=name_zh_hant]', '灣區燈飾展');
  await org.fill('input[name=name_en]', 'Bay Lighting Fair');
  await org.fill('input[name=starts_on]', '2026-12-08');
  await org.fill('input[name=ends_on]', '2026-12-10');
  await org.fill('input[name=online_until]', '2027-01-31');
  await org.fill('textarea[name=halls]', '9A | 展館 9A | 展馆 9A | Hall 9A');
  await Promise.all([org.waitForNavigation(), org.click('form.stack button')]);
  const fair = org.url().match(/\/fairs\/(\d+)\/manage/)[1];

  // Imports exhibitors from a CSV: a preview first, then the import.
  await org.click('a[href$="/manage/import"]');
  const csv = '參考編號,攤位,名稱（繁）,英文名稱,所在地,行業,電郵\n' +
    'BL-1,9A-01,灣區測試燈飾有限公司,Bay Test Lighting Ltd,香港,照明,exhibitor001@demo.example.com\n' +
    'BL-2,9A-02,珠江燈具有限公司,Pearl River Lamps Ltd,廣州,照明,\n';
  await org.setInputFiles('input[name=file]', { name: 'exhibitors.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv) });
  await Promise.all([org.waitForNavigation(), org.click('form[enctype] button')]);
  assert.equal((await org.textContent('#would-create')).trim(), '2', 'the preview counts two new exhibitors');
  await Promise.all([org.waitForNavigation(), org.click('#confirm-import')]);
  assert.match(org.url(), /notice=imported/);

  // Prints the QR sheet: one code per booth.
  await org.goto(`${base}/fairs/${fair}/manage/qr`);
  assert.equal(await org.locator('.qr-card svg').count(), 2);
  await org.screenshot({ path: `${SHOTS}/qr-sheet-${ENGINE}.png`, fullPage: true });
  const printed = await org.emulateMedia({ media: 'print' }).then(() => org.locator('header.top').isVisible());
  assert.equal(printed, false, 'the printed sheet has no page header');
  await org.emulateMedia({ media: 'screen' });
  const qrUrl = (await org.locator('.qr-card').first().locator('.qr-url').textContent()).trim();
  assert.match(qrUrl, /\/q\/[A-Za-z0-9_-]{22}$/);

  // A buyer's phone opens the code: the exhibitor at once, and a quick sign-in.
  const buyer = await (await browser.newContext(phone)).newPage();
  await buyer.goto(qrUrl);
  assert.match(await buyer.textContent('h1'), /灣區測試燈飾有限公司/);
  await buyer.fill('.quick-login input[name=email]', 'buyer001@demo.example.com');
  await buyer.fill('.quick-login input[name=password]', PASSWORD);
  await Promise.all([buyer.waitForNavigation(), buyer.click('.quick-login button')]);
  assert.equal(await buyer.locator('.banner.ok').count(), 1, 'bookmarked, with a banner');
  assert.equal(await buyer.locator('#undo').count(), 1, 'and an undo');
  assert.equal(await buyer.locator('main a[href="/me/buyer-profile"]').count(), 0, 'a buyer who said what they source is not asked again');
  await buyer.screenshot({ path: `${SHOTS}/scan-phone-${ENGINE}.png`, fullPage: false });

  // The booth on the floor plan, with pan and zoom.
  await Promise.all([buyer.waitForNavigation(), buyer.click('ul.chips a[href*="/plan"]')]);
  assert.equal(await buyer.locator('svg.plan .booth.target').count(), 1);
  assert.equal(await buyer.locator('.zoom-bar button').count(), 3, 'the plan script ran');
  const before = await buyer.getAttribute('svg.plan', 'viewBox');
  await buyer.click('.zoom-bar button >> nth=0');
  assert.notEqual(await buyer.getAttribute('svg.plan', 'viewBox'), before, 'zooming changes the view');
  await buyer.screenshot({ path: `${SHOTS}/plan-phone-${ENGINE}.png`, fullPage: false });

  // My fair lists the bookmark.
  await buyer.goto(`${base}/fairs/${fair}/my`);
  assert.equal(await buyer.locator('ul.bookmarks li').count(), 1);

  // The exhibitor's administrator sees the lead from the fair's page.
  const ex = await (await browser.newContext(desk)).newPage();
  await signIn(ex, 'exhibitor001@demo.example.com');
  await ex.goto(`${base}/fairs/${fair}`);
  await Promise.all([ex.waitForNavigation(), ex.click('a[href*="/leads/"]')]);
  assert.equal(await ex.locator('ul.leads li').count(), 1, 'one lead: the buyer who scanned');
  await ex.screenshot({ path: `${SHOTS}/leads-${ENGINE}.png`, fullPage: true });
});
