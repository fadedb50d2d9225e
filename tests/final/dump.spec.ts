// Runs after every other test (a dependent Playwright project): a full dump of the local D1
// holds no access code in clear, no IP address and none of the local-only texts typed.
import { test, expect } from '@playwright/test';
import { dumpD1, remembered } from '../support/edge';

test('the D1 dump after the suite holds no code in clear, no IP address, no local-only text', async () => {
  const dump = dumpD1();
  const codes = remembered('codes');
  expect(codes.length).toBeGreaterThan(10);
  for (const code of codes) {
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.replace(/-/g, ''));
  }
  for (const text of remembered('texts')) expect(dump).not.toContain(text);
  expect(dump).not.toMatch(/\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
  expect(dump).not.toMatch(/\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|::1\b/i);
  expect(dump.toLowerCase()).not.toContain('mozilla/');
});
