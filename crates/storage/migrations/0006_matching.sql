-- What people tell the matching engine about themselves, attribute by attribute and all of it
-- optional (the schemas are sc_domain::profile): a person's buyer profile, an organisation's
-- wishes (the buyers it wants to meet). JSON text like listings' attributes.
CREATE TABLE buyer_profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    attributes TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organisation_wishes (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    attributes TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- What people did that scans, bookmarks and leads do not already record: page views, search
-- result clicks, "not interested", "more like this", dismissals. Always between a person and
-- an organisation (and the listing concerned, if any); `actor` says which of the two acted.
-- `for_listing_id` is the listing a match was shown for (a sourcing request's suppliers).
-- Everything goes with the account, the organisation or the listing.
CREATE TABLE match_events (
    id {ID},
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    listing_id BIGINT REFERENCES listings (id) ON DELETE CASCADE,
    for_listing_id BIGINT REFERENCES listings (id) ON DELETE CASCADE
);
CREATE INDEX match_events_at ON match_events (at);
CREATE INDEX match_events_user ON match_events (user_id, at);
CREATE INDEX match_events_organisation ON match_events (organisation_id, at);
CREATE INDEX match_events_listing ON match_events (listing_id);
CREATE INDEX match_events_for_listing ON match_events (for_listing_id);
