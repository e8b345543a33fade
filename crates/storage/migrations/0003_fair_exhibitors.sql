-- The organiser's own reference for each exhibitor of a fair: importing the same sheet again
-- finds the same organisation and updates it instead of creating another.
CREATE TABLE fair_exhibitors (
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (fair_id, reference)
);
CREATE INDEX fair_exhibitors_organisation ON fair_exhibitors (organisation_id);
