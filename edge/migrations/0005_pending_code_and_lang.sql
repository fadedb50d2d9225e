-- Mestring schema v5: code change in two steps, and the language of every answer.
--
-- A new code from "change code" is pending until the user types it back: stored only as the same
-- HMAC as participants.code_hash (P4), one row per participant (a new request replaces it),
-- valid 15 minutes from created_at (content::retention::PENDING_CODE_TTL_MS). Login never reads
-- this table, so a pending code does not log in; the old code works until the confirmation.
-- Deleted with the participant (user deletion, retention) and purged by the daily job once expired.
CREATE TABLE pending_codes (
    participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    code_hash      TEXT NOT NULL,            -- HMAC-SHA256(CODE_HMAC_KEY, normalised code), hex
    created_at     INTEGER NOT NULL          -- ms since epoch, edge clock
);
CREATE INDEX pending_codes_created ON pending_codes (created_at);

-- The language a questionnaire was shown in when it was answered (BCP 47 'nb' or 'en'): scores
-- from a working translation are not validated, so staff and exports must know. NULL when the
-- client did not say (answers sent by an app older than this field).
ALTER TABLE responses ADD COLUMN lang TEXT CHECK (lang IN ('nb', 'en'));
