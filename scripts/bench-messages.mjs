// The messaging load: opens one live stream (/conversations/live) per person of the fixture,
// then sends messages at a fixed rate (open loop: a slow answer does not slow the offered
// load) through POST /api/v1/conversations/{id}/messages, each acknowledged only once
// committed, and times the acknowledgement and the arrival on the other side's stream. Beside
// it, in the same run, /healthz at the same concurrency. Prints one Markdown table.
// Usage: node scripts/bench-messages.mjs BASE TOKENS.json RATE SECONDS
import { readFileSync } from 'node:fs';

const [base, tokensFile, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 1000);
const seconds = Number(secondsArg ?? 10);
const pairs = JSON.parse(readFileSync(tokensFile, 'utf8'));

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const now = () => performance.now();

// --- live streams -----------------------------------------------------------------------
const sentAt = new Map();      // message id -> time the request left
const early = new Map();       // message id -> arrival times seen before the answer
const delivery = [];           // ms from send to arrival, one per (message, listener)
let arrivals = 0;
function arrived(id, t) {
  arrivals++;
  const s = sentAt.get(id);
  if (s !== undefined) delivery.push(t - s);
  else early.set(id, [...(early.get(id) ?? []), t]);
}
async function listen(token) {
  const r = await fetch(`${base}/conversations/live`, { headers: { authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`live: ${r.status}`);
  const reader = r.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const ev = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const m = ev.match(/"message_id":(\d+)/);
        if (m) arrived(Number(m[1]), now());
      }
    }
  })().catch(() => {});
}
const opened = now();
await Promise.all(pairs.flatMap((p) => [listen(p.buyer), listen(p.member)]));
const listeners = pairs.length * 2;
const openMs = now() - opened;

// --- /healthz at the same offered rate, as the baseline -----------------------------------
async function openLoop(total, send) {
  const lat = [];
  let ok = 0, failed = 0, k = 0;
  const start = now();
  const inflight = [];
  while (k < total) {
    const due = start + (k * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = now();
    const i = k++;
    inflight.push(send(i, t0).then((good) => { lat.push(now() - t0); good ? ok++ : failed++; }, () => failed++));
    if (inflight.length > 5000) await Promise.all(inflight.splice(0));
  }
  await Promise.all(inflight);
  return { lat, ok, failed, elapsed: (now() - start) / 1000 };
}
const total = rate * seconds;
const health = await openLoop(total, async () => (await fetch(`${base}/healthz`)).ok);

// --- messages ---------------------------------------------------------------------------
const msgs = await openLoop(total, async (i, t0) => {
  const p = pairs[i % pairs.length];
  const token = i % 2 ? p.member : p.buyer;
  const r = await fetch(`${base}/api/v1/conversations/${p.conversation}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: `message ${i} 樣品價格 sample price` }),
  });
  if (r.status !== 201) { await r.text(); return false; }
  const { message_id } = await r.json();
  sentAt.set(message_id, t0);
  for (const t of early.get(message_id) ?? []) delivery.push(t - t0);
  early.delete(message_id);
  return true;
});
// Every message goes to both sides' streams: wait for the stragglers (a minute at most).
const expected = msgs.ok * 2;
const waitFrom = now();
while (delivery.length < expected && now() - waitFrom < 60_000) await new Promise((r) => setTimeout(r, 50));

const f = (x) => x.toFixed(1);
console.log(`listeners: ${listeners} open streams (opened in ${f(openMs)} ms); offered ${rate}/s for ${seconds} s`);
console.log('| load | accepted/s | p50 (ms) | p99 (ms) | failed | delivered live | delivery p50 (ms) | delivery p99 (ms) |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(`| GET /healthz | ${f(health.ok / health.elapsed)} | ${f(pct(health.lat, 0.5))} | ${f(pct(health.lat, 0.99))} | ${health.failed} | | | |`);
console.log(`| POST message | ${f(msgs.ok / msgs.elapsed)} | ${f(pct(msgs.lat, 0.5))} | ${f(pct(msgs.lat, 0.99))} | ${msgs.failed} | ${delivery.length} / ${expected} | ${f(pct(delivery, 0.5))} | ${f(pct(delivery, 0.99))} |`);
process.exit(0);
