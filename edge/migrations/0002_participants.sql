-- Mestring schema v2: end users (participants) and everything they register.
-- P1: no column holds a name, e-mail, phone, IP address, user agent or local-only text of an end
-- user. P4: codes are stored only as HMAC(server secret, normalised code). Times are ms since the
-- epoch on the edge clock, except where a date is enough (last_login_on).

CREATE TABLE participants (
    id            TEXT PRIMARY KEY,          -- random, opaque; never shown to the user
    business_id   TEXT REFERENCES businesses(id),   -- NULL for private persons (phase 2)
    reference     TEXT NOT NULL,             -- first group of the code it was issued with (not secret)
    code_hash     TEXT NOT NULL UNIQUE,      -- HMAC-SHA256(CODE_HMAC_KEY, normalised code), hex
    issued_at     INTEGER NOT NULL,
    tool          TEXT,
    plan          TEXT,
    first_login_at INTEGER,
    last_login_on TEXT,                      -- YYYY-MM-DD: retention needs the day, not the time
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX participants_business ON participants (business_id, issued_at);
CREATE INDEX participants_last_login ON participants (active, last_login_on);

CREATE TABLE consent_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    from_state     TEXT NOT NULL,
    to_state       TEXT NOT NULL,
    actor          TEXT NOT NULL CHECK (actor IN ('user', 'system')),
    kind           TEXT NOT NULL
);
CREATE INDEX consent_events_participant ON consent_events (participant_id, at, id);

CREATE TABLE responses (
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    id             TEXT NOT NULL,            -- client-made UUID: retries never duplicate
    instrument     TEXT NOT NULL,
    version        TEXT NOT NULL,
    answers        TEXT NOT NULL,            -- JSON {item id: integer value}; standardised only
    total          INTEGER NOT NULL,
    band           TEXT NOT NULL,
    caseness       INTEGER NOT NULL,
    safety         INTEGER NOT NULL,
    percent        INTEGER,
    completed_at   INTEGER NOT NULL,
    received_at    INTEGER NOT NULL,
    PRIMARY KEY (participant_id, id)
);
CREATE INDEX responses_participant_time ON responses (participant_id, instrument, completed_at);

CREATE TABLE progress (
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    tool           TEXT NOT NULL,
    part           TEXT NOT NULL,
    step           TEXT NOT NULL,
    state          TEXT NOT NULL,
    answers        TEXT,                     -- JSON {question id: choice id}; never free text
    last_id        TEXT NOT NULL,            -- client id of the latest write (idempotency)
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (participant_id, tool, part, step)
);

CREATE TABLE assignments (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    tool           TEXT,
    part           TEXT,
    instrument     TEXT,
    sent_at        INTEGER NOT NULL,
    done_at        INTEGER
);
CREATE INDEX assignments_participant ON assignments (participant_id, sent_at);

CREATE TABLE device_links (
    link_hash      TEXT PRIMARY KEY,         -- HMAC of the one-time link code
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash     TEXT PRIMARY KEY,         -- HMAC of the cookie token; the token itself is never stored
    kind           TEXT NOT NULL CHECK (kind IN ('participant', 'staff')),
    subject_id     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL
);
CREATE INDEX sessions_subject ON sessions (kind, subject_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Staff reads of individual data (P7). participant_id is cleared when the participant deletes
-- everything; the reference stays so the business keeps its own accountability record.
CREATE TABLE audit (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    business_id    TEXT NOT NULL,
    staff_id       TEXT NOT NULL,
    participant_id TEXT,
    reference      TEXT,
    action         TEXT NOT NULL,
    at             INTEGER NOT NULL
);
CREATE INDEX audit_business ON audit (business_id, at);
CREATE INDEX audit_participant ON audit (participant_id, at);

CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    business_id    TEXT,
    kind           TEXT NOT NULL,
    text           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    handled_at     INTEGER
);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE deletions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    business_id    TEXT,
    reference      TEXT NOT NULL,
    deleted_at     INTEGER NOT NULL,
    reason         TEXT NOT NULL CHECK (reason IN ('user', 'retention'))
);
CREATE INDEX deletions_business ON deletions (business_id, deleted_at);

-- Failed code attempts per minute (P2): key = HMAC(secret rotated daily, client IP), or 'global'.
CREATE TABLE throttle (
    key            TEXT NOT NULL,
    window         INTEGER NOT NULL,         -- minute number since the epoch
    failures       INTEGER NOT NULL,
    PRIMARY KEY (key, window)
);
