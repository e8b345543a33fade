-- A person's meeting badge at a fair: the QR code they show at the table, which the partner
-- scans to check their meeting in. Like a booth code, the token is 128 random bits, so a scan
-- proves the scanner saw the badge; a person can reissue it (the old one is revoked).
CREATE TABLE meeting_badges (
    token TEXT PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
-- One live badge per person and fair.
CREATE UNIQUE INDEX meeting_badges_live ON meeting_badges (fair_id, person_id) WHERE revoked_at IS NULL;
