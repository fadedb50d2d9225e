// The operator command creates a business and its first super user on the local D1 that the
// running edge serves; the printed one-time link lets that person set a password and log in.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { argon2id } from 'hash-wasm';
import { call, login, randomClient, remember, seed } from '../support/edge';
import { staffAttempt, staffLogin } from '../support/staff';

test('cargo xtask admin create-business prints an invite link that works once', async () => {
  test.setTimeout(120_000);
  const root = path.resolve(__dirname, '..', '..');
  const email = `leder.${Date.now()}@example.org`;
  const out = execFileSync('cargo', ['xtask', 'admin', 'create-business', '--name', "O'Brien legekontor",
    '--super-user', email, '--state', 'edge/.wrangler/state'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const link = out.trim().split('\n').pop()!;
  expect(link).toMatch(/\/staff\/invite#[A-Za-z0-9_-]{32}$/);
  const token = link.split('#')[1];
  const info = await call('POST', '/api/staff/invite/info', { invite_token: token });
  expect(info.status).toBe(200);
  expect(info.json.email).toBe(email);
  const raw = await argon2id({ password: 'Correct horse battery', salt: Buffer.from(info.json.salt, 'base64url'),
    parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
  const accepted = await call('POST', '/api/staff/invite/accept', { invite_token: token, password_hash: Buffer.from(raw).toString('base64url') });
  expect(accepted.status).toBe(200);
  expect(accepted.json).toMatchObject({ email, role: 'super_user', businesses: [{ name: "O'Brien legekontor" }] });
  expect((await call('POST', '/api/staff/invite/info', { invite_token: token })).status).toBe(404);
  expect((await staffAttempt(email, 'Correct horse battery')).status).toBe(200);
});

test('the operator makes a programme, invites its tool manager, and moves businesses in and out', async () => {
  test.setTimeout(240_000);
  const root = path.resolve(__dirname, '..', '..');
  const admin = (args: string[]) => execFileSync('cargo', ['xtask', 'admin', ...args, '--state', 'edge/.wrangler/state'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const name = `Region Nord ${Date.now()}`;
  const business = (await seed()).business.id;
  expect(admin(['create-programme', '--name', name])).toContain(`created: ${name}`);
  // The same name twice is refused.
  expect(() => admin(['create-programme', '--name', name])).toThrow();
  expect(admin(['programme-add', '--programme', name, '--business', business])).toContain('added');
  // A business that does not exist, or a programme that does not, is refused.
  expect(() => admin(['programme-add', '--programme', name, '--business', '0'.repeat(32)])).toThrow();
  expect(() => admin(['programme-add', '--programme', `${name} nowhere`, '--business', business])).toThrow();
  const email = `forvalter.${Date.now()}@example.org`;
  expect(() => admin(['invite-tool-manager', '--programme', `${name} nowhere`, '--email', email])).toThrow();
  const link = admin(['invite-tool-manager', '--programme', name, '--email', email]).trim().split('\n').pop()!;
  expect(link).toMatch(/\/staff\/invite#[A-Za-z0-9_-]{32}$/);
  const token = link.split('#')[1];
  const info = await call('POST', '/api/staff/invite/info', { invite_token: token });
  expect(info.status).toBe(200);
  const raw = await argon2id({ password: 'Correct horse battery', salt: Buffer.from(info.json.salt, 'base64url'),
    parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'binary' });
  const accepted = await call('POST', '/api/staff/invite/accept', { invite_token: token, password_hash: Buffer.from(raw).toString('base64url') });
  expect(accepted.status).toBe(200);
  expect(accepted.json).toMatchObject({ email, role: 'tool_manager', businesses: [{ id: business }] });
  const cookie = await staffLogin(email, 'Correct horse battery');
  const period = new Date().toISOString().slice(0, 7);
  expect((await call('GET', `/api/staff/stats?period=${period}&business=${business}`, undefined, { cookie })).status).toBe(200);
  expect((await call('GET', '/api/staff/participants', undefined, { cookie })).status).toBe(403);
  expect(admin(['programme-remove', '--programme', name, '--business', business])).toContain('removed');
  expect(() => admin(['programme-remove', '--programme', name, '--business', business])).toThrow();
  // Out of the programme, out of reach at once.
  expect((await call('GET', `/api/staff/stats?period=${period}&business=${business}`, undefined, { cookie })).status).toBe(403);
  expect((await call('GET', `/api/staff/stats?period=${period}`, undefined, { cookie })).status).toBe(403);
});

test('cargo xtask admin create-vouchers prints a CSV once; each voucher redeems once for a private code', async () => {
  test.setTimeout(120_000);
  const root = path.resolve(__dirname, '..', '..');
  const out = execFileSync('cargo', ['xtask', 'admin', 'create-vouchers', '--count', '3', '--label', 'Apotek "Nord"',
    '--expires', '2099-12-31', '--tool', 'worry', '--state', 'edge/.wrangler/state'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // Locally the command first applies the migrations (wrangler prints its own lines); the CSV
  // is what follows its header.
  const all = out.trim().split('\n');
  const lines = all.slice(all.indexOf('voucher,label,expires'));
  expect(lines[0]).toBe('voucher,label,expires');
  expect(lines).toHaveLength(4);
  const vouchers = lines.slice(1).map((l) => l.split(',')[0]);
  for (const l of lines.slice(1)) expect(l).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.,"Apotek ""Nord""",2099-12-31$/);
  remember('codes', vouchers);
  const first = await call('POST', '/api/vouchers/redeem', { voucher: vouchers[0] }, { from: randomClient() });
  expect(first.status, first.text).toBe(200);
  remember('codes', [first.json.code]);
  const { me } = await login(first.json.code, randomClient());
  expect(me.business).toBeNull();
  expect(me.consent.state).toBe('not_applicable');
  expect((await call('POST', '/api/vouchers/redeem', { voucher: vouchers[0] }, { from: randomClient() })).status).toBe(404);
});

test('cargo xtask admin private-counts: deployment-wide counts of private access, none of 1 to 9 shown', async () => {
  test.setTimeout(120_000);
  const root = path.resolve(__dirname, '..', '..');
  const admin = (args: string[], state: string) => execFileSync('cargo', ['xtask', 'admin', ...args, '--state', state],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const figures = (out: string) => Object.fromEntries(out.trim().split('\n').filter((l) => l.includes(': '))
    .map((l) => [l.slice(0, l.lastIndexOf(': ')), l.slice(l.lastIndexOf(': ') + 2)]));

  // A database of its own: 12 vouchers issued, none redeemed, nobody without a business.
  const own = `.mestring/counts-${Date.now()}`;
  try {
    admin(['create-vouchers', '--count', '12', '--label', 'Telling', '--expires', '2099-12-31'], own);
    const f = figures(admin(['private-counts'], own));
    expect(f['vouchers issued']).toBe('12');
    expect(f['vouchers redeemed']).toBe('fewer than 10');
    expect(f['their registrations']).toBe('fewer than 10');
    expect(Object.keys(f).find((k) => k.startsWith('participants without a business'))).toBeTruthy();
  } finally {
    rmSync(path.join(root, own), { recursive: true, force: true });
  }

  // The suite's database after one more redemption: every figure is 10 or more, or said to be
  // fewer than 10; none of 1 to 9 is printed.
  const s = await seed();
  const redeemed = await call('POST', '/api/vouchers/redeem', { voucher: s.vouchers[0] }, { from: randomClient() });
  expect(redeemed.status).toBe(200);
  remember('codes', [redeemed.json.code]);
  const live = figures(admin(['private-counts'], 'edge/.wrangler/state'));
  expect(Object.keys(live)).toHaveLength(4);
  for (const v of Object.values(live)) expect(v).toMatch(/^(fewer than 10|[1-9]\d+)$/);
});
