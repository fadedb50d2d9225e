// The contract where an outside fuzzer found the edge off it: fields with no value are null,
// never missing; staff calls check the session before the body; logout ends a staff session
// too; a missing participant is named as such; every method a path does not take is a 405
// with `Allow`; and every request body the edge's own examples hold is accepted by the real
// edge (the same examples its parsers, property tests and fuzzer use).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { call, seed, login, setClock, uuid, iso, executeD1, sessionCookie, randomClient, Res } from '../support/edge';
import { staffAttempt, staffLogin } from '../support/staff';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;
const loginAs = (s: Seeded, role: string) => staffLogin(account(s, role).email, account(s, role).password);

function expectNull(obj: any, field: string, where: string) {
  expect(Object.prototype.hasOwnProperty.call(obj, field), `${where}: ${field} is present`).toBe(true);
  expect(obj[field], `${where}: ${field}`).toBeNull();
}

test('a field with no value is null, never missing', async () => {
  const s = await seed();
  // Not asked yet: consent.since is null, in the login answer and in GET /api/me.
  const first = await call('POST', '/api/session', { code: s.codes[0] });
  expect(first.status).toBe(200);
  expect(first.text).toContain('"since":null');
  expectNull(first.json.consent, 'since', 'POST /api/session');
  const cookie = sessionCookie(first);
  const me = (await call('GET', '/api/me', undefined, { cookie })).json;
  expect(me.consent.state).toBe('not_asked');
  expectNull(me.consent, 'since', 'GET /api/me');

  // A private participant (a code no business issued): business is null.
  const { cookie: privateCookie } = await login(s.codes[1]);
  executeD1(`UPDATE participants SET business_id = NULL WHERE business_id = '${s.business.id}' AND reference = '${s.codes[1].slice(0, 4)}'`);
  const priv = await call('GET', '/api/me', undefined, { cookie: privateCookie });
  expect(priv.status).toBe(200);
  expectNull(priv.json, 'business', 'GET /api/me of a private participant');

  // The staff overview: a code issued without a tool, never used, without consent.
  const pro = await loginAs(s, 'professional');
  const issued = await call('POST', '/api/staff/codes', { count: 1 }, { cookie: pro });
  expect(issued.status).toBe(201);
  const list = await call('GET', '/api/staff/participants', undefined, { cookie: pro });
  const row = list.json.participants.find((p: any) => p.reference === issued.json.codes[0].slice(0, 4));
  for (const field of ['tool', 'last_active', 'latest', 'flags']) expectNull(row, field, 'participant row');

  // An inbox item of a questionnaire: no tool, no part, not done.
  await call('POST', '/api/me/consent', { share: true }, { cookie });
  const id = list.json.participants.find((p: any) => p.reference === s.codes[0].slice(0, 4)).id;
  const sent = await call('POST', `/api/staff/participants/${id}/assignments`, { kind: 'questionnaire', instrument: 'gad7' }, { cookie: pro });
  expect(sent.status).toBe(201);
  const inbox = (await call('GET', '/api/me', undefined, { cookie })).json.inbox;
  for (const field of ['tool', 'part', 'done_at']) expectNull(inbox[0], field, 'inbox item');
});

test('staff calls check the session before the body, and their 401 does not speak of codes', async () => {
  const s = await seed();
  const anonymous: [string, string, { body?: unknown; raw?: string; contentType?: string }][] = [
    ['POST', '/api/staff/users', { body: {} }],
    ['POST', '/api/staff/codes', { body: { count: 0 } }],
    ['POST', '/api/staff/codes', { raw: 'not json', contentType: 'text/plain' }],
    ['POST', '/api/staff/participants/00000000000000000000000000000000/assignments', { body: { kind: 'nope' } }],
    ['POST', '/api/staff/totp/confirm', { raw: '{' }],
    ['POST', '/api/staff/totp/disable', { body: { totp: 1 } }],
  ];
  for (const [method, p, v] of anonymous) {
    const res = await call(method, p, v.body, { raw: v.raw, contentType: v.contentType });
    expect(res.status, `${method} ${p} ${res.text}`).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
    expect(res.json.error.message, p).not.toMatch(/code/i);
  }
  // A wrong password gets the same staff 401.
  const wrong = await staffAttempt(account(s, 'professional').email, 'not-the-password');
  expect(wrong.status).toBe(401);
  expect(wrong.json.error.message).not.toMatch(/code/i);
  // The role is checked before the body too: a professional may not administer users at all.
  const pro = await loginAs(s, 'professional');
  expect((await call('POST', '/api/staff/users', {}, { cookie: pro })).status).toBe(403);
  // And with a session, a bad body is still a 422.
  const sup = await loginAs(s, 'super_user');
  const bad = await call('POST', '/api/staff/users', {}, { cookie: sup });
  expect(bad.status).toBe(422);
  expect(bad.json.error.code).toBe('invalid_body');
});

test('DELETE /api/session with only a staff cookie ends that staff session', async () => {
  const s = await seed();
  const staff = await loginAs(s, 'professional');
  expect((await call('GET', '/api/staff/session', undefined, { cookie: staff })).status).toBe(200);
  const out = await call('DELETE', '/api/session', undefined, { cookie: staff });
  expect(out.status).toBe(200);
  expect(out.json).toEqual({ logged_out: true });
  expect(out.headers['set-cookie']!.some((c) => c.startsWith('__Host-mestring-staff=;') && c.includes('Max-Age=0'))).toBe(true);
  expect((await call('GET', '/api/staff/session', undefined, { cookie: staff })).status).toBe(401);
  expect((await call('GET', '/api/staff/participants', undefined, { cookie: staff })).status).toBe(401);
});

