-- The first screen (the week and the radar) reads what it shows from indexes alone, so on ten
-- years of data it reads a few pages instead of one page per row (issue 18). The rows are in the
-- index in the order the screen lists them (date, then id), so no sort is needed either.
-- Risk reviews due or overdue: date, id, and the columns a radar or agenda line shows. Replaces
-- the index on the date alone.
CREATE INDEX risk_review_due ON risk (next_review, id, status, category, title);
DROP INDEX risk_next_review;
-- Accepted risks whose acceptance runs out: only accepted risks are in it (the radar read every
-- risk to find none on the huge demo).
CREATE INDEX risk_accept_expiry ON risk (accept_expiry) WHERE response = 'accept';
-- Open actions (overdue on the radar, open counts on the people list): a few hundred among a
-- hundred thousand done ones, with what their lines show.
CREATE INDEX action_open ON action_item (done_at, due, id, person_id, owner, body)
    WHERE done_at IS NULL;
