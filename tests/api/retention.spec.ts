// P9 retention: the daily cron trigger erases codes unused for 5 years and purges what expired.
import { test, expect } from '@playwright/test';
import { call, seed, login, setClock, iso, DAY, base, dumpD1, remember } from '../support/edge';

test.afterEach(async () => setClock(null));

async function cron(): Promise<number> {
  // wrangler dev's local trigger for the scheduled handler (the real cron entry point).
  const res = await fetch(`${base.origin}/cdn-cgi/local/scheduled?cron=17+3+*+*+*`);
  return res.status;
}

test('a code unused for 5 years is erased by the cron job, leaving a deletion registration', async () => {
  test.setTimeout(300_000);
  const { codes } = await seed();
  const now = Date.now();
  const { cookie } = await login(codes[0]); // used today
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  // 4 years and 364 days later: still there.
  await setClock(iso(now + (5 * 365) * DAY));
  expect(await cron()).toBe(200);
  expect((await call('POST', '/api/session', { code: codes[0] })).status).toBe(200);
  // Using it then restarts the 5 years; 5 years + 2 days after that last login: gone.
  await setClock(iso(now + (10 * 365 + 4) * DAY));
  expect(await cron()).toBe(200);
  // One run erases at most 500 codes (to stay within the plan's per-invocation limits); the
  // suite's database holds more than that by now, so the following days' runs finish the job.
  for (let day = 0; day < 40; day++) {
    const run = await call('POST', '/api/dev/retention', {});
    expect(run.status).toBe(200);
    if (run.json.codes_erased < 500) break;
  }
  const res = await call('POST', '/api/session', { code: codes[0] });
  expect(res.status).toBe(401);
  // Never-used codes of the same seed go too: issued more than 5 years ago.
  expect((await call('POST', '/api/session', { code: codes[1] })).status).toBe(401);
});

test('expired sessions are purged by the retention job', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  await setClock(iso(Date.now() + 13 * 3600 * 1000));
  const report = await call('POST', '/api/dev/retention', {});
  expect(report.status).toBe(200);
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(401);
});

test('feedback is kept 89 days and erased by the retention job at 90', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const marker = `feedback-${Date.now()}`;
  expect((await call('POST', '/api/feedback', { kind: 'suggestion', text: marker }, { cookie })).status).toBe(201);
  await setClock(iso(Date.now() + 89 * DAY));
  await call('POST', '/api/dev/retention', {});
  expect(dumpD1()).toContain(marker);
  await setClock(iso(Date.now() + 90 * DAY + 60_000));
  await call('POST', '/api/dev/retention', {});
  expect(dumpD1()).not.toContain(marker);
});

test('a pending code change is purged by the retention job once its 15 minutes are over', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const pending = await call('POST', '/api/me/code', undefined, { cookie });
  expect(pending.status).toBe(200);
  remember('codes', [pending.json.code]);
  const rows = (dump: string) => dump.split('\n').filter((l) => /^INSERT INTO "?pending_codes"?/.test(l));
  // Not yet expired: the job keeps it.
  await call('POST', '/api/dev/retention', {});
  expect(rows(dumpD1()).length).toBeGreaterThan(0);
  // Every pending code of the suite so far was made before this one, so none is left after.
  await setClock(iso(Date.parse(pending.json.expires_at) + 1000));
  expect((await call('POST', '/api/dev/retention', {})).status).toBe(200);
  expect(rows(dumpD1())).toEqual([]);
  // The code was never changed: the old one still logs in.
  expect((await call('POST', '/api/session', { code: codes[0] })).status).toBe(200);
});
