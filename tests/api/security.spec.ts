// Issue 20: a second factor that holds, and abuse limits that cannot be raced or spoofed.
// Re-authentication for TOTP changes, the authenticator's growing delay, an atomic throttle
// (parallel attempts), a client address the caller cannot choose, cross-site and non-JSON
// requests refused, administrative audit rows, an invitation that says nothing about other
// businesses, error messages that echo nothing, and completion times that cannot be backdated.
import { test, expect } from '@playwright/test';
import { base, call, iso, login, phq9, randomClient, seed, setClock, uuid, Res } from '../support/edge';
import { passwordHash, staffAttempt, staffCookie, staffLogin } from '../support/staff';
import { totp } from '../support/totp';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;

const MINUTE = 60_000;
/// A minute's start plus 10 s, far from the window's edge.
const T0 = Date.parse('2026-04-06T09:00:10Z');

/** A professional with TOTP switched on at T0; the clock stays at T0. */
async function withTotp() {
  const s = await seed();
  const pro = account(s, 'professional');
  await setClock(iso(T0));
  const password_hash = await passwordHash(pro.email, pro.password);
  const login = await call('POST', '/api/staff/session', { email: pro.email, password_hash }, { from: randomClient() });
  const cookie = staffCookie(login);
  const enrol = await call('POST', '/api/staff/totp', { password_hash }, { cookie });
  expect(enrol.status).toBe(200);
  const secret = enrol.json.secret as string;
  expect((await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0) }, { cookie })).status).toBe(200);
  return { s, pro, cookie, secret, password_hash };
}

/** Puts the edge clock 5 s into a minute, so a test's attempts share one throttle window. */
async function freshWindow(minute: number): Promise<void> {
  await setClock(iso(Date.parse('2026-05-04T10:00:05Z') + minute * MINUTE));
}

/** A code that is surely wrong at `at` (one from ten minutes later). */
const wrongCode = (secret: string, at: number) => totp(secret, at + 10 * MINUTE);

test('re-enrolling TOTP needs the password and a current code; without either it is refused', async () => {
  const { pro, cookie, secret, password_hash } = await withTotp();
  const t = T0 + 2 * MINUTE;
  await setClock(iso(t));
  const wrongPassword = await passwordHash(pro.email, 'not the password');
  const refusals: [string, unknown][] = [
    ['no code', { password_hash }],
    ['a wrong code', { password_hash, totp: wrongCode(secret, t) }],
    ['the wrong password', { password_hash: wrongPassword, totp: totp(secret, t) }],
  ];
  for (const [label, body] of refusals) {
    const res = await call('POST', '/api/staff/totp', body, { cookie });
    expect(res.status, label).toBe(422);
    expect(res.json.error.code, label).toBe('reauth_failed');
    expect(res.json.secret, label).toBeUndefined();
  }
  // Without a body at all it is a shape error, still nothing handed out.
  const empty = await call('POST', '/api/staff/totp', {}, { cookie });
  expect(empty.status).toBe(422);
  expect(empty.json.error.code).toBe('invalid_body');
  // Switching off has the same demands.
  const off = await call('POST', '/api/staff/totp/disable', { password_hash: wrongPassword, totp: totp(secret, t) }, { cookie });
  expect(off.status).toBe(422);
  expect((await call('GET', '/api/staff/session', undefined, { cookie })).json.totp).toBe(true);
  // With both, a new secret is handed out; the old one stays in force until the new one is confirmed.
  const again = await call('POST', '/api/staff/totp', { password_hash, totp: totp(secret, t) }, { cookie });
  expect(again.status).toBe(200);
  expect(again.json.secret).not.toBe(secret);
  const next = t + MINUTE;
  await setClock(iso(next));
  expect((await call('POST', '/api/staff/session', { email: pro.email, password_hash, totp: totp(secret, next) }, { from: randomClient() })).status).toBe(200);
});

