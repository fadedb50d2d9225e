// Bad input on every end-user endpoint gets a 4xx JSON error, never a 500 or a panic.
import { test, expect } from '@playwright/test';
import { call, seed, login, uuid } from '../support/edge';

const POSTS: [string, object][] = [
  ['/api/session', { code: 'ABCD-EFGH-JKMN-P' }],
  ['/api/session/link', { link_code: 'ABCDE-FGHJK' }],
  ['/api/me/consent', { share: true }],
  ['/api/me/consent/renewal', { still_followed_up: true }],
  ['/api/me/responses', { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: {}, completed_at: '2030-01-01T00:00:00Z' }],
  ['/api/me/progress', { id: uuid(), tool: 'worry', part: 'x', step: 'y', state: 'started' }],
  ['/api/feedback', { kind: 'suggestion', text: 'hi' }],
  ['/api/me/code/confirm', { code: 'ABCD-EFGH-JKMN-P' }],
];

function expectJsonError(res: { status: number; json: any; text: string }, label: string) {
  expect(res.status, `${label}: ${res.text.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(typeof res.json?.error?.code, label).toBe('string');
  expect(typeof res.json?.error?.message, label).toBe('string');
}

test('malformed JSON, wrong types, unknown fields, wrong content type and huge bodies are 4xx JSON', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  for (const [path, valid] of POSTS) {
    const variants: [string, { raw?: string; body?: unknown; contentType?: string }][] = [
      ['malformed', { raw: '{"a": ' }],
      ['not an object', { raw: '[1,2,3]' }],
      ['empty', { raw: '' }],
      ['wrong types', { body: Object.fromEntries(Object.keys(valid).map((k) => [k, { nested: [1] }])) }],
      ['unknown field', { body: { ...valid, extra: 'x' } }],
      ['text/plain', { body: valid, contentType: 'text/plain' }],
      ['huge', { raw: JSON.stringify({ ...valid, pad: 'x'.repeat(200_000) }) }],
      ['null bytes', { raw: '{"\u0000": "\u0000"}' }],
    ];
    for (const [label, v] of variants) {
      const res = await call('POST', path, v.body, { cookie, raw: v.raw, contentType: v.contentType });
      expectJsonError(res, `${path} ${label}`);
    }
  }
});

test('wrong methods get 405 and unknown query formats 422, as JSON', async () => {
  const { codes } = await seed();
  const { cookie } = await login(codes[0]);
  for (const [method, path] of [['PUT', '/api/me'], ['GET', '/api/session'], ['DELETE', '/api/me/responses'], ['PATCH', '/api/feedback'], ['GET', '/api/me/code/confirm']]) {
    const res = await call(method, path, undefined, { cookie });
    expect(res.status, `${method} ${path}`).toBe(405);
    expectJsonError(res, path);
  }
  expectJsonError(await call('GET', '/api/me/export?format=%00', undefined, { cookie }), 'export');
});

test('a garbage or oversized session cookie is simply not a session', async () => {
  for (const cookie of ['__Host-mestring=' + 'x'.repeat(5000), '__Host-mestring=;;;', 'garbage']) {
    const res = await call('GET', '/api/me', undefined, { cookie });
    expect(res.status).toBe(401);
  }
});
