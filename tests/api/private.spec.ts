// Private access by voucher (issue 18, SPEC §1 "private person"): a voucher redeems once, even
// when two redemptions race; spent, unknown, expired and malformed vouchers get one identical
// answer; redemption is throttled like login; the code works with no business and no consent
// question; and the database keeps nothing that leads from the voucher to the code.
import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { call, dumpD1, executeD1, login, randomClient, remember, seed, uuid, iso, phq9 } from '../support/edge';

const root = path.resolve(__dirname, '..', '..');

/** The local CODE_HMAC_KEY (generated `.dev.vars`), to store a voucher the way the operator
 *  tool does, e.g. an expired one. */
function codeKey(): string {
  const line = readFileSync(path.join(root, 'edge/.dev.vars'), 'utf8').split('\n').find((l) => l.startsWith('CODE_HMAC_KEY='));
  return line!.slice('CODE_HMAC_KEY='.length).trim();
}

function voucherHash(voucher: string): string {
  return createHmac('sha256', codeKey()).update(`voucher:${voucher.replace(/-/g, '')}`).digest('hex');
}

async function redeem(voucher: string, from = randomClient()) {
  return call('POST', '/api/vouchers/redeem', { voucher }, { from });
}

test('a voucher redeems once, also when two redemptions race', async () => {
  const s = await seed();
  expect(s.vouchers.length).toBeGreaterThanOrEqual(3);
  for (const v of s.vouchers) expect(v).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=U]$/);

  const [a, b] = await Promise.all([redeem(s.vouchers[0]), redeem(s.vouchers[0])]);
  const ok = [a, b].filter((r) => r.status === 200);
  expect(ok.length, `${a.status} ${b.status}`).toBe(1);
  expect([a, b].filter((r) => r.status === 404).length).toBe(1);
  const code = ok[0].json.code as string;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
  remember('codes', [code]);
  // And later, again: still refused.
  expect((await redeem(s.vouchers[0])).status).toBe(404);
  // A second voucher gives another code.
  const other = await redeem(s.vouchers[1]);
  expect(other.status).toBe(200);
  expect(other.json.code).not.toBe(code);
  remember('codes', [other.json.code]);
});

test('spent, unknown, expired and malformed vouchers get one identical answer', async () => {
  const s = await seed();
  const spent = s.vouchers[0];
  expect((await redeem(spent)).status).toBe(200);
  // An expired voucher, stored as the operator tool stores one.
  // A typo in the check symbol.
  const typo = s.vouchers[1].slice(0, 15) + (s.vouchers[1].endsWith('0') ? '1' : '0');
  const fresh = await seed();
  const expiredVoucher = fresh.vouchers[0];
  executeD1(`UPDATE vouchers SET expires_on = '2020-01-01' WHERE voucher_hash = '${voucherHash(expiredVoucher)}'`);
  const unknown = s.codes[0]; // a well-formed code that is no voucher
  const answers = [];
  for (const v of [spent, unknown, expiredVoucher, 'not a voucher', typo]) {
    const r = await redeem(v);
    answers.push(r);
  }
  for (const r of answers) {
    expect(r.status, r.text).toBe(404);
    expect(r.text).toBe(answers[0].text);
  }
  expect(answers[0].json.error.code).toBe('voucher_not_valid');
  // The expired voucher was refused for its date only: its row is untouched (not spent).
  expect(dumpD1()).toMatch(new RegExp(`'${voucherHash(expiredVoucher)}','[^']*','low_mood','standard','2020-01-01',0\\)`));
});

test('redemption is throttled like login', async () => {
  const from = randomClient();
  let last;
  for (let i = 0; i < 8; i++) {
    last = await redeem('AAAA-AAAA-AAAA-A', from);
    if (last.status === 429) break;
  }
  expect(last!.status).toBe(429);
  expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
});

