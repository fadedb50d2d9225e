// The feedback desk: a message reaches the support role with a stable pseudonym of its sender
// (never the reference, never an e-mail), handling erases the text at once (P9), and the sender
// sees that it was received and when it was handled.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { argon2id } from 'hash-wasm';
import { call, seed, login, dumpD1, remember } from '../support/edge';
import { staffLogin, staffAttempt } from '../support/staff';

type Seeded = Awaited<ReturnType<typeof seed>>;
const account = (s: Seeded, role: string) => s.staff.find((x: any) => x.role === role)!;

test('support reads feedback under a pseudonym, handles it, and the sender sees it handled', async () => {
  const s = await seed();
  const support = await staffLogin(account(s, 'support').email, account(s, 'support').password);
  const pro = await staffLogin(account(s, 'professional').email, account(s, 'professional').password);
  const alice = (await login(s.codes[0])).cookie;
  const bob = (await login(s.codes[1])).cookie;
  const stamp = Date.now();
  const texts = [`The breathing part helped ${stamp}`, `Please add a night mode ${stamp}`, `Too long ${stamp}`];
  // Only the message that gets handled must be gone from the database at the end of the suite.
  remember('texts', [texts[0]]);
  expect((await call('POST', '/api/feedback', { kind: 'evaluation', text: texts[0] }, { cookie: alice })).status).toBe(201);
  expect((await call('POST', '/api/feedback', { kind: 'suggestion', text: texts[1] }, { cookie: alice })).status).toBe(201);
  expect((await call('POST', '/api/feedback', { kind: 'suggestion', text: texts[2] }, { cookie: bob })).status).toBe(201);
  const staffText = `Staff: the slip printer cuts the code ${stamp}`;
  expect((await call('POST', '/api/staff/feedback', { kind: 'suggestion', text: staffText }, { cookie: pro })).status).toBe(201);

  // The sender sees receipts, never the text.
  const mine = (await call('GET', '/api/me/feedback', undefined, { cookie: alice })).json.feedback;
  expect(mine).toHaveLength(2);
  expect(Object.keys(mine[0]).sort()).toEqual(['handled_at', 'id', 'kind', 'sent_at']);
  expect(mine.every((f: any) => f.handled_at === null)).toBe(true);

  // Only the desk reads the desk.
  expect((await call('GET', '/api/staff/feedback', undefined, { cookie: pro })).status).toBe(403);
  expect((await call('GET', '/api/staff/feedback')).status).toBe(401);
  const desk = (await call('GET', '/api/staff/feedback', undefined, { cookie: support })).json.feedback;
  const item = (text: string) => desk.find((f: any) => f.text === text);
  const [a1, a2, b1, st] = [item(texts[0]), item(texts[1]), item(texts[2]), item(staffText)];
  expect(a1.sender).toMatch(/^P-[0-9a-f]{8}$/);
  expect(a2.sender).toBe(a1.sender);
  expect(b1.sender).not.toBe(a1.sender);
  expect(st.sender).toMatch(/^S-[0-9a-f]{8}$/);
  expect(JSON.stringify(desk)).not.toContain(s.codes[0].slice(0, 4));
  expect(JSON.stringify(desk)).not.toContain('@');

  // Handled: the text goes at once; idempotent; 404 for no such message; the desk only.
  const handle = (id: string, cookie = support) => call('POST', `/api/staff/feedback/${id}/handled`, undefined, { cookie });
  expect((await handle(a1.id, pro)).status).toBe(403);
  expect((await handle(a1.id)).status).toBe(204);
  expect((await handle(a1.id)).status).toBe(204);
  expect((await handle('999999999')).status).toBe(404);
  expect((await handle('nope')).status).toBe(404);
  const after = (await call('GET', '/api/staff/feedback', undefined, { cookie: support })).json.feedback;
  expect(after.map((f: any) => f.id)).not.toContain(a1.id);
  const receipts = (await call('GET', '/api/me/feedback', undefined, { cookie: alice })).json.feedback;
  const handled = receipts.find((f: any) => f.id === a1.id);
  expect(Date.parse(handled.handled_at)).not.toBeNaN();
  const exported = (await call('GET', '/api/me/export?format=json', undefined, { cookie: alice })).json.feedback;
  expect(exported.find((f: any) => f.id === a1.id).text).toBeNull();
  expect(exported.find((f: any) => f.id === a2.id).text).toBe(texts[1]);

  const dump = dumpD1();
  expect(dump).not.toContain(texts[0]);
  expect(dump).toContain(texts[1]);
  expect(dump).toContain("'read_feedback'");
  expect(dump).toContain("'handle_feedback'");
});

test('cargo xtask admin create-support makes a desk account with no business', async () => {
  test.setTimeout(120_000);
  const root = path.resolve(__dirname, '..', '..');
  const email = `desk.${Date.now()}@example.org`;
  const out = execFileSync('cargo', ['xtask', 'admin', 'create-support', '--email', email,
    '--state', 'edge/.wrangler/state'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const token = out.trim().split('\n').pop()!.split('#')[1];
  const info = (await call('POST', '/api/staff/invite/info', { invite_token: token })).json;
  const raw = await argon2id({ password: 'Desk horse battery', salt: Buffer.from(info.salt, 'base64url'),
    parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
  const accepted = await call('POST', '/api/staff/invite/accept', { invite_token: token, password_hash: Buffer.from(raw).toString('base64url') });
  expect(accepted.status).toBe(200);
  expect(accepted.json).toMatchObject({ email, role: 'support', businesses: [] });
  expect((await staffAttempt(email, 'Desk horse battery')).status).toBe(200);
});
