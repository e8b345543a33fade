// Click2Match on a phone, in the three languages: a buyer fills the profile form (built from its
// schema), sees "Recommended for you" with reasons, says "not interested" or "hide for now" and
// the match is gone on the next page; an exhibitor meets the firms it needs and names its
// competitors; nothing overflows a 390-pixel screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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

const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test(`a buyer's recommendations on a phone in three languages (${ENGINE})`, async () => {
  const page = await (await browser.newContext(phone)).newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', 'buyer002@demo.example.com');
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main form button')]);

  // The profile form: typed fields from the schema, errors named, then saved.
  await page.goto(`${base}/me/buyer-profile`);
  await page.fill('input[name=attr_sources]', '充電器 流動電源 LED 燈');
  await page.fill('input[name=attr_hs_codes]', '85x');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button')]);
  assert.equal(await page.locator('p.error').count() >= 1, true, 'the bad HS code is named');
  await page.fill('input[name=attr_hs_codes]', '8504.40, 9405');
  await page.selectOption('select[name=attr_buyer_type]', 'importer');
  await page.selectOption('select[name=attr_discoverable]', 'true');
  await page.fill('input[name=attr_order_size]', '500');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button')]);
  assert.match(page.url(), /saved=1/);
  assert.equal(await page.inputValue('input[name=attr_hs_codes]'), '850440, 9405');
  assert.ok(await fits(page), 'the profile form fits the phone');

  const titles = { 'zh-Hant': '為你推薦', 'zh-Hans': '为你推荐', en: 'Recommended for you' };
  for (const [lang, title] of Object.entries(titles)) {
    await page.goto(`${base}/lang/${lang}?next=/matches`);
    assert.equal((await page.textContent('h1')).trim(), title);
    const cards = page.locator('.card.match');
    assert.ok(await cards.count() >= 3, `${lang}: recommendations`);
    assert.ok(await cards.first().locator('.reasons li').count() >= 1, `${lang}: with reasons`);
    assert.ok(await fits(page), `${lang}: the list fits the phone`);
    await page.screenshot({ path: `${SHOTS}/matches-${lang}-${ENGINE}.png`, fullPage: true });
  }

  // "Not interested": gone on the next page, with a notice in the reader's language.
  const first = (await page.locator('.card.match .title').first().textContent()).trim();
  await Promise.all([page.waitForNavigation(), page.locator('.card.match').first().locator('button[value=not_interested]').click()]);
  assert.match(page.url(), /notice=match-not_interested/);
  assert.match(await page.textContent('p.ok'), /will not see it again/);
  const now = await page.locator('.card.match .title').allTextContents();
  assert.ok(!now.map((t) => t.trim()).includes(first), `${first} is gone`);

  // "Hide for now": gone too, for 30 days.
  const second = (await page.locator('.card.match .title').first().textContent()).trim();
  await Promise.all([page.waitForNavigation(), page.locator('.card.match').first().locator('button[value=dismiss]').click()]);
  assert.match(page.url(), /notice=match-dismiss/);
  assert.match(await page.textContent('p.ok'), /30 days/);
  const left = await page.locator('.card.match .title').allTextContents();
  assert.ok(!left.map((t) => t.trim()).includes(second), `${second} is hidden`);

  // An exhibitor that said what it needs meets the firms that provide it, on a phone, in
  // three languages; its competitors are named one per line.
  const ex = await (await browser.newContext(phone)).newPage();
  await ex.goto(`${base}/login`);
  await ex.fill('input[name=email]', 'exhibitor002@demo.example.com');
  await ex.fill('input[name=password]', PASSWORD);
  await Promise.all([ex.waitForNavigation(), ex.click('main form button')]);
  const partners = { 'zh-Hant': '值得會見的機構', 'zh-Hans': '值得会见的机构', en: 'Organisations to meet' };
  for (const [lang, title] of Object.entries(partners)) {
    await ex.goto(`${base}/lang/${lang}?next=/organisations/2/partners`);
    assert.ok((await ex.textContent('h1')).includes(title), `${lang}: ${await ex.textContent('h1')}`);
    assert.ok(await ex.locator('.card.match').count() >= 1, `${lang}: a firm for what it needs`);
    assert.ok(await ex.locator('.card.match .reasons li').count() >= 1, `${lang}: with reasons`);
    assert.ok(await fits(ex), `${lang}: fits the phone`);
    await ex.screenshot({ path: `${SHOTS}/partners-${lang}-${ENGINE}.png`, fullPage: true });
  }
  await ex.goto(`${base}/organisations/2/wishes`);
  await ex.fill('textarea[name=attr_competitors]', 'Rival Electronics Ltd\n競爭電子');
  await Promise.all([ex.waitForNavigation(), ex.click('form.stack button')]);
  assert.match(ex.url(), /saved=1/);
  assert.equal(await ex.inputValue('textarea[name=attr_competitors]'), 'Rival Electronics Ltd\n競爭電子');
  assert.ok(await fits(ex), 'the wishes form fits the phone');

  // A buyer who has not said what they source is asked, once scanned at a booth.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await desk.goto(`${base}/login`);
  await desk.fill('input[name=email]', 'organiser@demo.example.com');
  await desk.fill('input[name=password]', PASSWORD);
  await Promise.all([desk.waitForNavigation(), desk.click('main form button')]);
  await desk.goto(`${base}/fairs/1/manage/qr`);
  const qrUrl = (await desk.locator('.qr-card .qr-url').first().textContent()).trim();
  const fresh = await (await browser.newContext(phone)).newPage();
  await fresh.goto(qrUrl);
  await fresh.fill('.quick-login input[name=email]', 'buyer003@demo.example.com');
  await fresh.fill('.quick-login input[name=password]', PASSWORD);
  await Promise.all([fresh.waitForNavigation(), fresh.click('.quick-login button')]);
  assert.equal(await fresh.locator('main a[href="/me/buyer-profile"]').count(), 1, 'asked what they source');

  // The home page shows the first few, linked to the rest.
  await page.goto(`${base}/`);
  assert.ok(await page.locator('.card.match').count() >= 1);
  assert.ok(await fits(page));
});
