-- Organisation ↔ organisation matching: feedback one organisation gives on another.
ALTER TABLE match_events ADD COLUMN target_organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE;
CREATE INDEX match_events_target_organisation ON match_events (target_organisation_id);
