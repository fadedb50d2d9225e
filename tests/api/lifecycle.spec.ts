// Staff accounts and businesses over time (SPEC §4.9, issue 15 items 5–6): reactivate and invite
// again, reset by link, a business that requires an authenticator, an account's own data and its
// deletion, the operator closing a business, and a code change that leaves the business.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { argon2id } from 'hash-wasm';
import { call, seed, login, setClock, iso, uuid, phq9, DAY } from '../support/edge';
import { passwordHash, staffAttempt, staffCookie, staffLogin } from '../support/staff';
import { totp } from '../support/totp';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;

async function userId(cookie: string, email: string): Promise<string> {
  const users = (await call('GET', '/api/staff/users', undefined, { cookie })).json.users;
  return users.find((u: any) => u.email === email).id;
}

/** Follows a one-time link as the browser does: its salt, Argon2id here, only the hash sent. */
async function accept(token: string, password: string) {
  const info = await call('POST', '/api/staff/invite/info', { invite_token: token });
  expect(info.status).toBe(200);
  const raw = await argon2id({ password, salt: Buffer.from(info.json.salt, 'base64url'),
    parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
  const password_hash = Buffer.from(raw).toString('base64url');
  return { res: await call('POST', '/api/staff/invite/accept', { invite_token: token, password_hash }), password_hash };
}

/** Switches the authenticator on for a logged-in account; its secret. */
async function enrol(cookie: string, email: string, password: string, at: number): Promise<string> {
  const password_hash = await passwordHash(email, password);
  const started = await call('POST', '/api/staff/totp', { password_hash }, { cookie });
  expect(started.status, started.text).toBe(200);
  const on = await call('POST', '/api/staff/totp/confirm', { totp: totp(started.json.secret, at) }, { cookie });
  expect(on.status, on.text).toBe(200);
  return started.json.secret;
}

test('a deactivated professional can be reactivated, or invited again with a new link', async () => {
  const s = await seed();
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const pro = account(s, 'professional');
  const id = await userId(sup, pro.email);
  expect((await call('POST', '/api/staff/users', { action: 'reactivate', id }, { cookie: sup })).status).toBe(404);
  expect((await call('POST', '/api/staff/users', { action: 'deactivate', id }, { cookie: sup })).status).toBe(200);
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(401);

  const back = await call('POST', '/api/staff/users', { action: 'reactivate', id }, { cookie: sup });
  expect(back.status).toBe(200);
  expect(back.json).toEqual({ reactivated: id });
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(200);

  // Invited again: the same account, a new password through the link; the old one is gone.
  expect((await call('POST', '/api/staff/users', { action: 'invite', email: pro.email, role: 'professional' }, { cookie: sup })).status).toBe(409);
  await call('POST', '/api/staff/users', { action: 'deactivate', id }, { cookie: sup });
  const again = await call('POST', '/api/staff/users', { action: 'invite', email: pro.email, role: 'professional' }, { cookie: sup });
  expect(again.status, again.text).toBe(201);
  expect(again.json.id).toBe(id);
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(401);
  const { res } = await accept(again.json.invite_token, 'A brand new password');
  expect(res.status, res.text).toBe(200);
  expect((await staffAttempt(pro.email, 'A brand new password')).status).toBe(200);
  const users = (await call('GET', '/api/staff/users', undefined, { cookie: sup })).json.users;
  expect(users.filter((u: any) => u.email === pro.email)).toHaveLength(1);

  const actions = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries.map((e: any) => e.action);
  expect(actions).toContain(`staff_reactivated:${pro.email}`);
  expect(actions).toContain(`staff_invited:professional:${pro.email}`);
});

test('a reset link kills the password, the authenticator and the sessions at once; following it sets a new password', async () => {
  const T0 = Date.parse('2026-03-02T09:00:10Z');
  await setClock(iso(T0));
  const s = await seed();
  const supAccount = account(s, 'super_user');
  const sup = await staffLogin(supAccount.email, supAccount.password);
  const pro = account(s, 'professional');
  const proCookie = staffCookie(await staffAttempt(pro.email, pro.password));
  const secret = await enrol(proCookie, pro.email, pro.password, T0);
  const id = await userId(sup, pro.email);

  expect((await call('POST', '/api/staff/users', { action: 'reset', id: await userId(sup, supAccount.email) }, { cookie: sup })).status).toBe(422);
  const reset = await call('POST', '/api/staff/users', { action: 'reset', id }, { cookie: sup });
  expect(reset.status, reset.text).toBe(200);
  expect(reset.json.invite_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  // At once: the session is dead, and neither the old password nor the old authenticator opens.
  expect((await call('GET', '/api/staff/session', undefined, { cookie: proCookie })).status).toBe(401);
  await setClock(iso(T0 + 60_000));
  expect((await staffAttempt(pro.email, pro.password, undefined, totp(secret, T0 + 60_000))).status).toBe(401);

  const { res } = await accept(reset.json.invite_token, 'After the reset 123');
  expect(res.status, res.text).toBe(200);
  expect(res.json.totp).toBe(false);
  // Once only.
  expect((await call('POST', '/api/staff/invite/info', { invite_token: reset.json.invite_token })).status).toBe(404);
  expect((await staffAttempt(pro.email, 'After the reset 123')).status).toBe(200);
  const actions = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries.map((e: any) => e.action);
  expect(actions).toContain(`staff_reset:${pro.email}`);
});

test('a business that requires an authenticator: login opens only enrolment until one is set up', async () => {
  const T0 = Date.parse('2026-03-03T09:00:10Z');
  await setClock(iso(T0));
  const s = await seed();
  const supAccount = account(s, 'super_user');
  const sup = await staffLogin(supAccount.email, supAccount.password);
  const pro = account(s, 'professional');
  const proBefore = await staffLogin(pro.email, pro.password);

  // Only a super user, and only one who has an authenticator.
  expect((await call('POST', '/api/staff/business/totp', { required: true }, { cookie: proBefore })).status).toBe(403);
  const first = await call('POST', '/api/staff/business/totp', { required: true }, { cookie: sup });
  expect(first.status).toBe(409);
  expect(first.json.error.code).toBe('enrol_first');
  const supSecret = await enrol(sup, supAccount.email, supAccount.password, T0);
  const on = await call('POST', '/api/staff/business/totp', { required: true }, { cookie: sup });
  expect(on.status, on.text).toBe(200);
  expect(on.json).toEqual({ required: true });
  expect((await call('GET', '/api/staff/session', undefined, { cookie: sup })).json.totp_required).toBe(true);
  // Sessions of accounts without one ended.
  expect((await call('GET', '/api/staff/session', undefined, { cookie: proBefore })).status).toBe(401);

  // The right password: 403 with a cookie that opens only enrolment.
  const refused = await staffAttempt(pro.email, pro.password);
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe('totp_enrolment_required');
  const limited = staffCookie(refused);
  for (const [method, p] of [['GET', '/api/staff/participants'], ['GET', '/api/staff/session'], ['GET', '/api/staff/me']]) {
    const res = await call(method, p, undefined, { cookie: limited });
    expect(res.status, p).toBe(403);
    expect(res.json.error.code).toBe('totp_enrolment_required');
  }
  // A wrong password cannot reach that far.
  expect((await staffAttempt(pro.email, 'not the password')).status).toBe(401);

  // Enrolment (with the password again) completes the login.
  await setClock(iso(T0 + 60_000));
  const secret = await enrol(limited, pro.email, pro.password, T0 + 60_000);
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: limited })).status).toBe(200);
  // It cannot be switched off while required.
  await setClock(iso(T0 + 120_000));
  const off = await call('POST', '/api/staff/totp/disable',
    { password_hash: await passwordHash(pro.email, pro.password), totp: totp(secret, T0 + 120_000) }, { cookie: limited });
  expect(off.status).toBe(409);
  expect(off.json.error.code).toBe('totp_required_by_business');

  // Switched off again by the super user (audited both ways).
  await setClock(iso(T0 + 180_000));
  expect((await call('POST', '/api/staff/business/totp', { required: false }, { cookie: sup })).json).toEqual({ required: false });
  const actions = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries.map((e: any) => e.action);
  expect(actions).toContain('totp_required:on');
  expect(actions).toContain('totp_required:off');
  expect(supSecret).toBeTruthy();
});

