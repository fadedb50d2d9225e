// Staff accounts and businesses over time in the browser (issue 15 items 5–6): a business that
// requires an authenticator turns login into enrolment; a super user makes a reset link and
// reactivates an account; a professional reads and deletes their own account; a participant
// changes code and leaves the business. axe on every new view.
import { test, expect, Page } from '@playwright/test';
import { call, seed, remember } from '../support/edge';
import { passwordHash, staffLogin } from '../support/staff';
import { totp } from '../support/totp';
import { L, watch, axe, h1, logIn } from '../support/app';

async function staffLogIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
}

const okErrors = (errors: string[]) => errors.filter((e) => !/status of 40[139]|status of 422/.test(e));

test('a business that requires an authenticator: login becomes enrolment, then the overview', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  const s = await seed();
  const sup = s.staff.find((x: any) => x.role === 'super_user');
  const pro = s.staff.find((x: any) => x.role === 'professional');
  const supCookie = await staffLogin(sup.email, sup.password);
  const started = await call('POST', '/api/staff/totp', { password_hash: await passwordHash(sup.email, sup.password) }, { cookie: supCookie });
  await call('POST', '/api/staff/totp/confirm', { totp: totp(started.json.secret, Date.now()) }, { cookie: supCookie });
  expect((await call('POST', '/api/staff/business/totp', { required: true }, { cookie: supCookie })).status).toBe(200);

  await page.goto('/staff');
  await staffLogIn(page, pro.email, pro.password);
  await expect(page.getByRole('heading', { name: 'Sett opp engangskode for å fortsette' })).toBeVisible({ timeout: 30_000 });
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  await axe(page, 'enrolment at login');
  await page.getByLabel('Kode fra appen (seks sifre)').fill(totp(key, Date.now()));
  await page.getByRole('button', { name: 'Bekreft og slå på' }).click();
  await expect(h1(page, 'Deltakere')).toBeVisible({ timeout: 20_000 });
  expect(seen.foreign).toEqual([]);
  expect(okErrors(seen.errors)).toEqual([]);
});

test('a super user makes a reset link and reactivates; a professional reads and deletes their own account', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  const s = await seed();
  const sup = s.staff.find((x: any) => x.role === 'super_user');
  const pro = s.staff.find((x: any) => x.role === 'professional');
  page.on('dialog', (d) => d.accept());

  await page.goto('/staff/users');
  await staffLogIn(page, sup.email, sup.password);
  await expect(h1(page, 'Ansatte og tilgangslogg')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: `Ny innlogging ${pro.email}` }).click();
  await expect(page.getByTestId('user-link')).toContainText('/staff/invite#');
  await axe(page, 'users with a reset link');
  await page.getByRole('button', { name: `Deaktiver ${pro.email}` }).click();
  await page.getByRole('button', { name: `Aktiver igjen ${pro.email}` }).click();
  await expect(page.getByRole('button', { name: `Deaktiver ${pro.email}` })).toBeVisible();

  // The reset made the old password useless: follow the link to set a new one.
  const link = (await page.getByTestId('user-link').textContent())!;
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await page.getByLabel('Passord', { exact: true }).fill('A new password 2026');
  await page.getByLabel('Gjenta passordet').fill('A new password 2026');
  await page.getByRole('button', { name: /Lagre/ }).click();
  await expect(h1(page, 'Deltakere')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: 'Min konto' }).click();
  await expect(h1(page, 'Min konto')).toBeVisible();
  await expect(page.getByTestId('account-data')).toContainText(pro.email);
  await expect(page.getByTestId('account-data')).toContainText('Fagperson');
  await axe(page, 'my account');
  await page.getByLabel('Passord', { exact: true }).fill('A new password 2026');
  await page.getByRole('button', { name: 'Slett kontoen' }).click();
  await expect(page.getByText('Kontoen din er slettet.')).toBeVisible({ timeout: 30_000 });
  expect((await call('POST', '/api/staff/prelogin', { email: pro.email })).status).toBe(200);
  expect(seen.foreign).toEqual([]);
  expect(okErrors(seen.errors)).toEqual([]);
});

test('a code change that leaves the business: the choice, then no sharing section and "code changed" for staff', async ({ page }) => {
  test.setTimeout(120_000);
  const s = L.nb;
  const seen = watch(page);
  const { business, codes, staff } = await seed();
  await page.goto('/');
  await logIn(page, s, codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('radio', { name: s.consentYes(business.name) }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: s.settings }).click();
  await page.getByRole('button', { name: s.newCode }).click();
  const shown = page.locator('#new-code strong');
  await expect(shown).toHaveText(/^[0-9A-Z]{4}-/, { timeout: 20_000 });
  const pending = (await shown.textContent())!;
  remember('codes', [pending]);
  const keep = page.getByRole('group', { name: `Skal ${business.name} fortsatt se registreringene dine med den nye koden?` });
  await expect(keep.getByRole('radio', { name: 'Ja, del som før' })).toBeChecked();
  await keep.getByRole('radio', { name: /Nei/ }).check();
  await axe(page, 'code change with the choice');
  await page.getByRole('group', { name: s.typeBack }).getByLabel(s.code, { exact: true }).fill(pending);
  await page.getByRole('button', { name: s.confirmCode }).click();
  await expect(page.getByText(`Den nye koden er ikke knyttet til ${business.name}.`, { exact: false })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Deling' })).toHaveCount(0);

  const pro = staff.find((x: any) => x.role === 'professional');
  const list = (await call('GET', '/api/staff/participants', undefined, { cookie: await staffLogin(pro.email, pro.password) })).json;
  expect(list.code_changes.map((c: any) => c.reference)).toEqual([codes[0].slice(0, 4)]);
  expect(seen.foreign).toEqual([]);
  expect(okErrors(seen.errors)).toEqual([]);
});
