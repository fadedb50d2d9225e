// `cargo xtask bench` runs this against a fresh `wrangler dev` (MESTRING_URL). Every figure is
// measured in this one run, next to its baseline, and written to BENCHMARKS.md and
// benchmarks.json at the repository root. Loopback only; Debian Chromium; nothing downloaded.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { argon2id } from 'hash-wasm';
import { client, cookieOf as cookieOfOrNone, pool, phq9 } from '../support/http.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = process.env.MESTRING_URL;
if (!base && !process.argv.includes('--render')) throw new Error('MESTRING_URL is not set: run `cargo xtask bench`');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BIG = Number(process.env.BENCH_BIG_RESPONSES ?? 100_000);
const SMALL = 1_000;
const PARTICIPANTS = 100;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const log = (...a) => console.log('bench:', ...a);

// --- HTTP helpers ------------------------------------------------------------------------
const call = client(base);
const cookieOf = (res, name) => {
  const c = cookieOfOrNone(res, name);
  if (!c) throw new Error(`no ${name} cookie: ${res.status} ${res.text}`);
  return c;
};
/** A helper's own call, waited out (its Retry-After) and tried again while the throttle says
 *  429, so that a login after a heavy phase is not the bench's failure. */
async function patient(method, p, body) {
  for (let attempt = 0; ; attempt++) {
    const res = await call(method, p, body);
    const wait = Number(res.retryAfter ?? 5);
    if (res.status !== 429 || attempt === 5) return res;
    log(`${p}: 429, waiting ${wait + 1} s`);
    await new Promise((r) => setTimeout(r, (wait + 1) * 1000));
  }
}
async function userLogin(code) {
  const res = await patient('POST', '/api/session', { code });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
  return cookieOf(res, '__Host-mestring');
}
async function staffLogin(email, password) {
  const pre = (await call('POST', '/api/staff/prelogin', { email })).json;
  const raw = await argon2id({ password, salt: Buffer.from(pre.salt, 'base64url'), parallelism: pre.p,
    iterations: pre.t, memorySize: pre.m_kib, hashLength: 32, outputType: 'binary' });
  const res = await patient('POST', '/api/staff/session', { email, password_hash: Buffer.from(raw).toString('base64url') });
  return cookieOf(res, '__Host-mestring-staff');
}
async function seed() {
  const res = await call('POST', '/api/dev/seed', {});
  if (res.status !== 200) throw new Error(`seed: ${res.status} ${res.text}`);
  return res.json;
}
// --- 1. First-load bytes -------------------------------------------------------------------
// What Chromium itself fetches, from its network log, so that nothing the page loads can be
// left out of the count (a lazily loaded chunk, a font, an /api call). Two figures:
// - the login page until it is usable: a fresh profile opens `/` and waits until the app has
//   mounted its own code field (`main input:not(#boot *)`) and the network is idle;
// - what the service worker then fetches in the background for offline use (its install's
//   precache), the files the page has not already loaded.
// Each body is compressed here with brotli q11 (and gzip -9), as a server would send it.
const compressed = (path, buf, by) => ({
  path, by, raw: buf.length,
  gzip: zlib.gzipSync(buf, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const sum = (fs, k) => fs.reduce((a, f) => a + f[k], 0);
const totals = (fs) => ({ raw: sum(fs, 'raw'), gzip: sum(fs, 'gzip'), brotli: sum(fs, 'brotli') });

async function sizes(browser) {
  const context = await browser.newContext({ locale: 'nb-NO' });
  await context.addInitScript(() => {
    const mark = () => { if (!window.__ready && document.querySelector('main input:not(#boot *)')) window.__ready = performance.now(); };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', mark);
  });
  const seen = [];
  context.on('requestfinished', (request) => seen.push(request));
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForFunction(() => window.__ready !== undefined);
  await page.waitForLoadState('networkidle');
  const pageRequests = seen.splice(0);
  // The service worker has installed (its precache done) once it controls the page; what it
  // stored beyond what the page had loaded is what it fetched in the background.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
    }
    return urls;
  });
  const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };
  const files = [];
  for (const r of pageRequests) {
    if (r.serviceWorker() || r.url().startsWith('data:')) continue;
    const res = await r.response();
    files.push(compressed(pathOf(r.url()), await res.body(), r.resourceType()));
  }
  const loaded = new Set(files.map((f) => f.path));
  const background = [];
  for (const url of cached) {
    const p = pathOf(url);
    if (loaded.has(p) || background.some((f) => f.path === p)) continue;
    background.push(compressed(p, Buffer.from(await (await fetch(base + p)).arrayBuffer()), 'service worker'));
  }
  await context.close();

  // Staff mode, which only /staff paths load (`boot.js` names its files).
  const html = await (await fetch(base + '/')).text();
  const named = (text, stem, ext) => {
    const m = text.match(new RegExp(`["'](/assets/${stem}\\.[0-9a-f]{16}\\.${ext})["']`));
    if (!m) throw new Error(`no /assets/${stem}.*.${ext} named`);
    return m[1];
  };
  const bootText = await (await fetch(base + named(html, 'boot', 'js'))).text();
  const staffFiles = [];
  for (const p of [named(bootText, 'staff', 'js'), named(bootText, 'staff_bg', 'wasm'), named(bootText, 'staff', 'css')]) {
    staffFiles.push(compressed(p, Buffer.from(await (await fetch(base + p)).arrayBuffer()), 'staff'));
  }
  return {
    files, total: totals(files),
    background_files: background, background_total: totals(background),
    staff_files: staffFiles, staff_total: totals(staffFiles),
  };
}

