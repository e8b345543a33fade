// Conversations as people use them: a buyer on a phone writes to an exhibitor from its page,
// the exhibitor on a desktop sees the count in the header, opens the shared inbox and answers,
// and the answer appears on the buyer's open page without a reload; the pages fit a
// 390-pixel screen in the three languages.
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

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main form button')]);
}

test(`a buyer on a phone and an exhibitor on a desktop talk, the answer arriving live (${ENGINE})`, async () => {
  const buyer = await (await browser.newContext(phone)).newPage();
  await signIn(buyer, 'buyer007@demo.example.com');
  await buyer.goto(`${base}/lang/en?next=/organisations/9`);
  await Promise.all([buyer.waitForNavigation(), buyer.click('a[href="/conversations/new?to=organisation:9"]')]);
  const question = `Do you ship to Macau? (${ENGINE} ${Date.now()})`;
  // A new conversation, or the one the demo's contact request opened.
  const form = buyer.url().includes('/conversations/new') ? 'main form.stack' : 'form.reply';
  await buyer.fill(`${form} textarea[name=body]`, question);
  await Promise.all([buyer.waitForNavigation(), buyer.click(`${form} button`)]);
  assert.match(buyer.url(), /\/conversations\/\d+/);
  const path = new URL(buyer.url()).pathname;
  await buyer.locator('li.message.mine', { hasText: question }).waitFor();
  assert.ok(await fits(buyer), 'the conversation fits the phone');
  await buyer.screenshot({ path: `${SHOTS}/conversation-buyer-${ENGINE}.png`, fullPage: true });
  // The page listens for new messages.
  await buyer.waitForFunction(() => document.documentElement.getAttribute('data-live') === '1');

  // The exhibitor sees the count in the header, finds the conversation in the shared inbox.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(desk, 'exhibitor009@demo.example.com');
  await desk.goto(`${base}/lang/zh-Hant?next=/conversations`);
  assert.equal((await desk.textContent('h1')).trim(), '訊息');
  const badge = desk.locator('header a[href="/conversations"] .badge');
  assert.ok(Number(await badge.textContent()) >= 1, 'unread count in the header');
  await Promise.all([desk.waitForNavigation(), desk.click(`a[href="${path}"]`)]);
  await desk.locator('li.message', { hasText: question }).waitFor();
  const answer = `可以，澳門三天到貨 ${Date.now()}`;
  await desk.fill('form.reply textarea[name=body]', answer);
  await Promise.all([desk.waitForNavigation(), desk.click('form.reply button')]);
  await desk.locator('li.message.mine', { hasText: answer }).waitFor();

  // The answer arrives on the buyer's open page, no reload.
  await buyer.locator('li.message:not(.mine)', { hasText: answer }).waitFor({ timeout: 30_000 });
  assert.match(buyer.url(), new RegExp(`${path}$`), 'the buyer never left the page');

  // The inbox in the three languages, on the phone.
  const titles = { 'zh-Hant': '訊息', 'zh-Hans': '消息', en: 'Messages' };
  for (const [lang, title] of Object.entries(titles)) {
    await buyer.goto(`${base}/lang/${lang}?next=/conversations`);
    assert.equal((await buyer.textContent('h1')).trim(), title);
    assert.ok(await buyer.locator('ul.conversations li').count() >= 1, `${lang}: the conversation is listed`);
    assert.ok(await fits(buyer), `${lang}: the inbox fits the phone`);
    await buyer.screenshot({ path: `${SHOTS}/inbox-${lang}-${ENGINE}.png`, fullPage: true });
  }
  // Search folds scripts: the answer was Traditional, the search is Simplified.
  await buyer.goto(`${base}/conversations?q=${encodeURIComponent('澳门三天')}`);
  assert.ok(await buyer.locator(`a[href="${path}"]`).count() === 1, 'found across scripts');
});