test('a private participant: no business, consent not applicable, everything else works', async () => {
  const s = await seed();
  const r = await redeem(s.vouchers[2]);
  expect(r.status).toBe(200);
  const code = r.json.code;
  remember('codes', [code]);
  const { cookie, me } = await login(code);
  expect(me.business).toBeNull();
  expect(me.consent).toEqual({ state: 'not_applicable', since: null, renewal_prompt: false });
  // The voucher's tool and plan came along.
  expect(me.progress).not.toBeNull();
  // No consent to give or withdraw, no renewal to answer.
  const share = await call('POST', '/api/me/consent', { share: true }, { cookie });
  expect(share.status).toBe(409);
  expect(share.json.error.code).toBe('consent_not_applicable');
  expect((await call('POST', '/api/me/consent/renewal', { still_followed_up: true }, { cookie })).status).toBe(409);
  // A questionnaire.
  const sent = await call('POST', '/api/me/responses', {
    id: uuid(), instrument: 'phq9', version: '1.0.0', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]),
    completed_at: iso(Date.now()), lang: 'nb',
  }, { cookie });
  expect(sent.status, sent.text).toBe(200);
  // Export: no business, consent not applicable, the response there.
  const exp = await call('GET', '/api/me/export?format=json', undefined, { cookie });
  expect(exp.status).toBe(200);
  expect(exp.json.consent.state).toBe('not_applicable');
  expect(exp.json.consent_events).toEqual([]);
  expect(exp.json.responses.length).toBe(1);
  // The issue time is kept to the day only.
  expect(exp.json.issued_at).toMatch(/T00:00:00(\.000)?Z$/);
  // Delete everything: the code stops working.
  expect((await call('DELETE', '/api/me', undefined, { cookie })).status).toBe(200);
  expect((await call('POST', '/api/session', { code }, { from: randomClient() })).status).toBe(401);
});

test('after redemption the database holds nothing that leads from the voucher to the code', async () => {
  const s = await seed();
  const voucher = s.vouchers[3];
  const r = await redeem(voucher);
  expect(r.status).toBe(200);
  const code: string = r.json.code;
  remember('codes', [code]);
  const dump = dumpD1();
  const normalised = code.replace(/-/g, '');
  const codeHash = createHmac('sha256', codeKey()).update(normalised).digest('hex');
  // Neither secret in clear; the voucher only as its keyed hash.
  for (const secret of [voucher, voucher.replace(/-/g, ''), code, normalised]) expect(dump).not.toContain(secret);
  const voucherRow = dump.split('\n').find((l) => l.includes(voucherHash(voucher)))!;
  const participantRow = dump.split('\n').find((l) => l.includes(codeHash))!;
  expect(voucherRow, 'the voucher row').toBeTruthy();
  expect(participantRow, 'the participant row').toBeTruthy();
  expect(voucherRow).toMatch(/,1\);?$/); // spent
  expect(participantRow).toContain(',NULL,'); // no business
  // The only values the two rows share are the batch's tool and plan (shared by the whole
  // batch) and flags: no id, no hash, no time.
  const fields = (row: string) => row.replace(/^.*VALUES\s*\(/, '').replace(/\);?\s*$/, '').split(',').map((v) => v.trim());
  const values = (row: string) => new Set(fields(row));
  const shared = [...values(voucherRow)].filter((v) => values(participantRow).has(v));
  for (const v of shared) expect(["'low_mood'", "'standard'", 'NULL', '0', '1']).toContain(v);
  // No time on the voucher at all, and the participant's issue time is a day boundary.
  const times = (row: string) => fields(row).map(Number).filter((n) => n > 1_000_000_000_000);
  for (const t of times(participantRow)) expect(t % 86_400_000).toBe(0);
  // The first login, seconds later, is kept to its day as well.
  await login(code);
  const after = dumpD1().split('\n').find((l) => l.includes(codeHash))!;
  expect(times(after).length, after).toBe(2);
  for (const t of times(after)) expect(t % 86_400_000).toBe(0);
});
