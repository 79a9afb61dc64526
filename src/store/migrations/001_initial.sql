-- Bearing schema, version 1: the whole product.
-- Times are floating local wall-clock text: dates 'YYYY-MM-DD', date-times 'YYYY-MM-DDTHH:MM',
-- timestamps 'YYYY-MM-DDTHH:MM:SS'. Text sorts in time order.

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    team          TEXT NOT NULL DEFAULT '',
    relation      TEXT NOT NULL DEFAULT 'report'
                  CHECK (relation IN ('report', 'peer', 'manager', 'stakeholder')),
    career_goals  TEXT NOT NULL DEFAULT '',
    context       TEXT NOT NULL DEFAULT '',
    -- 1:1 template prompts chosen for this person, one per line; empty means the defaults.
    prompts       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX person_name_nocase ON person (name COLLATE NOCASE);

-- Dated private context: career conversations, feedback given.
CREATE TABLE person_context (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('career', 'feedback', 'context')),
    body       TEXT NOT NULL
);
CREATE INDEX person_context_person ON person_context (person_id, date);

-- Recurring meetings. A 1:1 is a ritual linked to one person; a one-off meeting has no rule.
CREATE TABLE ritual (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    rrule         TEXT,
    dtstart       TEXT NOT NULL,
    duration_min  INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    week_start    TEXT NOT NULL DEFAULT 'MO',
    person_id     INTEGER REFERENCES person (id) ON DELETE CASCADE,
    attendees     TEXT NOT NULL DEFAULT '',
    agenda        TEXT NOT NULL DEFAULT '',
    prep_min      INTEGER NOT NULL DEFAULT 0 CHECK (prep_min BETWEEN 0 AND 1440),
    location      TEXT NOT NULL DEFAULT '',
    -- Set when a series was changed "from this occurrence on": the old series ends, this one goes on.
    previous_id   INTEGER REFERENCES ritual (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ritual_person ON ritual (person_id);

-- Per-occurrence state: skips, moves, held, and what was said.
CREATE TABLE occurrence (
    id              INTEGER PRIMARY KEY,
    ritual_id       INTEGER NOT NULL REFERENCES ritual (id) ON DELETE CASCADE,
    original_start  TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'held', 'skipped')),
    moved_to        TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    decisions       TEXT NOT NULL DEFAULT '',
    agenda_done     TEXT NOT NULL DEFAULT '',
    UNIQUE (ritual_id, original_start)
);
CREATE INDEX occurrence_moved ON occurrence (moved_to);

