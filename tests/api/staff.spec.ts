// Staff mode on the real runtime: login (SPEC §4.1), the authorisation matrix (P5, P7), codes,
// assignments reaching the inbox, audit visible to the super user and (anonymously) to the user.
import { test, expect } from '@playwright/test';
import { call, seed, login, setClock, iso, uuid, phq9 } from '../support/edge';
import { staffAttempt, staffLogin } from '../support/staff';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;

async function participantWithConsent(s: Seeded, index: number, share: boolean) {
  const { cookie } = await login(s.codes[index]);
  if (share) await call('POST', '/api/me/consent', { share: true }, { cookie });
  await call('POST', '/api/me/responses',
    { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9([2, 2, 2, 2, 2, 1, 1, 1, 1]), completed_at: iso(Date.now()) },
    { cookie });
  return cookie;
}

async function idOf(staffCookie: string, reference: string): Promise<string> {
  const list = await call('GET', '/api/staff/participants', undefined, { cookie: staffCookie });
  return list.json.participants.find((p: any) => p.reference === reference).id;
}

test('wrong password, unknown e-mail and a deactivated account get indistinguishable answers', async () => {
  const s = await seed();
  const pro = account(s, 'professional');
  const sup = account(s, 'super_user');
  const wrong = await staffAttempt(pro.email, 'not-the-password');
  const unknown = await staffAttempt(`nobody.${Date.now()}@example.org`, pro.password);
  // Pre-login reveals nothing either: a stable salt for an unknown e-mail.
  const a = await call('POST', '/api/staff/prelogin', { email: 'ghost@example.org' });
  const b = await call('POST', '/api/staff/prelogin', { email: 'GHOST@example.org ' });
  expect(a.json).toEqual(b.json);
  expect(a.json).toMatchObject({ kdf: 'argon2id', m_kib: 19456, t: 2, p: 1 });
  const supCookie = await staffLogin(sup.email, sup.password);
  const users = (await call('GET', '/api/staff/users', undefined, { cookie: supCookie })).json.users;
  const proId = users.find((u: any) => u.email === pro.email).id;
  const proCookie = await staffLogin(pro.email, pro.password);
  expect((await call('POST', '/api/staff/users', { action: 'deactivate', id: proId }, { cookie: supCookie })).status).toBe(200);
  // Its session died at once …
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: proCookie })).status).toBe(401);
  // … and the right password now gets the same answer as a wrong one.
  const deactivated = await staffAttempt(pro.email, pro.password);
  for (const res of [wrong, unknown, deactivated]) {
    expect(res.status).toBe(401);
    expect(res.text).toBe(wrong.text);
    expect(res.headers['set-cookie']).toBeUndefined();
  }
});

test('repeated failures lock the account e-mail, whichever client they come from', async () => {
  const s = await seed();
  const pro = account(s, 'professional');
  let locked = -1;
  for (let i = 0; i < 12; i++) {
    const res = await staffAttempt(pro.email, `wrong-${i}`);
    if (res.status === 429) { locked = i; break; }
    expect(res.status).toBe(401);
  }
  expect(locked).toBeGreaterThan(0);
  expect(locked).toBeLessThanOrEqual(6);
});

