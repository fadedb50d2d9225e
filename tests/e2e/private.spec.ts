// The private person's walk (issue 18): from the login page to the voucher page, redeem a
// voucher, print the slip, type the code back, log in with it, see no consent question, use a
// tool, export, delete. Every page is checked with axe; no request leaves the origin. The
// voucher page reflows at 320 px, and the purchase button shows only where card purchase is
// configured (the test run's dev server has it, against a local stand-in).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seed, remember } from '../support/edge';
import { L, watch, axe, h1, logIn, walkPart } from '../support/app';

const V = {
  nb: {
    link: 'Har du et gavekort eller vil du kjøpe tilgang? Få en kode uten helsetjeneste',
    title: 'Få en tilgangskode', voucher: 'Gavekortkode', redeem: 'Løs inn gavekortet',
    refused: 'Dette gavekortet kan ikke brukes.', print: 'Skriv ut koden',
    written: 'Jeg har skrevet ned koden: skriv den inn for å bekrefte', confirm: 'Bekreft',
    done: 'Bra. Logg inn med den nye koden.', toLogin: 'Til innlogging', buy: 'Betal med kort',
    notApplicable: 'Koden din tilhører ingen helsetjeneste.',
  },
};

test('a private person redeems a voucher, prints the slip, logs in and uses Mestring without any business', async ({ page }) => {
  test.setTimeout(180_000);
  const s = L.nb;
  const v = V.nb;
  const seen = watch(page);
  const { vouchers } = await seed();
  const note = `private walk note ${Date.now()}`;
  remember('texts', [note]);

  await page.goto('/');
  await page.getByRole('link', { name: v.link }).click();
  await expect(h1(page, v.title)).toBeVisible();
  await expect(page.getByRole('button', { name: v.buy })).toBeVisible();
  await axe(page, 'voucher');

  // A wrong voucher: one plain refusal.
  await page.getByLabel(v.voucher).fill('AAAA-AAAA-AAAA-A');
  await page.getByRole('button', { name: v.redeem }).click();
  await expect(page.getByRole('alert').filter({ hasText: v.refused })).toBeVisible();

  await page.getByLabel(v.voucher).fill(vouchers[0].toLowerCase());
  await page.getByRole('button', { name: v.redeem }).click();
  const shown = page.locator('#new-code strong');
  await expect(shown).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/, { timeout: 20_000 });
  const code = (await shown.textContent())!;
  remember('codes', [code]);
  await axe(page, 'voucher code shown');

  // The slip prints: the print button opens the dialogue, and in print the slip is what shows.
  await page.evaluate(() => { (window as any).printed = 0; window.print = () => { (window as any).printed += 1; }; });
  await page.getByRole('button', { name: v.print }).click();
  expect(await page.evaluate(() => (window as any).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('code-slip')).toBeVisible();
  await expect(page.getByRole('button', { name: v.print })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // "I have written it down": typed back, forgivingly.
  const typeBack = page.getByRole('group', { name: v.written }).getByLabel(s.code, { exact: true });
  await typeBack.fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: v.confirm, exact: true }).click();
  await expect(page.getByText(v.done)).toBeVisible();
  await page.getByRole('link', { name: v.toLogin }).click();

  // Log in: no consent question, straight to the overview.
  await logIn(page, s, code);
  await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });
  expect(seen.requests.filter((r) => r.url.includes('/api/me/consent'))).toEqual([]);
  await page.goto('/consent');
  await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });
  await axe(page, 'private home');

  // A tool part (the voucher's tool, low mood).
  await page.getByRole('navigation').getByRole('link', { name: s.tools }).click();
  await page.getByRole('link', { name: s.low }).click();
  await page.getByRole('link', { name: s.low1 }).click();
  await expect(h1(page, s.low1)).toBeVisible();
  await walkPart(page, s, note);

  // Settings: nothing to share, no sharing question; export; delete.
  await page.getByRole('navigation').getByRole('link', { name: s.settings }).click();
  await expect(h1(page, s.settings)).toBeVisible();
  await expect(page.getByTestId('consent-state')).toHaveText(new RegExp(v.notApplicable));
  await expect(page.locator('input[name="share"]')).toHaveCount(0);
  await axe(page, 'private settings');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.exportJson }).click()]);
  const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(exported.consent.state).toBe('not_applicable');
  expect(exported.progress).not.toBeNull();
  await page.getByLabel(s.deleteLabel).fill(s.deleteWord);
  await page.getByRole('button', { name: s.deleteButton }).click();
  await expect(page.getByText(s.deleted)).toBeVisible();
  await logIn(page, s, code);
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();

  for (const r of seen.requests) expect(r.body + r.url).not.toContain(note);
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('the voucher page reflows at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/voucher');
  await expect(h1(page, V.nb.title)).toBeVisible();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(wide).toBe(false);
});
