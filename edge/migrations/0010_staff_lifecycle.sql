-- Mestring schema v10: the whole life of staff accounts and businesses (issue 15, items 5–6).
--
-- A business can require an authenticator (TOTP) for all its staff. Until an account of such a
-- business has one, its login opens a session that can only enrol (scope 'enrol'); every other
-- staff endpoint refuses that session with 403 totp_enrolment_required.
ALTER TABLE businesses ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 0 CHECK (totp_required IN (0, 1));
ALTER TABLE sessions ADD COLUMN scope TEXT;          -- NULL: the whole session; 'enrol': enrolment only

-- When the account last logged in (ms, edge clock): shown to the account holder with what is
-- stored about them (GET /api/staff/me). Staff are professionals in their role, not end users.
ALTER TABLE staff ADD COLUMN last_login_at INTEGER;

-- The operator closed the business (cargo xtask admin close-business): its staff and invitations
-- are erased, its participants' consent ended by the system and their link cut. The row stays
-- (name only) so a participant's access log can still say which business read their data.
ALTER TABLE businesses ADD COLUMN closed_at INTEGER;

-- A participant who changed code and chose to stop sharing leaves the business: what the
-- business keeps is only the old reference and the day ("code changed"), like a deletion
-- registration. Erased with the business when it closes.
CREATE TABLE code_changes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    business_id    TEXT NOT NULL,
    reference      TEXT NOT NULL,
    changed_at     INTEGER NOT NULL
);
CREATE INDEX code_changes_business ON code_changes (business_id, changed_at);