// --- 2. Login page interactive vs a static page with the same CSS ---------------------------
const STATIC_HTML = `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Mestring</title>
<link rel="stylesheet" href="/style/main.css"></head><body><main id="main">
<h1>Logg inn med tilgangskode</h1><form class="stack"><fieldset><legend>Tilgangskode</legend>
<div class="field"><label for="code">Tilgangskode</label><input id="code" autocomplete="off"></div>
</fieldset><button type="submit" class="primary">Logg inn</button></form></main></body></html>`;

function staticServer() {
  const assets = path.join(root, 'dist/app/assets');
  const css = readFileSync(path.join(assets, readdirSync(assets).find((f) => /^main\.[0-9a-f]{16}\.css$/.test(f))));
  const server = http.createServer((req, res) => {
    if (req.url === '/style/main.css') { res.writeHead(200, { 'content-type': 'text/css' }); res.end(css); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(STATIC_HTML);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function interactive(browser) {
  const server = await staticServer();
  const staticUrl = `http://127.0.0.1:${server.address().port}/`;
  // The moment the code field exists in the page: for the app, after the wasm has mounted it
  // (with its handlers); for the static page, as soon as the HTML is parsed.
  const probe = () => {
    // The app's own field: index.html's static copy of the login page (#boot) is not interactive.
    const mark = () => { if (!window.__ready && document.querySelector('main input:not(#boot *)')) window.__ready = performance.now(); };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', mark);
  };
  const once = async (url) => {
    const context = await browser.newContext({ locale: 'nb-NO' });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined);
    const t = await page.evaluate(() => window.__ready);
    await context.close();
    return t;
  };
  const app = []; const plain = [];
  for (let i = 0; i < RUNS; i++) { app.push(await once(base + '/')); plain.push(await once(staticUrl)); }
  server.close();
  return { runs: RUNS, app_ms: round(median(app)), static_ms: round(median(plain)), ratio: round(median(app) / median(plain), 2) };
}

// --- 3. Argon2id unlock in Chromium (the app's worker) vs native ---------------------------
// `mestring:argon2id` (the page's entry) spans the round trip to the key-derivation worker as
// the user waits for it; `mestring:argon2id:worker` (the worker's entry) the computation alone.
// The code is typed as a person types it, which gives the worker (started on focus) time to load.
const ARGON_RUNS = Number(process.env.BENCH_ARGON2_RUNS ?? 9);
async function argon(browser, codes) {
  const times = []; const inWorker = [];
  for (let i = 0; i < ARGON_RUNS; i++) {
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(base + '/');
    const worker = page.waitForEvent('worker', { timeout: 20_000 }).catch(() => null);
    await page.getByLabel('Tilgangskode', { exact: true }).pressSequentially(codes[i % codes.length], { delay: 40 });
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.waitForFunction(() => performance.getEntriesByName('mestring:argon2id').length > 0, null, { timeout: 30_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('mestring:argon2id')[0].duration));
    const w = await worker;
    if (w) inWorker.push(await w.evaluate(() => performance.getEntriesByName('mestring:argon2id:worker')[0].duration));
    await context.close();
  }
  const native = JSON.parse(process.env.BENCH_NATIVE_ARGON2_MS ?? '[]');
  if (native.length === 0) throw new Error('BENCH_NATIVE_ARGON2_MS is not set');
  return { chromium_ms: round(median(times)), native_ms: round(median(native)), ratio: round(median(times) / median(native), 2),
    ...(inWorker.length ? { worker_ms: round(median(inWorker)), worker_ratio: round(median(inWorker) / median(native), 2),
      worker_runs: inWorker.map((t) => round(t)) } : {}),
    chromium_runs: times.map((t) => round(t)), native_runs: native.map((t) => round(t)) };
}

// --- 4. Lighthouse, mobile preset ---------------------------------------------------------
async function lighthouseScores(code) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', ...CHROME_FLAGS] });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true };
    const score = (lhr) => ({
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      fcp_ms: Math.round(lhr.audits['first-contentful-paint'].numericValue),
      lcp_ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
      tbt_ms: Math.round(lhr.audits['total-blocking-time'].numericValue),
      final_url: lhr.finalDisplayedUrl,
    });
    // A run that ends in Lighthouse's own error (no paint seen, a protocol timeout) has no
    // metrics and a score of 0: it is tried once more, and otherwise kept as that error, so a
    // failed measurement never reads as a measured 0.
    const audit = async (url) => {
      let lhr;
      for (let attempt = 0; attempt < 2; attempt++) {
        lhr = (await lighthouse(url, flags)).lhr;
        if (!lhr.runtimeError) return score(lhr);
        log(`lighthouse ${url}: ${lhr.runtimeError.code}${attempt === 0 ? ', once more' : ''}`);
      }
      const a11y = lhr.categories.accessibility?.score;
      return { error: lhr.runtimeError.code, accessibility: a11y == null ? null : Math.round(a11y * 100), final_url: lhr.finalDisplayedUrl };
    };
    const login = await audit(base + '/');
    // The questionnaire needs a session: log in through the app in the same browser first.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    await page.goto(base + '/');
    await page.waitForSelector('#code');
    await page.type('#code', code);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.pathname !== '/', { timeout: 30_000 });
    await page.close();
    browser.disconnect();
    const questionnaire = await audit(base + '/check/phq9');
    return { login, questionnaire };
  } finally {
    await chrome.kill();
  }
}

