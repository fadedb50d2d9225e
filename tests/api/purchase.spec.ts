// Card purchase (issue 18): the edge creates a Stripe Checkout Session (here against the local
// stand-in that `cargo xtask test` starts: Stripe itself is not reachable from the test
// machine), the webhook is verified with Stripe's signature scheme (signed here with the
// official `stripe` package's test helper), and the claim is exchanged once for a code. The
// production config has no Stripe configuration: there the purchase calls answer 404.
import { test, expect } from '@playwright/test';
import http from 'node:http';
import Stripe from 'stripe';
import { call, dumpD1, login, randomClient, remember } from '../support/edge';

const secret = process.env.MESTRING_STRIPE_WEBHOOK_SECRET!;
const standIn = process.env.MESTRING_STRIPE_STANDIN!;
const stripe = new Stripe('sk_test_unused_by_the_helper');

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    }).on('error', reject);
  });
}

/** What Stripe would send for a paid Checkout Session with our reference. */
function completed(reference: string, paymentStatus = 'paid'): string {
  return JSON.stringify({
    id: `evt_test_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type: 'checkout.session.completed',
    data: { object: { id: 'cs_test_x', object: 'checkout.session', client_reference_id: reference, payment_status: paymentStatus, amount_total: 19900, currency: 'nok' } },
  });
}

function webhook(payload: string, signature?: string) {
  return call('POST', '/api/purchase/webhook', undefined, {
    raw: payload,
    contentType: 'application/json; charset=utf-8',
    headers: signature === undefined ? {} : { 'stripe-signature': signature },
  });
}

async function checkout(): Promise<{ url: string; claim: string; reference: string }> {
  const res = await call('POST', '/api/purchase/checkout', undefined, { from: randomClient() });
  expect(res.status, res.text).toBe(200);
  const form = new URLSearchParams(await get(`${standIn}/last`));
  return { ...res.json, reference: form.get('client_reference_id')! };
}

test('purchase is off where Stripe is not configured (the production config here)', async () => {
  const prod = process.env.MESTRING_PRODUCTION_URL!;
  const answer = await fetch(`${prod}/api/purchase/checkout`, { method: 'POST' });
  expect(answer.status).toBe(404);
  expect((await answer.json()).error.code).toBe('purchase_not_configured');
  const info = await (await fetch(`${prod}/api/purchase`)).json();
  expect(info).toEqual({ available: false });
  expect((await call('GET', '/api/purchase')).json).toEqual({ available: true });
});

test('checkout sends Stripe only a price, our claim hash and the return URLs', async () => {
  const { url, claim } = await checkout();
  expect(url.startsWith(standIn)).toBe(true);
  expect(claim).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const form = new URLSearchParams(await get(`${standIn}/last`));
  expect(form.get('mode')).toBe('payment');
  expect(form.get('line_items[0][quantity]')).toBe('1');
  expect(form.get('client_reference_id')).toMatch(/^[0-9a-f]{64}$/);
  expect(form.get('client_reference_id')).not.toContain(claim);
  expect(form.get('success_url')).toMatch(new RegExp(`/purchase#claim=${claim}$`));
  expect([...form.keys()].sort()).toEqual(['cancel_url', 'client_reference_id', 'line_items[0][price]', 'line_items[0][quantity]', 'mode', 'success_url']);
});

test('the webhook: a valid signature marks paid; a missing, wrong or old one and a replay are refused; the claim works once', async () => {
  const { claim, reference } = await checkout();
  // Not paid yet.
  const early = await call('POST', '/api/purchase/claim', { claim }, { from: randomClient() });
  expect(early.status).toBe(409);
  expect(early.json.error.code).toBe('not_paid');

  const payload = completed(reference);
  // No signature, a wrong secret, a tampered body, an old timestamp: one 401, nothing marked.
  const refused = [
    await webhook(payload),
    await webhook(payload, stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' })),
    await webhook(payload.replace('19900', '100'), stripe.webhooks.generateTestHeaderString({ payload, secret })),
    await webhook(payload, stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 600 })),
    await webhook('not json', 't=1,v1=00'),
  ];
  for (const r of refused) {
    expect(r.status, r.text).toBe(401);
    expect(r.json.error.code).toBe('bad_signature');
  }
  expect((await call('POST', '/api/purchase/claim', { claim }, { from: randomClient() })).status).toBe(409);

  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const ok = await webhook(payload, header);
  expect(ok.status, ok.text).toBe(200);
  expect(ok.json).toEqual({ received: true });
  // The same delivery again: refused.
  const replay = await webhook(payload, header);
  expect(replay.status).toBe(409);

  const first = await call('POST', '/api/purchase/claim', { claim }, { from: randomClient() });
  expect(first.status, first.text).toBe(200);
  const code: string = first.json.code;
  remember('codes', [code]);
  const again = await call('POST', '/api/purchase/claim', { claim }, { from: randomClient() });
  expect(again.status).toBe(404);
  expect(again.json.error.code).toBe('claim_not_valid');
  // After the claim even a freshly signed event for it finds nothing.
  expect((await webhook(payload, stripe.webhooks.generateTestHeaderString({ payload, secret }))).status).toBe(409);

  // A private participant.
  const { me } = await login(code, randomClient());
  expect(me.business).toBeNull();
  expect(me.consent.state).toBe('not_applicable');

  // Nothing of the purchase is left that leads to the code: no claim row, no Stripe id.
  const dump = dumpD1();
  expect(dump).not.toContain(reference);
  expect(dump).not.toContain(claim);
  expect(dump).not.toMatch(/cs_test_|evt_test_/);
});

test('an event that is not a paid checkout is acknowledged and changes nothing', async () => {
  const { claim, reference } = await checkout();
  const unpaid = completed(reference, 'unpaid');
  expect((await webhook(unpaid, stripe.webhooks.generateTestHeaderString({ payload: unpaid, secret }))).status).toBe(200);
  const other = JSON.stringify({ type: 'charge.refunded', data: { object: {} } });
  expect((await webhook(other, stripe.webhooks.generateTestHeaderString({ payload: other, secret }))).status).toBe(200);
  expect((await call('POST', '/api/purchase/claim', { claim }, { from: randomClient() })).status).toBe(409);
});
