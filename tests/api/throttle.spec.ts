// P2: failed code attempts are throttled per client (keyed by a daily-rotating HMAC of the IP,
// never the IP itself) without blocking other clients.
import { test, expect } from '@playwright/test';
import { call, seed, randomClient } from '../support/edge';

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
