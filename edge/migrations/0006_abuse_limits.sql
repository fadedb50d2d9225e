-- Mestring schema v6: abuse limits that hold (issue 20).
--
-- The authenticator's growing delay (content::throttle): consecutive wrong codes on the account
-- and when the last one came. A code attempt is counted here before the code is checked (a
-- compare-and-swap on totp_failures, so parallel attempts cannot all pass the delay); a right
-- code sets it back to 0.
ALTER TABLE staff ADD COLUMN totp_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN totp_failed_at INTEGER;

-- The throttle table now counts attempts claimed before the lookup they guard (a success gives
-- its claim back, so what stays are failures), and, with 0, the sources an account logged in
-- from today (edge/src/records/throttle.rs). Its key is still HMAC(secret rotated daily, …), P2.
