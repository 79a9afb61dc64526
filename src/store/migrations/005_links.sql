-- Links between objects (a goal a risk threatens, the decision an action carries out, the goals a
-- meeting reviewed): one generic table over a closed set of kinds, each end named by kind and id.
-- A link has no direction: it is stored once, its ends in order ((a_kind, a_id) < (b_kind, b_id),
-- the kinds in the order listed below), so UNIQUE finds the same link given either way round.
-- `meeting` is an occurrence row, `action` an action_item row. Deleting an object deletes its
-- links (the triggers below), never the object at the other end. A table added later (decision,
-- metric) adds its own trigger in its migration.
CREATE TABLE link (
    id INTEGER PRIMARY KEY,
    a_kind TEXT NOT NULL CHECK (a_kind IN
        ('person', 'goal', 'risk', 'action', 'meeting', 'ritual', 'decision', 'metric')),
    a_id INTEGER NOT NULL CHECK (a_id > 0),
    b_kind TEXT NOT NULL CHECK (b_kind IN
        ('person', 'goal', 'risk', 'action', 'meeting', 'ritual', 'decision', 'metric')),
    b_id INTEGER NOT NULL CHECK (b_id > 0),
    created_at TEXT NOT NULL,
    UNIQUE (a_kind, a_id, b_kind, b_id),
    CHECK (a_kind <> b_kind OR a_id <> b_id)
);
CREATE INDEX link_b ON link (b_kind, b_id);

CREATE TRIGGER link_person_gone AFTER DELETE ON person BEGIN
    DELETE FROM link WHERE (a_kind = 'person' AND a_id = OLD.id)
        OR (b_kind = 'person' AND b_id = OLD.id);
END;
CREATE TRIGGER link_goal_gone AFTER DELETE ON goal BEGIN
    DELETE FROM link WHERE (a_kind = 'goal' AND a_id = OLD.id)
        OR (b_kind = 'goal' AND b_id = OLD.id);
END;
CREATE TRIGGER link_risk_gone AFTER DELETE ON risk BEGIN
    DELETE FROM link WHERE (a_kind = 'risk' AND a_id = OLD.id)
        OR (b_kind = 'risk' AND b_id = OLD.id);
END;
CREATE TRIGGER link_action_gone AFTER DELETE ON action_item BEGIN
    DELETE FROM link WHERE (a_kind = 'action' AND a_id = OLD.id)
        OR (b_kind = 'action' AND b_id = OLD.id);
END;
CREATE TRIGGER link_meeting_gone AFTER DELETE ON occurrence BEGIN
    DELETE FROM link WHERE (a_kind = 'meeting' AND a_id = OLD.id)
        OR (b_kind = 'meeting' AND b_id = OLD.id);
END;
CREATE TRIGGER link_ritual_gone AFTER DELETE ON ritual BEGIN
    DELETE FROM link WHERE (a_kind = 'ritual' AND a_id = OLD.id)
        OR (b_kind = 'ritual' AND b_id = OLD.id);
END;
