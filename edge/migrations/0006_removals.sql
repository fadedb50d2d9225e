-- Mestring schema v6: self-service correction.
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
