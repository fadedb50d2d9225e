// Browser walk of staff mode (issue 6): a professional logs in through the UI, issues codes and
// prints the slips, follows a consenting participant's PHQ-9 with reliable change, loses access
// the moment consent is withdrawn; the participant's access log shows the read without a name.
// A super user invites a colleague, who sets a password on the invitation page. axe on every page.
import { test, expect, Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { call, iso, login, phq9, remember, seed, uuid, DAY } from '../support/edge';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function watch(page: Page) {
  const seen = { foreign: [] as string[], errors: [] as string[] };
  const origin = new URL(process.env.MESTRING_URL!).origin;
  page.on('request', (r: Request) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin) seen.foreign.push(r.url());
  });
  // Chromium itself logs 401 (nobody logged in yet) and 403 (consent withdrawn) answers; the
  // app explains both on the page, so they are not errors of the app.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}

async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(r.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function staffLogIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
}

test('staff walk: login, slips, chart with reliable change, consent withdrawn, access log', async ({ page }) => {
  test.setTimeout(90_000);
  const seen = watch(page);
  // One answer is dated 14 days back, so the codes are issued before that.
  const s = await seed({ issuedDaysAgo: 15 });
  const prof = s.staff.find((x: any) => x.role === 'professional');
  const sup = s.staff.find((x: any) => x.role === 'super_user');

  // Login page; a wrong password gets the one message that never says whether the e-mail exists.
  await page.goto('/staff');
  await expect(h1(page, 'Logg inn for ansatte')).toBeVisible();
  await axe(page, 'staff login');
  await staffLogIn(page, prof.email, 'wrong password here');
  await expect(page.getByRole('alert')).toContainText('E-post eller passord stemmer ikke');
  await staffLogIn(page, prof.email, prof.password);
  await expect(h1(page, 'Deltakere')).toBeVisible();
  await axe(page, 'staff overview');

  // Issue three codes; they are shown once as slips, and printing shows only the slips.
  await page.getByLabel('Antall (1–500)').fill('3');
  await page.getByLabel('Verktøy', { exact: true }).selectOption('worry');
  await page.getByLabel('Kartleggingsplan').selectOption('standard');
  await page.getByRole('button', { name: 'Lag koder' }).click();
  const slips = page.locator('.slip');
  await expect(slips).toHaveCount(3);
  const issued = (await page.locator('.slip-code').allTextContents()).map((c) => c.trim());
  remember('codes', issued);
  for (const c of issued) expect(c).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){2}-.$/);
  await expect(page.getByText('Kodene vises bare denne ene gangen')).toBeVisible();
  await axe(page, 'staff slips');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Last ned som CSV' }).click();
  const csv = await (await download).createReadStream();
  const text = await new Promise<string>((res) => { let b = ''; csv.on('data', (d) => (b += d)); csv.on('end', () => res(b)); });
  expect(text.split('\r\n')[0]).toBe('reference,code');
  expect(text).toContain(`${issued[0].slice(0, 4)},${issued[0]}`);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: test.info().outputPath('slips-print.png'), fullPage: true });
  await expect(slips.first()).toBeVisible();
  await expect(h1(page, 'Deltakere')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lag koder' })).toBeHidden();
  // Hidden elements leave the accessibility tree, so look for the menus as elements.
  expect(await page.locator('nav').count()).toBeGreaterThan(0);
  for (const nav of await page.locator('nav').all()) await expect(nav).toBeHidden();
  await expect(page.getByText('Kodene vises bare denne ene gangen')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // A participant (a seeded code of the same business) consents and answers PHQ-9 twice.
  const code = s.codes[0];
  const ref = code.slice(0, 4);
  const user = await login(code);
  expect((await call('POST', '/api/me/consent', { share: true }, { cookie: user.cookie })).status).toBe(200);
  for (const [values, when] of [[[3, 3, 2, 2, 2, 2, 2, 1, 0], Date.now() - 14 * DAY], [[1, 1, 1, 0, 0, 0, 0, 0, 0], Date.now()]] as const) {
    const r = await call('POST', '/api/me/responses',
      { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9([...values]), completed_at: iso(when) }, { cookie: user.cookie });
    expect(r.status).toBe(200);
  }

  // The professional opens the participant: both points, reliable improvement marked.
  await page.reload();
  await page.getByRole('link', { name: ref, exact: true }).click();
  await expect(h1(page, new RegExp(ref))).toBeVisible();
  const figure = page.locator('figure', { hasText: 'PHQ-9' });
  await expect(figure.locator('svg circle.point')).toHaveCount(2);
  await expect(figure.locator('svg circle.reliable-improved')).toHaveCount(1);
  await expect(figure.locator('table')).toContainText('Pålitelig bedring');
  await expect(figure.locator('.working-translation strong')).toHaveText('Arbeidsoversettelse – ikke validert.');
  await axe(page, 'staff participant');
  await page.getByLabel('Hva vil du sende?').selectOption('q:gad7');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('Sendt. Deltakeren ser det i innboksen sin.')).toBeVisible();
  const me = await call('GET', '/api/me', undefined, { cookie: user.cookie });
  expect(me.json.inbox.map((i: any) => i.instrument)).toContain('gad7');

  // Consent withdrawn: the next view is denied.
  expect((await call('POST', '/api/me/consent', { share: false }, { cookie: user.cookie })).status).toBe(200);
  await page.reload();
  await expect(h1(page, 'Ingen tilgang til deltakeren')).toBeVisible();
  await expect(page.locator('main svg')).toHaveCount(0);
  await axe(page, 'staff participant denied');

  // The participant sees that the data was read, by "a professional at <business>", no name.
  const log = await call('GET', '/api/me/access-log', undefined, { cookie: user.cookie });
  expect(log.status).toBe(200);
  expect(log.json.entries.length).toBeGreaterThan(0);
  expect(log.json.entries[0].business).toBe(s.business.name);
  expect(log.text).not.toContain(prof.email);

  // Statistics: a month picker and groups under 10 hidden.
  await page.getByRole('link', { name: 'Statistikk' }).click();
  await expect(h1(page, 'Gruppestatistikk')).toBeVisible();
  await expect(page.getByLabel('Måned')).toHaveValue(/^\d{4}-\d{2}$/);
  await axe(page, 'staff stats');

  // Log out; the super user invites a colleague and reads the audit log.
  await page.locator('.staff-nav').getByRole('button', { name: 'Logg ut' }).click();
  await expect(h1(page, 'Logg inn for ansatte')).toBeVisible();
  await staffLogIn(page, sup.email, sup.password);
  // Logging in keeps the page one was on.
  await expect(h1(page, 'Gruppestatistikk')).toBeVisible();
  await page.getByRole('link', { name: 'Ansatte og logg' }).click();
  await expect(h1(page, 'Ansatte og tilgangslogg')).toBeVisible();
  const audit = page.locator('table', { hasText: 'Hvem som har sett data' });
  await expect(audit).toContainText(prof.email);
  await expect(audit).toContainText(ref);
  const colleague = `kollega-${Date.now()}@example.org`;
  await page.getByLabel('E-post', { exact: true }).fill(colleague);
  await page.getByRole('button', { name: 'Lag invitasjon' }).click();
  const link = (await page.locator('.invite-link').textContent())!.trim();
  expect(link).toMatch(/\/staff\/invite#[A-Za-z0-9_-]+$/);
  await axe(page, 'staff users');

  // The colleague sets a password (twice, at least 12 characters) and is logged in.
  await page.goto(link);
  await expect(h1(page, 'Velg passord')).toBeVisible();
  await expect(page.locator('main strong', { hasText: colleague })).toBeVisible();
  await axe(page, 'staff invite');
  await page.getByLabel('Passord', { exact: true }).fill('kort');
  await page.getByLabel('Gjenta passordet').fill('kort');
  await page.getByRole('button', { name: 'Lagre passord og logg inn' }).click();
  await expect(page.getByRole('alert')).toContainText('minst 12 tegn');
  await page.getByLabel('Passord', { exact: true }).fill('et langt og godt passord');
  await page.getByLabel('Gjenta passordet').fill('et langt og godt passord');
  // The answer held back a second: the bar shows for the hashing and the saving.
  await page.route('**/api/staff/invite/accept', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Lagre passord og logg inn' }).click();
  await expect(page.getByRole('progressbar', { name: 'Lagrer …' })).toBeVisible();
  await expect(h1(page, 'Deltakere')).toBeVisible();
  await page.unroute('**/api/staff/invite/accept');
  await expect(page.locator('.staff-who')).toContainText(colleague);

  // The super user deactivates the colleague again, after confirming.
  await page.locator('.staff-nav').getByRole('button', { name: 'Logg ut' }).click();
  await staffLogIn(page, sup.email, sup.password);
  await page.getByRole('link', { name: 'Ansatte og logg' }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Deaktiver ${colleague}` }).click();
  // The accounts table: the access log below now names the colleague too (invited, deactivated).
  const accounts = page.locator('table', { hasText: 'Kontoer i virksomheten' });
  await expect(accounts.getByRole('row', { name: new RegExp(colleague) })).toContainText('Deaktivert');

  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});
