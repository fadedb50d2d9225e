// P6 on the real runtime: the report changes as participants answer and delete, groups under 10
// are hidden, small cells suppressed; tool managers get the same figures across their businesses.
import { test, expect } from '@playwright/test';
import { call, seed, login, iso, uuid, phq9 } from '../support/edge';
import { staffLogin } from '../support/staff';

test('a PHQ-9 report follows answers and deletions, hiding groups under 10', async () => {
  // Answers are dated up to two hours back, so the codes are issued the day before.
  const s = await seed({ issuedDaysAgo: 1 });
  const account = (role: string) => s.staff.find((x: any) => x.role === role)!;
  const pro = await staffLogin(account('professional').email, account('professional').password);
  const tm = await staffLogin(account('tool_manager').email, account('tool_manager').password);
  const period = new Date().toISOString().slice(0, 7);
  const report = async (cookie = pro) => {
    const res = await call('GET', `/api/staff/stats?period=${period}&business=${s.business.id}`, undefined, { cookie });
    expect(res.status).toBe(200);
    return res.json.groups.find((g: any) => g.instrument === 'phq9');
  };
  const users: string[] = [];
  // 11 participants: baseline moderate (12), then 9 of them improve to minimal (3), 2 stay.
  for (let i = 0; i < 11; i++) {
    const { cookie } = await login(s.codes[i]);
    users.push(cookie);
    const answer = (values: number[], days: number) => call('POST', '/api/me/responses',
      { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9(values), completed_at: iso(Date.now() - days * 3600_000) },
      { cookie });
    expect((await answer([2, 2, 2, 2, 1, 1, 1, 1, 0], 2)).status).toBe(200);
    if (i < 9) expect((await answer([1, 1, 1, 0, 0, 0, 0, 0, 0], 1)).status).toBe(200);
    if (i === 8) {
      const g = await report();
      expect(g.n).toBeNull(); // 9 participants so far
      expect(Object.values(g.bands).every((v) => v === null)).toBe(true);
    }
  }
  const g = await report();
  expect(g.n).toBe(11);
  // Latest: 9 minimal, 2 moderate → the 2 is suppressed, and a complement with it.
  expect(g.bands.moderate).toBeNull();
  expect(g.bands.minimal).toBeNull();
  expect(g.bands.severe).toBe(0);
  expect(g.baseline_bands.moderate).toBe(11);
  // A tool manager sees the same numbers, nothing individual.
  expect(await report(tm)).toEqual(g);
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: tm })).status).toBe(403);
  // Deletion takes the participant out of the report: 10 left, then 9 → hidden.
  expect((await call('DELETE', '/api/me', undefined, { cookie: users[10] })).status).toBe(200);
  const ten = await report();
  expect(ten.n).toBe(10);
  // 9 minimal and 1 moderate: the 1 is suppressed, and the 9 as its complement.
  expect(ten.bands.minimal).toBeNull();
  expect(ten.bands.moderate).toBeNull();
  expect(ten.reliable_improvement).toBeNull();
  expect((await call('DELETE', '/api/me', undefined, { cookie: users[9] })).status).toBe(200);
  const nine = await report();
  expect(nine.n).toBeNull();
  expect(nine.mean_total).toBeNull();
  // Bad periods are 422, not 500.
  for (const p of ['2026-13', 'june', '']) {
    const res = await call('GET', `/api/staff/stats?period=${p}`, undefined, { cookie: pro });
    expect(res.status, p).toBe(422);
  }
});
