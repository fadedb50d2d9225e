-- Mestring schema v7: abuse limits that hold (issue 20).
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

-- An invitation answers the same whether or not its e-mail has an account in another business
-- (a super user must not learn that): until it is accepted, an invited account keeps the address
-- in invited_email and a placeholder ('invited:' || id) in the unique email column, so any number
-- of businesses can invite one address. Accepting moves the address into email, unless an account
-- already has it: one address is one login, so that invitation cannot be accepted (409 to the
-- invitee, who owns the address). Accounts made by the seed or the operator tool have no
-- invited_email.
ALTER TABLE staff ADD COLUMN invited_email TEXT;
