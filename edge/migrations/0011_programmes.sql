-- Mestring schema v11: programmes. A programme (a regional or national programme) is a named set
-- of businesses; a tool manager is a staff account bound to one programme and reads the
-- statistics of the programme and of each of its businesses, never individuals. Until now a tool
-- manager was bound to businesses one by one (staff_businesses, only ever written by the dev
-- seed); each such binding becomes a programme of its own, and that table goes.

CREATE TABLE programmes (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE programme_businesses (
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    business_id  TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, business_id)
);
CREATE INDEX programme_businesses_business ON programme_businesses (business_id);

-- NULL for every role but tool_manager.
ALTER TABLE staff ADD COLUMN programme_id TEXT REFERENCES programmes(id);

INSERT INTO programmes (id, name, created_at)
    SELECT id, 'Programme ' || substr(id, 1, 8), created_at FROM staff
    WHERE role = 'tool_manager' AND id IN (SELECT staff_id FROM staff_businesses);
INSERT INTO programme_businesses (programme_id, business_id)
    SELECT staff_id, business_id FROM staff_businesses;
UPDATE staff SET programme_id = id
    WHERE role = 'tool_manager' AND id IN (SELECT id FROM programmes);
DROP TABLE staff_businesses;