test('11 wrong codes to switch TOTP off are throttled on the account; the owner gets in once the window is over', async () => {
  const { cookie, secret, password_hash } = await withTotp();
  const t = T0 + 2 * MINUTE;
  await setClock(iso(t));
  const statuses: number[] = [];
  let refused: Res | undefined;
  for (let i = 0; i < 11; i++) {
    const res = await call('POST', '/api/staff/totp/disable', { password_hash, totp: wrongCode(secret, t) }, { cookie });
    statuses.push(res.status);
    if (res.status === 429) refused = res;
  }
  expect(statuses.filter((s) => s === 422).length).toBeLessThanOrEqual(5);
  expect(statuses.slice(5)).toEqual(Array(6).fill(429));
  expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
  expect(refused!.json.error.code).toBe('too_many_requests');
  // Even the right code waits for the window …
  expect((await call('POST', '/api/staff/totp/disable', { password_hash, totp: totp(secret, t) }, { cookie })).status).toBe(429);
  // … and then works.
  const later = t + 2 * MINUTE;
  await setClock(iso(later));
  const off = await call('POST', '/api/staff/totp/disable', { password_hash, totp: totp(secret, later) }, { cookie });
  expect(off.status).toBe(200);
  expect(off.json).toEqual({ totp: false });
});

test('after 10 consecutive wrong codes, TOTP logins wait a minute, then two, …; a right code resets the count', async () => {
  const { pro, secret, password_hash } = await withTotp();
  const attempt = (code: string) =>
    call('POST', '/api/staff/session', { email: pro.email, password_hash, totp: code }, { from: randomClient() });
  // Ten wrong codes, each in a window of its own, so only the consecutive count adds up.
  let t = T0;
  for (let i = 0; i < 10; i++) {
    t += 2 * MINUTE;
    await setClock(iso(t));
    const res = await attempt(wrongCode(secret, t));
    expect(res.status, `wrong code ${i + 1}`).toBe(401);
  }
  // The 11th attempt, even with the right code, waits for a minute after the 10th failure.
  await setClock(iso(t + 5_000));
  const waiting = await attempt(totp(secret, t + 5_000));
  expect(waiting.status).toBe(429);
  expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(50);
  expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(60);
  // After the minute, one more wrong code: now the delay is two minutes.
  t += MINUTE + 5_000;
  await setClock(iso(t));
  expect((await attempt(wrongCode(secret, t))).status).toBe(401);
  await setClock(iso(t + MINUTE + 5_000));
  expect((await attempt(totp(secret, t + MINUTE + 5_000))).status).toBe(429);
  // After two minutes the right code logs in, and the count starts again from nothing.
  t += 2 * MINUTE + 5_000;
  await setClock(iso(t));
  expect((await attempt(totp(secret, t))).status).toBe(200);
  t += 2 * MINUTE;
  await setClock(iso(t));
  expect((await attempt(wrongCode(secret, t))).status).toBe(401);
  await setClock(iso(t + 30_000));
  expect((await attempt(totp(secret, t + 30_000))).status).toBe(200);
});

test('60 parallel wrong codes from one source: at most the limit reach the code lookup', async () => {
  await freshWindow(0);
  const from = randomClient();
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    call('POST', '/api/session', { code: `ZZZZ-ZZZZ-ZZZZ-${i % 10}` }, { from })));
  // A 401 is only answered after the lookup; a 429 before it.
  const looked = answers.filter((r) => r.status === 401).length;
  const refused = answers.filter((r) => r.status === 429).length;
  expect(looked).toBeGreaterThan(0);
  expect(looked).toBeLessThanOrEqual(5);
  expect(looked + refused).toBe(60);
});

