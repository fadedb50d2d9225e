-- Mestring schema v9: private access (issue 18). A private person gets a code from a voucher or
-- a card purchase; their participant row has business_id NULL and nothing in any table leads
-- from the voucher or the payment to that row.
--
-- Vouchers are issued in batches by the operator tool (`cargo xtask admin create-vouchers`) and
-- stored only as HMAC(CODE_HMAC_KEY, 'voucher:' || normalised voucher). A redemption marks the
-- row spent and inserts the participant in one D1 batch (one transaction); the row keeps no
-- time, no participant and no code, and WITHOUT ROWID stores the rows in hash order, so a dump
-- shows neither when a voucher was spent nor in which order.
CREATE TABLE vouchers (
    voucher_hash  TEXT PRIMARY KEY,
    label         TEXT NOT NULL,            -- the batch's label (e.g. the shop it was sold through)
    tool          TEXT,
    plan          TEXT,
    expires_on    TEXT NOT NULL,            -- YYYY-MM-DD: redeemable through that day (UTC)
    spent         INTEGER NOT NULL DEFAULT 0 CHECK (spent IN (0, 1))
) WITHOUT ROWID;

-- A card purchase in flight. claim_hash = HMAC(CODE_HMAC_KEY, 'claim:' || token); the token is
-- only in the buyer's browser, and the hash is the Checkout Session's client_reference_id (no
-- Stripe id is ever stored). The verified webhook sets paid; the claim exchanges it once for a
-- code, in the same batch as the row's deletion. Unclaimed rows go after 30 days.
CREATE TABLE purchase_claims (
    claim_hash    TEXT PRIMARY KEY,
    paid          INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
    created_at    INTEGER NOT NULL
) WITHOUT ROWID;
