// Browser tests: Debian's headless Chromium driven by playwright-core, against the real binary.
// scripts/test runs this once per database engine (SC_DATABASE_URL set for PostgreSQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, ENGINE, startServer, launchBrowser, phone } from './server.mjs';

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


test(`sign up, create an organisation, add a listing, read it in each language (${ENGINE})`, async () => {
  const page = await (await browser.newContext(phone)).newPage();
  await page.goto(`${base}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant', 'a Hong Kong phone gets Traditional Chinese');
  await page.click('a.button:has-text("註冊")');
  const email = `amy.${Date.now()}@example.com`;
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'correct horse battery');
  await page.fill('input[name=display_name]', '陳嘉欣');
  await page.selectOption('select[name=location]', 'HK');
  await page.selectOption('select[name=preferred_language]', 'zh-Hant');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button')]);
  assert.match(await page.textContent('header'), /陳嘉欣/);

  await page.goto(`${base}/organisations/new`);
  await page.selectOption('select[name=kind]', 'company');
  await page.fill('input[name=name_zh_hant]', '嘉欣電子貿易有限公司');
  await page.fill('input[name=name_zh_hans]', '嘉欣电子贸易有限公司');
  await page.fill('input[name=name_en]', 'Ka Yan Electronics Trading Limited');
  await page.check('input[name=sectors][value=electronics]');
  await page.selectOption('select[name=location]', 'HK');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button')]);
  assert.match(page.url(), /\/organisations\/\d+$/);
  assert.equal((await page.textContent('h1')).trim().startsWith('嘉欣電子貿易有限公司'), true);

  await Promise.all([page.waitForNavigation(), page.click('a:has-text("新增項目")')]);
  await Promise.all([page.waitForNavigation(), page.click('a.title:has-text("產品")')]);
  await page.fill('input[name=title_zh_hant]', '氮化鎵快速充電器 65W');
  await page.fill('input[name=title_zh_hans]', '氮化镓快速充电器 65W');
  await page.fill('input[name=title_en]', 'GaN fast charger 65W');
  await page.fill('input[name=attr_moq]', '500');
  await page.selectOption('select[name=attr_currency]', 'HKD');
  await page.fill('input[name=codes]', '850440');
  await page.selectOption('select[name=target_regions]', ['HK', 'CN-GD-SZ']);
  await Promise.all([page.waitForNavigation(), page.click('form.stack > button')]);
  assert.match(page.url(), /\/listings\/\d+$/);
  await page.screenshot({ path: join(SHOTS, `listing-zh-Hant-${ENGINE}.png`), fullPage: true });

  const expectations = [
    ['zh-Hant', '繁', '氮化鎵快速充電器 65W', '最低訂購量'],
    ['zh-Hans', '简', '氮化镓快速充电器 65W', '最低订购量'],
    ['en', 'EN', 'GaN fast charger 65W', 'Minimum order quantity'],
  ];
  for (const [lang, link, title, label] of expectations) {
    await Promise.all([page.waitForNavigation(), page.click(`form.lang button:has-text("${link}")`)]);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal((await page.textContent('h1')).trim(), title);
    assert.match(await page.textContent('main'), new RegExp(label));
    await page.screenshot({ path: join(SHOTS, `listing-${lang}-${ENGINE}.png`), fullPage: true });
  }
  // The choice is remembered in this browser on the next page too.
  await page.goto(`${base}/organisations`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
});

test(`the demo fair is browsable in three languages on a phone (${ENGINE})`, async () => {
  const page = await (await browser.newContext(phone)).newPage();
  for (const [lang, heading] of [['zh-Hant', '大灣區超級聯繫人博覽會 2026'], ['zh-Hans', '大湾区超级联系人博览会 2026'], ['en', 'GBA Super-Connector Expo 2026']]) {
    // From the home page's list of fairs (other tests may have added fairs beside the demo's).
    await page.goto(`${base}/lang/${lang}?next=/`);
    await Promise.all([page.waitForNavigation(), page.click(`a.title:has-text("${heading}")`)]);
    assert.equal((await page.textContent('h1')).trim(), heading);
    const exhibitors = await page.locator('ul.cards li').count();
    assert.ok(exhibitors >= 20, `fair page lists exhibitors (${exhibitors})`);
    // Nothing is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page overflows the phone by ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, `fair-${lang}-${ENGINE}.png`) });
    await Promise.all([page.waitForNavigation(), page.click('ul.cards li a.title >> nth=0')]);
    assert.match(page.url(), /\/fairs\/\d+\/exhibitors\/\d+$/, 'exhibitors open in the fair');
    assert.ok(await page.locator('ul.cards li').count() >= 10, 'an exhibitor shows its products');
    assert.equal(await page.locator('svg.plan .booth.target').count(), 1, 'and its booth on the plan');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `the exhibitor page overflows the phone by ${wide}px`);
  }
});

test(`search from the header box finds across scripts (${ENGINE})`, async () => {
  const page = await (await browser.newContext({ ...phone, locale: 'zh-CN' })).newPage();
  await page.goto(`${base}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  await page.fill('form.search input[name=q]', '蓝牙耳机');
  await Promise.all([page.waitForNavigation(), page.press('form.search input[name=q]', 'Enter')]);
  assert.match(page.url(), /\/search\?q=/);
  const hits = await page.locator('ul.cards li').count();
  assert.ok(hits >= 5, `results for a Simplified query (${hits})`);
  assert.ok(await page.locator('ul.cards li mark').count() >= 1, 'matches are marked');
  await page.screenshot({ path: join(SHOTS, `search-zh-Hans-${ENGINE}.png`), fullPage: false });
  // On the phone the filters are a folded bar above the results, not 4,000 px down.
  const bar = await page.locator('details.filter-bar summary').boundingBox();
  const first = await page.locator('ul.cards li >> nth=0').boundingBox();
  assert.ok(bar && first && bar.y < first.y, `the filter bar (${bar?.y}) comes before the results (${first?.y})`);
  assert.equal(await page.locator('aside.facets.side').isVisible(), false, 'no side column on a phone');
  // Narrow by a facet, then open a result.
  await page.click('details.filter-bar summary');
  await Promise.all([page.waitForNavigation(), page.click('details.filter-bar a >> nth=0')]);
  assert.ok(await page.locator('.active-filters a').count() >= 1);
  await Promise.all([page.waitForNavigation(), page.click('ul.cards li a.title >> nth=0')]);
  assert.match(page.url(), /\/(listings|organisations)\/\d+\?from=search$/, "a result opens marked as a search click");
  // Type-ahead offers names as one types.
  await page.goto(`${base}/`);
  await page.type('form.search input[name=q]', 'blueto', { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll('#sc-suggest option').length > 0, null, { timeout: 5000 });
});
