-- Every write to something search shows appends a row here, in the same transaction. The search
-- index records the last sequence number it has applied, so after a crash it knows how far
-- behind it is and replays the rest.
CREATE TABLE search_changes (
    seq {ID},
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL
);
