-- Mestring schema v1: the foundation. Later migrations add participants, consent and the rest.
-- No table may hold a name, e-mail, phone, IP address or user agent of an end user (SPEC P1).

CREATE TABLE businesses (
    id          TEXT PRIMARY KEY,            -- random, opaque
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL             -- ms since epoch, edge clock
);

-- Dev/test only: offset added to the real clock so consent and retention can be exercised.
-- Kept in D1 (not KV) because KV is eventually consistent and the clock must be exact.
CREATE TABLE dev_clock (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    offset_ms   INTEGER NOT NULL
);
