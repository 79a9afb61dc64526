-- Imported calendars keep each VEVENT with its rules (RRULE, RDATE, EXDATE) and are expanded
-- when shown, like rituals, instead of one row per happening expanded at import. A row is now
-- one VEVENT: `start`, `end_at` and `recurrence_id` hold the time as written with its zone
-- ("…Z" for UTC, "…@TZID" for a named zone, nothing for floating); `rrule` holds every RRULE,
-- one per line; `rdates` and `exdates` are JSON lists; `duration` is DURATION in seconds when
-- the event gave one instead of DTEND; a cancelled override (which takes its instance away) is
-- kept with `cancelled` = 1. `first_day` and `last_day` bound the days the event can touch
-- (`last_day` NULL: no end), so a week of the agenda reads only what it can show.
--
-- The rows of earlier imports are happenings already expanded into local time: as floating
-- times without a rule they show exactly as before, until the calendar is imported again.
ALTER TABLE calendar_event ADD COLUMN rdates TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_event ADD COLUMN duration INTEGER;
ALTER TABLE calendar_event ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calendar_event ADD COLUMN first_day TEXT;
ALTER TABLE calendar_event ADD COLUMN last_day TEXT;
UPDATE calendar_event SET rrule = NULL,
    first_day = substr(start, 1, 10),
    last_day = substr(coalesce(end_at, start), 1, 10);
DROP INDEX calendar_event_start;
CREATE INDEX calendar_event_days ON calendar_event (first_day, last_day);
