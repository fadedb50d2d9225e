// The safety path (issue "Safe for a person in crisis"): crisis resources one tap away from the
// header of every page, logged in or not, also offline once the app has loaded; a safety answer
// with a low total shows the resources and never says help is not needed.
import { test, expect, Page } from '@playwright/test';
import { seed } from '../support/edge';
import { L, watch, axe, h1, logIn, answer } from '../support/app';

const NUMBERS = ['113', '116 117', '116 123', '22 40 00 40'];
const NO_SHARING = { nb: 'Nei, ikke del', en: 'No, do not share' };

async function helpPageShown(page: Page, name: string) {
  await expect(h1(page, name)).toBeVisible();
  for (const n of NUMBERS) {
    const link = page.getByRole('link', { name: new RegExp(n) });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', `tel:${n.replace(/ /g, '')}`);
  }
  await expect(page.getByRole('link', { name: /Kirkens SOS/ }).last()).toHaveAttribute('href', /^https:\/\//);
}

for (const lang of ['nb', 'en'] as const) {
  test(`help is one tap from the login page and from every page after login, offline too (${lang})`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const s = L[lang];
    const help = lang === 'nb' ? 'Hjelp nå' : 'Get help now';
    const seen = watch(page);
    const { codes } = await seed();
    await page.goto('/');
    if (s.switchTo) await page.getByRole('button', { name: s.switchTo }).click();

    await page.getByRole('link', { name: help, exact: true }).click();
    await helpPageShown(page, help);
    await axe(page, 'help');

    // The language chosen before stays chosen.
    await page.goto('/');
    await logIn(page, s, codes[0]);
    await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('link', { name: help, exact: true })).toBeVisible();
    await page.getByRole('radio', { name: NO_SHARING[lang] }).check();
    await page.getByRole('button', { name: s.save }).click();
    await expect(h1(page, s.home)).toBeVisible();

    for (const [where, heading] of [
      ['/home', s.home], ['/tools', s.tools], ['/history', s.history], ['/settings', s.settings], ['/check/phq9', s.phq9],
    ]) {
      await page.goto(where);
      await expect(h1(page, heading)).toBeVisible({ timeout: 20_000 });
      await page.getByRole('link', { name: help, exact: true }).click();
      await helpPageShown(page, help);
    }

    // Offline, after the app has loaded once: the page needs no request.
    await page.getByRole('navigation').getByRole('link', { name: s.home }).click();
    await expect(h1(page, s.home)).toBeVisible();
    await context.setOffline(true);
    const before = seen.requests.length;
    await page.getByRole('link', { name: help, exact: true }).click();
    await helpPageShown(page, help);
    expect(seen.requests.slice(before).filter((r) => r.url.includes('/api/'))).toEqual([]);
    await context.setOffline(false);
    expect(seen.foreign).toEqual([]);
  });
}

test('a PHQ-9 with item 9 = 1 and total 3 shows the crisis resources and no "below the level" sentence', async ({ page }) => {
  test.setTimeout(90_000);
  const s = L.nb;
  const { codes } = await seed();
  await page.goto('/');
  await logIn(page, s, codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('radio', { name: NO_SHARING.nb }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible();
  await page.getByRole('link', { name: s.phq9 }).click();
  // Items 1–8: 1, 1, 0 … (2 points), item 9: 1 → total 3; item 10 (optional) left unanswered.
  for (const v of [1, 1, 0, 0, 0, 0, 0, 0, 1]) {
    await page.getByRole('group').getByRole('radio').nth(v).check();
    await page.getByRole('button', { name: s.next, exact: true }).click();
  }
  await expect(page.getByText('Spørsmål 10 av 10')).toBeVisible();
  await page.getByRole('button', { name: s.next, exact: true }).click();
  await page.getByRole('button', { name: s.submit, exact: true }).click();
  await expect(page.getByText(s.saved)).toBeVisible();
  await expect(page.getByRole('heading', { name: s.crisis })).toBeVisible();
  await expect(page.getByText('Sum: 3 av 27')).toBeVisible();
  await expect(page.getByText('under grensen')).toHaveCount(0);
  await expect(page.getByText(/Ingen følger med på Mestring hele døgnet/)).toBeVisible();
  await expect(page.getByText(/ingen i helsetjenesten ser dette svaret/)).toBeVisible();
  await axe(page, 'safety result');
});

test('PHQ-9 item 10 is not asked when items 1–9 are all 0', async ({ page }) => {
  const s = L.en;
  const { codes } = await seed();
  await page.goto('/');
  await page.getByRole('button', { name: s.switchTo! }).click();
  await logIn(page, s, codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('radio', { name: s.consentLater }).check();
  await page.getByRole('button', { name: s.save }).click();
  await page.getByRole('link', { name: s.phq9 }).click();
  await expect(page.getByText('Question 1 of 9')).toBeVisible();
  // English is the published wording: no working-translation note.
  await expect(page.getByText(/Working translation/)).toHaveCount(0);
  await answer(page, s, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  await expect(page.getByText(s.saved)).toBeVisible();
  await expect(page.getByText('The score is below the level where help is usually offered.')).toBeVisible();
});
