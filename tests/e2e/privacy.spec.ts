// P3: local-only text never leaves the device. Every request the app makes while the user types
// is recorded with its body; the text appears in none. It reloads decrypted on the same device
// (after the code unlocks the store), and a fresh browser context with the same code and even a
// copy of the sealed records cannot decrypt it, because the device secret stayed behind.
import { test, expect } from '@playwright/test';
import { seed, remember } from '../support/edge';
import { L, watch, axe, h1, logIn } from '../support/app';

test('local-only text stays on the device, encrypted, and needs this device to be read', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const s = L.nb;
  const seen = watch(page);
  const { codes } = await seed();
  const code = codes[1];
  const secret = `Privat notat ${Date.now()}: nabo Per bekymrer meg`;
  remember('texts', [secret]);

  await page.goto('/');
  await logIn(page, s, code);
  await page.getByRole('radio', { name: s.consentLater }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('navigation').getByRole('link', { name: s.tools }).click();
  await page.getByRole('link', { name: s.worry }).click();
  await page.getByRole('link', { name: s.worry1 }).click();
  // Steps 1–3 (reading, questionnaire, exercise), then the local-only text step.
  for (let i = 1; i <= 3; i++) {
    await expect(page.locator('#step-position')).toHaveText(`Steg ${i} av 4`);
    await page.getByRole('button', { name: s.next, exact: true }).click();
  }
  await expect(page.locator('#step-position')).toHaveText('Steg 4 av 4');
  const area = page.locator('main textarea');
  await area.pressSequentially(secret, { delay: 5 });
  await page.getByRole('button', { name: s.localSave }).click();
  await expect(page.getByText(s.localSaved, { exact: true })).toBeVisible();
  await axe(page, 'local text');

  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain(secret);
  expect(stored).toMatch(/mestring\.store\.r\.text:worry\/my_worries":"m1\./);
  for (const r of seen.requests) expect(r.body + r.url).not.toContain(secret);
  expect(seen.requests.some((r) => r.url.includes('/api/me/progress'))).toBe(true);

  // Same device, after a reload: the key is gone from memory; the code unlocks it again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Lås opp notatene dine' })).toBeVisible();
  await axe(page, 'unlock');
  // Another valid code does not open it …
  await page.getByLabel(s.code, { exact: true }).fill(codes[3]);
  await page.getByRole('button', { name: s.unlock, exact: true }).click();
  await expect(page.getByText('Koden låser ikke opp notatene på denne enheten.')).toBeVisible({ timeout: 20_000 });
  // … the right one does.
  await page.getByLabel(s.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: s.unlock, exact: true }).click();
  await expect(page.locator('main textarea')).toHaveValue(secret, { timeout: 20_000 });

  // A fresh context with the same code and a copy of the sealed records, but not the device secret.
  const sealed = await page.evaluate(() =>
    Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('mestring.store.') && k !== 'mestring.store.device')));
  const other = await browser.newContext();
  const fresh = await other.newPage();
  const seen2 = watch(fresh);
  await fresh.goto('/');
  await fresh.evaluate((items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v as string); }, sealed);
  await logIn(fresh, s, code);
  await expect(h1(fresh, s.consentTitle)).toBeVisible({ timeout: 20_000 });
  await fresh.getByRole('radio', { name: s.consentLater }).check();
  await fresh.getByRole('button', { name: s.save }).click();
  await expect(fresh.getByText(/Noen notater på denne enheten kan ikke leses/)).toBeVisible();
  await fresh.getByRole('navigation').getByRole('link', { name: s.tools }).click();
  await fresh.getByRole('link', { name: s.worry }).click();
  await fresh.getByRole('link', { name: s.worry1 }).click();
  await expect(fresh.getByText(s.unreadable)).toBeVisible();
  await expect(fresh.locator('main textarea')).toHaveValue('');
  for (const r of [...seen.requests, ...seen2.requests]) expect(r.body + r.url).not.toContain(secret);
  expect([...seen.foreign, ...seen2.foreign]).toEqual([]);
  expect([...seen.errors, ...seen2.errors]).toEqual([]);
  await other.close();
});
