// Staff mode's desk pages: the support desk reads a participant's feedback and marks it handled
// (its text is erased, it leaves the list); a professional sends staff feedback; a super user
// keeps the business's details that patients see; a professional follows the tasks sent to a
// participant (done with a date, an open one withdrawn), a registration the participant removed,
// and the safety flag's date. axe on every new page.
import { test, expect, Page } from '@playwright/test';
import { call, iso, login, phq9, seed, uuid } from '../support/edge';
import { axe, h1, watch } from '../support/app';

async function staffLogIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel('E-post', { exact: true }).fill(who.email);
  await page.getByLabel('Passord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
}

const role = (s: { staff: any[] }, r: string) => s.staff.find((x: any) => x.role === r);

test('the support desk reads a participant\'s feedback and marks it handled', async ({ page }) => {
  const seen = watch(page);
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  const text = `Knappene kunne vært større ${uuid()}`;
  expect((await call('POST', '/api/feedback', { kind: 'suggestion', text }, { cookie })).status).toBe(201);

  // The support desk starts on the feedback page; its menu has nothing of a business.
  await page.goto('/staff');
  await staffLogIn(page, role(s, 'support'));
  await expect(h1(page, 'Tilbakemeldinger')).toBeVisible();
  await expect(page).toHaveURL(/\/staff\/feedback$/);
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Tilbakemeldinger' })).toBeVisible();
  for (const name of ['Deltakere', 'Statistikk', 'Ansatte og logg', 'Virksomheten']) {
    await expect(banner.getByRole('link', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByText('slettes teksten med en gang')).toBeVisible();
  const item = page.locator('.desk-item', { hasText: text });
  await expect(item).toContainText('Forslag');
  await expect(item).toContainText(/Fra P-/);
  await axe(page, 'feedback desk');

  await item.getByRole('button', { name: 'Merk som behandlet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Behandlet. Teksten er slettet.' })).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(h1(page, 'Tilbakemeldinger')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Ubehandlede tilbakemeldinger' })).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  const mine = await call('GET', '/api/me/feedback', undefined, { cookie });
  expect(mine.json.feedback[0].handled_at).not.toBeNull();

  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a professional sends staff feedback', async ({ page }) => {
  const seen = watch(page);
  const s = await seed();
  await page.goto('/staff/feedback');
  await staffLogIn(page, role(s, 'professional'));
  await expect(h1(page, 'Tilbakemeldinger')).toBeVisible();
  // Only the desk reads feedback; everyone can send it.
  await expect(page.getByRole('heading', { name: 'Ubehandlede tilbakemeldinger' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send tilbakemelding' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv noe før du sender.');
  const kind = page.getByRole('group', { name: 'Hva slags tilbakemelding?' });
  await kind.getByRole('radio', { name: 'Vurdering av Mestring' }).check();
  const box = page.getByRole('textbox', { name: 'Tilbakemeldingen din' });
  await expect(box).toHaveAccessibleDescription(/Ikke skriv personopplysninger/);
  await box.fill('Statistikken er nyttig i teammøtene.');
  await page.getByRole('button', { name: 'Send tilbakemelding' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Takk, den er sendt.' })).toBeVisible();
  await expect(box).toHaveValue('');
  await axe(page, 'staff feedback form');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a super user keeps the business details patients see', async ({ page }) => {
  const seen = watch(page);
  const s = await seed();
  await page.goto('/staff/business');
  await staffLogIn(page, role(s, 'super_user'));
  await expect(h1(page, 'Virksomhetens opplysninger')).toBeVisible();
  await expect(page.getByText('der de blir spurt om å dele')).toBeVisible();
  await expect(page.getByLabel('Navn på virksomheten')).toHaveValue(s.business.name);

  await page.getByLabel('Kontakt for pasienter (telefon eller e-post)').fill('22 00 00 00');
  await page.getByLabel('Postadresse').fill('Postboks 1, 0001 Oslo');
  const web = page.getByLabel('Nettadresse (valgfri, https://…)');
  await web.fill('http://example.org');
  await page.getByRole('button', { name: 'Lagre opplysningene' }).click();
  await expect(page.getByRole('alert')).toContainText('må begynne med https://');
  await expect(web).toHaveAttribute('aria-invalid', 'true');
  await expect(web).toHaveAccessibleDescription(/må begynne med https:\/\//);
  await expect(web).toBeFocused();
  await axe(page, 'business details, error');

  await web.fill('https://example.org/dps');
  await page.getByRole('button', { name: 'Lagre opplysningene' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lagret.' })).toBeVisible();
  await expect(web).not.toHaveAttribute('aria-invalid', 'true');
  const now = page.locator('.business-now');
  for (const v of ['22 00 00 00', 'Postboks 1, 0001 Oslo', 'https://example.org/dps']) await expect(now).toContainText(v);
  // What a patient of the business sees.
  const { me } = await login(s.codes[0]);
  expect(me.business).toEqual({ name: s.business.name, contact: '22 00 00 00', address: 'Postboks 1, 0001 Oslo', web: 'https://example.org/dps' });
  await axe(page, 'business details');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a professional sees tasks done and open, withdraws one, and sees a removal', async ({ page }) => {
  test.setTimeout(60_000);
  const seen = watch(page);
  const s = await seed();
  const { cookie } = await login(s.codes[0]);
  const ref = s.codes[0].slice(0, 4);
  expect((await call('POST', '/api/me/consent', { share: true }, { cookie })).status).toBe(200);
  // Two PHQ-9 answers, the self-harm item above 0 in the kept one; the first is removed.
  const removed = uuid();
  for (const [id, values, when] of [
    // Answers may not predate the code, which the seed issued just now.
    [removed, [2, 2, 2, 2, 2, 1, 1, 0, 0], Date.now()],
    [uuid(), [1, 1, 1, 1, 1, 1, 1, 0, 1], Date.now() + 1000],
  ] as const) {
    const r = await call('POST', '/api/me/responses',
      { id, instrument: 'phq9', version: '1.0.0', answers: phq9([...values]), completed_at: iso(when) }, { cookie });
    expect(r.status).toBe(200);
  }
  expect((await call('DELETE', `/api/me/responses/${removed}`, undefined, { cookie })).status).toBe(204);

  await page.goto('/staff');
  await staffLogIn(page, role(s, 'professional'));
  const row = page.getByRole('row', { name: new RegExp(ref) });
  await expect(row).toContainText(/Selvskade-spørsmål besvart \d{1,2}\. \S+ \d{4}/);
  await row.getByRole('link', { name: ref, exact: true }).click();
  await expect(h1(page, new RegExp(ref))).toBeVisible();
  await expect(page.getByText(/^En registrering fra \d{1,2}\. \S+ \d{4} ble fjernet av brukeren \d{1,2}\. \S+ \d{4}$/)).toBeVisible();

  // Send a questionnaire and a tool part; the participant answers the questionnaire.
  for (const choice of ['q:gad7', 'c:worry/understanding_worry']) {
    await page.getByLabel('Hva vil du sende?').selectOption(choice);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('Sendt. Deltakeren ser det i innboksen sin.')).toBeVisible();
  }
  const gad7 = { 'gad7.1': 1, 'gad7.2': 1, 'gad7.3': 0, 'gad7.4': 0, 'gad7.5': 0, 'gad7.6': 0, 'gad7.7': 1 };
  expect((await call('POST', '/api/me/responses',
    { id: uuid(), instrument: 'gad7', version: '1.0.0', answers: gad7, completed_at: iso(Date.now()) }, { cookie })).status).toBe(200);
  await page.reload();
  const tasks = page.locator('table', { hasText: 'Sendt til deltakeren' });
  await expect(tasks.getByRole('row', { name: /GAD-7/ })).toContainText(/Utført \d{1,2}\. \S+ \d{4}/);
  await expect(tasks.getByRole('row', { name: /GAD-7/ }).getByRole('button')).toHaveCount(0);
  const part = tasks.getByRole('row', { name: /Å forstå bekymring/ });
  await expect(part).toContainText('Åpen');
  await axe(page, 'participant tasks and removals');

  await part.getByRole('button', { name: /^Trekk tilbake .*Å forstå bekymring/ }).click();
  await expect(page.getByText('Trukket tilbake. Deltakeren ser den ikke lenger.')).toBeVisible();
  await expect(tasks.getByRole('row', { name: /Å forstå bekymring/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Oppgaver sendt' })).toBeFocused();
  const me = await call('GET', '/api/me', undefined, { cookie });
  expect(me.json.inbox.map((i: any) => i.part)).not.toContain('understanding_worry');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});
