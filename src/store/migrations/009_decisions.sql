-- The decision log (issue 20): numbered records in the shape of architecture decision records.
-- The number is the id. `superseded_by` points at the record that replaced this one, so the
-- chain reads both ways; `occurrence_id` is the meeting it was made in. The number is never
-- reused (AUTOINCREMENT): an ADR file or a `[decision N]` marker in notes written before a
-- delete or an undo cannot come to name a newer decision.
CREATE TABLE decision (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          TEXT NOT NULL,
    date           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'proposed'
                   CHECK (status IN ('proposed', 'accepted', 'rejected', 'superseded',
                                     'deprecated')),
    context        TEXT NOT NULL DEFAULT '',
    decision       TEXT NOT NULL DEFAULT '',
    consequences   TEXT NOT NULL DEFAULT '',
    occurrence_id  INTEGER REFERENCES occurrence (id) ON DELETE SET NULL,
    superseded_by  INTEGER REFERENCES decision (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX decision_date ON decision (date);
CREATE INDEX decision_occurrence ON decision (occurrence_id);
CREATE INDEX decision_superseded_by ON decision (superseded_by);

-- Who decided and who was consulted.
CREATE TABLE decision_person (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('decided', 'consulted')),
    UNIQUE (decision_id, person_id)
);
CREATE INDEX decision_person_person ON decision_person (person_id);

-- A decision's links (to goals, risks, …) go with it; the other objects stay.
CREATE TRIGGER link_decision_gone AFTER DELETE ON decision BEGIN
    DELETE FROM link WHERE (a_kind = 'decision' AND a_id = OLD.id)
        OR (b_kind = 'decision' AND b_id = OLD.id);
END;

-- Decisions are searched by all their text (as in migration 006: keyed by the row's id).
CREATE VIRTUAL TABLE search_decision USING fts5 (
    title, context, decision, consequences,
    content = 'decision', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TRIGGER search_decision_ai AFTER INSERT ON decision BEGIN
    INSERT INTO search_decision (rowid, title, context, decision, consequences)
    VALUES (new.id, new.title, new.context, new.decision, new.consequences);
END;
CREATE TRIGGER search_decision_ad AFTER DELETE ON decision BEGIN
    INSERT INTO search_decision (search_decision, rowid, title, context, decision, consequences)
    VALUES ('delete', old.id, old.title, old.context, old.decision, old.consequences);
END;
CREATE TRIGGER search_decision_au AFTER UPDATE OF id, title, context, decision, consequences
    ON decision BEGIN
    INSERT INTO search_decision (search_decision, rowid, title, context, decision, consequences)
    VALUES ('delete', old.id, old.title, old.context, old.decision, old.consequences);
    INSERT INTO search_decision (rowid, title, context, decision, consequences)
    VALUES (new.id, new.title, new.context, new.decision, new.consequences);
END;
