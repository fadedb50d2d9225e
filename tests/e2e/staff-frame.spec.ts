// Staff mode's own frame (issue 16): every /staff page sits under one parent route whose frame
// asks the edge who is logged in once, not on every page; its header is staff mode's (staff
// menu, the professionals' privacy notice, logout, language), never the end user's menu; a
// route change still moves focus to the new page's heading. axe on the header's pages.
import { test, expect } from '@playwright/test';
import { seed } from '../support/edge';
import { axe, h1, watch } from '../support/app';

test('staff pages share one frame: one session question, staff mode\'s own header, focus on the heading', async ({ page }) => {
  test.setTimeout(60_000);
  const seen = watch(page);
  const s = await seed();
  const sup = s.staff.find((x: any) => x.role === 'super_user');
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/staff/session') asked.push(r.url());
  });

  // Nobody logged in: the staff header without the staff menu, and no end-user menu.
  await page.goto('/staff');
  await expect(h1(page, 'Logg inn for ansatte')).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Personvern', exact: true })).toHaveAttribute('href', '/staff/privacy');
  await expect(banner.getByRole('button', { name: 'Change language to English' })).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Statistikk' })).toHaveCount(0);
  for (const name of ['Logg inn', 'Innstillinger', 'Oversikt']) {
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  }
  await axe(page, 'staff frame, logged out');

  await page.getByLabel('E-post', { exact: true }).fill(sup.email);
  await page.getByLabel('Passord', { exact: true }).fill(sup.password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await expect(h1(page, 'Deltakere')).toBeVisible();
  await expect(banner.locator('.staff-who')).toContainText(sup.email);
  await expect(banner.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  for (const name of ['Logg inn', 'Innstillinger', 'Oversikt']) {
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  }

  // From page to page through the staff menu: the heading gets focus, the frame stays.
  for (const [link, heading] of [
    ['Statistikk', 'Gruppestatistikk'],
    ['Ansatte og logg', 'Ansatte og tilgangslogg'],
    ['Sikkerhet', 'Sikkerhet'],
    ['Personvern', 'Personvern for fagfolk'],
    ['Deltakere', 'Deltakere'],
  ]) {
    await banner.getByRole('link', { name: link, exact: true }).click();
    await expect(h1(page, heading)).toBeFocused();
    await expect(page).toHaveTitle(`${heading} – Mestring`);
  }
  await axe(page, 'staff frame, logged in');
  expect(asked).toHaveLength(1);

  // The privacy notice needs no login, and logging out leaves the staff header.
  await banner.getByRole('button', { name: 'Logg ut' }).click();
  await expect(h1(page, 'Logg inn for ansatte')).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Logg ut' })).toHaveCount(0);
  await banner.getByRole('link', { name: 'Personvern', exact: true }).click();
  await expect(h1(page, 'Personvern for fagfolk')).toBeFocused();
  expect(asked).toHaveLength(1);

  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});
