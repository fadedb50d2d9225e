// The caseload page (staff overview): search by reference, a filter and paging, on a desktop and
// at 320 px (the table scrolls in its own container, the page never sideways), axe clean. And an
// ended session (the dev clock moved past the idle limit) says so with the way to login, on an
// end-user page and a staff page, instead of a generic failure.
import { test, expect, Page } from '@playwright/test';
import { call, iso, login, phq9, seed, setClock, uuid } from '../support/edge';
import { staffLogin } from '../support/staff';
import { axe, h1, L, logIn, watch } from '../support/app';

test.describe.configure({ mode: 'serial' });
test.afterEach(async () => setClock(null));

async function staffLogIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
}

const docWidth = (page: Page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));

/** 12 seeded codes and 50 more: 62 participants, two pages of 50. Codes 0 and 1 share; 0 answered
 *  the safety item. */
async function business() {
  const s = await seed({ issuedDaysAgo: 1 });
  const pro = s.staff.find((x: any) => x.role === 'professional');
  const cookie = await staffLogin(pro.email, pro.password);
  expect((await call('POST', '/api/staff/codes', { count: 50 }, { cookie })).status).toBe(201);
  for (const [i, item9] of [[0, 2], [1, 0]]) {
    const user = (await login(s.codes[i])).cookie;
    await call('POST', '/api/me/consent', { share: true }, { cookie: user });
    await call('POST', '/api/me/responses', { id: uuid(), instrument: 'phq9', version: '1.0.0',
      answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, item9]), completed_at: iso(Date.now() - 60_000) }, { cookie: user });
  }
  return { s, pro };
}

for (const width of [1280, 320]) {
  test(`caseload at ${width} px: search, a filter and paging`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 800 });
    const seen = watch(page);
    const { s, pro } = await business();
    await page.goto('/staff');
    await staffLogIn(page, pro.email, pro.password);
    await expect(h1(page, 'Deltakere')).toBeVisible();
    const pages = page.getByRole('navigation', { name: 'Sider' });
    await expect(pages.getByRole('status')).toHaveText('Side 1 av 2 (62 treff)');
    const rows = page.locator('table.staff-table').first().locator('tbody tr');
    await expect(rows).toHaveCount(50);
    await axe(page, `caseload ${width}`);
    expect(await docWidth(page)).toBeLessThanOrEqual(width);

    // Paging: the second page has the other 12.
    await pages.getByRole('button', { name: 'Neste side' }).click();
    await expect(pages.getByRole('status')).toHaveText('Side 2 av 2 (62 treff)');
    await expect(rows).toHaveCount(12);
    await expect(pages.getByRole('button', { name: 'Neste side' })).toBeDisabled();
    await pages.getByRole('button', { name: 'Forrige side' }).click();
    await expect(pages.getByRole('status')).toHaveText('Side 1 av 2 (62 treff)');

    // Search: the reference typed in lower case finds the one participant.
    const reference = s.codes[1].slice(0, 4);
    await page.getByLabel('Referanse (de første tegnene i koden)').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole('rowheader')).toHaveText(reference);
    await expect(pages.getByRole('status')).toHaveText('Side 1 av 1 (1 treff)');

    // A filter: flagged (sharing only) finds code 0, with the day of the answer.
    await page.getByLabel('Referanse (de første tegnene i koden)').fill('');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByLabel('Deler, med varsel').check();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole('rowheader')).toHaveText(s.codes[0].slice(0, 4));
    await expect(rows.first()).toContainText('Selvskade');
    await page.getByLabel('Deler nå', { exact: true }).check();
    await expect(rows).toHaveCount(2);
    await page.getByLabel('Alvorligste siste nivå først').check();
    await expect(rows).toHaveCount(2);
    await axe(page, `caseload filtered ${width}`);
    expect(await docWidth(page)).toBeLessThanOrEqual(width);
    expect(seen.foreign).toEqual([]);
  });
}

