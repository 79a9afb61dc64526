-- Indexes for years of data: an agenda week and its radar read only what they show.
CREATE INDEX occurrence_start ON occurrence (original_start);
CREATE INDEX occurrence_held ON occurrence (ritual_id, status, moved_to, original_start);
CREATE INDEX action_due ON action_item (due);
CREATE INDEX risk_next_review ON risk (next_review);
CREATE INDEX calendar_event_start ON calendar_event (start);
CREATE INDEX goal_due ON goal (due);
