// The dev-only calls exist on the dev config and answer 404 on the production config.
import { test, expect, request as pw } from '@playwright/test';

const productionURL = process.env.MESTRING_PRODUCTION_URL!;

test.describe.configure({ mode: 'serial' });

test('POST /api/dev/seed creates a fresh demo business each time', async ({ request }) => {
  const a = await request.post('/api/dev/seed', { data: {} });
  expect(a.status()).toBe(200);
  const first = await a.json();
  expect(first.business.id).toMatch(/^[0-9a-f]{32}$/);
  expect(first.business.name.length).toBeGreaterThan(0);
  expect(Array.isArray(first.staff)).toBe(true);
  expect(Array.isArray(first.codes)).toBe(true);
  const second = await (await request.post('/api/dev/seed', { data: {} })).json();
  expect(second.business.id).not.toBe(first.business.id);
});

test('POST /api/dev/clock moves the edge clock and null resets it', async ({ request }) => {
  const moved = await request.post('/api/dev/clock', { data: { now: '2030-01-02T03:04:05Z' } });
  expect(moved.status()).toBe(200);
  const t = Date.parse((await moved.json()).now);
  expect(Math.abs(t - Date.parse('2030-01-02T03:04:05Z'))).toBeLessThan(60_000);
  const reset = await request.post('/api/dev/clock', { data: { now: null } });
  expect(Math.abs(Date.parse((await reset.json()).now) - Date.now())).toBeLessThan(60_000);
});

test('POST /api/dev/clock rejects bad input with a JSON 4xx', async ({ request }) => {
  // Raw bytes: Playwright would JSON-encode a string body.
  const cases: [string, string, number, string][] = [
    ['{"now": "tomorrow"}', 'application/json', 422, 'invalid_time'],
    ['{"now": 5}', 'application/json', 422, 'invalid_body'],
    ['{"now": null, "extra": 1}', 'application/json', 422, 'invalid_body'],
    ['{"now": ', 'application/json', 400, 'malformed_json'],
    ['{"now": null}', 'text/plain', 415, 'unsupported_media_type'],
    [JSON.stringify({ now: 'x'.repeat(70_000) }), 'application/json', 413, 'payload_too_large'],
  ];
  for (const [body, type, status, code] of cases) {
    const res = await request.post('/api/dev/clock', { data: Buffer.from(body), headers: { 'content-type': type } });
    expect(res.status(), body.slice(0, 40)).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  }
});

test('the production config has no dev calls: both answer 404', async () => {
  const prod = await pw.newContext({ baseURL: productionURL });
  expect((await prod.get('/api/health')).status()).toBe(200);
  for (const path of ['/api/dev/clock', '/api/dev/seed']) {
    const res = await prod.post(path, { data: { now: '2030-01-01T00:00:00Z' } });
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  }
  await prod.dispose();
});
