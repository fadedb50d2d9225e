// Programmes (SPEC §1, §4.7): the seed's programme and its tool manager, who reads the statistics
// of the programme and of each of its businesses and nothing individual; and P6 across reports:
// a programme of 12 and 7 participants never gives the 7 away, alone or against the 12's report.
import { test, expect } from '@playwright/test';
import { call, seed, login, iso, uuid, phq9 } from '../support/edge';
import { staffLogin } from '../support/staff';

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;
const asLogin = (s: Seeded, role: string) => staffLogin(account(s, role).email, account(s, role).password);

test('the seed joins a named programme, whose one tool manager covers each of its businesses', async () => {
  const name = `Region ${Date.now()}`;
  const a = await seed({ programme: name });
  const b = await seed({ programme: name });
  const alone = await seed();
  expect(account(a, 'tool_manager').email).toBe(account(b, 'tool_manager').email);
  expect(account(alone, 'tool_manager').email).not.toBe(account(a, 'tool_manager').email);
  // Without the field the seed is as before: every role, its own programme.
  expect(alone.staff.map((s: any) => s.role).sort()).toEqual(['professional', 'super_user', 'support', 'tool_manager']);
  const tm = await asLogin(a, 'tool_manager');
  const who = (await call('GET', '/api/staff/session', undefined, { cookie: tm })).json;
  expect(who.role).toBe('tool_manager');
  expect(who.businesses.map((x: any) => x.id).sort()).toEqual([a.business.id, b.business.id].sort());
  const period = new Date().toISOString().slice(0, 7);
  const stats = (query: string, cookie = tm) => call('GET', `/api/staff/stats?period=${period}${query}`, undefined, { cookie });
  expect((await stats('')).status).toBe(200);
  expect((await stats(`&business=${a.business.id}`)).status).toBe(200);
  expect((await stats(`&business=${b.business.id}`)).status).toBe(200);
  // A business of another programme, and one that does not exist: 403, the same answer.
  const other = await stats(`&business=${alone.business.id}`);
  const unknown = await stats('&business=00000000000000000000000000000000');
  expect(other.status).toBe(403);
  expect(unknown.text).toBe(other.text);
  // The lone seed's tool manager covers its business only.
  const tmAlone = await asLogin(alone, 'tool_manager');
  expect((await stats(`&business=${alone.business.id}`, tmAlone)).status).toBe(200);
  expect((await stats(`&business=${a.business.id}`, tmAlone)).status).toBe(403);
  // Nothing individual.
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: tm })).status).toBe(403);
  // A bad programme name is 422, a wrong shape 400 or 422, and nothing is made.
  expect((await call('POST', '/api/dev/seed', { programme: '  ' })).status).toBe(422);
  expect([400, 422]).toContain((await call('POST', '/api/dev/seed', { programme: 7 })).status);
  expect([400, 422]).toContain((await call('POST', '/api/dev/seed', { programme: name, extra: 1 })).status);
});

/** Every published count of a report, by name (null when suppressed). */
function figures(report: any): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(report.participants)) out[`participants.${k}`] = v as number | null;
  for (const g of report.groups) {
    out[`${g.instrument}.n`] = g.n;
    for (const [band, v] of Object.entries(g.bands)) out[`${g.instrument}.bands.${band}`] = v as number | null;
    for (const [band, v] of Object.entries(g.baseline_bands)) out[`${g.instrument}.baseline.${band}`] = v as number | null;
    for (const k of ['reliable_improvement', 'reliable_deterioration', 'recovery', 'reliable_recovery']) out[`${g.instrument}.${k}`] = g[k];
  }
  return out;
}

test('a programme of 12 and 7 participants: neither its report nor any combination with the 12 reveals the 7', async () => {
  const name = `Twelve and seven ${Date.now()}`;
  const twelve = await seed({ programme: name, issuedDaysAgo: 1 });
  const seven = await seed({ programme: name, issuedDaysAgo: 1 });
  const answer = async (code: string, values: number[]) => {
    const { cookie } = await login(code);
    const res = await call('POST', '/api/me/responses',
      { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9(values), completed_at: iso(Date.now() - 3600_000) },
      { cookie });
    expect(res.status).toBe(200);
  };
  // The 12: moderate (12). The 7: 4 severe (23) and 3 mild (6).
  for (const code of twelve.codes.slice(0, 12)) await answer(code, [2, 2, 2, 2, 1, 1, 1, 1, 0]);
  for (const code of seven.codes.slice(0, 4)) await answer(code, [3, 3, 3, 3, 3, 3, 3, 2, 0]);
  for (const code of seven.codes.slice(4, 7)) await answer(code, [1, 1, 1, 1, 1, 1, 0, 0, 0]);
  const tm = await asLogin(twelve, 'tool_manager');
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const get = async (period: string, business?: string) => {
    const res = await call('GET', `/api/staff/stats?period=${period}${business ? `&business=${business}` : ''}`, undefined, { cookie: tm });
    expect(res.status).toBe(200);
    return figures(res.json);
  };
  const reports: Record<string, Record<string, number | null>> = {};
  for (const period of [month, quarter]) {
    reports[`programme ${period}`] = await get(period);
    reports[`twelve ${period}`] = await get(period, twelve.business.id);
    reports[`seven ${period}`] = await get(period, seven.business.id);
  }
  // The 12 is shown, the 7 is not, and the programme (19 = 12 + 7) hides what would give it away.
  expect(reports[`twelve ${month}`]['phq9.n']).toBe(12);
  expect(reports[`twelve ${month}`]['phq9.bands.moderate']).toBe(12);
  expect(reports[`seven ${month}`]['phq9.n']).toBeNull();
  expect(reports[`programme ${month}`]['phq9.n']).toBeNull();
  expect(reports[`programme ${month}`]['participants.active']).toBeNull();
  // Codes issued: 12 each, so the programme's 24 gives nothing away and is shown.
  expect(reports[`programme ${month}`]['participants.issued']).toBe(24);
  // Every report alone shows no count of 1–9 …
  for (const [label, r] of Object.entries(reports)) {
    for (const [k, v] of Object.entries(r)) {
      if (v !== null) expect(v === 0 || v >= 10, `${label} ${k} = ${v}`).toBe(true);
    }
  }
  // … and no difference of two reports, nor a sum of two subtracted from a third, is 1–9.
  const labels = Object.keys(reports);
  for (const x of labels) {
    for (const k of Object.keys(reports[x])) {
      const xv = reports[x][k];
      if (xv === null) continue;
      const others = labels.filter((l) => l !== x).map((l) => reports[l][k]).filter((v): v is number => v !== null);
      for (let i = 0; i < others.length; i++) {
        const d1 = xv - others[i];
        expect(d1 >= 1 && d1 <= 9, `${x} ${k}: ${xv} - ${others[i]}`).toBe(false);
        for (let j = i + 1; j < others.length; j++) {
          const d2 = xv - others[i] - others[j];
          expect(d2 >= 1 && d2 <= 9, `${x} ${k}: ${xv} - ${others[i]} - ${others[j]}`).toBe(false);
        }
      }
    }
  }
  // The 12's professional sees the same report of the 12 as the tool manager.
  const pro = await asLogin(twelve, 'professional');
  const own = await call('GET', `/api/staff/stats?period=${month}`, undefined, { cookie: pro });
  expect(figures(own.json)).toEqual(reports[`twelve ${month}`]);
});