test('an ended session says so and leads to login, on an end-user page and a staff page', async ({ page }) => {
  test.setTimeout(90_000);
  const s = await seed();
  const nb = L.nb;

  // End user: logged in, then 31 minutes pass (idle limit 30): the next call is refused.
  await page.goto('/');
  await logIn(page, nb, s.codes[0]);
  await expect(h1(page, nb.consentTitle)).toBeVisible();
  await page.goto('/settings');
  await expect(h1(page, nb.settings)).toBeVisible();
  // The settings page loads the access log and sent feedback after its heading shows: let those
  // answer first, so the call refused after the clock moves is the one the click makes.
  await page.waitForLoadState('networkidle');
  await setClock(iso(Date.now() + 31 * 60_000));
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: nb.history }).click();
  const ended = page.getByRole('alert').filter({ hasText: 'Økten din er avsluttet.' });
  await expect(ended).toBeVisible();
  const again = ended.getByRole('link', { name: 'Logg inn på nytt' });
  await expect(again).toHaveAttribute('href', '/');
  await again.click();
  await expect(page.getByLabel(nb.code, { exact: true })).toBeVisible();
  await expect(page.getByText('Det gikk ikke å lagre')).toHaveCount(0);
  await setClock(null);

  // Staff: logged in on the overview, then 31 minutes pass; the statistics page's call is
  // refused, and the login form is shown with the same words.
  const pro = s.staff.find((x: any) => x.role === 'professional');
  await page.goto('/staff');
  await staffLogIn(page, pro.email, pro.password);
  await expect(h1(page, 'Deltakere')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await setClock(iso(Date.now() + 31 * 60_000));
  await page.getByRole('navigation', { name: 'Ansattmeny' }).getByRole('link', { name: 'Statistikk' }).click();
  const staffEnded = page.getByRole('alert').filter({ hasText: 'Økten din er avsluttet.' });
  await expect(staffEnded).toBeVisible();
  await expect(staffEnded.getByRole('link', { name: 'Logg inn på nytt' })).toBeVisible();
  await expect(page.getByLabel('E-post', { exact: true })).toBeVisible();
  await axe(page, 'staff session ended');
  await setClock(null);
  // Logging in again takes the notice away.
  await staffLogIn(page, pro.email, pro.password);
  await expect(staffEnded).toHaveCount(0);
});

test('showing the overview is an audited read: the participant sees the day and the business, the super user the row', async ({ browser, page }) => {
  test.setTimeout(90_000);
  const s = await seed({ issuedDaysAgo: 1 });
  const pro = s.staff.find((x: any) => x.role === 'professional');
  const sup = s.staff.find((x: any) => x.role === 'super_user');
  const user = (await login(s.codes[0])).cookie;
  await call('POST', '/api/me/consent', { share: true }, { cookie: user });
  await call('POST', '/api/me/responses', { id: uuid(), instrument: 'phq9', version: '1.0.0',
    answers: phq9([2, 2, 2, 1, 1, 1, 1, 1, 0]), completed_at: iso(Date.now() - 60_000) }, { cookie: user });
  const ref = s.codes[0].slice(0, 4);

  // The participant, on their own device: nobody has looked yet.
  const own = await (await browser.newContext()).newPage();
  await own.goto('/');
  await logIn(own, L.nb, s.codes[0]);
  await expect(h1(own, L.nb.home)).toBeVisible({ timeout: 20_000 });
  await own.goto('/settings');
  const seenBy = own.locator('section', { has: own.getByRole('heading', { name: 'Hvem har sett dataene dine' }) });
  await expect(seenBy).toContainText('Ingen fagpersoner har sett dataene dine.');

  // The professional opens the overview only; the participant's row shows the latest band.
  await page.goto('/staff');
  await staffLogIn(page, pro.email, pro.password);
  await expect(h1(page, 'Deltakere')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(ref) })).toBeVisible();

  // The participant's log names the business and the day, never the person.
  await own.reload();
  await expect(seenBy).toContainText(`en fagperson hos ${s.business.name}`);
  await expect(seenBy).not.toContainText(pro.email);

  // The super user's log has the overview read, by whom and about which reference.
  await page.locator('.staff-nav').getByRole('button', { name: 'Logg ut' }).click();
  await staffLogIn(page, sup.email, sup.password);
  await page.getByRole('link', { name: 'Ansatte og logg' }).click();
  const audit = page.locator('table', { hasText: 'Hvem som har sett data' });
  // (The super user's own landing on the overview is a read of its own.)
  const row = audit.getByRole('row').filter({ hasText: 'read_overview' }).filter({ hasText: pro.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(ref);
  await own.context().close();
});
