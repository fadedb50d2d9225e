-- Mestring schema v4: optional TOTP (RFC 6238) for staff accounts.
-- The shared secret is sealed under PASSWORD_HMAC_KEY (edge/src/totp.rs): the edge must read it
-- back to check codes, so it cannot keep only a hash. totp_last_step stops a code being replayed.
ALTER TABLE staff ADD COLUMN totp_secret TEXT;      -- sealed; NULL when TOTP is off
ALTER TABLE staff ADD COLUMN totp_pending TEXT;     -- sealed; enrolment started, not confirmed
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER;
