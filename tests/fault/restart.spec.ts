// Fault test (issue 7): `wrangler dev` is killed (SIGKILL, the whole process group) in the
// middle of a burst of questionnaire submissions from the real app, and restarted on the same
// port and database. The app's retry queue must lose nothing and duplicate nothing.
import { test, expect, Page } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { call, seed } from '../support/edge';
import { L, h1, logIn, answer } from '../support/app';

const url = new URL(process.env.MESTRING_URL!);
const state = process.env.FAULT_STATE!;
const wrangler = process.env.FAULT_WRANGLER_JS!;
const edgeDir = process.env.FAULT_EDGE_DIR!;
const logFile = process.env.FAULT_LOG!;

function start(): ChildProcess {
  const log = openSync(logFile, 'a');
  return spawn(process.execPath, [wrangler, 'dev', '--ip', '127.0.0.1', '--port', url.port,
    '--show-interactive-dev-session=false', '--persist-to', state], { cwd: edgeDir, detached: true, stdio: ['ignore', log, log] });
}

async function ready(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try { if ((await call('GET', '/api/health')).status === 200) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('wrangler dev did not come up');
}

function kill(child: ChildProcess): void {
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
}

const queued = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mestring.store.r.queue:')).length);

test('a killed and restarted edge loses no queued answer and stores none twice', async ({ page, context }) => {
  const s = L.nb;
  let server = start();
  try {
    await ready();
    const { codes } = await seed();
    await page.goto('/');
    await logIn(page, s, codes[0]);
    await page.getByRole('radio', { name: s.consentLater }).check();
    await page.getByRole('button', { name: s.save }).click();
    await expect(h1(page, s.home)).toBeVisible({ timeout: 20_000 });
    const cookie = (await context.cookies()).filter((c) => c.name === '__Host-mestring').map((c) => `${c.name}=${c.value}`)[0];

    // Nine scored items and the difficulty question.
    const burst = [[1, 1, 1, 1, 1, 1, 1, 1, 0, 1], [2, 2, 2, 2, 2, 2, 2, 2, 0, 2], [3, 3, 3, 3, 0, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 1, 0, 0]];
    for (const [i, values] of burst.entries()) {
      await page.getByRole('navigation').getByRole('link', { name: s.home }).click();
      await expect(h1(page, s.home)).toBeVisible();
      // Once answered, PHQ-9 is not due, so home no longer links it: route there in the app.
      await page.evaluate(() => { history.pushState({}, '', '/check/phq9'); dispatchEvent(new PopStateEvent('popstate')); });
      await expect(h1(page, s.phq9)).toBeVisible();
      await answer(page, s, values);
      if (i === 1) kill(server); // the second submission is in flight when the edge dies
      if (i === 0) await expect(page.getByText(s.saved)).toBeVisible();
    }
    // While the edge is down, what could not be sent waits encrypted on the device.
    expect(await queued(page)).toBeGreaterThan(0);

    server = start();
    await ready();
    await expect.poll(async () => (await call('GET', '/api/me/responses', undefined, { cookie })).json?.responses?.length,
      { timeout: 60_000 }).toBe(burst.length);
    await expect.poll(() => queued(page), { timeout: 30_000 }).toBe(0);
    const stored = (await call('GET', '/api/me/responses', undefined, { cookie })).json.responses;
    expect(new Set(stored.map((r: any) => r.id)).size).toBe(burst.length);
    expect(stored.map((r: any) => r.score.total).sort((a: number, b: number) => a - b)).toEqual([4, 8, 12, 16]);
  } finally {
    kill(server);
  }
});
