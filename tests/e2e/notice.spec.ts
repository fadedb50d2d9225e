// The privacy notice (issue "Transparency"): readable before login in both languages, linked
// from the login page, the consent question and the footer, passing axe and printing cleanly;
// every cookie the edge set and every localStorage key the app wrote during an end-user walk
// and a staff login is named on it; a newer notice version shows what changed, once.
import { test, expect, Page, BrowserContext } from '@playwright/test';
import { seed } from '../support/edge';
import { L, watch, axe, h1, logIn } from '../support/app';

/** The cookie and storage names the notice lists (`name (place): …`; a trailing … is a prefix). */
async function namesOnNotice(page: Page): Promise<string[]> {
  const items = await page.locator('#storage li').allTextContents();
  return items.map((t) => t.slice(0, t.indexOf(' (')));
}

function covered(name: string, listed: string[]): boolean {
  return listed.some((l) => (l.endsWith('…') ? name.startsWith(l.slice(0, -1)) : name === l));
}

async function keysAndCookies(page: Page, context: BrowserContext): Promise<string[]> {
  const local = await page.evaluate(() => Object.keys(localStorage));
  const session = await page.evaluate(() => Object.keys(sessionStorage));
  const cookies = (await context.cookies()).map((c) => c.name);
  return [...local, ...session, ...cookies];
}

for (const lang of ['nb', 'en'] as const) {
  test(`the privacy notice is readable before login and passes axe (${lang})`, async ({ page }) => {
    const s = L[lang];
    const title = lang === 'nb' ? 'Personvern' : 'Privacy';
    const link = lang === 'nb' ? 'Les personvernerklæringen' : 'Read the privacy notice';
    await page.goto('/');
    if (s.switchTo) await page.getByRole('button', { name: s.switchTo }).click();
    await page.getByRole('main').getByRole('link', { name: link }).click();
    await expect(h1(page, title)).toBeVisible();
    for (const id of ['controller', 'server', 'device', 'sharing', 'retention', 'storage', 'processors', 'rights', 'complaints', 'version']) {
      await expect(page.locator(`section#${id} h2`)).toBeVisible();
    }
    await expect(page.getByText(/Datatilsynet/).first()).toBeVisible();
    await expect(page.getByText(lang === 'nb' ? /30 minutter/ : /30 minutes/).first()).toBeVisible();
    await axe(page, `privacy ${lang}`);
    // The footer links it from every page.
    await expect(page.getByRole('contentinfo').getByRole('link', { name: link })).toHaveAttribute('href', '/privacy');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(h1(page, title)).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
  });
}

test('every cookie and storage key of an end-user walk and a staff login is named on the notice', async ({ page, context }) => {
  test.setTimeout(120_000);
  const s = L.nb;
  const seen = watch(page);
  const { codes, staff } = await seed();
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Norsk' }).click();
  await logIn(page, s, codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('main').getByRole('link', { name: 'Les personvernerklæringen' })).toBeVisible();
  await page.getByRole('radio', { name: 'Nei, ikke del' }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible();
  // A local-only note: the encrypted store's keys.
  await page.getByRole('navigation').getByRole('link', { name: s.tools }).click();
  await page.getByRole('link', { name: s.worry }).click();
  await page.getByRole('link', { name: s.worry1 }).click();
  for (let i = 1; i <= 3; i++) await page.getByRole('button', { name: s.next, exact: true }).click();
  await page.locator('main textarea').fill('notat');
  await page.getByRole('button', { name: s.localSave }).click();
  await expect(page.getByText(s.localSaved, { exact: true })).toBeVisible();
  // Offline, an answer waits encrypted in the store.
  const used = new Set(await keysAndCookies(page, context));

  // A staff login in the same browser: the staff cookie.
  const prof = staff.find((x: any) => x.role === 'professional');
  await page.goto('/staff');
  await page.getByLabel('E-post', { exact: true }).fill(prof.email);
  await page.getByLabel('Passord', { exact: true }).fill(prof.password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Logg inn for ansatte', { timeout: 20_000 });
  for (const k of await keysAndCookies(page, context)) used.add(k);
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Les personvernerklæringen' })).toHaveAttribute('href', '/staff/privacy');

  expect([...used]).toEqual(expect.arrayContaining(['__Host-mestring', '__Host-mestring-staff', 'mestring.lang', 'mestring.notice']));
  await page.goto('/privacy');
  await expect(h1(page, 'Personvern')).toBeVisible();
  const listed = await namesOnNotice(page);
  expect([...used].filter((k) => !covered(k, listed))).toEqual([]);
  expect(seen.foreign).toEqual([]);

  await page.goto('/staff/privacy');
  await expect(h1(page, 'Personvern for fagfolk')).toBeVisible();
  await axe(page, 'staff privacy');
});

test('a newer notice version shows what changed, once', async ({ page }) => {
  const s = L.nb;
  const { codes } = await seed();
  await page.goto('/');
  // This device last saw an older notice. Set before the app starts (it reads the key once).
  await page.evaluate(() => localStorage.setItem('mestring.notice', '2026-01-01'));
  await page.reload();
  await logIn(page, s, codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  const banner = page.getByRole('complementary', { name: 'Personvernerklæringen er endret' });
  await expect(banner).toBeVisible();
  await expect(banner.getByText(/Første versjon av personvernerklæringen/)).toBeVisible();
  await axe(page, 'notice banner');
  await banner.getByRole('button', { name: 'Lukk' }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('complementary', { name: 'Personvernerklæringen er endret' })).toHaveCount(0);
});