test('an unknown participant is a 404 that names the participant', async () => {
  const s = await seed();
  const pro = await loginAs(s, 'professional');
  for (const id of ['0123456789abcdef0123456789abcdef', 'not-an-id']) {
    for (const [method, p, body] of [
      ['GET', `/api/staff/participants/${id}`, undefined],
      ['POST', `/api/staff/participants/${id}/assignments`, { kind: 'questionnaire', instrument: 'gad7' }],
    ] as [string, string, unknown][]) {
      const res = await call(method, p, body, { cookie: pro });
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      expect(res.json.error.message).toMatch(/participant/i);
      expect(res.json.error.message).not.toBe('No such endpoint.');
    }
  }
});

function expectMethodNotAllowed(res: Res, allow: string, label: string) {
  expect(res.status, label).toBe(405);
  expect(res.headers.allow, label).toBe(allow);
  expect(res.json?.error?.code, label).toBe('method_not_allowed');
  expect(res.headers['x-content-type-options'], label).toBe('nosniff');
  expect(res.headers['content-security-policy'], label).toContain("frame-ancestors 'none'");
  expect(res.headers['cache-control'], label).toBe('no-store');
}

test('a method a path does not take, known or not, is a 405 with Allow, JSON and security headers', async () => {
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  // QUERY, PROPFIND and PURGE reach the worker, which `worker::Method` would read as GET.
  for (const method of ['QUERY', 'PROPFIND', 'PURGE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD']) {
    const res = await call(method, '/api/me', undefined, { cookie });
    if (method === 'HEAD') {
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, DELETE');
    } else {
      expectMethodNotAllowed(res, 'GET, DELETE', `${method} /api/me`);
    }
  }
  // A method workerd does not know at all (FOO) is refused by the runtime (501) before the
  // worker runs; the route table answers it like QUERY where it does arrive (native test in
  // edge/src/routes.rs). Either way it is never served as a GET.
  const foo = await call('FOO', '/api/me', undefined, { cookie });
  expect(foo.status).toBeGreaterThanOrEqual(400);
  expect(foo.json?.consent).toBeUndefined();
  expectMethodNotAllowed(await call('QUERY', '/api/staff/session'), 'POST, GET, DELETE', 'QUERY /api/staff/session');
  expectMethodNotAllowed(await call('GET', '/api/me/code/confirm'), 'POST', 'GET /api/me/code/confirm');
  expectMethodNotAllowed(await call('DELETE', '/api/staff/participants/x/assignments'), 'POST', 'DELETE …/assignments');
  // Nothing was answered as if it were a GET.
  expect((await call('QUERY', '/api/me', undefined, { cookie })).json.consent).toBeUndefined();
  // Unknown paths stay 404 whatever the method.
  expect((await call('QUERY', '/api/nope')).status).toBe(404);
});

test("every example body of the edge's parsers is accepted by the real edge", async () => {
  const root = path.resolve(__dirname, '..', '..');
  const lines = readFileSync(path.join(root, 'edge/src/ground/bodies.jsonl'), 'utf8').split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(17);
  const s = await seed();
  const { cookie: user } = await login(s.codes[0]);
  const sup = await loginAs(s, 'super_user');
  const list = await call('GET', '/api/staff/participants', undefined, { cookie: sup });
  const id = list.json.participants[0].id;
  // What a body's parser or its pure checks answer; anything else comes after them.
  const refusals = ['malformed_json', 'invalid_body', 'unsupported_media_type', 'payload_too_large', 'invalid_id',
    'invalid_time', 'invalid_progress', 'invalid_request', 'invalid_assignment', 'invalid_email', 'invalid_role',
    'invalid_password_hash', 'empty_text', 'text_too_long'];
  for (const line of lines) {
    const { endpoint, body } = JSON.parse(line);
    const [method, template] = endpoint.split(' ');
    const p = template.replace('{id}', id);
    const cookie = p.startsWith('/api/staff/') ? sup : user;
    // A fresh id, and a completion time after the seed issued the code (never before it).
    const sent = p === '/api/me/responses' ? { ...body, id: uuid(), completed_at: iso(Date.now()) } : body;
    // A client of its own: the example code and link code count as failed attempts.
    const res = await call(method, p, sent, { cookie, from: randomClient() });
    expect(res.status, `${endpoint}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
    expect(res.status, `${endpoint}: ${res.text.slice(0, 200)}`).not.toBe(405);
    expect(refusals, `${endpoint}: ${res.text.slice(0, 200)}`).not.toContain(res.json?.error?.code);
  }
  // The invitation body that the parsers' list once lacked: 404 for an unknown token, and its
  // shape errors as for every other body.
  expect((await call('POST', '/api/staff/invite/info', { invite_token: 'nope' })).status).toBe(404);
  expect((await call('POST', '/api/staff/invite/info', { invite_token: 'nope', x: 1 })).json.error.code).toBe('invalid_body');
  expect((await call('POST', '/api/staff/invite/info', undefined, { raw: '{"invite_token":' })).json.error.code).toBe('malformed_json');
});
