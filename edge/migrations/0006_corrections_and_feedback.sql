-- Mestring schema v6: self-service correction, a feedback desk that answers, business details,
-- references unique within a business.
--
-- A response the user removed leaves only this: when it was completed and when it was removed,
-- never what it held. Consenting staff see "a registration from DATE was removed by the user",
-- and a replay of the same client id (an offline queue, a retry) finds the row and is refused,
-- so a removed response cannot come back. Deleted with the participant (user deletion, retention).
CREATE TABLE removed_responses (
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    id             TEXT NOT NULL,            -- the client-made UUID of the removed response
    completed_at   INTEGER NOT NULL,         -- ms since epoch, as the response had it
    removed_at     INTEGER NOT NULL,         -- ms since epoch, edge clock
    PRIMARY KEY (participant_id, id)
);

-- Feedback from staff reaches the same desk: the sender is kept only to make the desk's stable
-- pseudonym (never shown, never the e-mail). Handling erases the text at once (set to '') and
-- keeps kind and dates, so the sender can see it was handled; the whole row goes after 90 days.
ALTER TABLE feedback ADD COLUMN staff_id TEXT;

-- The support role (the feedback desk), bound to the deployment: a staff account with no
-- business. SQLite cannot change a CHECK constraint, so the staff table is rebuilt. Dropping it
-- cascades to the rows of staff_businesses and invites, so those are kept aside and put back.
CREATE TABLE keep_staff_businesses AS SELECT * FROM staff_businesses;
CREATE TABLE keep_invites AS SELECT * FROM invites;
PRAGMA defer_foreign_keys = true;
CREATE TABLE staff_new (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,      -- lower-cased
    role           TEXT NOT NULL CHECK (role IN ('professional', 'super_user', 'tool_manager', 'support')),
    business_id    TEXT REFERENCES businesses(id),   -- NULL for tool managers and support
    salt           TEXT NOT NULL,             -- base64url, random per account
    password_mac   TEXT,                      -- NULL until the invitation is accepted
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL,
    totp_secret    TEXT,                      -- sealed; NULL when TOTP is off
    totp_pending   TEXT,                      -- sealed; enrolment started, not confirmed
    totp_last_step INTEGER
);
INSERT INTO staff_new (id, email, role, business_id, salt, password_mac, active, created_at,
                       totp_secret, totp_pending, totp_last_step)
    SELECT id, email, role, business_id, salt, password_mac, active, created_at,
           totp_secret, totp_pending, totp_last_step FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;
CREATE INDEX staff_business ON staff (business_id);
DELETE FROM staff_businesses;
INSERT INTO staff_businesses SELECT * FROM keep_staff_businesses;
DELETE FROM invites;
INSERT INTO invites SELECT * FROM keep_invites;
DROP TABLE keep_staff_businesses;
DROP TABLE keep_invites;
PRAGMA defer_foreign_keys = false;

-- Business details the super user maintains, shown to the business's participants where consent
-- is asked and in the privacy notice: how to reach them. NULL until given.
ALTER TABLE businesses ADD COLUMN contact TEXT;
ALTER TABLE businesses ADD COLUMN address TEXT;
ALTER TABLE businesses ADD COLUMN web TEXT;

-- References (the code's first group, what staff see) are unique within a business: issuing
-- inserts a code only when its reference is free there (edge/src/records/codes.rs::issue).
CREATE INDEX participants_reference ON participants (business_id, reference);
