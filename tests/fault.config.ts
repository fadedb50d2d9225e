// `cargo xtask fault` only: the test starts, kills and restarts `wrangler dev` itself, so it
// cannot share the servers of the main suite.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './fault',
  outputDir: '../.mestring/fault-results',
  timeout: 240_000,
  reporter: [['list']],
  projects: [{ name: 'fault', testMatch: ['**/*.spec.ts'] }],
});
