// Optional TOTP for staff (SPEC §4.1): enrolment shown once and confirmed with a first code;
// login then needs a current code; a code works once; a wrong code looks like a wrong password.
import { test, expect } from '@playwright/test';
import { call, seed, setClock, iso } from '../support/edge';
import { passwordHash, staffAttempt, staffCookie } from '../support/staff';
import { totp } from '../support/totp';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

const T0 = Date.parse('2026-03-02T09:00:10Z');

async function enrolled() {
  const s = await seed();
  const pro = s.staff.find((x: any) => x.role === 'professional')!;
  await setClock(iso(T0));
  const cookie = staffCookie(await staffAttempt(pro.email, pro.password));
  // Starting an enrolment re-authenticates with the password (issue 20).
  const password_hash = await passwordHash(pro.email, pro.password);
  const enrol = await call('POST', '/api/staff/totp', { password_hash }, { cookie });
  expect(enrol.status).toBe(200);
  expect(enrol.json.uri).toContain(`secret=${enrol.json.secret}`);
  expect(enrol.json.uri).toMatch(/^otpauth:\/\/totp\/Mestring:/);
  return { pro, cookie, secret: enrol.json.secret as string, password_hash };
}

test('enrolment takes effect only after a right first code', async () => {
  const { pro, cookie, secret } = await enrolled();
  // Not confirmed yet: the password alone still logs in.
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(200);
  const wrong = await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0 + 5 * 60_000) }, { cookie });
  expect(wrong.status).toBe(422);
  expect(wrong.json.error.code).toBe('invalid_totp');
  const ok = await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0) }, { cookie });
  expect(ok.status).toBe(200);
  expect((await call('GET', '/api/staff/session', undefined, { cookie })).json.totp).toBe(true);
});

test('with TOTP on: no code asks for one, a wrong code is the uniform 401, a right code logs in once', async () => {
  const { pro, cookie, secret } = await enrolled();
  await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0) }, { cookie });
  await setClock(iso(T0 + 60_000));

  const none = await staffAttempt(pro.email, pro.password);
  expect(none.status).toBe(401);
  expect(none.json.error.code).toBe('totp_required');

  const wrongCode = await staffAttempt(pro.email, pro.password, undefined, totp(secret, T0 + 10 * 60_000));
  const wrongPassword = await staffAttempt(pro.email, 'not the password', undefined, totp(secret, T0 + 60_000));
  expect(wrongCode.status).toBe(401);
  expect(wrongCode.json).toEqual(wrongPassword.json);

  const code = totp(secret, T0 + 60_000);
  const first = await staffAttempt(pro.email, pro.password, undefined, code);
  expect(first.status).toBe(200);
  expect(first.json.totp).toBe(true);
  // The same code again, inside its 30 s: replay refused.
  expect((await staffAttempt(pro.email, pro.password, undefined, code)).status).toBe(401);
  // A phone 30 s behind still works for the next step.
  await setClock(iso(T0 + 90_000));
  expect((await staffAttempt(pro.email, pro.password, undefined, totp(secret, T0 + 60_000 + 30_000))).status).toBe(200);
});

test('switching TOTP off needs a current code; then the password alone works again', async () => {
  const { pro, cookie, secret, password_hash } = await enrolled();
  await call('POST', '/api/staff/totp/confirm', { totp: totp(secret, T0) }, { cookie });
  await setClock(iso(T0 + 120_000));
  const refused = await call('POST', '/api/staff/totp/disable', { password_hash, totp: '000000' }, { cookie });
  expect(refused.status).toBe(422);
  // Switching off re-authenticates with the password too (issue 20).
  const off = await call('POST', '/api/staff/totp/disable', { password_hash, totp: totp(secret, T0 + 120_000) }, { cookie });
  expect(off.status).toBe(200);
  expect(off.json).toEqual({ totp: false });
  expect((await staffAttempt(pro.email, pro.password)).status).toBe(200);
});

test('TOTP calls need a staff session and a well-formed body', async () => {
  expect((await call('POST', '/api/staff/totp', {})).status).toBe(401);
  expect((await call('POST', '/api/staff/totp/confirm', { totp: '123456' })).status).toBe(401);
  const { cookie } = await enrolled();
  const bad = await call('POST', '/api/staff/totp/confirm', { code: 1 }, { cookie });
  expect(bad.status).toBe(422);
  expect(bad.json.error.code).toBe('invalid_body');
  expect((await call('GET', '/api/staff/totp', undefined, { cookie })).status).toBe(405);
});
