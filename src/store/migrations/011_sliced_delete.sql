-- Deleting a person with years of notes is done in slices, one short transaction each, so the
-- database is never held for long (issue 18). `person.deleting` marks a person whose delete has
-- begun (when it began, or its last slice ran): if the process stops between slices the mark stays,
-- and the delete can be finished. `change_log.step_group` names the journal entries (the slices) that one user action
-- made: undo and redo take them together. NULL: the entry is a step of its own, as before.
ALTER TABLE person ADD COLUMN deleting TEXT;
ALTER TABLE change_log ADD COLUMN step_group TEXT;
CREATE INDEX change_log_step_group ON change_log (step_group) WHERE step_group IS NOT NULL;