test('authorisation matrix: every staff endpoint denies every case it must', async () => {
  const a = await seed();
  const b = await seed();
  const pro = await staffLogin(account(a, 'professional').email, account(a, 'professional').password);
  const sup = await staffLogin(account(a, 'super_user').email, account(a, 'super_user').password);
  const tm = await staffLogin(account(a, 'tool_manager').email, account(a, 'tool_manager').password);
  const proB = await staffLogin(account(b, 'professional').email, account(b, 'professional').password);
  const endUser = await participantWithConsent(a, 0, true);
  await participantWithConsent(a, 1, false);
  const withdrawn = await participantWithConsent(a, 2, true);
  const granted = await idOf(pro, a.codes[0].slice(0, 4));
  const notAsked = await idOf(pro, a.codes[1].slice(0, 4));
  const withdrawnId = await idOf(pro, a.codes[2].slice(0, 4));
  await call('POST', '/api/me/consent', { share: false }, { cookie: withdrawn });
  const period = new Date().toISOString().slice(0, 7);

  const individual: [string, string, object?][] = [
    ['GET', '/api/staff/participants'],
    ['GET', `/api/staff/participants/${granted}`],
    ['POST', `/api/staff/participants/${granted}/assignments`, { kind: 'questionnaire', instrument: 'gad7' }],
    ['POST', '/api/staff/codes', { count: 1 }],
  ];
  const superOnly: [string, string, object?][] = [
    ['GET', '/api/staff/users'],
    ['POST', '/api/staff/users', { action: 'invite', email: `x${Date.now()}@example.org`, role: 'professional' }],
    ['GET', '/api/staff/audit'],
  ];
  const own: [string, string, object?][] = [
    ['GET', `/api/staff/stats?period=${period}`],
    ['POST', '/api/staff/totp', {}],
    ['POST', '/api/staff/totp/confirm', { totp: '123456' }],
    ['POST', '/api/staff/totp/disable', { totp: '123456' }],
  ];
  const all = [...individual, ...superOnly, ...own];
  const expectDenied = async (label: string, cookie: string | undefined, [m, p, body]: [string, string, object?], status: number) => {
    const res = await call(m, p, body, { cookie });
    expect(res.status, `${label}: ${m} ${p}`).toBe(status);
    expect(res.json?.error?.code, `${label}: ${m} ${p}`).toBeTruthy();
  };
  for (const e of all) await expectDenied('no session', undefined, e, 401);
  for (const e of all) await expectDenied('end-user session', endUser.replace('__Host-mestring=', '__Host-mestring-staff=X'), e, 401);
  for (const e of all) await expectDenied('end-user cookie', endUser, e, 401);
  for (const e of individual.slice(1, 3)) await expectDenied('other business', proB, e, 404);
  for (const e of superOnly) await expectDenied('professional on super-user calls', pro, e, 403);
  for (const e of [...individual, ...superOnly]) await expectDenied('tool manager on individual calls', tm, e, 403);
  await expectDenied('consent not asked', pro, ['GET', `/api/staff/participants/${notAsked}`], 403);
  await expectDenied('consent withdrawn a second ago', pro, ['GET', `/api/staff/participants/${withdrawnId}`], 403);
  await expectDenied('assignment without consent', pro, ['POST', `/api/staff/participants/${notAsked}/assignments`, { kind: 'questionnaire', instrument: 'gad7' }], 403);
  // And what must work does: the participant list hides scores without consent.
  const list = (await call('GET', '/api/staff/participants', undefined, { cookie: sup })).json.participants;
  const row = (id: string) => list.find((p: any) => p.id === id);
  expect(row(notAsked).latest).toBeNull();
  expect(row(notAsked).flags).toBeNull();
  expect(row(granted).latest[0]).toMatchObject({ instrument: 'phq9', band: 'moderate' });
  // The flag carries the Oslo day of the latest safety answer (answered just now).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
  expect(row(granted).flags).toEqual({ safety: true, safety_on: today });
  // Expired consent: 26 weeks after the grant, with the staff session made at that time.
  await setClock(iso(Date.now() + 183 * 24 * 3600 * 1000));
  const proLater = await staffLogin(account(a, 'professional').email, account(a, 'professional').password);
  await expectDenied('consent expired', proLater, ['GET', `/api/staff/participants/${granted}`], 403);
  for (const e of all) await expectDenied('expired staff session', pro, e, 401);
  await setClock(null);
  // Deactivated staff: the live session of business B's professional dies with the account.
  const supB = await staffLogin(account(b, 'super_user').email, account(b, 'super_user').password);
  const proBId = (await call('GET', '/api/staff/users', undefined, { cookie: supB })).json.users
    .find((u: any) => u.email === account(b, 'professional').email).id;
  expect((await call('POST', '/api/staff/users', { action: 'deactivate', id: proBId }, { cookie: supB })).status).toBe(200);
  for (const e of all) await expectDenied('deactivated staff', proB, e, 401);
  // Administrative changes are audit rows of their own business only, read by its super user:
  // the deactivation is in B's log, naming the account, and nowhere in A's.
  const auditB = (await call('GET', '/api/staff/audit', undefined, { cookie: supB })).json.entries;
  expect(auditB.find((e: any) => e.action === `staff_deactivated:${account(b, 'professional').email}`))
    .toMatchObject({ staff_email: account(b, 'super_user').email, participant: '' });
  const auditA = JSON.stringify((await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries);
  expect(auditA).not.toContain('staff_deactivated');
  expect(auditA).not.toContain(account(b, 'professional').email);
  // The denied calls above (invitations by a professional, a tool manager, another business,
  // TOTP changes without a session) left no row anywhere.
  expect(auditA).not.toContain('staff_invited');
  expect(auditA).not.toContain('totp_');
});

test('detail reads are audited; the user sees the date and business, never who', async () => {
  const s = await seed();
  const user = await participantWithConsent(s, 0, true);
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const id = await idOf(pro, s.codes[0].slice(0, 4));
  const detail = await call('GET', `/api/staff/participants/${id}`, undefined, { cookie: pro });
  expect(detail.status).toBe(200);
  expect(detail.json.responses[0].score).toMatchObject({ instrument: 'phq9', total: 14, safety: true });
  const sent = await call('POST', `/api/staff/participants/${id}/assignments`, { kind: 'questionnaire', instrument: 'gad7' }, { cookie: pro });
  expect(sent.status).toBe(201);
  const me = (await call('GET', '/api/me', undefined, { cookie: user })).json;
  expect(me.inbox.map((i: any) => i.instrument)).toEqual(['gad7']);
  const log = (await call('GET', '/api/me/access-log', undefined, { cookie: user })).json.entries;
  expect(log.length).toBeGreaterThanOrEqual(1);
  expect(log[0]).toEqual({ date: new Date().toISOString().slice(0, 10), business: s.business.name });
  expect(JSON.stringify(log)).not.toContain('@');
  const audit = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries;
  const read = audit.find((e: any) => e.action === 'read_participant');
  expect(read).toMatchObject({ staff_email: account(s, 'professional').email, participant: s.codes[0].slice(0, 4) });
});

test('issuing codes: 1–500, bound to a tool and plan, else 422; the codes log in', async () => {
  const s = await seed();
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  for (const body of [{ count: 0 }, { count: 501 }, { count: 2, tool: 'nope' }, { count: 2, plan: 'nope' }, { count: 'x' }]) {
    expect((await call('POST', '/api/staff/codes', body, { cookie: pro })).status, JSON.stringify(body)).toBe(422);
  }
  const res = await call('POST', '/api/staff/codes', { count: 3, tool: 'low_mood', plan: 'standard' }, { cookie: pro });
  expect(res.status).toBe(201);
  expect(res.json.codes).toHaveLength(3);
  const { me } = await login(res.json.codes[2]);
  expect(me.progress).toMatchObject({ tool: 'low_mood', plan: 'standard' });
});

test('an invitation sets a password in the browser and logs in once', async () => {
  const s = await seed();
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const email = `new.${Date.now()}@example.org`;
  const inv = await call('POST', '/api/staff/users', { action: 'invite', email, role: 'professional' }, { cookie: sup });
  expect(inv.status).toBe(201);
  const info = await call('POST', '/api/staff/invite/info', { invite_token: inv.json.invite_token });
  expect(info.json.email).toBe(email);
  const { argon2id } = await import('hash-wasm');
  const raw = await argon2id({ password: 'A long new passphrase', salt: Buffer.from(info.json.salt, 'base64url'),
    parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
  const accepted = await call('POST', '/api/staff/invite/accept',
    { invite_token: inv.json.invite_token, password_hash: Buffer.from(raw).toString('base64url') });
  expect(accepted.status).toBe(200);
  expect((await call('POST', '/api/staff/invite/accept',
    { invite_token: inv.json.invite_token, password_hash: Buffer.from(raw).toString('base64url') })).status).toBe(404);
  expect((await staffAttempt(email, 'A long new passphrase')).status).toBe(200);
});

test('two batches of 500 codes issued at once by one business have 1,000 distinct references', async () => {
  test.setTimeout(120_000);
  const s = await seed();
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const [a, b] = await Promise.all([0, 1].map(() => call('POST', '/api/staff/codes', { count: 500 }, { cookie: pro })));
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  const codes: string[] = [...a.json.codes, ...b.json.codes];
  expect(codes).toHaveLength(1000);
  const references = new Set([...codes, ...s.codes].map((c) => c.slice(0, 4)));
  expect(references.size).toBe(1000 + s.codes.length);
  const list = (await call('GET', '/api/staff/participants', undefined, { cookie: pro })).json.participants;
  expect(new Set(list.map((p: any) => p.reference)).size).toBe(list.length);
});

// Who may call what, by role: every staff endpoint of the contract (read from the live
// `GET /api/openapi.json`, so an endpoint added later is in the matrix at once and fails here until
// its roles are written down). `null`: every staff role may call it; otherwise the roles that may,
// and every other role gets 403.
const ROLES = ['professional', 'super_user', 'tool_manager', 'support'] as const;
const MAY: Record<string, readonly string[] | null> = {
  'GET /api/staff/session': null,
  'POST /api/staff/totp': null,
  'POST /api/staff/totp/confirm': null,
  'POST /api/staff/totp/disable': null,
  'POST /api/staff/feedback': null,
  'POST /api/staff/codes': ['professional', 'super_user'],
  'GET /api/staff/participants': ['professional', 'super_user'],
  'GET /api/staff/participants/{id}': ['professional', 'super_user'],
  'POST /api/staff/participants/{id}/assignments': ['professional', 'super_user'],
  'DELETE /api/staff/participants/{id}/assignments/{assignment}': ['professional', 'super_user'],
  'GET /api/staff/stats': ['professional', 'super_user', 'tool_manager'],
  'GET /api/staff/users': ['super_user'],
  'POST /api/staff/users': ['super_user'],
  'GET /api/staff/business': ['professional', 'super_user'],
  'POST /api/staff/business': ['super_user'],
  'POST /api/staff/business/totp': ['super_user'],
  'GET /api/staff/me': null,
  'POST /api/staff/me/delete': ['professional', 'super_user'],
  'GET /api/staff/audit': ['super_user'],
  'GET /api/staff/feedback': ['support'],
  'POST /api/staff/feedback/{id}/handled': ['support'],
};

test('authorisation matrix by role: every staff endpoint of the contract, each role, an expired session, a deactivated account', async () => {
  const s = await seed();
  const doc = (await call('GET', '/api/openapi.json')).json;
  const period = new Date().toISOString().slice(0, 7);
  // Every operation that needs a staff session, with its path parameters filled in (any id: the
  // role is checked before anything is looked up) and the query a report needs.
  const endpoints: { key: string; method: string; path: string }[] = [];
  for (const [p, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!JSON.stringify(op.security ?? []).includes('"staff"')) continue;
      const key = `${method.toUpperCase()} /api${p.replace(/^\/api/, '')}`;
      let path = key.split(' ')[1].replace(/\{[^}]+\}/g, () => uuid());
      if (key === 'GET /api/staff/stats') path += `?period=${period}`;
      endpoints.push({ key, method: method.toUpperCase(), path });
    }
  }
  expect(endpoints.length).toBeGreaterThanOrEqual(Object.keys(MAY).length);
  const unlisted = endpoints.filter((e) => !(e.key in MAY)).map((e) => e.key);
  expect(unlisted, 'staff endpoints with no row in the matrix: write down who may call them').toEqual([]);
  const send = (e: { method: string; path: string }, cookie?: string) =>
    call(e.method, e.path, e.method === 'GET' || e.method === 'DELETE' ? undefined : {}, { cookie });
  const cookies: Record<string, string> = {};
  for (const role of ROLES) cookies[role] = await staffLogin(account(s, role).email, account(s, role).password);
  const endUser = (await login(s.codes[0])).cookie;
  for (const e of endpoints) {
    for (const [label, cookie] of [['no session', undefined], ['end-user session', endUser]] as const) {
      const res = await send(e, cookie);
      expect(res.status, `${label}: ${e.key}`).toBe(401);
      expect(res.json?.error?.code, `${label}: ${e.key}`).toBeTruthy();
    }
    for (const role of ROLES) {
      const res = await send(e, cookies[role]);
      const may = MAY[e.key] === null || MAY[e.key]!.includes(role);
      if (may) {
        expect([401, 403], `${role} may call ${e.key} (got ${res.status} ${res.text})`).not.toContain(res.status);
      } else {
        expect(res.status, `${role} on ${e.key}`).toBe(403);
        expect(res.json?.error?.code, `${role} on ${e.key}`).toBeTruthy();
      }
    }
  }
  // Expired sessions (idle limit passed) of every role: 401 everywhere.
  await setClock(iso(Date.now() + 13 * 3600 * 1000));
  for (const e of endpoints) {
    for (const role of ROLES) expect((await send(e, cookies[role])).status, `expired ${role}: ${e.key}`).toBe(401);
  }
  await setClock(null);
  // A deactivated account: its live session dies with it, 401 everywhere.
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const proId = (await call('GET', '/api/staff/users', undefined, { cookie: sup })).json.users
    .find((u: any) => u.email === account(s, 'professional').email).id;
  expect((await call('POST', '/api/staff/users', { action: 'deactivate', id: proId }, { cookie: sup })).status).toBe(200);
  for (const e of endpoints) expect((await send(e, pro)).status, `deactivated: ${e.key}`).toBe(401);
});
