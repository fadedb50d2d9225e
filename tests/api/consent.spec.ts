// Consent timeline on the real runtime (SPEC §3.2–3.3, P5), with the dev clock.
import { test, expect } from '@playwright/test';
import { call, seed, setClock, login, DAY, iso } from '../support/edge';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

const T0 = Date.parse('2031-03-01T10:00:00Z');

// The dev clock is an offset: it keeps running while a test runs, so times match to a few seconds.
function expectNear(rfc3339: string, ms: number) {
  expect(Math.abs(Date.parse(rfc3339) - ms)).toBeLessThan(5_000);
}

/** The consent state `day` days (plus a second, for the running clock) after `from`. */
async function stateAt(code: string, day: number, from = T0) {
  await setClock(iso(from + day * DAY + 1000));
  const { me } = await login(code);
  return me.consent;
}

test('first login asks; the answer is stored with its time', async () => {
  const { codes } = await seed();
  await setClock(iso(T0));
  const { cookie, me } = await login(codes[0]);
  expect(me.consent).toEqual({ state: 'not_asked', since: null, renewal_prompt: false });
  expect(me.business.name).toMatch(/^Demo-legekontor/);
  const res = await call('POST', '/api/me/consent', { share: false }, { cookie });
  expect(res.status).toBe(200);
  expect(res.json.consent.state).toBe('declined');
  expectNear(res.json.consent.since, T0);
});

test('granted at day 0: granted until 153, prompt from 154, still granted at 181, expired at 182', async () => {
  const { codes } = await seed();
  await setClock(iso(T0));
  const { cookie } = await login(codes[0]);
  const granted = (await call('POST', '/api/me/consent', { share: true }, { cookie })).json.consent;
  expect(granted).toMatchObject({ state: 'granted', renewal_prompt: false });
  expectNear(granted.since, T0);
  const g = Date.parse(granted.since);
  expect(await stateAt(codes[0], 0, g)).toMatchObject({ state: 'granted', renewal_prompt: false });
  expect(await stateAt(codes[0], 153, g)).toMatchObject({ state: 'granted', renewal_prompt: false });
  expect(await stateAt(codes[0], 154, g)).toMatchObject({ state: 'granted', renewal_prompt: true });
  expect(await stateAt(codes[0], 181, g)).toMatchObject({ state: 'granted', renewal_prompt: true });
  const expired = await stateAt(codes[0], 182, g);
  expect(expired).toMatchObject({ state: 'expired', renewal_prompt: false });
  // The lapse is stamped at the instant it happened, not when it was noticed.
  expect(Date.parse(expired.since)).toBe(g + 182 * DAY);
});

test('renewal yes restarts the 22/26-week clock; renewal no ends sharing', async () => {
  const { codes } = await seed();
  await setClock(iso(T0));
  let { cookie } = await login(codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  await setClock(iso(T0 + 160 * DAY));
  ({ cookie } = await login(codes[0]));
  const yes = await call('POST', '/api/me/consent/renewal', { still_followed_up: true }, { cookie });
  expect(yes.status).toBe(200);
  expect(yes.json.consent).toMatchObject({ state: 'granted', renewal_prompt: false });
  const c = T0 + 160 * DAY + 5_000; // at most seconds after the confirmation
  expect(await stateAt(codes[0], 182)).toMatchObject({ state: 'granted', renewal_prompt: false });
  expect(await stateAt(codes[0], 153, c - 10_000)).toMatchObject({ state: 'granted', renewal_prompt: false });
  expect(await stateAt(codes[0], 154, c)).toMatchObject({ state: 'granted', renewal_prompt: true });
  ({ cookie } = await login(codes[0]));
  const no = await call('POST', '/api/me/consent/renewal', { still_followed_up: false }, { cookie });
  expect(no.json.consent).toMatchObject({ state: 'withdrawn', renewal_prompt: false });
});

test('a renewal answer when none is due is refused with 409', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const res = await call('POST', '/api/me/consent/renewal', { still_followed_up: true }, { cookie });
  expect(res.status).toBe(409);
  expect(res.json.error.code).toBe('no_renewal_due');
});

test('withdrawal is immediate and sharing can be given again', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const off = await call('POST', '/api/me/consent', { share: false }, { cookie });
  expect(off.json.consent.state).toBe('withdrawn');
  expect((await call('GET', '/api/me', undefined, { cookie })).json.consent.state).toBe('withdrawn');
  const on = await call('POST', '/api/me/consent', { share: true }, { cookie });
  expect(on.json.consent.state).toBe('granted');
});