// --- 5. Load: code validation and authenticated /api/me vs /api/health ----------------------
// LOAD_ROUNDS rounds of LOAD_SECONDS per call. Each round runs the three calls back to back, in
// an order that rotates from round to round, so drift on the shared machine (another process,
// a warming cache) hits all three alike; a ratio pairs the runs of one round, and every figure
// reported is the median over the rounds.
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
/** The load generator stands where Cloudflare's front stands in production: it talks to
 *  `wrangler dev` directly (MESTRING_EDGE_URL) over connections kept alive, and gives every
 *  request a client address of its own with the front's key (`xtask/src/front.rs`), so the
 *  worker's throttle sees 100 connections of many people rather than one source. Through the
 *  local front (one request per connection, a new upstream connection each time) the figures
 *  measured the front: p50 around 5 s for /api/health. */
function frontHeaders() {
  const vars = readFileSync(path.join(root, 'edge/.dev.vars'), 'utf8').split('\n');
  const key = (vars.find((l) => l.startsWith('MESTRING_FRONT_KEY=')) ?? '').slice('MESTRING_FRONT_KEY='.length).trim();
  let n = 0;
  return (req) => {
    n += 1;
    const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    return { ...req, headers: { ...req.headers, 'x-mestring-front': key, 'cf-connecting-ip': address } };
  };
}

