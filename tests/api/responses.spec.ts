// Registrations: re-scored on the edge, idempotent on the client id, 422 naming the item.
import { test, expect } from '@playwright/test';
import { call, seed, login, uuid, phq9, iso } from '../support/edge';
import { staffLogin } from '../support/staff';

async function session() {
  const { codes } = await seed();
  return (await login(codes[0])).cookie;
}

test('the edge scores a PHQ-9 response itself and raises the safety flag on item 9', async () => {
  const cookie = await session();
  const id = uuid();
  const res = await call('POST', '/api/me/responses',
    { id, instrument: 'phq9', version: '1.0.0', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 1]), completed_at: iso(Date.now()) },
    { cookie });
  expect(res.status).toBe(200);
  expect(res.json).toEqual({
    id,
    score: { instrument: 'phq9', version: '1.0.0', total: 1, band: 'minimal', caseness: false, safety: true },
  });
});

test('the same response id posted twice is stored once', async () => {
  const cookie = await session();
  const body = { id: uuid(), instrument: 'gad7', version: '1.0.0',
    answers: { 'gad7.1': 3, 'gad7.2': 3, 'gad7.3': 2, 'gad7.4': 0, 'gad7.5': 0, 'gad7.6': 0, 'gad7.7': 0 },
    completed_at: iso(Date.now()) };
  const a = await call('POST', '/api/me/responses', body, { cookie });
  const b = await call('POST', '/api/me/responses', body, { cookie });
  expect(a.status).toBe(200);
  expect(b.json).toEqual(a.json);
  expect(a.json.score).toMatchObject({ total: 8, band: 'mild', caseness: true });
  const history = await call('GET', '/api/me/responses', undefined, { cookie });
  expect(history.json.responses.filter((r: any) => r.id === body.id)).toHaveLength(1);
});

test('incomplete, out-of-scale and unknown answers are rejected with 422 naming the item', async () => {
  const cookie = await session();
  const post = (answers: Record<string, number>, extra: object = {}) => call('POST', '/api/me/responses',
    { id: uuid(), instrument: 'phq9', version: '1.0.0', answers, completed_at: iso(Date.now()), ...extra }, { cookie });
  const missing = phq9([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  delete missing['phq9.4'];
  const cases: [Record<string, number>, string][] = [
    [missing, 'phq9.4'],
    [{ ...phq9([1, 1, 1, 1, 1, 1, 1, 1, 1]), 'phq9.3': 4 }, 'phq9.3'],
    [{ ...phq9([1, 1, 1, 1, 1, 1, 1, 1, 1]), 'phq9.99': 1 }, 'phq9.99'],
  ];
  for (const [answers, item] of cases) {
    const res = await post(answers);
    expect(res.status, item).toBe(422);
    expect(res.json.error.message).toContain(item);
  }
  expect((await post(phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), { version: '9.9.9' })).status).toBe(422);
  expect((await post(phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), { id: 'not-a-uuid' })).json.error.code).toBe('invalid_id');
  expect((await post(phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), { completed_at: 'yesterday' })).json.error.code).toBe('invalid_time');
});

test('progress is stored per step, idempotent, and rejects anything but standard choices', async () => {
  const cookie = await session();
  const me = (await call('GET', '/api/me', undefined, { cookie })).json;
  expect(me.progress).toEqual({ tool: 'worry', plan: 'standard', steps: [] });
  const step = { id: uuid(), tool: 'worry', part: 'understanding_worry', step: 'worry_pattern', state: 'completed',
    answers: { when: 'bedtime', topic: 'health' } };
  expect((await call('POST', '/api/me/progress', step, { cookie })).status).toBe(200);
  expect((await call('POST', '/api/me/progress', step, { cookie })).status).toBe(200);
  const steps = (await call('GET', '/api/me', undefined, { cookie })).json.progress.steps;
  expect(steps).toHaveLength(1);
  expect(steps[0]).toMatchObject({ part: 'understanding_worry', step: 'worry_pattern', state: 'completed',
    answers: { when: 'bedtime', topic: 'health' } });
  // Free text in place of a choice id never gets stored (P3).
  const free = await call('POST', '/api/me/progress',
    { ...step, id: uuid(), answers: { when: 'I feel awful about my neighbour Per' } }, { cookie });
  expect(free.status).toBe(422);
  const unknown = await call('POST', '/api/me/progress', { ...step, id: uuid(), step: 'nope' }, { cookie });
  expect(unknown.json.error.code).toBe('invalid_progress');
});

test('the answer language is stored with every response and read back everywhere, null when not sent', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const gad7 = { 'gad7.1': 1, 'gad7.2': 1, 'gad7.3': 1, 'gad7.4': 0, 'gad7.5': 0, 'gad7.6': 0, 'gad7.7': 0 };
  const post = (id: string, extra: object) => call('POST', '/api/me/responses',
    { id, instrument: 'gad7', version: '1.0.0', answers: gad7, completed_at: iso(Date.now()), ...extra }, { cookie });
  const [en, nb, unknown] = [uuid(), uuid(), uuid()];
  expect((await post(en, { lang: 'en' })).status).toBe(200);
  expect((await post(nb, { lang: 'nb' })).status).toBe(200);
  expect((await post(unknown, {})).status).toBe(200); // an older app that does not send it
  const bad = await post(uuid(), { lang: 'de' });
  expect(bad.status).toBe(422);
  expect(bad.json.error.code).toBe('invalid_body');
  const langs = (responses: any[]) => Object.fromEntries(responses.map((r: any) => [r.id, r.lang]));
  const expected = { [en]: 'en', [nb]: 'nb', [unknown]: null };

  const history = (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses;
  expect(langs(history)).toEqual(expected);
  // Unknown is null, never a missing field.
  expect(Object.keys(history.find((r: any) => r.id === unknown))).toContain('lang');

  const exported = (await call('GET', '/api/me/export?format=json', undefined, { cookie })).json;
  expect(langs(exported.responses)).toEqual(expected);
  const fhir = (await call('GET', '/api/me/export?format=fhir&lang=nb', undefined, { cookie })).json;
  const qrs = fhir.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === 'QuestionnaireResponse');
  expect(Object.fromEntries(qrs.map((r: any) => [r.id, r.language ?? 'omitted']))).toEqual({ [en]: 'en', [nb]: 'nb', [unknown]: 'omitted' });
  expect(Object.keys(qrs.find((r: any) => r.id === unknown))).not.toContain('language');

  const pro = s.staff.find((x: any) => x.role === 'professional')!;
  const staff = await staffLogin(pro.email, pro.password);
  const list = await call('GET', '/api/staff/participants', undefined, { cookie: staff });
  const id = list.json.participants.find((p: any) => p.reference === s.codes[0].slice(0, 4)).id;
  const detail = await call('GET', `/api/staff/participants/${id}`, undefined, { cookie: staff });
  expect(detail.status).toBe(200);
  expect(langs(detail.json.responses)).toEqual(expected);
  expect(Object.keys(detail.json.responses.find((r: any) => r.id === unknown))).toContain('lang');
});
