-- Search as you type on years of writing (issue 18). A word typed is a prefix ("coach" finds
-- "coaching"), and FTS5 answers a prefix of four letters or more (the indexes keep prefixes of
-- up to three) by merging the lists of every word it begins, over all of history, before it can
-- return the newest few matches: 17 ms for three words over 100,000 notes. The words each index
-- holds are kept here, so a prefix becomes the words it stands for ("coaching" OR "coachings"),
-- which FTS5 reads newest first and stops after the few shown (4 ms).
--
-- `search_term`: every word of the kinds listed newest first (meetings, talking points, actions,
-- notes, private context, decisions), as the index's tokenizer makes it. A word no row holds any
-- more may stay: it only makes a query name one word more.
CREATE TABLE search_term (
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (kind, term)
) WITHOUT ROWID;
-- `search_pending`: rows written whose words are not in `search_term` yet (kind, row id). Every
-- write Bearing makes moves their words there and empties it before it commits
-- (`store::search_terms::absorb`), so it is empty between writes; a kind with a row waiting here
-- (written by another program) is searched by prefix, as before.
CREATE TABLE search_pending (
    kind TEXT NOT NULL,
    id INTEGER NOT NULL
);

-- The triggers of migrations 006, 009 and 010 that index a row written, each also noting the row
-- as pending. A row written twice before its words are taken in is noted twice: no key, no test
-- of what is there, so noting a row costs an append (a `NOT EXISTS` test made every row written
-- cost twice as much, 2.1 against 1.2 s for 100,000 notes; `OR IGNORE` on a key 0.1–0.3 s more).
DROP TRIGGER search_note_ai;
CREATE TRIGGER search_note_ai AFTER INSERT ON note BEGIN
    INSERT INTO search_note (rowid, date, body) VALUES (new.id, new.date, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('note', new.id);
END;
DROP TRIGGER search_note_au;
CREATE TRIGGER search_note_au AFTER UPDATE OF id, date, body ON note BEGIN
    INSERT INTO search_note (search_note, rowid, date, body)
    VALUES ('delete', old.id, old.date, old.body);
    INSERT INTO search_note (rowid, date, body) VALUES (new.id, new.date, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('note', new.id);
END;
DROP TRIGGER search_topic_ai;
CREATE TRIGGER search_topic_ai AFTER INSERT ON topic BEGIN
    INSERT INTO search_topic (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('topic', new.id);
END;
DROP TRIGGER search_topic_au;
CREATE TRIGGER search_topic_au AFTER UPDATE OF id, body ON topic BEGIN
    INSERT INTO search_topic (search_topic, rowid, body)
    VALUES ('delete', old.id, old.body);
    INSERT INTO search_topic (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('topic', new.id);
END;
DROP TRIGGER search_action_ai;
CREATE TRIGGER search_action_ai AFTER INSERT ON action_item BEGIN
    INSERT INTO search_action (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('action', new.id);
END;
DROP TRIGGER search_action_au;
CREATE TRIGGER search_action_au AFTER UPDATE OF id, body ON action_item BEGIN
    INSERT INTO search_action (search_action, rowid, body)
    VALUES ('delete', old.id, old.body);
    INSERT INTO search_action (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('action', new.id);
END;
DROP TRIGGER search_meeting_ai;
CREATE TRIGGER search_meeting_ai AFTER INSERT ON occurrence BEGIN
    INSERT INTO search_meeting (rowid, notes, decisions, agenda_done) VALUES (new.id, new.notes, new.decisions, new.agenda_done);
    INSERT INTO search_pending (kind, id) VALUES ('meeting', new.id);
END;
DROP TRIGGER search_meeting_au;
CREATE TRIGGER search_meeting_au AFTER UPDATE OF id, notes, decisions, agenda_done ON occurrence BEGIN
    INSERT INTO search_meeting (search_meeting, rowid, notes, decisions, agenda_done)
    VALUES ('delete', old.id, old.notes, old.decisions, old.agenda_done);
    INSERT INTO search_meeting (rowid, notes, decisions, agenda_done) VALUES (new.id, new.notes, new.decisions, new.agenda_done);
    INSERT INTO search_pending (kind, id) VALUES ('meeting', new.id);
END;
DROP TRIGGER search_context_ai;
CREATE TRIGGER search_context_ai AFTER INSERT ON person_context BEGIN
    INSERT INTO search_context (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('context', new.id);
END;
DROP TRIGGER search_context_au;
CREATE TRIGGER search_context_au AFTER UPDATE OF id, body ON person_context BEGIN
    INSERT INTO search_context (search_context, rowid, body)
    VALUES ('delete', old.id, old.body);
    INSERT INTO search_context (rowid, body) VALUES (new.id, new.body);
    INSERT INTO search_pending (kind, id) VALUES ('context', new.id);
END;
DROP TRIGGER search_decision_ai;
CREATE TRIGGER search_decision_ai AFTER INSERT ON decision BEGIN
    INSERT INTO search_decision (rowid, title, context, decision, consequences) VALUES (new.id, new.title, new.context, new.decision, new.consequences);
    INSERT INTO search_pending (kind, id) VALUES ('decision', new.id);
END;
DROP TRIGGER search_decision_au;
CREATE TRIGGER search_decision_au AFTER UPDATE OF id, title, context, decision, consequences ON decision BEGIN
    INSERT INTO search_decision (search_decision, rowid, title, context, decision, consequences)
    VALUES ('delete', old.id, old.title, old.context, old.decision, old.consequences);
    INSERT INTO search_decision (rowid, title, context, decision, consequences) VALUES (new.id, new.title, new.context, new.decision, new.consequences);
    INSERT INTO search_pending (kind, id) VALUES ('decision', new.id);
END;
-- The words of the rows there already, from the indexes.
CREATE VIRTUAL TABLE temp.search_terms_note USING fts5vocab(main, search_note, 'row');
INSERT INTO search_term (kind, term) SELECT 'note', term FROM temp.search_terms_note;
DROP TABLE temp.search_terms_note;
CREATE VIRTUAL TABLE temp.search_terms_topic USING fts5vocab(main, search_topic, 'row');
INSERT INTO search_term (kind, term) SELECT 'topic', term FROM temp.search_terms_topic;
DROP TABLE temp.search_terms_topic;
CREATE VIRTUAL TABLE temp.search_terms_action USING fts5vocab(main, search_action, 'row');
INSERT INTO search_term (kind, term) SELECT 'action', term FROM temp.search_terms_action;
DROP TABLE temp.search_terms_action;
CREATE VIRTUAL TABLE temp.search_terms_meeting USING fts5vocab(main, search_meeting, 'row');
INSERT INTO search_term (kind, term) SELECT 'meeting', term FROM temp.search_terms_meeting;
DROP TABLE temp.search_terms_meeting;
CREATE VIRTUAL TABLE temp.search_terms_context USING fts5vocab(main, search_context, 'row');
INSERT INTO search_term (kind, term) SELECT 'context', term FROM temp.search_terms_context;
DROP TABLE temp.search_terms_context;
CREATE VIRTUAL TABLE temp.search_terms_decision USING fts5vocab(main, search_decision, 'row');
INSERT INTO search_term (kind, term) SELECT 'decision', term FROM temp.search_terms_decision;
DROP TABLE temp.search_terms_decision;
