// Login, sessions, code change, device link, export, delete (SPEC §3.1, §3.8, P4, P8).
import { test, expect } from '@playwright/test';
import { call, randomClient, seed, setClock, login, sessionCookie, uuid, phq9, DAY, iso, dumpD1, remember } from '../support/edge';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

const UNKNOWN = 'ABCD-EFGH-JKMN-P';

async function unknownAnswer() {
  // A well-formed code nobody was issued (its check symbol may be wrong: same answer by design).
  return call('POST', '/api/session', { code: UNKNOWN }, { from: randomClient() });
}

test('login answers with the state of /api/me and a Secure, HttpOnly, SameSite=Strict cookie', async () => {
  const { codes } = await seed();
  const res = await call('POST', '/api/session', { code: codes[0].toLowerCase().replace(/-/g, ' ') });
  expect(res.status).toBe(200);
  expect(Object.keys(res.json).sort()).toEqual(['business', 'consent', 'due', 'inbox', 'progress']);
  const cookie = (res.headers['set-cookie'] ?? [])[0];
  expect(cookie).toMatch(/^__Host-mestring=[A-Za-z0-9_-]{43};/);
  for (const attr of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) expect(cookie).toContain(attr);
  const me = await call('GET', '/api/me', undefined, { cookie: sessionCookie(res) });
  expect(me.status).toBe(200);
  // The seed binds the standard plan: PHQ-9 and GAD-7 due now, the daily check-in offered.
  const due = me.json.due;
  expect(due.filter((d: any) => !d.optional).map((d: any) => d.instrument).sort()).toEqual(['gad7', 'phq9']);
  expect(due.filter((d: any) => d.optional).map((d: any) => d.instrument)).toEqual(['checkin']);
});

test('no session, a logged-out session and an idle session all get 401', async () => {
  const { codes } = await seed();
  expect((await call('GET', '/api/me')).status).toBe(401);
  const { cookie } = await login(codes[0]);
  expect((await call('DELETE', '/api/session', undefined, { cookie })).status).toBe(200);
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(401);
  const again = await login(codes[0]);
  await setClock(iso(Date.now() + 31 * 60 * 1000));
  const idle = await call('GET', '/api/me', undefined, { cookie: again.cookie });
  expect(idle.status).toBe(401);
  expect(idle.json.error.code).toBe('unauthorized');
});

test('a session kept busy still ends 12 hours after login (absolute limit), and a call every 25 minutes keeps it open until then', async () => {
  const { codes } = await seed();
  const start = Date.now();
  const { cookie } = await login(codes[0]);
  for (let m = 25; m < 12 * 60; m += 25) {
    await setClock(iso(start + m * 60 * 1000));
    expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);
  }
  await setClock(iso(start + (12 * 60 + 1) * 60 * 1000));
  const ended = await call('GET', '/api/me', undefined, { cookie });
  expect(ended.status).toBe(401);
  expect(ended.json.error.code).toBe('unauthorized');
  // The ended session was deleted: going back in time does not open it again.
  await setClock(null);
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(401);
});

const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}-[0-9A-HJKMNP-TV-Z]$/;

/** Step one of a code change: a pending code, shown once. */
async function newCode(cookie: string): Promise<{ code: string; expires_at: string }> {
  const res = await call('POST', '/api/me/code', undefined, { cookie });
  expect(res.status).toBe(200);
  expect(Object.keys(res.json).sort()).toEqual(['code', 'expires_at']);
  expect(res.json.code).toMatch(CODE_SHAPE);
  remember('codes', [res.json.code]);
  return res.json;
}

function confirm(code: string, cookie?: string) {
  return call('POST', '/api/me/code/confirm', { code }, { cookie });
}

test('code change abandoned: the old code and the session keep working, the pending code logs in nobody', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const before = Date.now();
  const pending = await newCode(cookie);
  expect(pending.code).not.toBe(codes[0]);
  // Valid 15 minutes on the edge clock.
  const left = Date.parse(pending.expires_at) - before;
  expect(left).toBeGreaterThan(15 * 60 * 1000 - 60_000);
  expect(left).toBeLessThanOrEqual(15 * 60 * 1000 + 60_000);
  expect(pending.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  // No confirmation: nothing changed.
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);
  expect((await call('POST', '/api/session', { code: codes[0] }, { from: randomClient() })).status).toBe(200);
  const early = await call('POST', '/api/session', { code: pending.code }, { from: randomClient() });
  expect(early.status).toBe(401);
  expect(early.text).toBe((await unknownAnswer()).text);
  expect(early.headers['set-cookie']).toBeUndefined();
});

