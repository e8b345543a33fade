// B2B meetings as people use them: an organiser on a desktop opens a fair's meeting session,
// a buyer on a phone asks an exhibitor for a slot and another buyer for "any time", the
// exhibitor accepts both from its desk, the organiser's scheduler places the second and
// publishes it, and each buyer reads the schedule in the three languages on a 390-pixel
// screen, marks a slot unavailable and downloads the calendar.
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

/** A date `days` from today, as an `<input type=date>` wants it; the fair never ages. */
const ahead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test(`a buyer on a phone meets an exhibitor at a slot, another through the scheduler (${ENGINE})`, async () => {
  const desk = { viewport: { width: 1280, height: 900 } };
  // The organiser creates a fair a week ahead and opens one morning of meetings.
  const org = await (await browser.newContext(desk)).newPage();
  await signIn(org, 'organiser@demo.example.com');
  await org.goto(`${base}/lang/en?next=/fairs/new`);
  await org.fill('input[name=name_zh_hant]', '灣區配對會');
  await org.fill('input[name=name_en]', 'Bay Matchmaking Day');
  await org.fill('input[name=starts_on]', ahead(7));
  await org.fill('input[name=ends_on]', ahead(8));
  await org.fill('input[name=online_until]', ahead(40));
  await org.fill('textarea[name=halls]', 'A | 展館 A | 展馆 A | Hall A');
  await Promise.all([org.waitForNavigation(), org.click('form.stack button')]);
  const fair = org.url().match(/\/fairs\/(\d+)\/manage/)[1];
  await org.goto(`${base}/fairs/${fair}/meetings/organise`);
  const session = org.locator('form[action$="/meetings/sessions"]');
  await session.locator('input[name=starts]').fill('10:00');
  await session.locator('input[name=ends]').fill('11:30');
  await session.locator('select[name=slot_minutes]').selectOption('30');
  await session.locator('input[name=tables]').fill('2');
  await Promise.all([org.waitForNavigation(), session.locator('button').click()]);
  assert.match(org.url(), /notice=saved/);
  assert.equal(await org.locator('table.preview tbody tr').count(), 1, 'one session');
  assert.match(await org.textContent('table.preview tbody tr'), /10:00/);

  // A buyer on a phone asks exhibitor 9 (an organisation) for the first slot, with a note.
  const buyer = await (await browser.newContext(phone)).newPage();
  await signIn(buyer, 'buyer021@demo.example.com');
  await buyer.goto(`${base}/lang/en?next=${encodeURIComponent(`/fairs/${fair}/meetings/new?to=organisation:9`)}`);
  const options = await buyer.locator('select[name=slot] option').allTextContents();
  assert.match(options[0], /Any time/, 'any time first');
  assert.equal(options.length, 4, `any time and three slots: ${options}`);
  await buyer.selectOption('select[name=slot]', { index: 1 });
  await buyer.fill('textarea[name=note]', 'Your LED panels, for our shops in Macau');
  assert.ok(await fits(buyer), 'the request form fits the phone');
  await Promise.all([buyer.waitForNavigation(), buyer.click('main form.stack button')]);
  assert.match(buyer.url(), new RegExp(`/fairs/${fair}/meetings\\?notice=meeting_requested`));
  assert.match(await buyer.textContent('p.notice-line'), /request was sent/);
  const sent = buyer.locator('li.card.meeting').first();
  const request = (await sent.getAttribute('id')).replace('request', '');
  assert.match(await sent.textContent(), /10:00–10:30/);

  // A second buyer asks the same exhibitor for any time the organiser finds.
  const other = await (await browser.newContext(phone)).newPage();
  await signIn(other, 'buyer022@demo.example.com');
  await other.goto(`${base}/lang/zh-Hant?next=${encodeURIComponent(`/fairs/${fair}/meetings/new?to=organisation:9`)}`);
  await Promise.all([other.waitForNavigation(), other.click('main form.stack button')]);
  assert.match(other.url(), /notice=meeting_requested/);
  const second = (await other.locator('li.card.meeting').first().getAttribute('id')).replace('request', '');

  // The exhibitor accepts both from its desk; the note is there, the first lands in the schedule.
  const ex = await (await browser.newContext(desk)).newPage();
  await signIn(ex, 'exhibitor009@demo.example.com');
  await ex.goto(`${base}/lang/en?next=/fairs/${fair}/meetings`);
  assert.match(await ex.textContent(`#request${request} blockquote`), /shops in Macau/);
  for (const id of [request, second]) {
    await Promise.all([ex.waitForNavigation(), ex.click(`#request${id} form:has(input[value=accept]) button`)]);
    assert.match(ex.url(), /notice=meeting_accepted/);
  }
  const schedule = ex.locator('ul.cards').first();
  assert.equal(await schedule.locator(`#request${request}`).count(), 1, 'the timed one is in the schedule');

  // The organiser runs the scheduler (exact here) and publishes its draft.
  await org.reload();
  await Promise.all([org.waitForNavigation(), org.click('form[action$="/meetings/schedule"] button')]);
  assert.ok(await org.locator('.banner.ok').count() === 1, 'the run is reported');
  assert.equal(await org.locator(`#meeting${second}`).count(), 1, 'the any-time request is placed');
  await Promise.all([org.waitForNavigation(), org.click('form[action$="/meetings/publish"] button')]);
  assert.match(org.url(), /notice=meetings_published/);

  // Each buyer reads the schedule in three languages, on the phone.
  const titles = { 'zh-Hant': '我的會面', 'zh-Hans': '我的会面', en: 'My meetings' };
  for (const [page, id, who] of [[buyer, request, 'buyer'], [other, second, 'other']]) {
    for (const [lang, title] of Object.entries(titles)) {
      await page.goto(`${base}/lang/${lang}?next=/fairs/${fair}/meetings`);
      assert.equal((await page.textContent('h1')).trim(), title, `${who} ${lang}`);
      const card = page.locator('ul.cards').first().locator(`#request${id}`);
      assert.equal(await card.count(), 1, `${who} ${lang}: the meeting is in the schedule`);
      assert.match(await card.locator('time').textContent(), /\d\d:\d\d–\d\d:\d\d/);
      assert.ok(await fits(page), `${who} ${lang}: the schedule fits the phone`);
      await page.screenshot({ path: `${SHOTS}/meetings-${who}-${lang}-${ENGINE}.png`, fullPage: true });
    }
  }
  await buyer.goto(`${base}/lang/en?next=/meetings`);
  assert.equal(await buyer.locator(`#request${request}`).count(), 1, 'in the list across fairs');
  assert.ok(await fits(buyer), 'the list across fairs fits the phone');

  // The buyer is on a talk in the last slot; the form keeps it.
  await buyer.goto(`${base}/fairs/${fair}/meetings`);
  const last = buyer.locator('form[action$="/meetings/availability"] select').last();
  await last.selectOption('talk');
  await Promise.all([buyer.waitForNavigation(), buyer.click('form[action$="/meetings/availability"] button')]);
  assert.match(buyer.url(), /notice=saved/);
  assert.equal(await buyer.locator('form[action$="/meetings/availability"] select').last().inputValue(), 'talk');

  // The buyer's badge: the exhibitor scans it; the meeting is a week away, so it says when.
  const badgeUrl = (await buyer.locator('.badge-qr .qr-url').textContent()).trim();
  assert.match(badgeUrl, /\/m\/[A-Za-z0-9_-]{22}$/);
  await ex.goto(`${base}/lang/en?next=/meetings`);
  await ex.goto(badgeUrl);
  assert.match(await ex.textContent('#badge-result'), /is not under way now/);
  assert.match(await ex.textContent('main'), /10:00–10:30/);

  // "Ask for a meeting" is offered to buyers, not to the exhibitor's own people.
  await ex.goto(`${base}/fairs/1/exhibitors/9`);
  assert.equal(await ex.locator('a[href*="/meetings/new?to=organisation:9"]').count(), 0, 'not to its own members');
  await buyer.goto(`${base}/fairs/1/exhibitors/9`);
  assert.equal(await buyer.locator('a[href*="/meetings/new?to=organisation:9"]').count(), 1, 'to a buyer');

  // The calendar download carries the meeting.
  const ics = await buyer.request.get(`${base}/api/v1/me/meetings.ics`);
  assert.equal(ics.status(), 200);
  assert.match(ics.headers()['content-type'], /^text\/calendar/);
  const body = await ics.text();
  assert.match(body, /BEGIN:VEVENT/);
  assert.match(body, new RegExp(`UID:meeting-`));
});
