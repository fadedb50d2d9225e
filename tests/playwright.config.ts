// Run by `cargo xtask test`, which starts two `wrangler dev` servers with fresh local D1 databases
// and passes their addresses: MESTRING_URL (dev config) and MESTRING_PRODUCTION_URL (production
// config, no dev calls). Never downloads a browser: Debian's Chromium is used.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.MESTRING_URL;
if (!baseURL) throw new Error('MESTRING_URL is not set: run the tests through `cargo xtask test`');

export default defineConfig({
  testDir: '.',
  outputDir: '../.mestring/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [['list'], ['json']],
  projects: [
    { name: 'suite', testMatch: ['api/**/*.spec.ts', 'e2e/**/*.spec.ts'] },
    // After everything else: what the whole suite left in the database.
    { name: 'final', testMatch: ['final/**/*.spec.ts'], dependencies: ['suite'] },
  ],
  use: {
    baseURL,
    // Most users are Norwegian; English is tested by switching and by an English browser context.
    locale: 'nb-NO',
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
