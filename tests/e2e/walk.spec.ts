// The full walk of a person with a code, in bokmål and in English (SPEC §3): login with a typo
// caught before any request, consent naming the business, a part of each coping tool, PHQ-9 and
// GAD-7 twice with both points in the chart, the safety path, change code, continue on another
// device, export, feedback and delete. Every page is checked with axe; no request leaves the
// origin and nothing is logged as an error.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seed, remember } from '../support/edge';
import { L, watch, axe, h1, logIn, answer, walkPart } from '../support/app';

for (const lang of ['nb', 'en'] as const) {
  test(`full walk in ${lang}`, async ({ page, browser }) => {
    test.setTimeout(240_000);
    const s = L[lang];
    const seen = watch(page);
    const { business, codes } = await seed();
    const code = codes[0];
    const notes = [`${lang} walk note ${Date.now()} worry`, `${lang} walk note ${Date.now()} low mood`];
    remember('texts', notes);

    await page.goto('/');
    if (s.switchTo) await page.getByRole('button', { name: s.switchTo }).click();

    // A typo is flagged in the browser, before any request.
    const last = code.slice(-1);
    const typo = code.slice(0, -1) + (last === '0' ? '1' : '0');
    const field = page.getByLabel(s.code, { exact: true });
    await field.fill(typo);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(s.typo)).toBeVisible();
    await page.getByRole('button', { name: s.login, exact: true }).click();
    expect(seen.requests.filter((r) => r.url.includes('/api/session'))).toEqual([]);
    await axe(page, 'login with typo');

    await logIn(page, s, code.toLowerCase().replace(/-/g, ' '));
    await expect(h1(page, s.consentTitle)).toBeVisible({ timeout: 20_000 });
    await axe(page, 'consent');
    await page.getByRole('radio', { name: s.consentYes(business.name) }).check();
    await page.getByRole('button', { name: s.save }).click();
    await expect(h1(page, s.home)).toBeVisible();
    await axe(page, 'home');

    // PHQ-9 with item 9 = 1: crisis resources at once, whatever the total.
    await page.getByRole('link', { name: s.phq9 }).click();
    await expect(h1(page, s.phq9)).toBeVisible();
    await axe(page, 'question');
    await answer(page, s, [3, 3, 2, 2, 2, 2, 2, 2, 1, 1], async (i) => {
      if (i === 8) {
        await expect(page.getByRole('heading', { name: s.crisis })).toBeVisible();
        for (const n of ['113', '116 117', '116 123']) await expect(page.getByRole('link', { name: new RegExp(n) })).toBeVisible();
        await axe(page, 'crisis');
      }
    });
    await expect(page.getByText(s.saved)).toBeVisible();
    await expect(page.getByRole('heading', { name: s.crisis })).toBeVisible();
    await axe(page, 'result');

    for (const [title, values] of [
      [s.gad7, [3, 3, 3, 2, 2, 2, 2]],
      [s.phq9, [1, 1, 0, 0, 1, 0, 1, 0, 0, 0]],
      [s.gad7, [0, 1, 0, 0, 1, 0, 0]],
    ] as [string, number[]][]) {
      // Not due again for 14 days: filled in anyway from the history page.
      await page.getByRole('navigation').getByRole('link', { name: s.history }).click();
      await page.getByRole('link', { name: title }).click();
      await answer(page, s, values);
      await expect(page.getByText(s.saved)).toBeVisible();
    }

    // History: one chart per instrument with both points, reliable change marked.
    await page.getByRole('navigation').getByRole('link', { name: s.history }).click();
    await expect(h1(page, s.history)).toBeVisible();
    for (const title of [s.phq9, s.gad7]) {
      const section = page.locator('section.chart-section', { has: page.getByRole('heading', { level: 2, name: title }) });
      await expect(section.getByRole('img', { name: title })).toBeVisible();
      await expect(section.locator('circle.point')).toHaveCount(2);
      await expect(section.locator('circle.ring.improved')).toHaveCount(1);
      await expect(section.getByRole('row')).toHaveCount(3);
      await expect(section.getByRole('cell', { name: s.improved })).toBeVisible();
    }
    await axe(page, 'history');

    // A part of each coping tool.
    for (const [tool, part, note] of [[s.worry, s.worry1, notes[0]], [s.low, s.low1, notes[1]]]) {
      await page.getByRole('navigation').getByRole('link', { name: s.tools }).click();
      await expect(h1(page, s.tools)).toBeVisible();
      await page.getByRole('link', { name: tool }).click();
      await expect(h1(page, tool)).toBeVisible();
      await page.getByRole('link', { name: part }).click();
      await expect(h1(page, part)).toBeVisible();
      await walkPart(page, s, note);
    }
    await axe(page, 'tool part done');
    await page.getByRole('link', { name: s.toParts }).click();
    await expect(h1(page, s.low)).toBeVisible();
    await axe(page, 'tool');

    // Settings: sharing state, feedback, code change, device link, exports, delete.
    await page.getByRole('navigation').getByRole('link', { name: s.settings }).click();
    await expect(h1(page, s.settings)).toBeVisible();
    await expect(page.getByText(`${s.sharing} ${business.name}`)).toBeVisible();
    await axe(page, 'settings');

    await page.getByLabel(s.feedbackText).fill('Calm and clear.');
    await page.getByRole('button', { name: s.feedbackSend }).click();
    await expect(page.getByText(s.feedbackSent)).toBeVisible();

    await page.getByRole('button', { name: s.newCode }).click();
    const shown = page.locator('#new-code strong');
    await expect(shown).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/, { timeout: 20_000 });
    const newCode = (await shown.textContent())!;
    remember('codes', [newCode]);
    await axe(page, 'new code');
    // Typed back (forgivingly: lower case, spaces) to confirm; only then is the code changed.
    const typeBack = page.getByRole('group', { name: s.typeBack }).getByLabel(s.code, { exact: true });
    await typeBack.fill(newCode.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: s.confirmCode }).click();
    await expect(page.getByText(s.changed)).toBeVisible({ timeout: 20_000 });
    await axe(page, 'code changed');

    await page.getByRole('button', { name: s.linkMake }).click();
    const linkCode = (await page.getByTestId('link-code').textContent())!;
    const other = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'nb-NO' });
    const second = await other.newPage();
    const seen2 = watch(second);
    await second.goto('/');
    await second.getByLabel(s.linkLabel).fill(linkCode);
    await second.getByRole('button', { name: s.linkGo }).click();
    await expect(h1(second, s.home)).toBeVisible();
    await second.getByRole('navigation').getByRole('link', { name: s.history }).click();
    await expect(second.locator('circle.point')).toHaveCount(4);
    expect(seen2.foreign).toEqual([]);
    expect(seen2.errors).toEqual([]);
    await other.close();

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.exportJson }).click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported.responses).toHaveLength(4);
    expect(exported.consent.state).toBe('granted');
    const [fhir] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.exportFhir }).click()]);
    const bundle = JSON.parse(readFileSync((await fhir.path())!, 'utf8'));
    expect(bundle.resourceType).toBe('Bundle');
    const [local] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: s.exportLocal }).click()]);
    const mine = JSON.parse(readFileSync((await local.path())!, 'utf8'));
    expect(mine.notes.map((n: any) => n.text).sort()).toEqual([...notes].sort());

    // The local notes survived the re-keying under the new code.
    await page.getByLabel(s.deleteLabel).fill('nope');
    await page.getByRole('button', { name: s.deleteButton }).click();
    await expect(page.getByText(s.deleteMismatch)).toBeVisible();
    await page.getByLabel(s.deleteLabel).fill(s.deleteWord);
    await page.getByRole('button', { name: s.deleteButton }).click();
    await expect(page.getByText(s.deleted)).toBeVisible();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mestring.store')))).toEqual([]);
    await logIn(page, s, newCode);
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();

    // Nothing typed into a local-only field went out; nothing went elsewhere; no errors.
    for (const r of seen.requests) for (const n of notes) expect(r.body + r.url).not.toContain(n);
    expect(seen.foreign).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}