test('60 parallel staff logins: at most the limit reach the password check, per source and per account', async () => {
  const s = await seed();
  const pro = account(s, 'professional');
  const body = { email: pro.email, password_hash: await passwordHash(pro.email, 'not the password') };
  const other = account(s, 'super_user');
  const otherBody = { email: other.email, password_hash: await passwordHash(other.email, 'not the password') };
  await freshWindow(2);
  const one = randomClient();
  const fromOne = await Promise.all(Array.from({ length: 60 }, () => call('POST', '/api/staff/session', body, { from: one })));
  expect(fromOne.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
  expect(fromOne.filter((r) => ![401, 429].includes(r.status))).toEqual([]);
  const fromMany = await Promise.all(Array.from({ length: 60 }, () =>
    call('POST', '/api/staff/session', otherBody, { from: randomClient() })));
  expect(fromMany.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
  expect(fromMany.filter((r) => ![401, 429].includes(r.status))).toEqual([]);
});

test('a caller cannot choose its throttle key with CF-Connecting-IP, MF-CF-Blob or the front header', async () => {
  await freshWindow(4);
  const from = randomClient();
  let firstRefusal = -1;
  for (let i = 0; i < 12; i++) {
    const forged = `203.0.113.${i + 1}`;
    const res = await call('POST', '/api/session', { code: `ZZZZ-ZZZZ-ZZZZ-${i % 10}` }, {
      from,
      headers: {
        'cf-connecting-ip': forged,
        'x-forwarded-for': forged,
        'mf-cf-blob': JSON.stringify({ clientIp: forged }),
        'x-mestring-front': 'a guess',
      },
    });
    if (res.status === 429) { firstRefusal = i; break; }
    expect(res.status).toBe(401);
  }
  expect(firstRefusal).toBeGreaterThan(0);
  expect(firstRefusal).toBeLessThanOrEqual(5);
  // The forged address is nobody's key: a real client with that header set still logs in.
  const s = await seed();
  expect((await call('POST', '/api/session', { code: s.codes[0] }, { from: randomClient(), headers: { 'cf-connecting-ip': '203.0.113.1' } })).status).toBe(200);
});

test("a stranger's wrong passwords hold the account back, but not its owner where the owner logged in today", async () => {
  const s = await seed();
  const pro = account(s, 'professional');
  const office = randomClient();
  const right = await passwordHash(pro.email, pro.password);
  const wrong = await passwordHash(pro.email, 'not the password');
  await freshWindow(6);
  expect((await call('POST', '/api/staff/session', { email: pro.email, password_hash: right }, { from: office })).status).toBe(200);
  let locked = false;
  for (let i = 0; i < 8 && !locked; i++) {
    const res = await call('POST', '/api/staff/session', { email: pro.email, password_hash: wrong }, { from: randomClient() });
    locked = res.status === 429;
  }
  expect(locked).toBe(true);
  // From a new place, even the right password waits for the window …
  expect((await call('POST', '/api/staff/session', { email: pro.email, password_hash: right }, { from: randomClient() })).status).toBe(429);
  // … while the owner, where they logged in today, gets in.
  expect((await call('POST', '/api/staff/session', { email: pro.email, password_hash: right }, { from: office })).status).toBe(200);
});

test('a cross-site Origin or Sec-Fetch-Site is refused on every unsafe call; a body type other than JSON is 415', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  const own = base.origin;
  const crossSite: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: own, 'sec-fetch-site': 'cross-site' },
  ];
  for (const headers of crossSite) {
    for (const [method, p, body] of [
      ['POST', '/api/me/code', undefined],
      ['POST', '/api/me/device-link', undefined],
      ['DELETE', '/api/me', undefined],
      ['POST', '/api/me/consent', { share: true }],
      ['POST', '/api/session', { code: s.codes[1] }],
      ['POST', '/api/staff/session', { email: 'a@b.no', password_hash: 'x' }],
    ] as [string, string, unknown][]) {
      const res = await call(method, p, body, { cookie, headers });
      const label = `${method} ${p} ${JSON.stringify(headers)}`;
      expect(res.status, label).toBe(403);
      expect(res.json.error.code, label).toBe('cross_site');
      expect(res.headers['x-content-type-options'], label).toBe('nosniff');
    }
  }
  // Nothing happened: the session and the account are still there.
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);
  // Reading is not refused, whatever the origin.
  expect((await call('GET', '/api/me', undefined, { cookie, headers: { origin: 'https://evil.example' } })).status).toBe(200);
  // The own origin, a browser's same-origin request and a client without either header pass.
  for (const headers of [{ origin: own }, { origin: own, 'sec-fetch-site': 'same-origin' }, {}]) {
    expect((await call('POST', '/api/me/device-link', undefined, { cookie, headers })).status, JSON.stringify(headers)).toBe(200);
  }
  // A body type other than JSON, on calls that read no body too.
  for (const [method, p] of [['POST', '/api/me/code'], ['POST', '/api/me/device-link'], ['DELETE', '/api/me']]) {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await call(method, p, undefined, { cookie, raw: 'a=1', contentType });
      expect(res.status, `${method} ${p} ${contentType}`).toBe(415);
      expect(res.json.error.code).toBe('unsupported_media_type');
    }
  }
  const staff = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  expect((await call('POST', '/api/staff/totp', undefined, { cookie: staff, raw: 'a=1', contentType: 'text/plain' })).status).toBe(415);
  expect((await call('POST', '/api/me/code', undefined, { cookie, raw: '{}', contentType: 'application/json' })).status).toBe(200);
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);
});

