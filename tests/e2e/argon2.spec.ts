// Argon2id runs in a Web Worker (app/kdf-worker.js, the `kdf` crate): the page stays responsive
// while a key is derived. Staff login: the account's password is hashed with many more passes
// than the edge asks for (the test rewrites the pre-login answer in this browser only, and set
// the password with the same parameters), so the hashing lasts seconds; meanwhile a click on
// the language switch is handled and the progress bar says what is happening in the new
// language, before the hash is sent. End user: no long task on the main thread while the
// unlock's Argon2id runs.
import { test, expect, Request } from '@playwright/test';
import { argon2id } from 'hash-wasm';
import { call, seed } from '../support/edge';
import { staffLogin } from '../support/staff';
import { h1, logIn, L } from '../support/app';

// The edge's answers are rewritten with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

// 50 times the default work (t = 2): seconds in a browser, however fast the machine.
const SLOW_T = 100;

test('staff login: the page answers a click while the password is hashed', async ({ page }) => {
  test.setTimeout(90_000);
  const s = await seed();
  const sup = s.staff.find((x: any) => x.role === 'super_user');
  const cookie = await staffLogin(sup.email, sup.password);
  const email = `slow.${Date.now()}@example.org`;
  const password = 'A long and patient passphrase';
  const inv = await call('POST', '/api/staff/users', { action: 'invite', email, role: 'professional' }, { cookie });
  expect(inv.status).toBe(201);
  const info = (await call('POST', '/api/staff/invite/info', { invite_token: inv.json.invite_token })).json;
  const raw = await argon2id({ password, salt: Buffer.from(info.salt, 'base64url'), parallelism: info.p,
    iterations: SLOW_T, memorySize: info.m_kib, hashLength: 32, outputType: 'binary' });
  expect((await call('POST', '/api/staff/invite/accept',
    { invite_token: inv.json.invite_token, password_hash: Buffer.from(raw).toString('base64url') })).status).toBe(200);

  // This browser's pre-login answers ask for the slow parameters.
  await page.route('**/api/staff/prelogin', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), t: SLOW_T } });
  });
  const sent: string[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/staff/session') sent.push(r.url());
  });

  // When <html lang> changes, on the page's own clock (compared with the Argon2id entry).
  await page.addInitScript(() => {
    const w = window as any;
    new MutationObserver(() => {
      if (document.documentElement?.lang === 'en' && w.__langAt === undefined) w.__langAt = performance.now();
    }).observe(document, { attributes: true, attributeFilter: ['lang'], subtree: true });
  });
  await page.goto('/staff');
  await expect(h1(page, 'Logg inn for ansatte')).toBeVisible();
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  const prelogin = page.waitForResponse('**/api/staff/prelogin');
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await prelogin;
  await expect(page.getByRole('progressbar', { name: 'Logger inn …' })).toBeVisible();

  // While Argon2id runs: the click is handled and the bar says so in the new language.
  await page.getByRole('button', { name: 'Change language to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('progressbar', { name: 'Logging in …' })).toBeVisible();

  // Then the hash goes out and is the right one.
  await expect(h1(page, 'Participants')).toBeVisible({ timeout: 60_000 });
  expect(sent).toHaveLength(1);
  // The language changed inside the derivation's span (the app's User Timing entry).
  const { start, end, langAt } = await page.evaluate(() => {
    const m = performance.getEntriesByName('mestring:argon2id')[0];
    return { start: m.startTime, end: m.startTime + m.duration, langAt: (window as any).__langAt as number };
  });
  expect(langAt, `lang at ${langAt} ms, Argon2id ${start}–${end} ms`).toBeGreaterThan(start);
  expect(langAt, `lang at ${langAt} ms, Argon2id ${start}–${end} ms`).toBeLessThan(end);
});

test('end user: no long task on the main thread while the unlock derives its key', async ({ page }) => {
  test.setTimeout(60_000);
  const s = await seed();
  await page.addInitScript(() => {
    const w = window as any;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  // The app has started and settled (its first render, its first calls): what this test
  // watches is the derivation, not the start-up a fast typist's submit would overlap.
  await expect(page.locator('#boot')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await logIn(page, L.nb, s.codes[0]);
  await page.waitForFunction(() => performance.getEntriesByName('mestring:argon2id').length > 0);
  const { span, overlapping } = await page.evaluate(() => {
    const m = performance.getEntriesByName('mestring:argon2id')[0];
    const span = { start: m.startTime, end: m.startTime + m.duration };
    // The span ends when the answer has arrived, inside the task that handles it (it opens
    // the store and the next page): a task that began in the span's last few milliseconds is
    // that one, after the derivation, and not counted.
    const answerMs = 5;
    const overlapping = (window as any).__longTasks.filter((t: any) => t.start < span.end - answerMs && t.end > span.start);
    return { span, overlapping };
  });
  expect(span.end).toBeGreaterThan(span.start);
  expect(overlapping).toEqual([]);
});
