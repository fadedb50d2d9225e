// Self-service correction and assignments that close: a removed registration leaves every view
// and every aggregate as if it had never been sent, and cannot come back; an assignment ends
// done on both sides when answered or opened, or is withdrawn while open.
import { test, expect } from '@playwright/test';
import { call, seed, login, uuid, phq9, iso } from '../support/edge';
import { staffLogin } from '../support/staff';

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;
const MODERATE = [2, 2, 2, 2, 1, 1, 1, 1, 0]; // 12
const SEVERE = [3, 3, 3, 3, 3, 3, 2, 2, 0]; // 22

function answer(cookie: string, values: number[], minutesAgo: number) {
  const body = { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9(values),
    completed_at: iso(Date.now() - minutesAgo * 60_000) };
  return call('POST', '/api/me/responses', body, { cookie }).then((res) => {
    expect(res.status).toBe(200);
    return body;
  });
}

test('a removed response leaves the history, the staff views and the statistics, and a replay cannot bring it back', async () => {
  // Answers are dated minutes back, so the codes are issued the day before.
  const s = await seed({ issuedDaysAgo: 1 });
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const period = new Date(Date.now() - 5 * 60_000).toISOString().slice(0, 7);
  const report = async () => {
    const res = await call('GET', `/api/staff/stats?period=${period}&business=${s.business.id}`, undefined, { cookie: pro });
    expect(res.status).toBe(200);
    return res.json.groups.find((g: any) => g.instrument === 'phq9');
  };
  const users: string[] = [];
  for (let i = 0; i < 11; i++) users.push((await login(s.codes[i])).cookie);
  await call('POST', '/api/me/consent', { share: true }, { cookie: users[0] });
  // Participant 0: moderate, then a mistaken severe. Participant 1: a mistaken severe first
  // (the baseline), then moderate. The other nine: moderate once.
  await answer(users[0], MODERATE, 3);
  const mistakeLatest = await answer(users[0], SEVERE, 1);
  const mistakeBaseline = await answer(users[1], SEVERE, 3);
  await answer(users[1], MODERATE, 2);
  for (let i = 2; i < 11; i++) await answer(users[i], MODERATE, 2);

  const before = await report();
  expect(before.n).toBe(11);
  expect(before.mean_total).toBeCloseTo((10 * 12 + 22) / 11, 5);
  const id = (await call('GET', '/api/staff/participants', undefined, { cookie: pro })).json.participants
    .find((p: any) => p.reference === s.codes[0].slice(0, 4));
  expect(id.latest.find((l: any) => l.instrument === 'phq9').band).toBe('severe');

  expect((await call('DELETE', `/api/me/responses/${mistakeLatest.id}`, undefined, { cookie: users[0] })).status).toBe(204);
  expect((await call('DELETE', `/api/me/responses/${mistakeBaseline.id}`, undefined, { cookie: users[1] })).status).toBe(204);

  // By hand: eleven participants, every latest and every baseline now moderate (12).
  const after = await report();
  expect(after.n).toBe(11);
  expect(after.mean_total).toBe(12);
  expect(after.bands.moderate).toBe(11);
  expect(after.bands.severe).toBe(0);
  expect(after.baseline_bands.moderate).toBe(11);
  expect(after.baseline_bands.severe).toBe(0);

  const history = (await call('GET', '/api/me/responses', undefined, { cookie: users[0] })).json.responses;
  expect(history.map((r: any) => r.id)).not.toContain(mistakeLatest.id);
  expect(history).toHaveLength(1);
  const row = (await call('GET', '/api/staff/participants', undefined, { cookie: pro })).json.participants
    .find((p: any) => p.id === id.id);
  expect(row.latest.find((l: any) => l.instrument === 'phq9').band).toBe('moderate');
  const detail = (await call('GET', `/api/staff/participants/${id.id}`, undefined, { cookie: pro })).json;
  expect(detail.responses.map((r: any) => r.id)).not.toContain(mistakeLatest.id);
  expect(detail.removals).toHaveLength(1);
  expect(detail.removals[0]).toEqual({ completed_at: expect.any(String), removed_at: expect.any(String) });
  expect(Date.parse(detail.removals[0].completed_at)).toBe(Date.parse(mistakeLatest.completed_at));

  // The offline queue replays the original submission: refused, and nothing comes back.
  const replay = await call('POST', '/api/me/responses', mistakeLatest, { cookie: users[0] });
  expect(replay.status).toBe(409);
  expect(replay.json.error.code).toBe('response_removed');
  expect((await call('GET', '/api/me/responses', undefined, { cookie: users[0] })).json.responses).toHaveLength(1);
  expect((await report()).mean_total).toBe(12);

  // Idempotent; 404 for what was never the caller's; 401 without a session.
  expect((await call('DELETE', `/api/me/responses/${mistakeLatest.id}`, undefined, { cookie: users[0] })).status).toBe(204);
  expect((await call('DELETE', `/api/me/responses/${uuid()}`, undefined, { cookie: users[0] })).status).toBe(404);
  expect((await call('DELETE', `/api/me/responses/${history[0].id}`, undefined, { cookie: users[2] })).status).toBe(404);
  expect((await call('DELETE', '/api/me/responses/not-an-id', undefined, { cookie: users[0] })).status).toBe(404);
  expect((await call('DELETE', `/api/me/responses/${history[0].id}`)).status).toBe(401);

  // The export holds it all: the removal (dates only), the inbox and the dates of the code.
  const exported = (await call('GET', '/api/me/export?format=json', undefined, { cookie: users[0] })).json;
  expect(exported.removals).toEqual(detail.removals);
  expect(exported.issued_at).toEqual(expect.any(String));
  expect(exported.last_login_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(exported.inbox).toEqual([]);
  expect(JSON.stringify(exported.removals)).not.toContain('answers');
});

test('assigned questionnaire and content end as done on both sides; an open one can be withdrawn', async () => {
  const s = await seed();
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const { cookie } = await login(s.codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const pid = (await call('GET', '/api/staff/participants', undefined, { cookie: pro })).json.participants
    .find((p: any) => p.reference === s.codes[0].slice(0, 4)).id;
  const send = async (body: object) => {
    const res = await call('POST', `/api/staff/participants/${pid}/assignments`, body, { cookie: pro });
    expect(res.status).toBe(201);
    return res.json.id as string;
  };
  const gad7 = await send({ kind: 'questionnaire', instrument: 'gad7' });
  const part = await send({ kind: 'content', tool: 'worry', part: 'understanding_worry' });
  const spare = await send({ kind: 'questionnaire', instrument: 'who5' });
  const inbox = async () => (await call('GET', '/api/me', undefined, { cookie })).json.inbox;
  const staffSide = async () =>
    (await call('GET', `/api/staff/participants/${pid}`, undefined, { cookie: pro })).json.assignments;
  expect((await inbox()).every((i: any) => i.done_at === null)).toBe(true);

  const answered = await call('POST', '/api/me/responses', { id: uuid(), instrument: 'gad7', version: '1.0.0',
    answers: { 'gad7.1': 1, 'gad7.2': 1, 'gad7.3': 1, 'gad7.4': 0, 'gad7.5': 0, 'gad7.6': 0, 'gad7.7': 0 },
    completed_at: iso(Date.now()) }, { cookie });
  expect(answered.status).toBe(200);
  const opened = await call('POST', '/api/me/progress', { id: uuid(), tool: 'worry', part: 'understanding_worry',
    step: 'worry_pattern', state: 'started' }, { cookie });
  expect(opened.status).toBe(200);

  for (const items of [await inbox(), await staffSide()]) {
    const by = (id: string) => items.find((i: any) => i.id === id);
    expect(Date.parse(by(gad7).done_at)).not.toBeNaN();
    expect(Date.parse(by(part).done_at)).not.toBeNaN();
    expect(by(spare).done_at).toBeNull();
  }

  const withdraw = (id: string) =>
    call('DELETE', `/api/staff/participants/${pid}/assignments/${id}`, undefined, { cookie: pro });
  expect((await withdraw(spare)).status).toBe(204);
  expect((await inbox()).map((i: any) => i.id)).not.toContain(spare);
  expect((await withdraw(gad7)).json.error.code).toBe('assignment_done');
  expect((await withdraw(spare)).status).toBe(404);
  expect((await call('GET', '/api/me/export?format=json', undefined, { cookie })).json.inbox).toHaveLength(2);
});
