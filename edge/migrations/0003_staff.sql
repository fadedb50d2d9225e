-- Mestring schema v3: staff mode (professionals, super users, tool managers), invitations, and the
-- aggregate tables that keep group statistics flat in cost as responses accumulate.
-- Staff are professionals acting in their role: their e-mail is stored (they log in with it).
-- Passwords never reach the edge: only HMAC(PASSWORD_HMAC_KEY, Argon2id hash made in the browser).

CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,      -- lower-cased
    role          TEXT NOT NULL CHECK (role IN ('professional', 'super_user', 'tool_manager')),
    business_id   TEXT REFERENCES businesses(id),   -- NULL for tool managers
    salt          TEXT NOT NULL,             -- base64url, random per account
    password_mac  TEXT,                      -- NULL until the invitation is accepted
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL
);
CREATE INDEX staff_business ON staff (business_id);

-- The businesses a tool manager's programme covers.
CREATE TABLE staff_businesses (
    staff_id      TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    business_id   TEXT NOT NULL REFERENCES businesses(id),
    PRIMARY KEY (staff_id, business_id)
);

CREATE TABLE invites (
    token_hash    TEXT PRIMARY KEY,          -- HMAC of the one-time token in the link
    staff_id      TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL
);

-- Statistics inputs, written as responses arrive (one row per participant and instrument, and
-- per participant, instrument and month), deleted with the participant. Reports read these,
-- never the response table, so their cost follows participants, not responses.
CREATE TABLE stats_baseline (
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    instrument     TEXT NOT NULL,
    total          INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (participant_id, instrument)
);

CREATE TABLE stats_monthly (
    business_id    TEXT,
    instrument     TEXT NOT NULL,
    period         TEXT NOT NULL,            -- YYYY-MM of completed_at (UTC)
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    total          INTEGER NOT NULL,         -- latest total in the month
    at             INTEGER NOT NULL,
    PRIMARY KEY (business_id, instrument, period, participant_id)
);
CREATE INDEX stats_monthly_participant ON stats_monthly (participant_id);
