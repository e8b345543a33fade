-- What matching and search filter on, one row per value, so an index answers "listings for
-- Hong Kong" or "organisations serving Japan" on both engines (the JSON text columns stay the
-- record of order and are what the API returns).
CREATE TABLE listing_regions (
    listing_id BIGINT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    region TEXT NOT NULL,
    PRIMARY KEY (listing_id, region)
);
CREATE INDEX listing_regions_region ON listing_regions (region, listing_id);

CREATE TABLE organisation_markets (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    market TEXT NOT NULL,
    PRIMARY KEY (organisation_id, market)
);
CREATE INDEX organisation_markets_market ON organisation_markets (market, organisation_id);

INSERT INTO listing_regions (listing_id, region)
    SELECT DISTINCT l.id, j.value FROM listings l, JSON_ITEMS(l.target_regions) AS j;
INSERT INTO organisation_markets (organisation_id, market)
    SELECT DISTINCT o.id, j.value FROM organisations o, JSON_ITEMS(o.markets_served) AS j;
