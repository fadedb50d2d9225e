// Staff mode in English (an English browser): a professional sets up an authenticator app
// (TOTP), logs out, needs the code to log in again, and reads a visible (n ≥ 10) statistics
// group with its hidden small cells. axe on the pages this walk adds.
import { test, expect, Page } from '@playwright/test';
import { call, iso, login, phq9, seed, uuid } from '../support/edge';
import { axe, watch } from '../support/app';
import { totp } from '../support/totp';

test.use({ locale: 'en-GB' });

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

test('English staff walk: authenticator set up and required, a visible statistics group', async ({ page }) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  const s = await seed();
  const prof = s.staff.find((x: any) => x.role === 'professional');

  // Twelve participants answer PHQ-9 this month: ten moderate (12), two mild (7).
  for (const [i, code] of s.codes.slice(0, 12).entries()) {
    const { cookie } = await login(code);
    const values = i < 10 ? [2, 2, 2, 2, 2, 1, 1, 0, 0] : [1, 1, 1, 1, 1, 1, 1, 0, 0];
    const r = await call('POST', '/api/me/responses',
      { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9(values), completed_at: iso(Date.now()) }, { cookie });
    expect(r.status).toBe(200);
  }

  await page.goto('/staff');
  await expect(h1(page, 'Staff login')).toBeVisible();
  await logIn(page, prof.email, prof.password);
  await expect(h1(page, 'Participants')).toBeVisible();

  // Set up the authenticator: the key is shown once; a wrong code does not switch it on.
  await page.getByRole('link', { name: 'Security' }).click();
  await expect(h1(page, 'Security')).toBeVisible();
  // Setting it up asks for the password again (re-authentication).
  await page.getByLabel('Your password').fill(prof.password);
  await page.getByRole('button', { name: 'Set up the authenticator' }).click();
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('link', { name: 'Or open the link on the phone' })).toHaveAttribute('href', new RegExp(`secret=${key}`));
  await axe(page, 'staff security enrolment');
  const wrong = totp(key, Date.now() + 10 * 60_000);
  await page.getByLabel('Code from the app (six digits)').fill(wrong);
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await page.getByLabel('Code from the app (six digits)').fill(totp(key, Date.now()));
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page.getByText('The authenticator is on: logging in needs your password')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off' })).toBeVisible();
  await axe(page, 'staff security on');

  // Logging in again needs the code; the next step's code (the first one is used up).
  await page.locator('.staff-nav').getByRole('button', { name: 'Log out' }).click();
  await logIn(page, prof.email, prof.password);
  await expect(page.getByRole('alert')).toContainText('Type the code from your authenticator app');
  await expect(page.getByLabel('One-time code (if your account uses it)')).toBeFocused();
  await page.getByLabel('One-time code (if your account uses it)').fill(totp(key, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(h1(page, 'Security')).toBeVisible();

  // Statistics: the PHQ-9 group of 12 is shown; the two mild answers are hidden.
  await page.getByRole('link', { name: 'Statistics' }).click();
  await expect(h1(page, 'Group statistics')).toBeVisible();
  const group = page.locator('section.stats-group', { has: page.getByRole('heading', { level: 2, name: /PHQ-9 – n = 12/ }) });
  await expect(group).toBeVisible();
  await expect(group.getByRole('row', { name: /Mild symptoms/ })).toContainText('hidden');
  await expect(group.locator('svg.chart.bars rect.bar')).not.toHaveCount(0);
  await axe(page, 'staff stats visible group');

  expect(seen.foreign).toEqual([]);
  // Chromium logs the 422 of the deliberately wrong code; the page explained it.
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
});
