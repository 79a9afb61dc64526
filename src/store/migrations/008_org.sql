-- One connected picture (issue 22).
--
-- Managers and their teams: whom a person reports to (NULL: to me, the user). Deleting a manager
-- leaves their reports in place, reporting to me.
ALTER TABLE person ADD COLUMN reports_to INTEGER REFERENCES person (id) ON DELETE SET NULL;
CREATE INDEX person_reports_to ON person (reports_to);

-- A private health read of a person, kept as history: morale 1 (low) to 5 (high), flight risk,
-- the day it was read and a note. Confidential like 1:1 notes.
CREATE TABLE health_read (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    morale       INTEGER NOT NULL CHECK (morale BETWEEN 1 AND 5),
    flight_risk  TEXT NOT NULL CHECK (flight_risk IN ('low', 'medium', 'high')),
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX health_read_person_date ON health_read (person_id, date);

-- A risk's owner is a person when one is chosen; `owner` keeps the name as text (for someone
-- outside the people list, and so a deleted person's risks still say who owned them). Existing
-- owners that are exactly a person's name (ignoring case) are linked now; the rest stay text.
ALTER TABLE risk ADD COLUMN owner_id INTEGER REFERENCES person (id) ON DELETE SET NULL;
CREATE INDEX risk_owner ON risk (owner_id);
UPDATE risk SET owner_id = (SELECT p.id FROM person p WHERE p.name = trim(risk.owner) COLLATE NOCASE)
 WHERE trim(owner) <> '';