async function load(codes) {
  const cookie = await userLogin(codes[0]);
  const edge = process.env.MESTRING_EDGE_URL ?? base;
  const setupRequest = frontHeaders();
  const run = (title, opts) => new Promise((resolve, reject) => {
    const requests = opts.requests.map((r) => ({ ...r, setupRequest }));
    autocannon({ url: edge, connections: 100, duration: LOAD_SECONDS, ...opts, requests }, (err, r) => {
      if (err) return reject(err);
      resolve({ title, p50_ms: r.latency.p50, p99_ms: r.latency.p99, rps: Math.round(r.requests.average),
        requests: r.requests.total, errors: r.errors + r.timeouts, non_2xx: r.non2xx });
    });
  });
  const calls = {
    health: ['GET /api/health', { requests: [{ method: 'GET', path: '/api/health' }] }],
    code: ['POST /api/session (code validation)', { requests: [{ method: 'POST', path: '/api/session',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: codes[1] }) }] }],
    me: ['GET /api/me (authenticated)', { requests: [{ method: 'GET', path: '/api/me', headers: { cookie } }] }],
  };
  const names = Object.keys(calls);
  const rounds = [];
  for (let i = 0; i < LOAD_ROUNDS; i++) {
    const round = {};
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      round[name] = await run(...calls[name]);
      log(`load round ${i + 1}: ${name} p50 ${round[name].p50_ms} ms, p99 ${round[name].p99_ms} ms`);
    }
    rounds.push(round);
  }
  // The median of each figure over the rounds; errors and non-2xx are summed.
  const merged = (name) => ({
    title: calls[name][0],
    p50_ms: median(rounds.map((r) => r[name].p50_ms)), p99_ms: median(rounds.map((r) => r[name].p99_ms)),
    rps: Math.round(median(rounds.map((r) => r[name].rps))), requests: rounds.reduce((a, r) => a + r[name].requests, 0),
    errors: rounds.reduce((a, r) => a + r[name].errors, 0), non_2xx: rounds.reduce((a, r) => a + r[name].non_2xx, 0),
    p99_runs: rounds.map((r) => r[name].p99_ms),
  });
  const ratio = (name) => round(median(rounds.map((r) => r[name].p99_ms / r.health.p99_ms)), 2);
  return { connections: 100, seconds: LOAD_SECONDS, rounds: LOAD_ROUNDS, direct: edge !== base, health: merged('health'), me: merged('me'),
    code: merged('code'), me_p99_ratio: ratio('me'), code_p99_ratio: ratio('code'),
    me_p99_ratios: rounds.map((r) => round(r.me.p99_ms / r.health.p99_ms, 2)),
    code_p99_ratios: rounds.map((r) => round(r.code.p99_ms / r.health.p99_ms, 2)) };
}

// --- 6. Group statistics with 1k vs 100k stored responses ----------------------------------
async function business(perParticipant) {
  const s = await seed();
  const pro = s.staff.find((x) => x.role === 'professional');
  const staff = await staffLogin(pro.email, pro.password);
  // Issued before the oldest answer (ten months back) on the dev clock: a completion time
  // before the code was issued is refused.
  await call('POST', '/api/dev/clock', { now: new Date(Date.now() - 301 * 86_400_000).toISOString() });
  const issued = await call('POST', '/api/staff/codes', { count: PARTICIPANTS }, staff);
  await call('POST', '/api/dev/clock', { now: null });
  if (issued.status !== 201) throw new Error(`codes: ${issued.status} ${issued.text}`);
  const cookies = [];
  for (const c of issued.json.codes) cookies.push(await userLogin(c));
  const total = PARTICIPANTS * perParticipant;
  const now = Date.now();
  const started = performance.now();
  let failed = 0;
  await pool(total, 64, async (i) => {
    const who = i % PARTICIPANTS; const k = Math.floor(i / PARTICIPANTS);
    // The first answer of each participant is now; the rest reach back up to ten months.
    const at = k === 0 ? now : now - ((k * 7919) % 300) * 86_400_000 - 3_600_000;
    const v = (i * 31) % 4;
    const res = await call('POST', '/api/me/responses', { id: crypto.randomUUID(), instrument: 'phq9', version: '1.0.0',
      answers: phq9([v, v, 1, 1, 2, 1, 0, (i % 3), 0]), completed_at: new Date(at).toISOString() }, cookies[who]);
    if (res.status !== 200) failed++;
  });
  const seconds = (performance.now() - started) / 1000;
  return { staff, responses: total, failed, seconds: round(seconds), rps: Math.round(total / seconds) };
}

async function stats() {
  const small = await business(SMALL / PARTICIPANTS);
  log(`stored ${small.responses} responses (${small.rps}/s)`);
  const big = await business(BIG / PARTICIPANTS);
  log(`stored ${big.responses} responses (${big.rps}/s)`);
  const period = new Date().toISOString().slice(0, 7);
  const time = async (cookie) => {
    const t = performance.now();
    const res = await call('GET', `/api/staff/stats?period=${period}`, undefined, cookie);
    if (res.status !== 200) throw new Error(`stats: ${res.status} ${res.text}`);
    return { ms: performance.now() - t, n: res.json.groups.find((g) => g.instrument === 'phq9')?.n };
  };
  const a = []; const b = []; let nA; let nB;
  for (let i = 0; i < RUNS * 2; i++) {
    const x = await time(small.staff); const y = await time(big.staff);
    a.push(x.ms); b.push(y.ms); nA = x.n; nB = y.n;
  }
  return { participants: PARTICIPANTS, period, small: { responses: small.responses, failed: small.failed, n: nA, ms: round(median(a)) },
    big: { responses: big.responses, failed: big.failed, n: nB, ms: round(median(b)), insert_rps: big.rps },
    ratio: round(median(b) / median(a), 2) };
}

