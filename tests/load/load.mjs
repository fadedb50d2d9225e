// `cargo xtask load`: 1,000 participant sessions submit 10,000 PHQ-9 responses against a fresh
// `wrangler dev` (MESTRING_URL), 100 at a time, and 1,000 of them are sent a second time as the
// app's retry queue would. Passes only with zero errors and zero duplicates: every session's
// history must hold exactly its ten ids. Loopback only; writes .mestring/load-report.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2id } from 'hash-wasm';
import { client, cookieOf, pool, phq9 } from '../support/http.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = process.env.MESTRING_URL;
if (!base) throw new Error('MESTRING_URL is not set: run `cargo xtask load`');
const SESSIONS = 1_000;
const PER_SESSION = 10;
const WIDTH = 100;

const call = client(base);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const errors = [];
const fail = (what, res) => errors.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);

// A business, a professional, and 1,000 codes issued in two batches of 500.
const seeded = (await call('POST', '/api/dev/seed', {})).json;
const pro = seeded.staff.find((x) => x.role === 'professional');
const pre = (await call('POST', '/api/staff/prelogin', { email: pro.email })).json;
const raw = await argon2id({ password: pro.password, salt: Buffer.from(pre.salt, 'base64url'), parallelism: pre.p,
  iterations: pre.t, memorySize: pre.m_kib, hashLength: 32, outputType: 'binary' });
const staff = cookieOf(await call('POST', '/api/staff/session', { email: pro.email, password_hash: Buffer.from(raw).toString('base64url') }), '__Host-mestring-staff');
const codes = [];
// Issued a month ago on the dev clock: answers are dated back up to PER_SESSION days, and a
// completion time before the code was issued is refused.
await call('POST', '/api/dev/clock', { now: new Date(Date.now() - 30 * 86_400_000).toISOString() });
for (let b = 0; b < SESSIONS / 500; b++) {
  const res = await call('POST', '/api/staff/codes', { count: 500 }, staff);
  if (res.status !== 201) throw new Error(`codes: ${res.status} ${res.text}`);
  codes.push(...res.json.codes);
}
await call('POST', '/api/dev/clock', { now: null });

const started = performance.now();
const cookies = new Array(SESSIONS);
// At most 4 logins at once: every login claims a place in its source's window (five a minute)
// before the lookup and gives it back when it succeeds, and all of these come from one source.
await pool(SESSIONS, 4, async (i) => {
  const res = await call('POST', '/api/session', { code: codes[i] });
  if (res.status === 200) cookies[i] = cookieOf(res, '__Host-mestring'); else fail('login', res);
});
const loggedIn = performance.now();

// Each submission carries its client id; one in ten is sent again (a retry after a lost answer).
const sent = Array.from({ length: SESSIONS }, () => []);
const latencies = [];
const total = SESSIONS * PER_SESSION;
const now = Date.now();
await pool(total + total / 10, WIDTH, async (k) => {
  const retry = k >= total;
  const i = retry ? ((k - total) * 10) % total : k;
  const who = i % SESSIONS; const nth = Math.floor(i / SESSIONS);
  if (!cookies[who]) return;
  const id = retry ? sent[who][nth] : crypto.randomUUID();
  if (!id) return;
  if (!retry) sent[who][nth] = id;
  const v = (i * 7) % 4;
  const t = performance.now();
  const res = await call('POST', '/api/me/responses', { id, instrument: 'phq9', version: '1.0.0',
    answers: phq9([v, v, 1, 1, 2, 1, 0, nth % 4, 0]), completed_at: new Date(now - nth * 86_400_000).toISOString() }, cookies[who]);
  latencies.push(performance.now() - t);
  if (res.status !== 200 || res.json?.id !== id) fail(retry ? 'retry' : 'submit', res);
});
const submitted = performance.now();

// Zero duplicates: every history holds exactly the ids sent, once each.
let stored = 0; let duplicates = 0; let missing = 0;
await pool(SESSIONS, WIDTH, async (who) => {
  if (!cookies[who]) return;
  const res = await call('GET', '/api/me/responses', undefined, cookies[who]);
  if (res.status !== 200) { fail('history', res); return; }
  const ids = res.json.responses.map((r) => r.id);
  stored += ids.length;
  duplicates += ids.length - new Set(ids).size;
  missing += sent[who].filter((id) => !ids.includes(id)).length;
});

const report = {
  sessions: SESSIONS, responses: total, retries: total / 10, errors: errors.length, stored, duplicates, missing,
  login_seconds: Math.round((loggedIn - started) / 100) / 10,
  submit_seconds: Math.round((submitted - loggedIn) / 100) / 10,
  submit_rps: Math.round((total * 1.1) / ((submitted - loggedIn) / 1000)),
  submit_p50_ms: Math.round(pct(latencies, 0.5)), submit_p99_ms: Math.round(pct(latencies, 0.99)),
  first_errors: errors.slice(0, 10),
};
mkdirSync(path.join(root, '.mestring'), { recursive: true });
writeFileSync(path.join(root, '.mestring/load-report.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
const ok = errors.length === 0 && duplicates === 0 && missing === 0 && stored === total;
console.log(ok ? 'load: PASSED (zero errors, zero duplicates)' : 'load: FAILED');
process.exit(ok ? 0 : 1);
