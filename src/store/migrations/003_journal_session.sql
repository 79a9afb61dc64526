-- Undo is per window: each journal entry names the session (one cockpit window, one process)
-- that made it, and a window undoes only its own. Entries from before have none: they stay as
-- the audit trail and no window undoes them.
ALTER TABLE change_log ADD COLUMN session TEXT;
CREATE INDEX change_log_session ON change_log (session, undone);