test('a professional sees what is stored about them and deletes their own account; the log stays meaningful', async () => {
  const s = await seed();
  const supAccount = account(s, 'super_user');
  const pro = account(s, 'professional');
  const proCookie = await staffLogin(pro.email, pro.password);
  await call('POST', '/api/staff/codes', { count: 2 }, { cookie: proCookie });

  const mine = await call('GET', '/api/staff/me', undefined, { cookie: proCookie });
  expect(mine.status).toBe(200);
  expect(mine.json).toMatchObject({ email: pro.email, role: 'professional', business: { id: s.business.id, name: s.business.name }, totp: false });
  expect(Date.parse(mine.json.created_at)).toBeGreaterThan(0);
  expect(Date.parse(mine.json.last_login)).toBeGreaterThan(0);
  expect(mine.json.audit.map((e: any) => e.action)).toContain('issue_codes:2');
  expect(mine.json.audit.every((e: any) => e.staff_email === pro.email)).toBe(true);
  expect((await call('GET', '/api/staff/me')).status).toBe(401);

  // Deleting needs the password; the business's last super user may not leave it.
  const wrong = await call('POST', '/api/staff/me/delete', { password_hash: await passwordHash(pro.email, 'wrong one') }, { cookie: proCookie });
  expect(wrong.status).toBe(422);
  expect(wrong.json.error.code).toBe('reauth_failed');
  const sup = await staffLogin(supAccount.email, supAccount.password);
  const last = await call('POST', '/api/staff/me/delete', { password_hash: await passwordHash(supAccount.email, supAccount.password) }, { cookie: sup });
  expect(last.status).toBe(409);
  expect(last.json.error.code).toBe('last_super_user');

  const gone = await call('POST', '/api/staff/me/delete', { password_hash: await passwordHash(pro.email, pro.password) }, { cookie: proCookie });
  expect(gone.status, gone.text).toBe(200);
  expect(gone.json).toEqual({ deleted: true });
  expect((await call('GET', '/api/staff/me', undefined, { cookie: proCookie })).status).toBe(401);
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(401);

  const log = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries;
  const issued = log.find((e: any) => e.action === 'issue_codes:2');
  expect(issued).toMatchObject({ staff_id: 'deleted', staff_email: '' });
  expect(log.map((e: any) => e.action)).toContain('staff_deleted_own_account');
  expect(JSON.stringify(log)).not.toContain(pro.email);
  expect((await call('GET', '/api/staff/users', undefined, { cookie: sup })).json.users.map((u: any) => u.email)).not.toContain(pro.email);
});