// --- 7. Staff overview with 50 vs 5,000 participants ----------------------------------------
// Every participant shares and has 20 PHQ-9 responses (1,000 vs 100,000 in all), so each page
// shows scores and flags and writes its audit rows. The overview reads one summary row per
// participant, never the responses.
const OV_SMALL = 50;
const OV_BIG = Number(process.env.BENCH_OVERVIEW_PARTICIPANTS ?? 5_000);
const OV_EACH = Number(process.env.BENCH_OVERVIEW_EACH ?? 20);

async function caseload(participants) {
  // Every code, the seed's too, issued before the oldest answer (ten months back) on the dev
  // clock: an answer dated before its code was issued is refused (422).
  await call('POST', '/api/dev/clock', { now: new Date(Date.now() - 301 * 86_400_000).toISOString() });
  const s = await seed();
  const pro = s.staff.find((x) => x.role === 'professional');
  const staff = await staffLogin(pro.email, pro.password);
  const codes = [...s.codes];
  while (codes.length < participants) {
    const issued = await call('POST', '/api/staff/codes', { count: Math.min(500, participants - codes.length) }, staff);
    if (issued.status !== 201) throw new Error(`codes: ${issued.status} ${issued.text}`);
    codes.push(...issued.json.codes);
  }
  await call('POST', '/api/dev/clock', { now: null });
  const cookies = new Array(participants);
  // At most 4 logins at once: each claims a place in the source's login window before the
  // lookup (five a minute) and gives it back when it succeeds.
  await pool(participants, 4, async (i) => {
    cookies[i] = await userLogin(codes[i]);
    const res = await call('POST', '/api/me/consent', { share: true }, cookies[i]);
    if (res.status !== 200) throw new Error(`consent: ${res.status} ${res.text}`);
  });
  const total = participants * OV_EACH;
  const now = Date.now();
  const started = performance.now();
  let failed = 0;
  await pool(total, 64, async (i) => {
    const who = i % participants; const k = Math.floor(i / participants);
    const at = now - ((k * 7919) % 300) * 86_400_000 - 3_600_000 - k * 1000;
    const v = (i * 31) % 4;
    const res = await call('POST', '/api/me/responses', { id: crypto.randomUUID(), instrument: 'phq9', version: '1.0.0',
      answers: phq9([v, v, 1, 1, 2, 1, 0, (i % 3), i % 7 === 0 ? 1 : 0]), completed_at: new Date(at).toISOString() }, cookies[who]);
    if (res.status !== 200) failed++;
  });
  const seconds = (performance.now() - started) / 1000;
  return { pro, staff, participants, responses: total, failed, rps: Math.round(total / seconds) };
}

async function overview() {
  const small = await caseload(OV_SMALL);
  log(`caseload of ${small.participants}: ${small.responses} responses (${small.rps}/s)`);
  const big = await caseload(OV_BIG);
  log(`caseload of ${big.participants}: ${big.responses} responses (${big.rps}/s)`);
  // Storing 100,000 responses outlasts a staff session's idle limit: log in again for the loads.
  for (const b of [small, big]) b.staff = await staffLogin(b.pro.email, b.pro.password);
  const time = async (b) => {
    const t = performance.now();
    const res = await call('GET', '/api/staff/participants', undefined, b.staff);
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`overview: ${res.status} ${res.text}`);
    if (res.json.total !== b.participants || res.json.participants.length !== Math.min(50, b.participants)
      || res.json.participants.some((p) => p.latest === null)) throw new Error('overview: unexpected page');
    return ms;
  };
  const a = []; const b = [];
  for (let i = 0; i < RUNS * 2; i++) { a.push(await time(small)); b.push(await time(big)); }
  return { page: 50, small: { participants: small.participants, responses: small.responses, failed: small.failed, ms: round(median(a)) },
    big: { participants: big.participants, responses: big.responses, failed: big.failed, ms: round(median(b)), insert_rps: big.rps },
    ratio: round(median(b) / median(a), 2) };
}

// --- Report ---------------------------------------------------------------------------------
const KB = (b) => `${round(b / 1000)} KB`;
const ok = (met) => (met ? 'met' : '**not met**');
// A Lighthouse page's figures, or the error its run ended in (`lighthouseScores`).
const lhScores = (p) => (p.error ? `performance not measured (${p.error}), accessibility ${p.accessibility ?? 'not measured'}` : `performance ${p.performance}, accessibility ${p.accessibility}`);
const lhRow = (page, p) => (p.error
  ? `| ${page} | not measured: ${p.error} | ${p.accessibility ?? ''} | | | |`
  : `| ${page} | ${p.performance} | ${p.accessibility} | ${p.fcp_ms} ms | ${p.lcp_ms} ms | ${p.tbt_ms} ms |`);

