-- One-to-one meetings at a fair. The organiser's sessions are cut into slots (times in UTC
-- milliseconds; `label` is the local time shown). A request goes from a person to a person or
-- to an organisation (whose member who accepts becomes the second person). A meeting has a slot
-- and a table. `meeting_seats` is what makes double booking impossible whatever the engine and
-- however many requests race: one row per (slot, person), so a second meeting or a pending
-- request holding the same person's slot fails on the primary key; a table is taken once per
-- slot by the unique index on meetings. A pending request with a proposed slot holds its
-- proposer's seat until it lapses (`held_until`); a lapsed hold is removed before any booking.
CREATE TABLE meeting_sessions (
    id {ID},
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL,
    slot_minutes BIGINT NOT NULL,
    tables BIGINT NOT NULL,
    breaks TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meeting_sessions_fair ON meeting_sessions (fair_id, day);

CREATE TABLE meeting_slots (
    id {ID},
    session_id BIGINT NOT NULL REFERENCES meeting_sessions (id) ON DELETE CASCADE,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    day TEXT NOT NULL,
    label TEXT NOT NULL,
    tables BIGINT NOT NULL
);
CREATE INDEX meeting_slots_fair ON meeting_slots (fair_id, starts_at);

-- Slots a person cannot meet in (booth duty, a talk).
CREATE TABLE meeting_unavailable (
    slot_id BIGINT NOT NULL REFERENCES meeting_slots (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    PRIMARY KEY (slot_id, person_id)
);

CREATE TABLE meeting_caps (
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cap BIGINT NOT NULL,
    PRIMARY KEY (fair_id, person_id)
);

CREATE TABLE meeting_requests (
    id {ID},
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    from_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    -- The pair, smaller id first, once the second person is known (for the one-open-request rule).
    pair TEXT NOT NULL,
    status TEXT NOT NULL,
    slot_id BIGINT REFERENCES meeting_slots (id) ON DELETE SET NULL,
    -- 'from' or 'to': who asked last (made the request or the latest proposal).
    asked_by TEXT NOT NULL,
    note TEXT NOT NULL,
    weight BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((to_id IS NOT NULL) OR (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX meeting_requests_open_pair ON meeting_requests (fair_id, pair)
    WHERE status IN ('pending', 'accepted');
CREATE INDEX meeting_requests_from ON meeting_requests (from_id, fair_id);
CREATE INDEX meeting_requests_to ON meeting_requests (to_id, fair_id);
CREATE INDEX meeting_requests_organisation ON meeting_requests (organisation_id, fair_id);
CREATE INDEX meeting_requests_expiry ON meeting_requests (status, expires_at);

CREATE TABLE meetings (
    id {ID},
    request_id BIGINT NOT NULL UNIQUE REFERENCES meeting_requests (id) ON DELETE CASCADE,
    fair_id BIGINT NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    slot_id BIGINT NOT NULL REFERENCES meeting_slots (id) ON DELETE CASCADE,
    table_no BIGINT NOT NULL,
    a_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    b_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    -- Bumped on every change, for the iCalendar SEQUENCE.
    sequence BIGINT NOT NULL,
    checked_in_at BIGINT,
    a_no_show BIGINT NOT NULL DEFAULT 0,
    b_no_show BIGINT NOT NULL DEFAULT 0,
    reminded_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX meetings_table ON meetings (slot_id, table_no);
CREATE INDEX meetings_fair ON meetings (fair_id, status);
CREATE INDEX meetings_a ON meetings (a_id);
CREATE INDEX meetings_b ON meetings (b_id);

CREATE TABLE meeting_seats (
    slot_id BIGINT NOT NULL REFERENCES meeting_slots (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_id BIGINT NOT NULL REFERENCES meeting_requests (id) ON DELETE CASCADE,
    -- NULL for a meeting's seat; the lapse time for a pending request's hold.
    held_until BIGINT,
    PRIMARY KEY (slot_id, person_id)
);
CREATE INDEX meeting_seats_request ON meeting_seats (request_id);