test('administrative actions are audited for the super user of the business, and only there', async () => {
  const a = await seed();
  const b = await seed();
  const sup = await staffLogin(account(a, 'super_user').email, account(a, 'super_user').password);
  const supB = await staffLogin(account(b, 'super_user').email, account(b, 'super_user').password);
  const email = `audited.${Date.now()}@example.org`;
  const invited = await call('POST', '/api/staff/users', { action: 'invite', email, role: 'professional' }, { cookie: sup });
  expect(invited.status).toBe(201);
  expect((await call('POST', '/api/staff/users', { action: 'deactivate', id: invited.json.id }, { cookie: sup })).status).toBe(200);
  // A professional's own authenticator: started, switched on, switched off.
  const pro = account(a, 'professional');
  await setClock(iso(T0));
  const password_hash = await passwordHash(pro.email, pro.password);
  const proCookie = staffCookie(await call('POST', '/api/staff/session', { email: pro.email, password_hash }, { from: randomClient() }));
  const secret = (await call('POST', '/api/staff/totp', { password_hash }, { cookie: proCookie })).json.secret;
  expect((await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0) }, { cookie: proCookie })).status).toBe(200);
  await setClock(iso(T0 + MINUTE));
  expect((await call('POST', '/api/staff/totp/disable', { password_hash, totp: totp(secret, T0 + MINUTE) }, { cookie: proCookie })).status).toBe(200);
  await setClock(null);

  const log = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries as any[];
  const row = (action: string) => log.find((e) => e.action === action);
  const supEmail = account(a, 'super_user').email;
  expect(row(`staff_invited:professional:${email}`)).toMatchObject({ staff_email: supEmail, participant: '' });
  expect(row(`staff_deactivated:${email}`)).toMatchObject({ staff_email: supEmail, participant: '' });
  for (const action of ['totp_enrolment_started', 'totp_enabled', 'totp_disabled']) {
    expect(row(action), action).toMatchObject({ staff_email: pro.email, participant: '' });
  }
  for (const e of log) expect(Object.keys(e).sort()).toEqual(['action', 'at', 'participant', 'staff_email', 'staff_id']);
  // Another business's super user sees none of it; a professional may not read the log.
  const logB = JSON.stringify((await call('GET', '/api/staff/audit', undefined, { cookie: supB })).json.entries);
  expect(logB).not.toContain(email);
  expect(logB).not.toContain(pro.email);
  const proNow = await staffLogin(pro.email, pro.password);
  expect((await call('GET', '/api/staff/audit', undefined, { cookie: proNow })).status).toBe(403);
});

