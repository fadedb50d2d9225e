// A tool manager in the browser (SPEC §4.7): the statistics page chooses between the whole
// programme and each of its businesses; a programme of 12 and 7 participants shows the 12's
// business and hides the programme's group (19 − 12 would be the 7). axe, and 320 px reflow.
import { test, expect } from '@playwright/test';
import { call, iso, login, phq9, seed, uuid } from '../support/edge';
import { axe, watch } from '../support/app';

test('a tool manager chooses the programme or one of its businesses', async ({ page }) => {
  const name = `Programme ${Date.now()}`;
  const twelve = await seed({ programme: name, issuedDaysAgo: 1 });
  const seven = await seed({ programme: name, issuedDaysAgo: 1 });
  const answer = async (code: string) => {
    const { cookie } = await login(code);
    expect((await call('POST', '/api/me/responses',
      { id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9([2, 2, 2, 2, 1, 1, 1, 1, 0]), completed_at: iso(Date.now() - 3600_000) },
      { cookie })).status).toBe(200);
  };
  for (const code of twelve.codes.slice(0, 12)) await answer(code);
  for (const code of seven.codes.slice(0, 7)) await answer(code);
  const tm = twelve.staff.find((s: any) => s.role === 'tool_manager');
  const seen = watch(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/staff/stats');
  await page.getByLabel('E-post', { exact: true }).fill(tm.email);
  await page.getByLabel('Passord', { exact: true }).fill(tm.password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gruppestatistikk' })).toBeVisible();
  const choice = page.getByLabel('Virksomhet');
  await expect(choice).toHaveValue('');
  await expect(choice.locator('option')).toHaveText(['Hele programmet', twelve.business.name, seven.business.name].sort((a, b) =>
    a === 'Hele programmet' ? -1 : b === 'Hele programmet' ? 1 : a.localeCompare(b)));
  // The whole programme: its PHQ-9 group is hidden.
  const phq9Heading = page.getByRole('heading', { level: 2, name: /PHQ-9/ });
  await expect(phq9Heading).toBeVisible();
  await expect(page.getByText('Færre enn 10 deltakere (<10): gruppen vises ikke.')).toBeVisible();
  await axe(page, 'programme report');
  // One business: the 12 are shown.
  await choice.selectOption(twelve.business.id);
  await expect(page.getByRole('heading', { level: 2, name: /PHQ-9 – n = 12/ })).toBeVisible();
  await axe(page, 'business report');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
  // No request left the origin.
  expect(seen.foreign).toEqual([]);
  expect(seen.errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
});