CREATE TABLE note (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    occurrence_id  INTEGER REFERENCES occurrence (id) ON DELETE SET NULL,
    date           TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX note_person_date ON note (person_id, date DESC);

-- Talking points carry forward until discussed.
CREATE TABLE topic (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    discussed_at  TEXT,
    note_id       INTEGER REFERENCES note (id) ON DELETE SET NULL
);
CREATE INDEX topic_person_open ON topic (person_id, discussed_at);

CREATE TABLE action_item (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER REFERENCES person (id) ON DELETE CASCADE,
    occurrence_id  INTEGER REFERENCES occurrence (id) ON DELETE SET NULL,
    owner          TEXT NOT NULL DEFAULT 'me' CHECK (owner IN ('me', 'them')),
    body           TEXT NOT NULL,
    due            TEXT,
    done_at        TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX action_due_open ON action_item (done_at, due);
CREATE INDEX action_person ON action_item (person_id);

-- One plan per database; kept as a table so its history can grow.
CREATE TABLE plan (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '30/60/90-day plan',
    start_date  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE goal (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    phase        INTEGER NOT NULL CHECK (phase IN (30, 60, 90, 180, 365)),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    criteria     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'todo'
                 CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
    progress     INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    confidence   TEXT NOT NULL DEFAULT 'on_track'
                 CHECK (confidence IN ('on_track', 'at_risk', 'off_track')),
    due          TEXT,
    person_id    INTEGER REFERENCES person (id) ON DELETE SET NULL,
    risk_id      INTEGER REFERENCES risk (id) ON DELETE SET NULL,
    ritual_id    INTEGER REFERENCES ritual (id) ON DELETE SET NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX goal_plan_phase ON goal (plan_id, phase, position);

-- Check-ins, and roll-overs between phases (kind 'rollover', detail names the phases).
CREATE TABLE checkin (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'checkin' CHECK (kind IN ('checkin', 'rollover')),
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    confidence  TEXT NOT NULL DEFAULT 'on_track'
                CHECK (confidence IN ('on_track', 'at_risk', 'off_track')),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checkin_goal_date ON checkin (goal_id, date);

CREATE TABLE risk (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    category             TEXT NOT NULL DEFAULT 'other'
                         CHECK (category IN ('delivery', 'reliability', 'security', 'people',
                                             'compliance', 'vendor', 'cost', 'other')),
    likelihood           INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact               INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    owner                TEXT NOT NULL DEFAULT '',
    response             TEXT NOT NULL DEFAULT 'mitigate'
                         CHECK (response IN ('avoid', 'mitigate', 'transfer', 'accept')),
    status               TEXT NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'monitoring', 'closed')),
    mitigation           TEXT NOT NULL DEFAULT '',
    trigger_text         TEXT NOT NULL DEFAULT '',
    next_review          TEXT,
    residual_likelihood  INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact      INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    accept_reason        TEXT NOT NULL DEFAULT '',
    accept_expiry        TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX risk_status_review ON risk (status, next_review);

-- Every score the risk has had, with the review that set it.
CREATE TABLE risk_review (
    id          INTEGER PRIMARY KEY,
    risk_id     INTEGER NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX risk_review_risk_date ON risk_review (risk_id, date);

-- Read-only events from outside calendars (import-ics), replaced per source on re-import.
CREATE TABLE calendar_event (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,
    uid           TEXT NOT NULL,
    title         TEXT NOT NULL,
    start         TEXT NOT NULL,
    end_at        TEXT,
    all_day       INTEGER NOT NULL DEFAULT 0,
    rrule         TEXT,
    exdates       TEXT NOT NULL DEFAULT '',
    recurrence_id TEXT
);
CREATE INDEX calendar_event_source ON calendar_event (source);

-- Audit trail and undo log: each user action's before/after images.
CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    before     TEXT,
    after      TEXT,
    undone     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Full-text search over everything a user writes, kept in sync by triggers.
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER person_ai AFTER INSERT ON person BEGIN
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('person', new.id, new.name, new.role || ' ' || new.team || ' ' || new.career_goals || ' ' || new.context);
END;
CREATE TRIGGER person_au AFTER UPDATE ON person BEGIN
    DELETE FROM search_index WHERE kind = 'person' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('person', new.id, new.name, new.role || ' ' || new.team || ' ' || new.career_goals || ' ' || new.context);
END;
CREATE TRIGGER person_ad AFTER DELETE ON person BEGIN
    DELETE FROM search_index WHERE kind = 'person' AND ref_id = old.id;
END;

CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('note', new.id, new.date, new.body);
END;
CREATE TRIGGER note_au AFTER UPDATE ON note BEGIN
    DELETE FROM search_index WHERE kind = 'note' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('note', new.id, new.date, new.body);
END;
CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN
    DELETE FROM search_index WHERE kind = 'note' AND ref_id = old.id;
END;

CREATE TRIGGER topic_ai AFTER INSERT ON topic BEGIN
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('topic', new.id, new.body, '');
END;
CREATE TRIGGER topic_au AFTER UPDATE OF body ON topic BEGIN
    DELETE FROM search_index WHERE kind = 'topic' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('topic', new.id, new.body, '');
END;
CREATE TRIGGER topic_ad AFTER DELETE ON topic BEGIN
    DELETE FROM search_index WHERE kind = 'topic' AND ref_id = old.id;
END;

CREATE TRIGGER action_ai AFTER INSERT ON action_item BEGIN
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('action', new.id, new.body, '');
END;
CREATE TRIGGER action_au AFTER UPDATE OF body ON action_item BEGIN
    DELETE FROM search_index WHERE kind = 'action' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body) VALUES ('action', new.id, new.body, '');
END;
CREATE TRIGGER action_ad AFTER DELETE ON action_item BEGIN
    DELETE FROM search_index WHERE kind = 'action' AND ref_id = old.id;
END;

CREATE TRIGGER ritual_ai AFTER INSERT ON ritual BEGIN
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('ritual', new.id, new.name, new.attendees || ' ' || new.agenda);
END;
CREATE TRIGGER ritual_au AFTER UPDATE ON ritual BEGIN
    DELETE FROM search_index WHERE kind = 'ritual' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('ritual', new.id, new.name, new.attendees || ' ' || new.agenda);
END;
CREATE TRIGGER ritual_ad AFTER DELETE ON ritual BEGIN
    DELETE FROM search_index WHERE kind = 'ritual' AND ref_id = old.id;
END;

CREATE TRIGGER goal_ai AFTER INSERT ON goal BEGIN
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('goal', new.id, new.title, new.description || ' ' || new.criteria);
END;
CREATE TRIGGER goal_au AFTER UPDATE OF title, description, criteria ON goal BEGIN
    DELETE FROM search_index WHERE kind = 'goal' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('goal', new.id, new.title, new.description || ' ' || new.criteria);
END;
CREATE TRIGGER goal_ad AFTER DELETE ON goal BEGIN
    DELETE FROM search_index WHERE kind = 'goal' AND ref_id = old.id;
END;

CREATE TRIGGER risk_ai AFTER INSERT ON risk BEGIN
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('risk', new.id, new.title, new.mitigation || ' ' || new.trigger_text || ' ' || new.owner);
END;
CREATE TRIGGER risk_au AFTER UPDATE OF title, mitigation, trigger_text, owner ON risk BEGIN
    DELETE FROM search_index WHERE kind = 'risk' AND ref_id = old.id;
    INSERT INTO search_index (kind, ref_id, title, body)
    VALUES ('risk', new.id, new.title, new.mitigation || ' ' || new.trigger_text || ' ' || new.owner);
END;
CREATE TRIGGER risk_ad AFTER DELETE ON risk BEGIN
    DELETE FROM search_index WHERE kind = 'risk' AND ref_id = old.id;
END;
