-- Nothing said in a meeting lost to search (issue 20): what was written at a meeting (its notes,
-- decisions and the agenda items ticked off) and the private context entries kept on a person
-- (career, feedback, context) are searched too, as in migration 006: an index per kind over its
-- table, keyed by the row's id, kept in sync by triggers that touch only the row written.
CREATE VIRTUAL TABLE search_meeting USING fts5 (
    notes, decisions, agenda_done,
    content = 'occurrence', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_meeting_ai AFTER INSERT ON occurrence BEGIN
    INSERT INTO search_meeting (rowid, notes, decisions, agenda_done)
    VALUES (new.id, new.notes, new.decisions, new.agenda_done);
END;
CREATE TRIGGER search_meeting_ad AFTER DELETE ON occurrence BEGIN
    INSERT INTO search_meeting (search_meeting, rowid, notes, decisions, agenda_done)
    VALUES ('delete', old.id, old.notes, old.decisions, old.agenda_done);
END;
CREATE TRIGGER search_meeting_au AFTER UPDATE OF id, notes, decisions, agenda_done
    ON occurrence BEGIN
    INSERT INTO search_meeting (search_meeting, rowid, notes, decisions, agenda_done)
    VALUES ('delete', old.id, old.notes, old.decisions, old.agenda_done);
    INSERT INTO search_meeting (rowid, notes, decisions, agenda_done)
    VALUES (new.id, new.notes, new.decisions, new.agenda_done);
END;

CREATE VIRTUAL TABLE search_context USING fts5 (
    body,
    content = 'person_context', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TRIGGER search_context_ai AFTER INSERT ON person_context BEGIN
    INSERT INTO search_context (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_context_ad AFTER DELETE ON person_context BEGIN
    INSERT INTO search_context (search_context, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_context_au AFTER UPDATE OF id, body ON person_context BEGIN
    INSERT INTO search_context (search_context, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO search_context (rowid, body) VALUES (new.id, new.body);
END;

-- The indexes are built from the rows as they are.
INSERT INTO search_meeting (search_meeting) VALUES ('rebuild');
INSERT INTO search_context (search_context) VALUES ('rebuild');
