// Fast on a cheap phone, and usable offline (issue 17): assets named by content hash and cached
// for a year, index.html and the service worker revalidated; a manifest that makes the app
// installable; the login page painted from index.html before the wasm runs, taken over by the
// app without losing what was typed; a reload while offline that opens the app and keeps the
// outbox; a new version that replaces the old shell on the next load.
import { test, expect, Page, Request, APIRequestContext } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seed, call } from '../support/edge';
import { L, watch, axe, h1, logIn, answer } from '../support/app';

const dist = path.resolve(__dirname, '..', '..', 'dist', 'app');
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The page is controlled by the service worker, which has precached the shell. */
async function controlled(page: Page): Promise<string[]> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
  return page.evaluate(() => caches.keys());
}

function sessionCookie(cookies: { name: string; value: string }[]): string {
  return cookies.filter((c) => c.name === '__Host-mestring').map((c) => `${c.name}=${c.value}`)[0];
}

test('hashed assets are immutable for a year; pages, the service worker and the manifest are revalidated', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const assets = [...new Set([...html.matchAll(/"(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
  for (const kind of [/^\/assets\/app_bg\.[0-9a-f]{16}\.wasm$/, /^\/assets\/app\.[0-9a-f]{16}\.js$/, /^\/assets\/main\.[0-9a-f]{16}\.css$/, /^\/assets\/boot\.[0-9a-f]{16}\.js$/]) {
    expect(assets.some((a) => kind.test(a)), String(kind)).toBe(true);
  }
  const manifest = await request.get('/manifest.webmanifest');
  const m = await manifest.json();
  // boot.js names the staff bundle; the manifest names the icons.
  const boot = await (await request.get(assets.find((a) => a.includes('/boot.'))!)).text();
  const named = [...assets, ...[...boot.matchAll(/["'](\/assets\/[^"']+)["']/g)].map((x) => x[1]), ...m.icons.map((i: any) => i.src)];
  expect(named.some((a) => /^\/assets\/staff_bg\.[0-9a-f]{16}\.wasm$/.test(a))).toBe(true);
  for (const a of new Set(named)) {
    const res = await request.get(a);
    expect(res.status(), a).toBe(200);
    expect(res.headers()['cache-control'], a).toBe(IMMUTABLE);
  }
  for (const p of ['/', '/home', '/sw.js', '/manifest.webmanifest']) {
    const res = await request.get(p);
    expect(res.status(), p).toBe(200);
    expect(res.headers()['cache-control'], p).toMatch(/max-age=0, must-revalidate/);
    expect(res.headers()['content-security-policy'], p).toContain("worker-src 'self'");
  }
  // The old fixed names are gone (the single-page fallback answers with index.html).
  expect((await request.get('/pkg/app_bg.wasm')).headers()['content-type']).toContain('text/html');

  // Installable: names, start URL, standalone display, theme colours of the design tokens,
  // icons of 192 and 512 pixels (PNG) and an SVG.
  expect(m).toMatchObject({ name: 'Mestring', short_name: 'Mestring', start_url: '/', scope: '/', display: 'standalone', lang: 'nb' });
  expect(m.description).toContain('Selvhjelp');
  expect(m.description).toContain('Self-help');
  const css = await (await request.get(assets.find((a) => a.includes('/main.'))!)).text();
  expect(css).toContain(`--accent: ${m.theme_color};`);
  expect(css).toContain(`--bg: ${m.background_color};`);
  expect(m.icons.map((i: any) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512', 'any']));
  expect(m.icons.some((i: any) => i.purpose === 'maskable')).toBe(true);
  for (const icon of m.icons) {
    const res = await request.get(icon.src);
    expect(res.headers()['content-type'], icon.src).toContain(icon.type);
  }
  expect(html).toContain('rel="manifest" href="/manifest.webmanifest"');
  // The worker never caches /api and precaches the end user's shell, not staff mode.
  const sw = await (await request.get('/sw.js')).text();
  const precache: string[] = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)![1]);
  expect(precache).toContain('/');
  expect(precache.some((p) => p.startsWith('/api'))).toBe(false);
  expect(precache.some((p) => p.includes('staff'))).toBe(false);
  expect(precache.some((p) => /\/app_bg\./.test(p))).toBe(true);
});

test('the login page paints before the wasm runs, and what was typed before survives into the app', async ({ page }) => {
  const seen = watch(page);
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('/');
  // No wasm yet: the static page of index.html, in the real CSS.
  await expect(h1(page, 'Logg inn med tilgangskode')).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(1);
  // By role: Playwright's getByLabel reads the label's text with the other language's hidden
  // span, while the accessible name (what assistive technology gets) has only the shown one.
  const field = page.getByRole('textbox', { name: 'Tilgangskode', exact: true });
  await expect(field).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logg inn', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change language to English' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Les personvernerklæringen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await axe(page, 'static login page');
  const service = page.locator('footer [data-service]');
  const before = await page.screenshot({ fullPage: true, mask: [service] });

  // Typed before the app starts: the value, the focus and the caret move into the app's field.
  await field.click();
  await page.keyboard.type('abcd-efgh');
  release();
  await expect(page.locator('#boot')).toHaveCount(0);
  const code = page.locator('#code');
  await expect(code).toHaveValue('abcd-efgh');
  await expect(code).toBeFocused();
  await page.keyboard.type('-jkmn');
  await expect(code).toHaveValue('abcd-efgh-jkmn');
  await expect(page.locator('#code')).toHaveCount(1);

  // The app draws the same page: no flash (the service status is the app's own to fill in).
  await code.fill('');
  await page.locator('h1').click();
  await expect(page.locator('#code-error')).toBeEmpty();
  const after = await page.screenshot({ fullPage: true, mask: [service] });
  expect(after.equals(before), 'the app draws the login page as index.html painted it').toBe(true);
  expect(seen.errors).toEqual([]);
});

test('before the wasm: an English browser gets English, and a submit waits for the app', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const { codes } = await seed();
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(h1(page, 'Log in with your access code')).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Access code', exact: true }).fill(codes[0]);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  // Nothing went anywhere: the page is still the static one, at /.
  await expect(page).toHaveURL(/\/$/);
  release();
  await expect(h1(page, L.en.consentTitle)).toBeVisible({ timeout: 20_000 });
  await context.close();
});

test('offline: a reload opens the app, the code opens it on this device, and the answer is stored once', async ({ page, context }) => {
  test.setTimeout(180_000);
  const s = L.nb;
  const seen = watch(page);
  const { codes } = await seed();
  const code = codes[4];
  await page.goto('/');
  await logIn(page, s, code);
  await page.getByRole('radio', { name: 'Nei, ikke del' }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });
  await controlled(page);

  // The worker's own request for the page must fail too (it answers with the cached shell),
  // or this would prove nothing.
  const workerFailed: string[] = [];
  const onFailed = (r: Request) => { if (r.serviceWorker()) workerFailed.push(new URL(r.url()).pathname); };
  context.on('requestfailed', onFailed);
  await context.setOffline(true);
  await page.reload();
  await expect(h1(page, 'Logg inn med tilgangskode')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('footer [data-service]')).toHaveAttribute('data-service', 'down');
  await logIn(page, s, code);
  await expect(h1(page, s.home)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: s.gad7 }).click();
  await answer(page, s, [1, 1, 1, 1, 1, 1, 1]);
  await expect(page.getByText(s.offline)).toBeVisible();
  const queued = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mestring.store.r.queue:')).length);
  expect(await queued()).toBe(1);

  // Reloaded again while offline: the answer still waits.
  await page.reload();
  await expect(page.locator('#boot')).toHaveCount(0);
  expect(await queued()).toBe(1);
  await logIn(page, s, code);
  await expect(h1(page, s.home)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('1 svar venter på å bli sendt')).toBeVisible();
  expect(workerFailed).toContain('/home');
  context.off('requestfailed', onFailed);

  await context.setOffline(false);
  const cookie = sessionCookie(await context.cookies());
  await expect.poll(async () => (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses.length, { timeout: 40_000 }).toBe(1);
  await expect.poll(queued, { timeout: 10_000 }).toBe(0);
  // Once more online (the session is the edge's again): nothing is sent twice.
  await page.reload();
  await expect(h1(page, s.home)).toBeVisible({ timeout: 30_000 });
  const stored = (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses;
  expect(stored).toHaveLength(1);
  expect(stored[0].score.total).toBe(7);
  expect(seen.foreign).toEqual([]);
});

/** Changes a file of the served build (wrangler dev picks it up after a moment; its asset
 *  cache answers each kind of request on its own, so every kind a browser sends is asked until
 *  all see the change). Returns how to put it back. */
async function served(request: APIRequestContext, file: string, change: (text: string) => string, check: string) {
  const at = path.join(dist, file);
  const original = readFileSync(at, 'utf8');
  writeFileSync(at, change(original));
  const url = `/${file === 'index.html' ? '' : file}`;
  const kinds = [
    {},
    { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate' },
    { accept: '*/*', 'sec-fetch-mode': 'cors' },
    { accept: '*/*', 'service-worker': 'script', 'sec-fetch-dest': 'serviceworker' },
  ];
  const seen = (yes: boolean) => expect.poll(async () => {
    for (const headers of kinds) if ((await (await request.get(url, { headers })).text()).includes(check) !== yes) return false;
    return true;
  }, { timeout: 60_000 }).toBe(true);
  await seen(true);
  return async () => {
    writeFileSync(at, original);
    await seen(false);
  };
}

test('a deployed new version replaces the old shell on the next load and deletes the old cache', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.locator('#boot')).toHaveCount(0);
  const before = await controlled(page);
  expect(before).toHaveLength(1);
  const oldCache = before[0];

  // A new deployment as wrangler serves it: another index.html and another worker version
  // (the hashed assets stay; a real build changes them too, under new names).
  const restore: (() => Promise<void>)[] = [];
  try {
    restore.push(await served(request, 'index.html', (t) => t.replace('<html lang="nb">', '<html lang="nb" data-version="next">'), 'data-version="next"'));
    restore.push(await served(request, 'sw.js', (t) => t.replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1next';"), 'next'));
    // The network's page, not the cached shell (wrangler dev may answer a navigation from its
    // own short-lived cache for a moment after the files change, so reload until it does not).
    await expect.poll(async () => {
      await page.reload();
      return page.locator('html').getAttribute('data-version');
    }, { timeout: 60_000, intervals: [1_000] }).toBe('next');
    await expect(page.locator('#boot')).toHaveCount(0);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 20_000 }).toEqual([`${oldCache}next`]);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state), { timeout: 10_000 }).toBe('activated');
  } finally {
    for (const undo of restore.reverse()) await undo();
  }
});