test('a code change can leave the business: consent ends by the user, the business keeps "code changed" and the day', async () => {
  const s = await seed();
  const pro = account(s, 'professional');
  const staff = await staffLogin(pro.email, pro.password);
  const reference = (code: string) => code.slice(0, 4);

  // Leaves.
  const { cookie } = await login(s.codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const pending = (await call('POST', '/api/me/code', undefined, { cookie })).json;
  const done = await call('POST', '/api/me/code/confirm', { code: pending.code, keep_sharing: false }, { cookie });
  expect(done.status, done.text).toBe(204);
  const after = await login(pending.code);
  expect(after.me.business).toBeNull();
  expect(after.me.consent.state).toBe('withdrawn');
  const exported = (await call('GET', '/api/me/export', undefined, { cookie: after.cookie })).json;
  expect(exported.consent_events.at(-1)).toMatchObject({ state: 'withdrawn', actor: 'user' });
  const again = await call('POST', '/api/me/consent', { share: true }, { cookie: after.cookie });
  expect(again.status).toBe(409);
  expect(again.json.error.code).toBe('no_business');

  // Stays (the field left out: as before).
  const other = await login(s.codes[1]);
  await call('POST', '/api/me/consent', { share: true }, { cookie: other.cookie });
  const p2 = (await call('POST', '/api/me/code', undefined, { cookie: other.cookie })).json;
  expect((await call('POST', '/api/me/code/confirm', { code: p2.code }, { cookie: other.cookie })).status).toBe(204);
  const stayed = await login(p2.code);
  expect(stayed.me.business).not.toBeNull();
  expect(stayed.me.consent.state).toBe('granted');

  const list = (await call('GET', '/api/staff/participants', undefined, { cookie: staff })).json;
  expect(list.participants.map((p: any) => p.reference)).not.toContain(reference(s.codes[0]));
  expect(list.participants.map((p: any) => p.reference)).toContain(reference(s.codes[1]));
  expect(list.code_changes).toHaveLength(1);
  expect(list.code_changes[0].reference).toBe(reference(s.codes[0]));
  expect(Object.keys(list.code_changes[0]).sort()).toEqual(['changed_at', 'reference']);
});

test('cargo xtask admin close-business: staff erased, consent ended by the system, participants keep codes and data', async () => {
  test.setTimeout(180_000);
  const s = await seed();
  const sup = account(s, 'super_user');
  const pro = account(s, 'professional');
  const staff = await staffLogin(pro.email, pro.password);
  const invited = await call('POST', '/api/staff/users', { action: 'invite', email: `ny.${Date.now()}@example.org`, role: 'professional' },
    { cookie: await staffLogin(sup.email, sup.password) });
  const sharing = await login(s.codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie: sharing.cookie });
  const id = uuid();
  expect((await call('POST', '/api/me/responses',
    { id, instrument: 'phq9', version: '1.0.0', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), completed_at: iso(Date.now()) },
    { cookie: sharing.cookie })).status).toBe(200);
  const list = (await call('GET', '/api/staff/participants', undefined, { cookie: staff })).json.participants;
  const pid = list.find((p: any) => p.reference === s.codes[0].slice(0, 4)).id;
  expect((await call('GET', `/api/staff/participants/${pid}`, undefined, { cookie: staff })).status).toBe(200);
  const never = await login(s.codes[1]);

  const root = path.resolve(__dirname, '..', '..');
  execFileSync('cargo', ['xtask', 'admin', 'close-business', '--business', s.business.id, '--state', 'edge/.wrangler/state'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  // Staff: gone, sessions and invitations included.
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: staff })).status).toBe(401);
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(401);
  expect((await call('POST', '/api/staff/invite/info', { invite_token: invited.json.invite_token })).status).toBe(404);

  // Participants: the same codes, data and tools, no business, consent ended by the system.
  const me = await login(s.codes[0]);
  expect(me.me.business).toBeNull();
  expect(me.me.consent.state).toBe('withdrawn');
  const exported = (await call('GET', '/api/me/export', undefined, { cookie: me.cookie })).json;
  expect(exported.responses.map((r: any) => r.id)).toContain(id);
  expect(exported.consent_events.at(-1)).toMatchObject({ state: 'withdrawn', actor: 'system' });
  // Their access log still says when and which business read their data.
  expect(exported.access_log[0].business).toBe(s.business.name);
  expect((await call('POST', '/api/me/consent', { share: true }, { cookie: me.cookie })).status).toBe(409);
  const quiet = await login(s.codes[1]);
  expect(quiet.me.business).toBeNull();
  expect(quiet.me.consent.state).toBe('declined');
  expect(never.me.consent.state).toBe('not_asked');
});

