// The first-load budget (issue 17): what Chromium fetches for the login page until it is usable
// stays ≤ 150 KB brotli. `cargo xtask bench` reports the same figure; this test keeps a new
// string or dependency on the first-load path from spending the margin unnoticed. Bytes, not
// time: the count is the same on any machine.
import { test, expect, Request } from '@playwright/test';
import zlib from 'node:zlib';

const BUDGET = 150_000;

const brotli = (body: Buffer) =>
  zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

test('the login page loads within 150 KB brotli, everything it fetches counted', async ({ page }) => {
  // Usable = the app has mounted its own code field (not the static one index.html paints).
  await page.addInitScript(() => {
    const mark = () => {
      if (!(window as any).__ready && document.querySelector('main input:not(#boot *)')) (window as any).__ready = true;
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  });
  const seen: Request[] = [];
  page.on('requestfinished', (r) => seen.push(r));
  await page.goto('/');
  await page.waitForFunction(() => (window as any).__ready === true);
  await page.waitForLoadState('networkidle');

  const files: { path: string; brotli: number }[] = [];
  for (const r of seen.splice(0)) {
    // The service worker's own precache is background work after the page is usable.
    if (r.serviceWorker() || r.url().startsWith('data:')) continue;
    const res = await r.response();
    if (!res) continue;
    files.push({ path: new URL(r.url()).pathname, brotli: brotli(await res.body()) });
  }
  const total = files.reduce((a, f) => a + f.brotli, 0);
  const listing = files.map((f) => `${f.path} ${f.brotli}`).join('\n');
  test.info().annotations.push({ type: 'first load, brotli bytes', description: String(total) });
  // The wasm module is counted: a page that loaded no wasm would pass for the wrong reason.
  expect(files.some((f) => /\/assets\/app_bg\.[0-9a-f]{16}\.wasm$/.test(f.path)), listing).toBe(true);
  expect(total, listing).toBeLessThanOrEqual(BUDGET);
});
