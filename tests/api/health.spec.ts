// The edge skeleton on the real workerd runtime: health, error shape, security headers,
// static assets with single-page fallback.
import { test, expect, APIResponse } from '@playwright/test';

const SECURITY = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function expectSecurityHeaders(res: APIResponse) {
  const h = res.headers();
  for (const [name, value] of Object.entries(SECURITY)) expect(h[name], name).toBe(value);
  const csp = h['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(h['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['permissions-policy']).toContain('geolocation=()');
}

test('GET /api/health reports ok and the schema version', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/json');
  expect(await res.json()).toEqual({ status: 'ok', schema_version: 12 });
  expectSecurityHeaders(res);
  expect(res.headers()['cache-control']).toBe('no-store');
});

test('unknown /api paths answer 404 with the JSON error shape', async ({ request }) => {
  for (const path of ['/api', '/api/nope', '/api/health/extra', '/api/HEALTH']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(typeof body.error.message).toBe('string');
    expectSecurityHeaders(res);
  }
});

test('a wrong method answers 405 with the JSON error shape', async ({ request }) => {
  const res = await request.post('/api/health', { data: {} });
  expect(res.status()).toBe(405);
  expect((await res.json()).error.code).toBe('method_not_allowed');
});

test('the app and its routes are served with the same security headers', async ({ request }) => {
  for (const path of ['/', '/settings', '/some/deep/link']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
    expect(await res.text()).toMatch(/"\/assets\/boot\.[0-9a-f]{16}\.js"/);
    expectSecurityHeaders(res);
  }
  // Assets are named by their content hash (the build writes the names into index.html).
  const html = await (await request.get('/')).text();
  const named = (re: RegExp) => html.match(re)?.[0].slice(1, -1) ?? 'missing';
  const wasm = await request.get(named(/"\/assets\/app_bg\.[0-9a-f]{16}\.wasm"/));
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expectSecurityHeaders(wasm);
  const css = await request.get(named(/"\/assets\/main\.[0-9a-f]{16}\.css"/));
  expect(css.headers()['content-type']).toContain('text/css');
  expectSecurityHeaders(css);
});
