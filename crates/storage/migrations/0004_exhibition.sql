-- EXHIBITION+: floor plans, QR codes at booths, scans, bookmarks, leads and the record of every
-- contact-detail reveal. Lengths are whole decimetres.

ALTER TABLE halls ADD COLUMN width_dm BIGINT;
ALTER TABLE halls ADD COLUMN height_dm BIGINT;
ALTER TABLE halls ADD COLUMN entrance_x_dm BIGINT;
ALTER TABLE halls ADD COLUMN entrance_y_dm BIGINT;
ALTER TABLE booths ADD COLUMN x_dm BIGINT;
ALTER TABLE booths ADD COLUMN y_dm BIGINT;
ALTER TABLE booths ADD COLUMN w_dm BIGINT;
ALTER TABLE booths ADD COLUMN h_dm BIGINT;

-- The secret printed in a booth's QR code. Kept in clear so the sheet can be printed again;
-- revoking sets revoked_at, and a revoked token never works again.
CREATE TABLE booth_tokens (
    token TEXT PRIMARY KEY,
    booth_id BIGINT NOT NULL REFERENCES booths (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX booth_tokens_booth ON booth_tokens (booth_id);

-- Every scan of a booth's code, signed in or not, for the organiser's dashboard.
CREATE TABLE scans (
    id {ID},
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    booth_id BIGINT NOT NULL REFERENCES booths (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX scans_fair ON scans (fair_id, at);
CREATE INDEX scans_organisation ON scans (organisation_id, fair_id, at);

-- A buyer's shortlist for one fair: made by a scan at the booth or online.
CREATE TABLE bookmarks (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    tags TEXT NOT NULL,
    visited_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, fair_id, organisation_id)
);
CREATE INDEX bookmarks_organisation ON bookmarks (organisation_id, fair_id);

-- What an exhibitor knows of a visitor at one fair. shares_contact is the buyer's choice;
-- note and score are the exhibitor's.
CREATE TABLE leads (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    scans BIGINT NOT NULL,
    shares_contact BIGINT NOT NULL,
    message TEXT NOT NULL,
    note TEXT NOT NULL,
    score BIGINT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, fair_id, user_id)
);
CREATE INDEX leads_user ON leads (user_id);

-- Each time someone was shown another person's contact details (or exported them): whose,
-- to whom, for what, and where each of them is, so the cross-boundary rules can be audited.
CREATE TABLE contact_reveals (
    id {ID},
    subject_user BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    viewer_user BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    viewer_organisation BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    purpose TEXT NOT NULL,
    subject_location TEXT NOT NULL,
    viewer_location TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX contact_reveals_subject ON contact_reveals (subject_user, at);

-- The organiser's reference for each product of an exhibitor at a fair: importing the same
-- product sheet again updates the listing instead of adding another.
CREATE TABLE fair_products (
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    exhibitor_reference TEXT NOT NULL,
    reference TEXT NOT NULL,
    listing_id BIGINT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    PRIMARY KEY (fair_id, exhibitor_reference, reference)
);
CREATE INDEX fair_products_listing ON fair_products (listing_id);

-- Photos of products (listing_id set) and of organisations (listing_id NULL), kept in the
-- database so a backup of it is a backup of everything. Both renditions are JPEG made by the
-- server from the upload, never the uploaded bytes themselves.
CREATE TABLE images (
    id {ID},
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    listing_id BIGINT REFERENCES listings (id) ON DELETE CASCADE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    digest TEXT NOT NULL,
    display {BLOB} NOT NULL,
    thumb {BLOB} NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX images_listing ON images (listing_id, id);
CREATE INDEX images_organisation ON images (organisation_id, id);
