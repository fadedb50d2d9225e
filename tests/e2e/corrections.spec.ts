// Corrections and feedback as a person meets them: the consent question says how to reach the
// business; a wrong PHQ-9 is removed from the history after a confirm step and the first answer
// is the latest again; feedback sent from Settings is read and handled by the desk, its text is
// gone from the database, and Settings says it was handled.
import { test, expect } from '@playwright/test';
import { call, seed, dumpD1, remember } from '../support/edge';
import { staffLogin } from '../support/staff';
import { L, watch, axe, h1, logIn, answer } from '../support/app';

const s = L.nb;

test('remove a wrong registration, and see feedback handled', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  const seeded = await seed();
  const account = (role: string) => seeded.staff.find((x: any) => x.role === role)!;
  const sup = await staffLogin(account('super_user').email, account('super_user').password);
  const details = { name: seeded.business.name, contact: '22 33 44 55', address: 'Postboks 7, 0101 Oslo', web: 'https://example.org' };
  expect((await call('POST', '/api/staff/business', details, { cookie: sup })).status).toBe(200);

  await page.goto('/');
  await logIn(page, s, seeded.codes[0]);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  const contact = page.getByRole('region', { name: `Slik når du ${seeded.business.name}` });
  await expect(contact.getByText('22 33 44 55')).toBeVisible();
  await expect(contact.getByRole('link', { name: 'https://example.org' })).toBeVisible();
  await axe(page, 'consent with business details');
  await page.getByRole('radio', { name: s.consentYes(seeded.business.name) }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible();

  // PHQ-9 twice: mild (8), then a mistaken severe (22).
  for (const values of [[1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [3, 3, 3, 3, 3, 3, 2, 2, 0, 1]]) {
    await page.goto('/check/phq9');
    await expect(h1(page, s.phq9)).toBeVisible({ timeout: 20_000 });
    await answer(page, s, values);
    await expect(page.getByText(s.saved)).toBeVisible();
  }

  await page.getByRole('link', { name: s.history, exact: true }).first().click();
  await expect(h1(page, s.history)).toBeVisible();
  const list = page.getByRole('region', { name: 'Dine registreringer' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText(/Siste sum: 22/)).toBeVisible();
  // Newest first: the mistaken answer is the first one offered for removal.
  await list.getByRole('button', { name: /^Fjern / }).first().click();
  const confirm = list.getByRole('group');
  await expect(confirm.getByText(/Fjerne Spørreskjema om depresjon \(PHQ-9\) fra .* Du kan svare på nytt etterpå\./)).toBeVisible();
  await axe(page, 'remove confirm');
  await confirm.getByRole('button', { name: 'Ja, fjern' }).click();
  await expect(page.getByText('Registreringen er fjernet.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText(/Siste sum: 8/)).toBeVisible();

  // Feedback from Settings, handled by the desk.
  const text = `Fint verktøy, men for mange steg ${Date.now()}`;
  remember('texts', [text]);
  await page.getByRole('link', { name: s.settings, exact: true }).first().click();
  await page.getByLabel(s.feedbackText).fill(text);
  await page.getByRole('button', { name: s.feedbackSend }).click();
  await expect(page.getByText(s.feedbackSent)).toBeVisible();
  await expect(page.getByText(/Forslag til endring: Mottatt .*, ikke behandlet ennå/)).toBeVisible();

  const desk = await staffLogin(account('support').email, account('support').password);
  const item = (await call('GET', '/api/staff/feedback', undefined, { cookie: desk })).json.feedback
    .find((f: any) => f.text === text);
  expect(item.sender).toMatch(/^P-/);
  expect((await call('POST', `/api/staff/feedback/${item.id}/handled`, undefined, { cookie: desk })).status).toBe(204);
  expect(dumpD1()).not.toContain(text);

  await page.reload();
  await expect(page.getByText(/Forslag til endring: Mottatt .*, behandlet .*, teksten er slettet/)).toBeVisible({ timeout: 20_000 });
  await axe(page, 'settings with handled feedback');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});