test('code change confirmed: a wrong code is code_mismatch; the right one replaces the old code, ends every session and link code', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const other = await login(codes[0], randomClient()); // the same person on another device
  const link = (await call('POST', '/api/me/device-link', undefined, { cookie })).json;
  const first = await newCode(cookie);
  const fresh = (await newCode(cookie)).code; // a second request replaces the first
  expect(fresh).not.toBe(first.code);

  for (const wrong of [first.code, UNKNOWN, codes[0], 'not a code', '']) {
    const res = await confirm(wrong, cookie);
    expect(res.status, wrong).toBe(422);
    expect(res.json.error.code, wrong).toBe('code_mismatch');
    expect(res.json.error.message).toContain('`code`');
    if (wrong) expect(res.text).not.toContain(wrong);
    expect(res.headers['set-cookie']).toBeUndefined();
  }
  // A mismatch changes nothing.
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);

  // Typed back forgivingly, as at login: case, spaces instead of dashes, O for 0, L for 1.
  const typed = fresh.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  const done = await confirm(typed, cookie);
  expect(done.status).toBe(204);
  expect(done.text).toBe('');
  const renewed = sessionCookie(done);
  expect(renewed).not.toBe(cookie);

  // The old code gets exactly the unknown-code answer; every earlier session has ended.
  const old = await call('POST', '/api/session', { code: codes[0] }, { from: randomClient() });
  const unknown = await unknownAnswer();
  expect(old.status).toBe(401);
  expect(old.text).toBe(unknown.text);
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(401);
  expect((await call('GET', '/api/me', undefined, { cookie: other.cookie })).status).toBe(401);
  // This device goes on with the session started by the confirmation.
  expect((await call('GET', '/api/me', undefined, { cookie: renewed })).status).toBe(200);
  // A link code made before the change is dead too.
  const linked = await call('POST', '/api/session/link', { link_code: link.link_code }, { from: randomClient() });
  expect(linked.status).toBe(401);
  expect(linked.text).toBe((await unknownAnswer()).text);
  // The new code logs in; the business still knows the participant by the original reference.
  const again = await call('POST', '/api/session', { code: fresh });
  expect(again.status).toBe(200);
  expect(sessionCookie(again)).toBeTruthy();
  // Nothing left to confirm.
  const twice = await confirm(fresh, renewed);
  expect(twice.status).toBe(422);
  expect(twice.json.error.code).toBe('code_expired');
});

test('code change not confirmed in 15 minutes: code_expired, and the old code still works', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const pending = await newCode(cookie);
  await setClock(iso(Date.parse(pending.expires_at) + 1000));
  for (let i = 0; i < 2; i++) {
    const late = await confirm(pending.code, cookie);
    expect(late.status).toBe(422);
    expect(late.json.error.code).toBe('code_expired');
    expect(late.text).not.toContain(pending.code);
  }
  // The session (idle limit 30 minutes) is still alive, the old code logs in, the pending one never.
  expect((await call('GET', '/api/me', undefined, { cookie })).status).toBe(200);
  expect((await call('POST', '/api/session', { code: codes[0] }, { from: randomClient() })).status).toBe(200);
  const never = await call('POST', '/api/session', { code: pending.code }, { from: randomClient() });
  expect(never.status).toBe(401);
  expect(never.text).toBe((await unknownAnswer()).text);
  await setClock(null);
});

test('code change needs a session: anonymous calls get 401 before the body is read', async () => {
  expect((await call('POST', '/api/me/code')).status).toBe(401);
  for (const raw of ['{"code":"ABCD-EFGH-JKMN-P"}', '{"code": ', '[]']) {
    const res = await call('POST', '/api/me/code/confirm', undefined, { raw });
    expect(res.status, raw).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  }
  expect((await call('GET', '/api/me/code/confirm')).status).toBe(405);
});

test('device link: works once, fails on reuse and after 15 minutes', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const link = (await call('POST', '/api/me/device-link', undefined, { cookie })).json;
  expect(link.link_code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const first = await call('POST', '/api/session/link', { link_code: link.link_code.toLowerCase() });
  expect(first.status).toBe(200);
  expect(first.json.consent.state).toBe('not_asked');
  const reuse = await call('POST', '/api/session/link', { link_code: link.link_code });
  expect(reuse.status).toBe(401);
  const late = (await call('POST', '/api/me/device-link', undefined, { cookie })).json;
  await setClock(iso(Date.now() + 15 * 60 * 1000 + 1000));
  const expired = await call('POST', '/api/session/link', { link_code: late.link_code });
  expect(expired.status).toBe(401);
  expect(expired.text).toBe((await unknownAnswer()).text);
});

