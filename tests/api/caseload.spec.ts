// The staff caseload (`GET /api/staff/participants`): search by reference, filters, order and
// paging over per-participant summaries kept current by every write (a stored and a removed
// response, consent, deletion), and the audit of every sharing participant shown (SPEC §4.8).
import { test, expect } from '@playwright/test';
import { call, seed, login, setClock, iso, uuid, phq9, DAY } from '../support/edge';
import { staffLogin } from '../support/staff';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;
const ref = (code: string) => code.slice(0, 4);
const FIELDS = ['consent', 'flags', 'id', 'issued_at', 'last_active', 'latest', 'reference', 'tool'];

function gad7(v: number): Record<string, number> {
  return Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`gad7.${i}`, v]));
}

async function answer(cookie: string, instrument: string, answers: Record<string, number>, minutesAgo: number) {
  const id = uuid();
  const res = await call('POST', '/api/me/responses',
    { id, instrument, version: '1.0.0', answers, completed_at: iso(Date.now() - minutesAgo * 60_000) }, { cookie });
  expect(res.status).toBe(200);
  return id;
}

async function list(cookie: string, query = '') {
  const res = await call('GET', `/api/staff/participants${query}`, undefined, { cookie });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

const refs = (l: any) => l.participants.map((p: any) => p.reference);

/** A business where: 0 shares (PHQ-9 severe then moderate, safety item answered, GAD-7 mild, so
 *  nothing is due), 1 shares (PHQ-9 minimal), 2 does not share but answered the safety item,
 *  3 shares and never answered (due), 4 shared and withdrew, 5 deleted everything; the other
 *  six never logged in. */
async function caseload() {
  const s = await seed({ issuedDaysAgo: 2 });
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const sup = await staffLogin(account(s, 'super_user').email, account(s, 'super_user').password);
  const users: string[] = [];
  for (let i = 0; i < 6; i++) users.push((await login(s.codes[i])).cookie);
  for (const i of [0, 1, 3, 4]) await call('POST', '/api/me/consent', { share: true }, { cookie: users[i] });
  await answer(users[0], 'phq9', phq9([3, 3, 3, 3, 3, 2, 2, 2, 1]), 30);
  await answer(users[0], 'phq9', phq9([2, 2, 1, 1, 1, 1, 1, 1, 0]), 20);
  await answer(users[0], 'gad7', gad7(1), 20);
  await answer(users[1], 'phq9', phq9([0, 0, 1, 0, 0, 0, 0, 0, 0]), 10);
  await answer(users[2], 'phq9', phq9([1, 1, 1, 1, 1, 1, 1, 1, 2]), 10);
  await call('POST', '/api/me/consent', { share: false }, { cookie: users[4] });
  expect((await call('DELETE', '/api/me', undefined, { cookie: users[5] })).status).toBe(200);
  return { s, pro, sup, users };
}

test('the default page keeps the SPEC shape, adds the page, and shows scores only to sharing', async () => {
  const { s, pro } = await caseload();
  const l = await list(pro);
  expect(l).toMatchObject({ total: 11, page: 1, per_page: 50 });
  expect(l.participants).toHaveLength(11);
  for (const p of l.participants) {
    expect(Object.keys(p).sort()).toEqual(FIELDS);
    if (p.consent !== 'granted') expect([p.latest, p.flags]).toEqual([null, null]);
  }
  const zero = l.participants.find((p: any) => p.reference === ref(s.codes[0]));
  expect(zero.latest).toEqual([
    { instrument: 'gad7', band: 'mild', date: expect.any(String), reliable: null },
    { instrument: 'phq9', band: 'moderate', date: expect.any(String), reliable: 'improved' },
  ]);
  expect(zero.flags.safety).toBe(true);
  expect(zero.flags.safety_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(l.participants.find((p: any) => p.reference === ref(s.codes[2])).flags).toBeNull();
  expect(l.deletions.map((d: any) => d.reference)).toEqual([ref(s.codes[5])]);
});

test('search by the start of a reference, typed in any case', async () => {
  const { s, pro } = await caseload();
  const wanted = ref(s.codes[1]);
  const l = await list(pro, `?q=${wanted.slice(0, 3).toLowerCase()}`);
  expect(refs(l)).toContain(wanted);
  for (const r of refs(l)) expect(r.startsWith(wanted.slice(0, 3))).toBe(true);
  expect(l.total).toBe(l.participants.length);
  expect(refs(await list(pro, `?q=${wanted}`))).toEqual([wanted]);
  const gone = await list(pro, `?q=${ref(s.codes[5])}`);
  expect(gone.participants).toEqual([]);
  expect(gone.deletions.map((d: any) => d.reference)).toEqual([ref(s.codes[5])]);
});

test('each filter: sharing, flagged (sharing only), due (sharing only) and deleted', async () => {
  const { s, pro } = await caseload();
  const sorted = (xs: string[]) => [...xs].sort();
  const sharing = await list(pro, '?filter=sharing');
  expect(sorted(refs(sharing))).toEqual(sorted([0, 1, 3].map((i) => ref(s.codes[i]))));
  expect(sharing.total).toBe(3);
  // 2 answered the safety item too, but does not share: not listed (P5).
  expect(refs(await list(pro, '?filter=flagged'))).toEqual([ref(s.codes[0])]);
  // The standard plan: 1 answered PHQ-9 but not GAD-7, 3 answered nothing; 0 answered both.
  expect(sorted(refs(await list(pro, '?filter=due')))).toEqual(sorted([1, 3].map((i) => ref(s.codes[i]))));
  const deleted = await list(pro, '?filter=deleted');
  expect(deleted.participants).toEqual([]);
  expect(deleted.deletions).toEqual([{ reference: ref(s.codes[5]), deleted_at: expect.any(String) }]);
  expect(deleted.total).toBe(1);
  expect((await list(pro, '?filter=all')).total).toBe(11);
});

test('sorts: newest code, last active, most severe latest band (sharing only)', async () => {
  const { s, pro } = await caseload();
  const issued = await list(pro);
  const times = issued.participants.map((p: any) => p.issued_at);
  expect(times).toEqual([...times].sort().reverse());
  const active = (await list(pro, '?sort=last_active')).participants;
  const days = active.map((p: any) => p.last_active);
  const firstNull = days.indexOf(null);
  expect(firstNull).toBe(5); // the five who logged in and are still there, then never
  expect(days.slice(firstNull).every((d: any) => d === null)).toBe(true);
  const band = refs(await list(pro, '?sort=band'));
  // 0 (PHQ-9 moderate) before 1 (minimal); 2's band must not lift it: it does not share.
  expect(band.slice(0, 2)).toEqual([ref(s.codes[0]), ref(s.codes[1])]);
  expect(band.indexOf(ref(s.codes[2]))).toBeGreaterThan(1);
});

test('server-side paging: every participant once, the total on every page', async () => {
  const { pro } = await caseload();
  const seen: string[] = [];
  for (let page = 1; page <= 4; page++) {
    const l = await list(pro, `?per_page=3&page=${page}`);
    expect(l).toMatchObject({ total: 11, page, per_page: 3 });
    expect(l.participants.length).toBe(page < 4 ? 3 : 2);
    seen.push(...l.participants.map((p: any) => p.id));
  }
  expect(new Set(seen).size).toBe(11);
  expect((await list(pro, '?per_page=3&page=5')).participants).toEqual([]);
});

test('bad query parameters are a JSON 422 naming the parameter', async () => {
  const { pro } = await caseload();
  for (const q of ['?filter=everyone', '?sort=name', '?page=0', '?per_page=1000', '?q=%3Cscript%3E']) {
    const res = await call('GET', `/api/staff/participants${q}`, undefined, { cookie: pro });
    expect(res.status, q).toBe(422);
    expect(res.json.error.code).toBe('invalid_query');
    expect(res.text).not.toContain('<script>');
  }
  expect((await call('GET', '/api/staff/participants?filter=sharing')).status).toBe(401);
});

test('the summary stays current: a stored and a removed response, consent, deletion, lapse', async () => {
  const { s, pro, users } = await caseload();
  const one = ref(s.codes[1]);
  const row = async (r = one, cookie = pro) => (await list(cookie, `?q=${r}`)).participants[0];
  expect((await row()).latest[0]).toMatchObject({ instrument: 'phq9', band: 'minimal', reliable: null });
  // Stored: a severe PHQ-9 with the safety item.
  const severe = await answer(users[1], 'phq9', phq9([3, 3, 3, 3, 3, 3, 3, 3, 3]), 1);
  expect((await row()).latest[0]).toMatchObject({ band: 'severe', reliable: 'deteriorated' });
  expect((await row()).flags.safety).toBe(true);
  expect(refs(await list(pro, '?filter=flagged'))).toContain(one);
  // Removed: back to what it was.
  expect((await call('DELETE', `/api/me/responses/${severe}`, undefined, { cookie: users[1] })).status).toBe(204);
  expect((await row()).latest[0]).toMatchObject({ band: 'minimal', reliable: null });
  expect((await row()).flags).toEqual({ safety: false, safety_on: null });
  // Consent withdrawn: nothing individual, out of the sharing filter.
  await call('POST', '/api/me/consent', { share: false }, { cookie: users[1] });
  expect(await row()).toMatchObject({ consent: 'withdrawn', latest: null, flags: null });
  expect(refs(await list(pro, '?filter=sharing'))).not.toContain(one);
  // Deleted: gone from the participants, a deletion registration instead.
  await call('DELETE', '/api/me', undefined, { cookie: users[1] });
  const after = await list(pro, `?q=${one}`);
  expect(after.participants).toEqual([]);
  expect(after.deletions.map((d: any) => d.reference)).toEqual([one]);
  // A grant lapses 26 weeks on, evaluated now with the server clock, with no write at all.
  await setClock(iso(Date.now() + 183 * DAY));
  const later = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const zero = await row(ref(s.codes[0]), later);
  expect(zero).toMatchObject({ consent: 'expired', latest: null, flags: null });
  expect((await call('GET', '/api/staff/participants?filter=sharing', undefined, { cookie: later })).json.total).toBe(0);
});

test('the overview is an audited read: one row per sharing participant shown, seen by the user and the super user', async () => {
  const { s, pro, sup, users } = await caseload();
  // Before any overview load, the users' access logs are empty.
  for (const u of [users[0], users[2]]) {
    expect((await call('GET', '/api/me/access-log', undefined, { cookie: u })).json.entries).toEqual([]);
  }
  await list(pro, '?filter=sharing');
  const log = (await call('GET', '/api/me/access-log', undefined, { cookie: users[0] })).json.entries;
  expect(log).toEqual([{ date: new Date().toISOString().slice(0, 10), business: s.business.name }]);
  // Not sharing: shown only as a reference and a state, so no read of their data.
  expect((await call('GET', '/api/me/access-log', undefined, { cookie: users[2] })).json.entries).toEqual([]);
  const audit = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries
    .filter((e: any) => e.action === 'read_overview');
  expect(audit.map((e: any) => e.participant).sort()).toEqual([0, 1, 3].map((i) => ref(s.codes[i])).sort());
  for (const e of audit) expect(e.staff_email).toBe(account(s, 'professional').email);
  // A page without sharing participants writes nothing.
  await list(pro, `?q=${ref(s.codes[2])}`);
  const again = (await call('GET', '/api/staff/audit', undefined, { cookie: sup })).json.entries
    .filter((e: any) => e.action === 'read_overview');
  expect(again.length).toBe(3);
});