/** The background table: the page chunks as two grouped rows (each page's own, and the chunks
 *  pages share), every other file as its own row. */
function backgroundRows(files, row) {
  const own = files.filter((f) => /\/split_[^/]*\.wasm$/.test(f.path));
  const shared = files.filter((f) => /\/chunk_[^/]*\.wasm$/.test(f.path));
  const group = (label, list) => {
    if (!list.length) return [];
    const t = totals(list);
    const largest = list.reduce((a, b) => (b.brotli > a.brotli ? b : a));
    return [`| ${label}: ${list.length} files, the largest \`${largest.path}\` ${KB(largest.brotli)} | ${KB(t.raw)} | ${KB(t.gzip)} | ${KB(t.brotli)} |`];
  };
  return [
    ...files.filter((f) => !own.includes(f) && !shared.includes(f)).map(row),
    ...group('each page\'s own chunk (`split_*.wasm`)', own),
    ...group('chunks that pages share (`chunk_*.wasm`)', shared),
  ].join('\n');
}

function markdown(r) {
  const s = r.first_load;
  const row = (f) => `| \`${f.path}\` | ${KB(f.raw)} | ${KB(f.gzip)} | ${KB(f.brotli)} |`;
  const rows = s.files.map(row).join('\n');
  const bg = s.background_files ?? [];
  const bgTotal = s.background_total ?? { raw: 0, gzip: 0, brotli: 0 };
  const staffRows = s.staff_files.map(row).join('\n');
  const L = r.lighthouse; const l = r.load; const a = r.argon2id; const st = r.stats; const i = r.interactive;
  const ov = r.overview;
  return `# Benchmarks

Measured by \`cargo xtask bench\` on ${r.date}, on ${r.machine}, against \`wrangler dev\`
(workerd, local D1) on loopback, with Debian Chromium ${r.chromium}. Every ratio compares two
figures measured side by side in this one run. Rerun with \`cargo xtask bench\` (about 40 min on two cores);
it rewrites this file and \`benchmarks.json\`. KB = 1000 bytes.

## Summary

| figure | measured | goal | |
|---|---|---|---|
| first load, brotli: what Chromium fetches for the login page until it is usable | ${KB(s.total.brotli)} | ≤ 150 KB | ${ok(s.total.brotli <= 150_000)} |
| then in the background: the service worker's precache for offline use, brotli | ${s.background_total ? KB(bgTotal.brotli) : 'not measured'} | – | |
| Lighthouse mobile, login page | ${lhScores(L.login)} | 100 and 100 | ${ok(L.login.performance === 100 && L.login.accessibility === 100)} |
| Lighthouse mobile, questionnaire page | ${lhScores(L.questionnaire)} | 100 and 100 | ${ok(L.questionnaire.performance === 100 && L.questionnaire.accessibility === 100)} |
| login page interactive vs static HTML with the same CSS | ${i.app_ms} ms vs ${i.static_ms} ms (${i.ratio}×) | – | |
| code validation p99 vs /api/health p99 (100 connections${l.rounds ? `, median of ${l.rounds} rounds` : ''}) | ${l.code.p99_ms} ms vs ${l.health.p99_ms} ms (${l.code_p99_ratio}×) | ≤ 1.5× | ${l.code.non_2xx > 0 ? '**not a login figure**: answers refused by the throttle (see Load)' : ok(l.code_p99_ratio <= 1.5)} |
| authenticated /api/me p99 vs /api/health p99 | ${l.me.p99_ms} ms vs ${l.health.p99_ms} ms (${l.me_p99_ratio}×) | ≤ 1.5× | ${l.me.non_2xx > 0 ? '**not measured**: refused answers' : ok(l.me_p99_ratio <= 1.5)} |
| Argon2id unlock (19456 KiB, t = 2), Chromium wasm vs native | ${a.chromium_ms} ms vs ${a.native_ms} ms (${a.ratio}×) | ≤ 1.3× | ${ok(a.ratio <= 1.3)} |
| group statistics, ${st.big.responses.toLocaleString('en')} vs ${st.small.responses.toLocaleString('en')} stored responses | ${st.big.ms} ms vs ${st.small.ms} ms (${st.ratio}×) | ≤ 1.5× | ${ok(st.ratio <= 1.5)} |
${ov ? `| staff overview (a page of ${ov.page}), ${ov.big.participants.toLocaleString('en')} participants / ${ov.big.responses.toLocaleString('en')} responses vs ${ov.small.participants} / ${ov.small.responses.toLocaleString('en')} | ${ov.big.ms} ms vs ${ov.small.ms} ms (${ov.ratio}×) | – | |
` : ''}
## First load (what an end user downloads on the login page)

Every response in Chromium's network log from opening \`/\` in a fresh profile until the app
has mounted its code field and the network is idle; each body compressed here.

| file | raw | gzip -9 | brotli q11 |
|---|---|---|---|
${rows}
| **total** | **${KB(s.total.raw)}** | **${KB(s.total.gzip)}** | **${KB(s.total.brotli)}** |

Then the service worker installs and fetches, in the background, what the page has not
already loaded (offline use):

| file | raw | gzip -9 | brotli q11 |
|---|---|---|---|
${bg.length ? backgroundRows(bg, row) : '| (nothing) | – | – | – |'}
| **total** | **${KB(bgTotal.raw)}** | **${KB(bgTotal.gzip)}** | **${KB(bgTotal.brotli)}** |

Staff mode is a separate bundle that only /staff paths load (\`app/boot.js\`):

| file | raw | gzip -9 | brotli q11 |
|---|---|---|---|
${staffRows}

## Lighthouse ${r.lighthouse_version} (mobile preset: simulated slow 4G, 4× CPU slowdown)

| page | performance | accessibility | FCP | LCP | TBT |
|---|---|---|---|---|---|
${lhRow('login \`/\`', L.login)}
${lhRow('questionnaire \`/check/phq9\`', L.questionnaire)}

## Load (autocannon, ${l.connections} connections, ${l.seconds} s each${l.rounds ? `, median of ${l.rounds} rounds` : ''}, loopback)
${l.direct ? `
The generator talks to \`wrangler dev\` directly over connections kept alive and gives every
request a client address of its own with the local front's key, as Cloudflare's front does in
production; so the worker's throttle sees many people, not one source, and the local front's
one request per connection is not measured.
` : ''}${l.rounds ? `
Each round runs the three calls one after another, starting with a different one each round;
a ratio is taken within a round, and the figures below are medians over the rounds${l.date ? ` (measured ${l.date})` : ''}.
p99 ratios of the rounds: code validation ${l.code_p99_ratios.join(', ')}; /api/me ${l.me_p99_ratios.join(', ')}.
` : ''}
| call | p50 | p99 | requests/s | errors | non-2xx |
|---|---|---|---|---|---|
${[l.health, l.code, l.me].map((x) => `| ${x.title} | ${x.p50_ms} ms | ${x.p99_ms} ms | ${x.rps} | ${x.errors} | ${x.non_2xx} |`).join('\n')}

