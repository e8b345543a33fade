-- A person's calendar subscription: a secret address a calendar application fetches without
-- signing in, so published meetings (with their stable UIDs) appear and move by themselves.
-- The token is 128 random bits; reissuing revokes the old address.
CREATE TABLE calendar_feeds (
    token TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (person_id) WHERE revoked_at IS NULL;
