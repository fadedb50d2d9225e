// Change code in two steps (SPEC §3.8) in the browser, where it matters most: a change left
// half-way (a wrong code typed back, the tab closed) changes nothing, so nobody is locked out.
// The confirmed change itself is walked in walk.spec.ts, in both languages.
import { test, expect } from '@playwright/test';
import { seed, remember } from '../support/edge';
import { L, watch, axe, h1, logIn } from '../support/app';

test('an abandoned code change leaves the old code working and the new one never logs in', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const s = L.nb;
  const seen = watch(page);
  const { business, codes } = await seed();
  const code = codes[0];

  await page.goto('/');
  await logIn(page, s, code);
  await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('radio', { name: s.consentYes(business.name) }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: s.settings }).click();
  await expect(h1(page, s.settings)).toBeVisible();

  await page.getByRole('button', { name: s.newCode }).click();
  const shown = page.locator('#new-code strong');
  await expect(shown).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/, { timeout: 20_000 });
  const pending = (await shown.textContent())!;
  remember('codes', [pending]);
  const group = page.getByRole('group', { name: s.typeBack });
  // The hint says until when the new code can be confirmed (local HH:MM).
  await expect(group).toContainText(/\d{2}:\d{2}/);

  // A well-formed code that is not the new one: refused by the edge, the step stays open.
  await group.getByLabel(s.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: s.confirmCode }).click();
  await expect(page.getByText(s.codeMismatch)).toBeVisible();
  await expect(shown).toHaveText(pending);
  await expect(page.getByText(s.changed)).toHaveCount(0);
  await axe(page, 'code mismatch');

  // The person closes the tab without confirming.
  await page.close();

  // Another browser: the unconfirmed code gets the wrong-code answer, the old code logs in.
  const context = await browser.newContext({ locale: 'nb-NO' });
  const other = await context.newPage();
  const seen2 = watch(other);
  await other.goto('/');
  await logIn(other, s, pending);
  await expect(other.getByRole('alert').filter({ hasText: /./ })).toBeVisible();
  await expect(h1(other, s.home)).toHaveCount(0);
  await logIn(other, s, code);
  await expect(h1(other, s.home)).toBeVisible({ timeout: 20_000 });
  await context.close();

  // Nothing went elsewhere; the only failed request logged is the refused confirmation (422).
  expect([...seen.foreign, ...seen2.foreign]).toEqual([]);
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen2.errors).toEqual([]);
});