test('delete ends every way in at once, through the same path as a code change: sessions and link codes made before it', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  const other = await login(codes[0], randomClient());
  const link = (await call('POST', '/api/me/device-link', undefined, { cookie })).json;
  expect((await call('DELETE', '/api/me', undefined, { cookie })).status).toBe(200);
  expect((await call('GET', '/api/me', undefined, { cookie: other.cookie })).status).toBe(401);
  const linked = await call('POST', '/api/session/link', { link_code: link.link_code }, { from: randomClient() });
  expect(linked.status).toBe(401);
  expect(linked.text).toBe((await unknownAnswer()).text);
});

test('export: JSON holds responses and consent events, FHIR is a collection Bundle', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const id = uuid();
  await call('POST', '/api/me/responses',
    { id, instrument: 'phq9', version: '1.0.0', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), completed_at: iso(Date.now()) },
    { cookie });
  const json = await call('GET', '/api/me/export?format=json', undefined, { cookie });
  expect(json.status).toBe(200);
  expect(json.headers['content-disposition']).toContain('attachment');
  expect(json.json.responses).toHaveLength(1);
  expect(json.json.responses[0].score).toMatchObject({ instrument: 'phq9', total: 8, band: 'mild' });
  expect(json.json.consent_events.map((e: any) => e.state)).toEqual(['granted']);
  const fhir = await call('GET', '/api/me/export?format=fhir', undefined, { cookie });
  expect(fhir.headers['content-type']).toContain('application/fhir+json');
  expect(fhir.json.resourceType).toBe('Bundle');
  expect(fhir.json.type).toBe('collection');
  const types = fhir.json.entry.map((e: any) => e.resource.resourceType).sort();
  expect(types).toEqual(['Observation', 'Questionnaire', 'QuestionnaireResponse']);
  const bad = await call('GET', '/api/me/export?format=xml', undefined, { cookie });
  expect(bad.status).toBe(422);
});

test('delete: the code stops working and the D1 dump keeps only the deletion registration', async () => {
  const { codes } = await seed();
  const { cookie, me } = await login(codes[0]);
  expect(me.consent.state).toBe('not_asked');
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const rid = uuid();
  await call('POST', '/api/me/responses',
    { id: rid, instrument: 'gad7', version: '1.0.0', answers: { 'gad7.1': 1, 'gad7.2': 2, 'gad7.3': 0, 'gad7.4': 0, 'gad7.5': 0, 'gad7.6': 0, 'gad7.7': 3 }, completed_at: iso(Date.now()) },
    { cookie });
  await call('POST', '/api/feedback', { kind: 'suggestion', text: 'Bigger buttons please' }, { cookie });
  await newCode(cookie); // a code change left pending
  const before = dumpD1();
  expect(before).toContain(rid);
  const reference = codes[0].slice(0, 4);
  const participantRow = before.split('\n').find((l) => /^INSERT INTO "?participants"?/.test(l) && l.includes(`'${reference}'`))!;
  const participantId = participantRow.match(/'([^']+)'/)![1];
  expect(before.split('\n').some((l) => /^INSERT INTO "?pending_codes"?/.test(l) && l.includes(`'${participantId}'`))).toBe(true);
  const gone = await call('DELETE', '/api/me', undefined, { cookie });
  expect(gone.status).toBe(200);
  expect(gone.headers['set-cookie']?.[0]).toContain('Max-Age=0');
  const relogin = await call('POST', '/api/session', { code: codes[0] }, { from: randomClient() });
  expect(relogin.status).toBe(401);
  expect(relogin.text).toBe((await unknownAnswer()).text);
  const after = dumpD1();
  expect(after).not.toContain(rid);
  expect(after).not.toContain('Bigger buttons please');
  // No row anywhere still names the participant: the pending code went with the rest.
  expect(after).not.toContain(participantId);
  const lines = after.split('\n').filter((l) => l.includes(`'${reference}'`));
  expect(lines.length).toBe(1);
  expect(lines[0]).toMatch(/^INSERT INTO "?deletions"?/);
});

test('feedback: stored for a participant, refused empty or without a session', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  expect((await call('POST', '/api/feedback', { kind: 'evaluation', text: 'Nyttig.' }, { cookie })).status).toBe(201);
  expect((await call('POST', '/api/feedback', { kind: 'evaluation', text: '   ' }, { cookie })).status).toBe(422);
  expect((await call('POST', '/api/feedback', { kind: 'rant', text: 'x' }, { cookie })).status).toBe(422);
  expect((await call('POST', '/api/feedback', { kind: 'evaluation', text: 'x' })).status).toBe(401);
});
