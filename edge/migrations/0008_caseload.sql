-- Mestring schema v8: the staff caseload reads one summary row per participant, never their
-- responses, so the overview's cost follows the number of participants, not of registrations.
-- The edge rewrites a participant's row from their own rows in the same D1 batch as every
-- write that changes it (a stored or removed response, a consent event); last activity is
-- the participant's own last_login_on; deletion and retention delete the row with the rest.
-- Consent is kept as stored (the latest event and the latest grant), and evaluated at request
-- time with the edge clock (P5), so a lapse needs no write here.
CREATE TABLE participant_summaries (
    participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    consent_state  TEXT NOT NULL,   -- the state the latest consent event entered ('not_asked' without one)
    granted_at     INTEGER,         -- ms: the latest event entering 'granted' (given or confirmed)
    scores         TEXT NOT NULL,   -- JSON [[instrument, first total, latest total, latest completed_at, count], …]
    safety_at      INTEGER          -- ms: completed_at of the latest response with a safety item above 0
);

-- Backfill for the data already stored: the same values as edge/src/records/summary.rs writes.
CREATE TABLE summary_backfill AS
    SELECT participant_id, instrument, MAX(completed_at) AS last_at, COUNT(*) AS n
    FROM responses GROUP BY participant_id, instrument;
CREATE INDEX summary_backfill_participant ON summary_backfill (participant_id);
INSERT INTO participant_summaries (participant_id, consent_state, granted_at, scores, safety_at)
SELECT p.id,
    COALESCE((SELECT e.to_state FROM consent_events e WHERE e.participant_id = p.id ORDER BY e.id DESC LIMIT 1), 'not_asked'),
    (SELECT e.at FROM consent_events e WHERE e.participant_id = p.id AND e.to_state = 'granted' ORDER BY e.id DESC LIMIT 1),
    (SELECT json_group_array(json_array(g.instrument,
        (SELECT f.total FROM responses f WHERE f.participant_id = p.id AND f.instrument = g.instrument
            ORDER BY f.completed_at, f.id LIMIT 1),
        (SELECT l.total FROM responses l WHERE l.participant_id = p.id AND l.instrument = g.instrument
            ORDER BY l.completed_at DESC, l.id DESC LIMIT 1),
        g.last_at, g.n))
     FROM summary_backfill g WHERE g.participant_id = p.id),
    (SELECT MAX(r.completed_at) FROM responses r WHERE r.participant_id = p.id AND r.safety = 1)
FROM participants p;
DROP TABLE summary_backfill;
