-- Costs that do not grow with history (issue 18).
--
-- The one full-text table of version 1 kept its own copy of every text and found a row's entries
-- by its UNINDEXED kind and ref_id columns: every edit or delete of a note, topic, action, …
-- scanned the whole index. Now each kind has its own index over its table (FTS5 external
-- content, keyed by the row's id), so a trigger removes a row's entries by rowid, with the old
-- values it indexed, and reads no other row. Snippets and titles are read from the rows.
--
-- Search words are prefixes ("bud" finds "budget"). Without a prefix index FTS5 answers a prefix
-- by merging the entries of every word that starts with it, all of them, before the first
-- result; with one for 1 to 3 letters (where most words share a prefix) it reads them in order
-- and stops at what it needs.
DROP TRIGGER person_ai;
DROP TRIGGER person_au;
DROP TRIGGER person_ad;
DROP TRIGGER note_ai;
DROP TRIGGER note_au;
DROP TRIGGER note_ad;
DROP TRIGGER topic_ai;
DROP TRIGGER topic_au;
DROP TRIGGER topic_ad;
DROP TRIGGER action_ai;
DROP TRIGGER action_au;
DROP TRIGGER action_ad;
DROP TRIGGER ritual_ai;
DROP TRIGGER ritual_au;
DROP TRIGGER ritual_ad;
DROP TRIGGER goal_ai;
DROP TRIGGER goal_au;
DROP TRIGGER goal_ad;
DROP TRIGGER risk_ai;
DROP TRIGGER risk_au;
DROP TRIGGER risk_ad;
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_person USING fts5 (
    name, role, team, career_goals, context,
    content = 'person', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_person_ai AFTER INSERT ON person BEGIN
    INSERT INTO search_person (rowid, name, role, team, career_goals, context)
    VALUES (new.id, new.name, new.role, new.team, new.career_goals, new.context);
END;
CREATE TRIGGER search_person_ad AFTER DELETE ON person BEGIN
    INSERT INTO search_person (search_person, rowid, name, role, team, career_goals, context)
    VALUES ('delete', old.id, old.name, old.role, old.team, old.career_goals, old.context);
END;
CREATE TRIGGER search_person_au AFTER UPDATE OF id, name, role, team, career_goals, context ON person BEGIN
    INSERT INTO search_person (search_person, rowid, name, role, team, career_goals, context)
    VALUES ('delete', old.id, old.name, old.role, old.team, old.career_goals, old.context);
    INSERT INTO search_person (rowid, name, role, team, career_goals, context)
    VALUES (new.id, new.name, new.role, new.team, new.career_goals, new.context);
END;

CREATE VIRTUAL TABLE search_ritual USING fts5 (
    name, attendees, agenda,
    content = 'ritual', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_ritual_ai AFTER INSERT ON ritual BEGIN
    INSERT INTO search_ritual (rowid, name, attendees, agenda)
    VALUES (new.id, new.name, new.attendees, new.agenda);
END;
CREATE TRIGGER search_ritual_ad AFTER DELETE ON ritual BEGIN
    INSERT INTO search_ritual (search_ritual, rowid, name, attendees, agenda)
    VALUES ('delete', old.id, old.name, old.attendees, old.agenda);
END;
CREATE TRIGGER search_ritual_au AFTER UPDATE OF id, name, attendees, agenda ON ritual BEGIN
    INSERT INTO search_ritual (search_ritual, rowid, name, attendees, agenda)
    VALUES ('delete', old.id, old.name, old.attendees, old.agenda);
    INSERT INTO search_ritual (rowid, name, attendees, agenda)
    VALUES (new.id, new.name, new.attendees, new.agenda);
END;

CREATE VIRTUAL TABLE search_goal USING fts5 (
    title, description, criteria,
    content = 'goal', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_goal_ai AFTER INSERT ON goal BEGIN
    INSERT INTO search_goal (rowid, title, description, criteria)
    VALUES (new.id, new.title, new.description, new.criteria);
END;
CREATE TRIGGER search_goal_ad AFTER DELETE ON goal BEGIN
    INSERT INTO search_goal (search_goal, rowid, title, description, criteria)
    VALUES ('delete', old.id, old.title, old.description, old.criteria);
END;
CREATE TRIGGER search_goal_au AFTER UPDATE OF id, title, description, criteria ON goal BEGIN
    INSERT INTO search_goal (search_goal, rowid, title, description, criteria)
    VALUES ('delete', old.id, old.title, old.description, old.criteria);
    INSERT INTO search_goal (rowid, title, description, criteria)
    VALUES (new.id, new.title, new.description, new.criteria);
END;

CREATE VIRTUAL TABLE search_risk USING fts5 (
    title, mitigation, trigger_text, owner,
    content = 'risk', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_risk_ai AFTER INSERT ON risk BEGIN
    INSERT INTO search_risk (rowid, title, mitigation, trigger_text, owner)
    VALUES (new.id, new.title, new.mitigation, new.trigger_text, new.owner);
END;
CREATE TRIGGER search_risk_ad AFTER DELETE ON risk BEGIN
    INSERT INTO search_risk (search_risk, rowid, title, mitigation, trigger_text, owner)
    VALUES ('delete', old.id, old.title, old.mitigation, old.trigger_text, old.owner);
END;
CREATE TRIGGER search_risk_au AFTER UPDATE OF id, title, mitigation, trigger_text, owner ON risk BEGIN
    INSERT INTO search_risk (search_risk, rowid, title, mitigation, trigger_text, owner)
    VALUES ('delete', old.id, old.title, old.mitigation, old.trigger_text, old.owner);
    INSERT INTO search_risk (rowid, title, mitigation, trigger_text, owner)
    VALUES (new.id, new.title, new.mitigation, new.trigger_text, new.owner);
END;

CREATE VIRTUAL TABLE search_topic USING fts5 (
    body,
    content = 'topic', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_topic_ai AFTER INSERT ON topic BEGIN
    INSERT INTO search_topic (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_topic_ad AFTER DELETE ON topic BEGIN
    INSERT INTO search_topic (search_topic, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_topic_au AFTER UPDATE OF id, body ON topic BEGIN
    INSERT INTO search_topic (search_topic, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO search_topic (rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE search_action USING fts5 (
    body,
    content = 'action_item', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_action_ai AFTER INSERT ON action_item BEGIN
    INSERT INTO search_action (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_action_ad AFTER DELETE ON action_item BEGIN
    INSERT INTO search_action (search_action, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_action_au AFTER UPDATE OF id, body ON action_item BEGIN
    INSERT INTO search_action (search_action, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO search_action (rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE search_note USING fts5 (
    date, body,
    content = 'note', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_note_ai AFTER INSERT ON note BEGIN
    INSERT INTO search_note (rowid, date, body) VALUES (new.id, new.date, new.body);
END;
CREATE TRIGGER search_note_ad AFTER DELETE ON note BEGIN
    INSERT INTO search_note (search_note, rowid, date, body) VALUES ('delete', old.id, old.date, old.body);
END;
CREATE TRIGGER search_note_au AFTER UPDATE OF id, date, body ON note BEGIN
    INSERT INTO search_note (search_note, rowid, date, body) VALUES ('delete', old.id, old.date, old.body);
    INSERT INTO search_note (rowid, date, body) VALUES (new.id, new.date, new.body);
END;

-- The indexes are built from the rows as they are.
INSERT INTO search_person (search_person) VALUES ('rebuild');
INSERT INTO search_ritual (search_ritual) VALUES ('rebuild');
INSERT INTO search_goal (search_goal) VALUES ('rebuild');
INSERT INTO search_risk (search_risk) VALUES ('rebuild');
INSERT INTO search_topic (search_topic) VALUES ('rebuild');
INSERT INTO search_action (search_action) VALUES ('rebuild');
INSERT INTO search_note (search_note) VALUES ('rebuild');

-- Deleting a row makes SQLite look for the rows that refer to it (to cascade, clear the link or
-- refuse): without an index on the referring column that is a scan of the whole child table per
-- deleted row. Every other referring column already leads an index.
CREATE INDEX ritual_previous ON ritual (previous_id) WHERE previous_id IS NOT NULL;
CREATE INDEX note_occurrence ON note (occurrence_id) WHERE occurrence_id IS NOT NULL;
CREATE INDEX topic_note ON topic (note_id) WHERE note_id IS NOT NULL;
CREATE INDEX action_occurrence ON action_item (occurrence_id) WHERE occurrence_id IS NOT NULL;
CREATE INDEX goal_person ON goal (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX goal_risk ON goal (risk_id) WHERE risk_id IS NOT NULL;
CREATE INDEX goal_ritual ON goal (ritual_id) WHERE ritual_id IS NOT NULL;

-- A person's open actions and their latest done ones, read by index range (and the person's
-- delete finds their actions by it): the index on person_id alone read all of them, done for
-- years included.
CREATE INDEX action_person_done ON action_item (person_id, done_at);
DROP INDEX action_person;
