// SPEC §3.11: answers given offline are kept encrypted and sent with their original id when the
// connection returns: exactly one response stored. The questionnaire is driven by keyboard only.
import { test, expect, Page } from '@playwright/test';
import { seed, call } from '../support/edge';
import { L, watch, axe, h1, logIn } from '../support/app';

async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (text === name) return;
  }
  throw new Error(`could not reach ${name} with Tab`);
}

test('offline answers are queued and sent once when the connection returns; keyboard only', async ({ page, context }) => {
  test.setTimeout(120_000);
  const s = L.nb;
  const seen = watch(page);
  const { codes } = await seed();
  await page.goto('/');
  await logIn(page, s, codes[2]);
  await page.getByRole('radio', { name: s.consentLater }).check();
  await page.getByRole('button', { name: s.save }).click();
  await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });

  await context.setOffline(true);
  await page.getByRole('link', { name: s.gad7 }).focus();
  await page.keyboard.press('Enter');
  await expect(h1(page, s.gad7)).toBeFocused();
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio').first()).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio').nth(1)).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: s.next, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    if (i < 6) await expect(page.locator('#q-position')).toHaveText(`Spørsmål ${i + 2} av 7`);
    await expect(page.locator('#q-position')).toBeFocused();
  }
  await expect(page.getByRole('heading', { level: 2, name: s.review })).toBeFocused();
  await axe(page, 'review');
  await tabTo(page, s.submit);
  await page.keyboard.press('Enter');
  await expect(page.getByText(s.offline)).toBeVisible();
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mestring.store.r.queue:')));
  expect(queued).toHaveLength(1);

  await context.setOffline(false);
  const cookie = (await context.cookies()).filter((c) => c.name === '__Host-mestring').map((c) => `${c.name}=${c.value}`)[0];
  await expect.poll(async () => (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses.length, { timeout: 30_000 }).toBe(1);
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mestring.store.r.queue:')).length)).toBe(0);
  // A later flush (reload + unlock) sends nothing twice.
  await page.getByRole('navigation').getByRole('link', { name: s.home }).click();
  await expect(h1(page, s.home)).toBeVisible();
  const stored = (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses;
  expect(stored).toHaveLength(1);
  expect(stored[0].score.total).toBe(7);
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});
