// The whole chain: Chromium loads the app from wrangler dev, Rust renders it, and the app's own
// call to /api/health succeeds. Also the shell's language switch and route-change focus.
import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

function watch(page: Page) {
  const foreign: string[] = [];
  const errors: string[] = [];
  const origin = new URL(process.env.MESTRING_URL!).origin;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { foreign, errors };
}

test('the app renders from Rust and reaches /api/health', async ({ page }) => {
  const seen = watch(page);
  const health = page.waitForResponse((r) => r.url().endsWith('/api/health'));
  await page.goto('/');
  const res = await health;
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn med tilgangskode' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Tjenesten er tilgjengelig.');
  await expect(page.getByLabel('Tilgangskode')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page).toHaveTitle('Logg inn med tilgangskode – Mestring');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('English is one click away, remembered, and sets lang on <html>', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Change language to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in with your access code');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in with your access code');
  await page.getByRole('button', { name: 'Bytt språk til norsk' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
});

test('an English browser gets English, a Norwegian one bokmål', async ({ browser }) => {
  for (const [locale, heading, lang] of [
    ['en-GB', 'Log in with your access code', 'en'],
    ['nn-NO', 'Logg inn med tilgangskode', 'nb'],
  ]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await context.close();
  }
});

test('a route change names the page and moves focus to its heading', async ({ page }) => {
  await page.goto('/');
  // index.html's static login page is visible before the wasm runs, and its links load pages
  // afresh: only the app's own links change the route.
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Innstillinger' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Innstillinger' });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle('Innstillinger – Mestring');
  expect(new URL(page.url()).pathname).toBe('/settings');
});

test('a deep link to /settings serves the app', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Innstillinger' })).toBeVisible();
});

test('axe finds no WCAG 2.2 A/AA violation on the login page, in both languages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Tjenesten er tilgjengelig.');
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const nb = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(nb.violations).toEqual([]);
  await page.getByRole('button', { name: 'Change language to English' }).click();
  const en = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(en.violations).toEqual([]);
});

test('end users never download staff mode; /staff loads it, also after an in-app navigation', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn med tilgangskode' })).toBeVisible();
  // The app has taken the static login page over (index.html paints it before the wasm).
  await expect(page.locator('#boot')).toHaveCount(0);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/assets\/app_bg\.[0-9a-f]{16}\.wasm$/);
  const staffCss = page.locator('link[rel="stylesheet"][href^="/assets/staff."]');
  expect(await staffCss.count()).toBe(0);

  // A client-side route change to /staff in the end-user bundle reloads into the staff bundle.
  await page.evaluate(() => {
    history.pushState({}, '', '/staff');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn for ansatte' })).toBeVisible();
  expect(wasm.some((w) => /^\/assets\/staff_bg\.[0-9a-f]{16}\.wasm$/.test(w))).toBe(true);
  expect(await staffCss.count()).toBe(1);
});

test.describe('without a service worker (a first visit\'s own requests)', () => {
  test.use({ serviceWorkers: 'block' });

  test('the login page downloads no other page: a page\'s code arrives on its first visit, and focus waits for it', async ({ page }) => {
    const wasm: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
    await page.goto('/');
    await expect(page.locator('#boot')).toHaveCount(0);
    expect(wasm).toEqual([expect.stringMatching(/^\/assets\/app_bg\.[0-9a-f]{16}\.wasm$/)]);
    // Slow the first page chunk down, so the route change has to wait for it.
    await page.route(/\/assets\/split_privacy\.[0-9a-f]{16}\.wasm$/, async (route) => {
      await new Promise((done) => setTimeout(done, 1_000));
      await route.continue();
    });
    await page.getByRole('main').getByRole('link', { name: 'Les personvernerklæringen' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Personvern' });
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle('Personvern – Mestring');
    expect(wasm.some((w) => /^\/assets\/split_privacy\.[0-9a-f]{16}\.wasm$/.test(w))).toBe(true);
  });
});
