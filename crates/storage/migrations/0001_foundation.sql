-- One migration tree for both engines. {ID} becomes the engine's auto-increment primary key;
-- everything else is types both engines spell the same. Flags are BIGINT 0/1 and timestamps
-- BIGINT milliseconds since the epoch, so one decoding path reads both engines.

CREATE TABLE users (
    id {ID},
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    location TEXT NOT NULL,
    platform_role TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Contact details live apart from the profile: no public query touches this table.
CREATE TABLE user_contacts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone TEXT,
    wechat TEXT,
    whatsapp TEXT,
    postal_address TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE organisations (
    id {ID},
    kind TEXT NOT NULL,
    name_zh_hant TEXT,
    name_zh_hans TEXT,
    name_en TEXT,
    description_zh_hant TEXT,
    description_zh_hans TEXT,
    description_en TEXT,
    sectors TEXT NOT NULL,
    markets_served TEXT NOT NULL,
    location TEXT NOT NULL,
    website TEXT,
    verified BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX organisations_location ON organisations (location);

CREATE TABLE organisation_sectors (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    PRIMARY KEY (organisation_id, sector)
);
CREATE INDEX organisation_sectors_sector ON organisation_sectors (sector, organisation_id);

CREATE TABLE memberships (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE listings (
    id {ID},
    owner_organisation BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    owner_user BIGINT REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    market TEXT NOT NULL,
    title_zh_hant TEXT,
    title_zh_hans TEXT,
    title_en TEXT,
    description_zh_hant TEXT,
    description_zh_hans TEXT,
    description_en TEXT,
    codes TEXT NOT NULL,
    target_regions TEXT NOT NULL,
    attributes TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((owner_organisation IS NULL) <> (owner_user IS NULL))
);
CREATE INDEX listings_market ON listings (market, status, id);
CREATE INDEX listings_owner_organisation ON listings (owner_organisation, id);
CREATE INDEX listings_owner_user ON listings (owner_user, id);

CREATE TABLE listing_codes (
    listing_id BIGINT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (listing_id, code)
);
CREATE INDEX listing_codes_code ON listing_codes (code, listing_id);

CREATE TABLE fairs (
    id {ID},
    slug TEXT UNIQUE,
    name_zh_hant TEXT,
    name_zh_hans TEXT,
    name_en TEXT,
    venue_zh_hant TEXT,
    venue_zh_hans TEXT,
    venue_en TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    online_until TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE halls (
    id {ID},
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name_zh_hant TEXT,
    name_zh_hans TEXT,
    name_en TEXT,
    UNIQUE (fair_id, code)
);

CREATE TABLE booths (
    id {ID},
    hall_id BIGINT NOT NULL REFERENCES halls (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    UNIQUE (hall_id, code)
);
CREATE INDEX booths_organisation ON booths (organisation_id);