## Argon2id

Chromium runs (the app's key-derivation worker, read from the \`mestring:argon2id\` User Timing
entry of a real login: the round trip to the worker as the user waits for it): ${a.chromium_runs.join(', ')} ms.
${a.worker_runs ? `The computation alone, inside the worker (\`mestring:argon2id:worker\`): ${a.worker_runs.join(', ')} ms
(median ${a.worker_ms} ms, ${a.worker_ratio}× native). ` : ''}Native (the same \`kdf\` crate, optimised):
${a.native_runs.join(', ')} ms.${a.date ? ` Measured ${a.date} (\`cargo xtask bench argon2\`).` : ''}

## Group statistics

Two businesses of ${st.participants} participants each; every participant answered once this
month and the rest of their responses reach back ten months. The report for ${st.period} reads
the aggregate tables, not the responses. Median of ${RUNS * 2} reports each:
${st.small.responses.toLocaleString('en')} responses → ${st.small.ms} ms (n = ${st.small.n});
${st.big.responses.toLocaleString('en')} responses → ${st.big.ms} ms (n = ${st.big.n}).
Storing the ${st.big.responses.toLocaleString('en')} responses through the API ran at ${st.big.insert_rps} per second
(${st.small.failed + st.big.failed} failed).
${ov ? `
## Staff overview (caseload)

Two businesses whose every participant shares and has ${OV_EACH} PHQ-9 responses: ${ov.small.participants} participants
(${ov.small.responses.toLocaleString('en')} responses) and ${ov.big.participants.toLocaleString('en')} participants (${ov.big.responses.toLocaleString('en')} responses), measured ${ov.date ?? r.date}.
\`GET /api/staff/participants\` answers the first page of ${ov.page}, newest code first, with scores and
flags, and writes one audit row per participant shown, in one batch. It reads one summary row
per participant (\`participant_summaries\`, kept current in the batch of every write that changes
it), never the responses. Median of ${RUNS * 2} loads each: ${ov.small.participants} participants → ${ov.small.ms} ms;
${ov.big.participants.toLocaleString('en')} participants → ${ov.big.ms} ms (${ov.ratio}×). What still grows is the number of
participants: consent is evaluated now for each of them, in the worker, so that the filters and
the order never use a stale state (P5). Storing the ${ov.big.responses.toLocaleString('en')} responses (each with its summary
rewritten in the same batch) ran at ${ov.big.insert_rps} per second (${ov.small.failed + ov.big.failed} failed).
` : ''}
${readFileSync(path.join(root, 'tests/bench/notes.md'), 'utf8').trim()}
`;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The last run's figures (`benchmarks.json`). */
const lastRun = () => JSON.parse(readFileSync(path.join(root, 'benchmarks.json'), 'utf8'));

/** Writes both files from `report`. */
function write(report) {
  writeFileSync(path.join(root, 'benchmarks.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown(report));
  log('wrote BENCHMARKS.md and benchmarks.json');
}

/** A partial mode: measures one part into the last full run's files, then exits. */
async function updatePart(flag, key, measure) {
  if (!process.argv.includes(flag)) return;
  const report = lastRun();
  log(key);
  report[key] = await measure();
  write(report);
  process.exit(0);
}

/** `measure` with a browser of its own. */
async function withBrowser(measure) {
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
  try { return await measure(browser); } finally { await browser.close(); }
}

// `node tests/bench/bench.mjs --render`: rewrite BENCHMARKS.md from benchmarks.json (after
// editing notes.md) without measuring again.
if (process.argv.includes('--render')) {
  writeFileSync(path.join(root, 'BENCHMARKS.md'), markdown(lastRun()));
  process.exit(0);
}
// `cargo xtask bench overview`: only the staff overview.
await updatePart('--overview', 'overview', async () => ({ ...(await overview()), date: today() }));
// `cargo xtask bench size`: only the first-load bytes, each file printed (the figure to watch
// while making the bundle smaller).
await updatePart('--size', 'first_load', async () => {
  const f = await withBrowser(sizes);
  for (const x of [...f.files, ...f.background_files]) log(`${x.by.padEnd(14)} ${x.path.padEnd(44)} ${String(x.raw).padStart(9)} raw ${String(x.brotli).padStart(8)} brotli`);
  log(`login page until usable: ${f.total.brotli} bytes brotli (${f.total.raw} raw); the service worker after it: ${f.background_total.brotli} bytes brotli`);
  return f;
});
// `cargo xtask bench load`: only the load figures.
await updatePart('--load', 'load', async () => {
  const figures = { ...(await load((await seed()).codes.slice(8, 10))), date: today() };
  log(`load: code validation p99 ${figures.code_p99_ratio}× /api/health, /api/me ${figures.me_p99_ratio}×`);
  return figures;
});
// `cargo xtask bench argon2`: only Argon2id.
await updatePart('--argon2', 'argon2id', async () => {
  const codes = (await seed()).codes;
  const figures = { ...(await withBrowser((browser) => argon(browser, codes))), date: today() };
  log(JSON.stringify(figures));
  return figures;
});
// `cargo xtask bench lighthouse`: only Lighthouse.
await updatePart('--lighthouse', 'lighthouse', async () => lighthouseScores((await seed()).codes[7]));

const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
const seeded = await seed();
log('first-load sizes'); const first_load = await sizes(browser);
log('interactive'); const inter = await interactive(browser);
log('argon2id'); const argon2 = await argon(browser, seeded.codes.slice(2, 7));
const chromiumVersion = browser.version();
await browser.close();
log('lighthouse'); const lh = await lighthouseScores(seeded.codes[7]);
log('load'); const loadFigures = await load(seeded.codes.slice(8, 10));
log('statistics'); const statFigures = await stats();
log('staff overview'); const overviewFigures = { ...(await overview()), date: today() };
const report = {
  date: today(), machine: process.env.BENCH_MACHINE ?? 'unknown',
  chromium: chromiumVersion, lighthouse_version: JSON.parse(readFileSync(path.join(root, 'node_modules/lighthouse/package.json'), 'utf8')).version,
  first_load, interactive: inter, argon2id: argon2, lighthouse: lh, load: loadFigures, stats: statFigures, overview: overviewFigures,
};
write(report);
