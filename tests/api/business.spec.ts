// Business details: the super user keeps them; the business's participants see who holds their
// shared registrations and how to reach them.
import { test, expect } from '@playwright/test';
import { call, seed, login } from '../support/edge';
import { staffLogin } from '../support/staff';

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;

test('the super user sets the business details; participants and staff read them; bad values are 422 without an echo', async () => {
  const s = await seed();
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const { cookie, me } = await login(s.codes[0]);
  expect(me.business).toEqual({ name: s.business.name, contact: null, address: null, web: null });

  const details = { name: ' Fjordbyen DPS ', contact: '22 00 00 00', address: 'Postboks 1, 0001 Oslo', web: 'https://fjordbyen.no' };
  const set = await call('POST', '/api/staff/business', details, { cookie: sup });
  expect(set.status).toBe(200);
  const view = { name: 'Fjordbyen DPS', contact: '22 00 00 00', address: 'Postboks 1, 0001 Oslo', web: 'https://fjordbyen.no' };
  expect(set.json).toEqual(view);
  expect((await call('GET', '/api/me', undefined, { cookie })).json.business).toEqual(view);
  expect((await call('GET', '/api/staff/business', undefined, { cookie: pro })).json).toEqual(view);
  expect((await call('GET', '/api/staff/session', undefined, { cookie: pro })).json.businesses[0].name).toBe('Fjordbyen DPS');

  expect((await call('POST', '/api/staff/business', details, { cookie: pro })).status).toBe(403);
  expect((await call('POST', '/api/staff/business', details)).status).toBe(401);
  const script = '<script>alert(1)</script>';
  for (const bad of [{ ...details, web: `http://${script}` }, { ...details, name: '' }, { ...details, contact: script.repeat(20) }]) {
    const res = await call('POST', '/api/staff/business', bad, { cookie: sup });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('invalid_business');
    expect(res.text).not.toContain('<script>');
  }
  const audit = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries;
  expect(audit.find((e: any) => e.action === 'update_business')).toMatchObject({ staff_email: account(s, 'super_user').email, participant: '' });
});
