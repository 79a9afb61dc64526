-- The scorecard: metrics (KPIs) with a target, a warning threshold and a cadence, and one value
-- per period. `period` is the first day of the week, month or quarter the value is for; weeks
-- begin on the metric's own `week_start`, fixed when it was added so its history keeps its
-- periods. `warn` is a value where off target begins, or with `warn_band` = 1 a distance from the
-- target. `owner_id` NULL means the director. Goals can be measured by a metric (their progress
-- runs from the metric's baseline to `metric_target`, or the metric's target when NULL), and a
-- check-in on such a goal records the metric's value. Numbers stay within ±10¹² (and a text
-- value, which SQLite would keep in a REAL column, is refused by the same check).
CREATE TABLE metric (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT 'count'
                  CHECK (unit IN ('count', 'percent', 'hours', 'days', 'currency', 'score')),
    direction     TEXT NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
    target        REAL CHECK (target BETWEEN -1e12 AND 1e12),
    warn          REAL CHECK (warn BETWEEN -1e12 AND 1e12),
    warn_band     INTEGER NOT NULL DEFAULT 0 CHECK (warn_band IN (0, 1)),
    cadence       TEXT NOT NULL DEFAULT 'weekly'
                  CHECK (cadence IN ('weekly', 'monthly', 'quarterly')),
    week_start    TEXT NOT NULL DEFAULT 'MO'
                  CHECK (week_start IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
    owner_id      INTEGER REFERENCES person (id) ON DELETE SET NULL,
    source        TEXT NOT NULL DEFAULT '',
    team          TEXT NOT NULL DEFAULT '',
    metric_group  TEXT NOT NULL DEFAULT 'other'
                  CHECK (metric_group IN ('delivery', 'reliability', 'quality', 'people', 'cost',
                                          'other')),
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (warn IS NULL OR target IS NOT NULL),
    CHECK (warn_band = 0 OR warn > 0)
);
CREATE UNIQUE INDEX metric_name_nocase ON metric (name COLLATE NOCASE);
CREATE INDEX metric_owner ON metric (owner_id);

CREATE TABLE metric_value (
    id          INTEGER PRIMARY KEY,
    metric_id   INTEGER NOT NULL REFERENCES metric (id) ON DELETE CASCADE,
    period      TEXT NOT NULL,
    value       REAL NOT NULL CHECK (value BETWEEN -1e12 AND 1e12),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (metric_id, period)
);

ALTER TABLE goal ADD COLUMN metric_id INTEGER REFERENCES metric (id) ON DELETE SET NULL;
ALTER TABLE goal ADD COLUMN metric_target REAL CHECK (metric_target BETWEEN -1e12 AND 1e12);
CREATE INDEX goal_metric ON goal (metric_id);
ALTER TABLE checkin ADD COLUMN metric_value REAL CHECK (metric_value BETWEEN -1e12 AND 1e12);

-- A deleted metric takes its links with it (see 005_links.sql), never the other object.
CREATE TRIGGER link_metric_gone AFTER DELETE ON metric BEGIN
    DELETE FROM link WHERE (a_kind = 'metric' AND a_id = OLD.id)
        OR (b_kind = 'metric' AND b_id = OLD.id);
END;
