// P2: failed code attempts are throttled per client (keyed by a daily-rotating HMAC of the IP,
// never the IP itself) without blocking other clients.
import { test, expect } from '@playwright/test';
import { call, seed, randomClient } from '../support/edge';
import { staffLogin } from '../support/staff';

test('a burst of wrong codes gets 429 with Retry-After well before 50 tries; another client still logs in', async () => {
  const { codes } = await seed();
  const attacker = randomClient();
  let firstRefusal = -1;
  let refused: any;
  for (let i = 0; i < 50; i++) {
    const res = await call('POST', '/api/session', { code: `ZZZZ-ZZZZ-ZZZZ-${i % 10}` }, { from: attacker });
    if (res.status === 429) { firstRefusal = i; refused = res; break; }
    expect(res.status).toBe(401);
  }
  expect(firstRefusal).toBeGreaterThan(0);
  expect(firstRefusal).toBeLessThanOrEqual(10);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(refused.json.error.code).toBe('too_many_requests');
  // Even the right code is refused from the throttled client (it could be a guess) …
  expect((await call('POST', '/api/session', { code: codes[0] }, { from: attacker })).status).toBe(429);
  // … while a different client logs in at once.
  expect((await call('POST', '/api/session', { code: codes[0] }, { from: randomClient() })).status).toBe(200);
});

test('a login refused by the throttle writes nothing: no session, no login day; the same code then logs in from elsewhere', async () => {
  const { codes, staff } = await seed();
  const attacker = randomClient();
  for (let i = 0; i < 10; i++) {
    const res = await call('POST', '/api/session', { code: `ZZZZ-ZZZZ-ZZZZ-${i % 10}` }, { from: attacker });
    if (res.status === 429) break;
  }
  const code = codes[0];
  const refused = await call('POST', '/api/session', { code }, { from: attacker });
  expect(refused.status).toBe(429);
  expect(refused.headers['set-cookie']).toBeUndefined();
  const pro = staff.find((x: any) => x.role === 'professional');
  const cookie = await staffLogin(pro.email, pro.password);
  const lastActive = async () => {
    const res = await call('GET', '/api/staff/participants', undefined, { cookie });
    expect(res.status).toBe(200);
    return res.json.participants.find((p: any) => p.reference === code.slice(0, 4)).last_active;
  };
  expect(await lastActive()).toBeNull();
  // The login's writes (claim given back, login day, session) land together when it succeeds.
  const ok = await call('POST', '/api/session', { code }, { from: randomClient() });
  expect(ok.status).toBe(200);
  expect(await lastActive()).toBe(new Date().toISOString().slice(0, 10));
});