test('an invitation answers the same for an e-mail of another business as for a free one; it cannot be accepted', async () => {
  const a = await seed();
  const b = await seed();
  const sup = await staffLogin(account(a, 'super_user').email, account(a, 'super_user').password);
  const taken = account(b, 'professional');
  const free = `free.${Date.now()}@example.org`;
  const answers = [];
  for (const email of [taken.email, free]) {
    const res = await call('POST', '/api/staff/users', { action: 'invite', email, role: 'professional' }, { cookie: sup });
    expect(res.status, email).toBe(201);
    answers.push(res);
  }
  const shape = (r: Res) => Object.keys(r.json).sort().join(',') + ' ' + r.json.invite_token.length + ' ' + r.json.id.length;
  expect(shape(answers[0])).toBe(shape(answers[1]));
  // The list shows both the same way.
  const users = (await call('GET', '/api/staff/users', undefined, { cookie: sup })).json.users as any[];
  const listed = (email: string) => users.find((u) => u.email === email);
  expect(listed(taken.email)).toMatchObject({ role: 'professional', active: true });
  expect(listed(free)).toMatchObject({ role: 'professional', active: true });
  // Inviting an address that this business already has is still a 409 (the list shows it anyway).
  const twice = await call('POST', '/api/staff/users', { action: 'invite', email: free, role: 'professional' }, { cookie: sup });
  expect(twice.status).toBe(409);
  // The invitee of the taken address learns, on accepting, that it already has an account.
  const { argon2id } = await import('hash-wasm');
  const accept = async (token: string) => {
    const info = (await call('POST', '/api/staff/invite/info', { invite_token: token })).json;
    const raw = await argon2id({ password: 'A long new passphrase', salt: Buffer.from(info.salt, 'base64url'),
      parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
    return call('POST', '/api/staff/invite/accept', { invite_token: token, password_hash: Buffer.from(raw).toString('base64url') });
  };
  const refused = await accept(answers[0].json.invite_token);
  expect(refused.status).toBe(409);
  expect(refused.json.error.code).toBe('email_taken');
  expect(refused.headers['set-cookie']).toBeUndefined();
  expect((await accept(answers[1].json.invite_token)).status).toBe(200);
  // The account in business B is untouched: its owner still logs in with the old password.
  expect((await staffAttempt(taken.email, taken.password)).status).toBe(200);
});

test('error messages name the field and the rule, and never echo the input or a type of the code', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  const script = '<script>alert(1)</script>';
  const long = 'Q'.repeat(5000);
  const cases: [string, string, string][] = [
    ['/api/session', JSON.stringify(script), 'the body'],
    ['/api/session', JSON.stringify({ code: [script] }), '`code`'],
    ['/api/feedback', JSON.stringify({ kind: long, text: 'hi' }), '`kind`'],
    ['/api/feedback', JSON.stringify({ kind: 'suggestion', text: 'hi', [long]: 1 }), 'the body'],
    ['/api/me/responses', JSON.stringify({ id: uuid(), instrument: script, version: '1.0.0', answers: {}, completed_at: iso(Date.now()) }), '`instrument`'],
    ['/api/me/responses', JSON.stringify({ id: uuid(), instrument: 'phq9', version: long, answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), completed_at: iso(Date.now()) }), '`version`'],
    ['/api/me/responses', JSON.stringify({ id: uuid(), instrument: 'phq9', version: '1.0.0', answers: { [script]: 1 }, completed_at: iso(Date.now()) }), '`answers`'],
    ['/api/me/progress', JSON.stringify({ id: uuid(), tool: 'worry', part: 'understanding_worry', step: 'worry_pattern', state: 'completed', answers: { when: long } }), '`answers`'],
    ['/api/me/progress', JSON.stringify({ id: uuid(), tool: long, part: 'x', step: 'y', state: 'started' }), '`tool`'],
  ];
  for (const [p, raw, names] of cases) {
    const res = await call('POST', p, undefined, { cookie, raw });
    const label = `${p} ${raw.slice(0, 60)}`;
    expect(res.status, label).toBe(422);
    const message: string = res.json.error.message;
    expect(message, label).toContain(names);
    for (const echo of ['<script', 'QQQQQQQQ', 'struct', 'LoginRequest', 'FeedbackRequest', 'ResponseSubmit', 'ProgressSubmit', 'invalid type']) {
      expect(message, label).not.toContain(echo);
    }
    expect(message.length, label).toBeLessThan(300);
  }
  const staff = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const codes = await call('POST', '/api/staff/codes', { count: 2, tool: long }, { cookie: staff });
  expect(codes.status).toBe(422);
  expect(codes.json.error.message).toContain('`tool`');
  expect(codes.json.error.message).not.toContain('QQQQ');
});

test('completed_at cannot be before the code was issued (0001-01-01, 1970, yesterday) nor past the clock skew', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  const post = (completed_at: string) => call('POST', '/api/me/responses',
    { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), completed_at }, { cookie });
  for (const when of ['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', iso(Date.now() - 24 * 3600_000)]) {
    const res = await post(when);
    expect(res.status, when).toBe(422);
    expect(res.json.error.code, when).toBe('invalid_time');
    expect(res.json.error.message, when).toContain('issued');
  }
  expect((await post(iso(Date.now() + 3 * 24 * 3600_000))).json.error.code).toBe('invalid_time');
  expect((await post(iso(Date.now()))).status).toBe(200);
  // Nothing landed in a past month of the statistics: the history holds the one response.
  expect((await call('GET', '/api/me/responses', undefined, { cookie })).json.responses).toHaveLength(1);
});

test('a method the runtime does not know is refused by workerd before the worker; one it knows is the worker’s 405', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  // workerd answers FOO itself (501, plain text): the worker never sees it (ARCHITECTURE.md).
  const foo = await call('FOO', '/api/me', undefined, { cookie });
  expect(foo.status).toBe(501);
  expect(foo.json).toBeUndefined();
  // Methods it knows reach the route table: 405, the JSON error and the security headers.
  const query = await call('QUERY', '/api/me', undefined, { cookie });
  expect(query.status).toBe(405);
  expect(query.json.error.code).toBe('method_not_allowed');
  expect(query.headers['content-security-policy']).toContain("frame-ancestors 'none'");
});