test('closing a business records a sharing that had lapsed unnoticed as expired at its lapse, not as withdrawn', async () => {
  test.setTimeout(120_000);
  const s = await seed({ issuedDaysAgo: 200 });
  // Sharing given 190 days ago and never confirmed: it lapsed 8 days ago, and nobody has
  // looked at it since, so no lapse event is stored yet.
  const grantedAt = Date.now() - 190 * DAY;
  await setClock(iso(grantedAt));
  const sharing = await login(s.codes[0]);
  expect((await call('POST', '/api/me/consent', { share: true }, { cookie: sharing.cookie })).status).toBe(200);
  await setClock(null);

  const root = path.resolve(__dirname, '..', '..');
  execFileSync('cargo', ['xtask', 'admin', 'close-business', '--business', s.business.id, '--state', 'edge/.wrangler/state'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  const me = await login(s.codes[0]);
  expect(me.me.business).toBeNull();
  expect(me.me.consent.state).toBe('expired');
  const events = (await call('GET', '/api/me/export', undefined, { cookie: me.cookie })).json.consent_events;
  expect(events.map((e: any) => [e.state, e.actor])).toEqual([['granted', 'user'], ['expired', 'system'], ['expired', 'system']]);
  // The lapse at exactly 182 days after the grant (to the second the clock was set at).
  expect(Math.abs(Date.parse(events[1].at) - (grantedAt + 182 * DAY))).toBeLessThan(60_000);
});
