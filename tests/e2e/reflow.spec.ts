// WCAG 2.2 SC 1.4.10 Reflow on the device most users have: at a 320 px wide viewport no page
// scrolls sideways, logged out and in, end user and staff, in bokmål and English. Staff tables
// may scroll inside their own container; the document may not. And no page shows a raw ISO date
// or timestamp: dates are written as people read them, in their language.
import { test, expect, Page } from '@playwright/test';
import { call, login, seed } from '../support/edge';
import { L, h1, logIn, answer } from '../support/app';

test.use({ viewport: { width: 320, height: 640 } });

async function width(page: Page, path: string): Promise<[string, number]> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  // Let late content (charts, lists) render before measuring.
  await page.waitForLoadState('networkidle');
  const w = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
  return [path, w];
}

for (const lang of ['nb', 'en'] as const) {
  test(`every page reflows at 320 px (${lang})`, async ({ page }) => {
    test.setTimeout(180_000);
    const s = L[lang];
    const { business, codes, staff } = await seed();
    await page.goto('/');
    if (s.switchTo) await page.getByRole('button', { name: s.switchTo }).click();
    const wide: [string, number][] = [];
    const iso: [string, string][] = [];
    const measure = async (path: string) => {
      const [p, w] = await width(page, path);
      if (w > 320) {
        // Name the widest element, so a failure says what to fix.
        const culprit = await page.evaluate(() => {
          let best = '';
          let right = 0;
          for (const el of Array.from(document.querySelectorAll('body *'))) {
            const r = el.getBoundingClientRect();
            if (r.right > right + 0.5) {
              right = r.right;
              best = `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 40)}"`;
            }
          }
          return best;
        });
        wide.push([`${p} ${culprit}`, w]);
      }
      const text = await page.evaluate(() => document.body.innerText);
      for (const m of text.match(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g) ?? []) iso.push([p, m]);
    };
    for (const p of ['/', '/help', '/privacy', '/staff', '/staff/privacy', '/no-such-page']) await measure(p);

    await page.goto('/');
    await logIn(page, s, codes[0]);
    await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
    await measure('/consent');
    await page.getByRole('radio', { name: s.consentYes(business.name) }).check();
    await page.getByRole('button', { name: s.save }).click();
    await expect(h1(page, s.home)).toBeVisible();
    // Something to show in the history, the chart and the staff overview.
    await page.getByRole('link', { name: s.phq9 }).click();
    await answer(page, s, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    await expect(page.getByText(s.saved)).toBeVisible();
    for (const p of ['/home', '/tools', '/tools/worry', '/tools/worry/understanding_worry', '/check/phq9', '/check/gad7', '/history', '/settings', '/help', '/privacy']) {
      await measure(p);
    }

    const sup = staff.find((x: any) => x.role === 'super_user');
    await page.goto('/staff');
    await page.getByLabel(lang === 'nb' ? 'E-post' : 'E-mail', { exact: true }).fill(sup.email);
    await page.getByLabel(lang === 'nb' ? 'Passord' : 'Password', { exact: true }).fill(sup.password);
    await page.getByRole('button', { name: s.login, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Logg inn for ansatte|Staff login/, { timeout: 20_000 });
    for (const p of ['/staff', '/staff/stats', '/staff/users', '/staff/business', '/staff/feedback', '/staff/security', '/staff/privacy']) {
      await measure(p);
    }
    await page.goto('/staff');
    const detail = await page.locator('a[href^="/staff/participants/"]').first().getAttribute('href');
    await measure(detail!);

    // The support desk's page, with a message whose one long word must wrap, not widen the page.
    const { cookie } = await login(codes[1]);
    const word = `Tilbakemeldingsknappene${lang}forsmåpåtelefonen`.repeat(3);
    expect((await call('POST', '/api/feedback', { kind: 'evaluation', text: word }, { cookie })).status).toBe(201);
    const support = staff.find((x: any) => x.role === 'support');
    await page.locator('.staff-nav').getByRole('button', { name: lang === 'nb' ? 'Logg ut' : 'Log out' }).click();
    await page.goto('/staff/feedback');
    await page.getByLabel(lang === 'nb' ? 'E-post' : 'E-mail', { exact: true }).fill(support.email);
    await page.getByLabel(lang === 'nb' ? 'Passord' : 'Password', { exact: true }).fill(support.password);
    await page.getByRole('button', { name: s.login, exact: true }).click();
    await expect(page.getByText(word)).toBeVisible({ timeout: 20_000 });
    await measure('/staff/feedback');
    expect(wide).toEqual([]);
    expect(iso).toEqual([]);
  });
}
