-- Conversations: between a person and an organisation (whose members share one inbox), or
-- between two people. Side "a" is always a person (`person_id`); side "b" is an organisation
-- (`organisation_id`) or a second person (`other_person_id`, with person_id < other_person_id).
-- `topic` makes a conversation unique between its two sides: '' for the general one, or
-- 'listing:ID' for one about a listing (a market action). Each side's count of messages it has
-- not read is kept here so the header's count is one indexed sum, not a scan of messages.
-- `a_shares_contact` is the person's consent to show their contact details to side b (and
-- `b_shares_contact` the second person's, between people); each showing is a governed reveal.
CREATE TABLE conversations (
    id {ID},
    person_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    other_person_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    listing_id BIGINT REFERENCES listings (id) ON DELETE SET NULL,
    fair_id BIGINT REFERENCES fairs (id) ON DELETE SET NULL,
    started_by TEXT NOT NULL,
    starter_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    assigned_to BIGINT REFERENCES users (id) ON DELETE SET NULL,
    a_unread BIGINT NOT NULL,
    b_unread BIGINT NOT NULL,
    a_read_at BIGINT,
    b_read_at BIGINT,
    a_shares_contact BIGINT NOT NULL DEFAULT 0,
    b_shares_contact BIGINT NOT NULL DEFAULT 0,
    last_message_id BIGINT,
    last_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK ((organisation_id IS NULL) <> (other_person_id IS NULL))
);
CREATE UNIQUE INDEX conversations_with_organisation ON conversations (person_id, organisation_id, topic);
CREATE UNIQUE INDEX conversations_between_people ON conversations (person_id, other_person_id, topic);
CREATE INDEX conversations_person ON conversations (person_id, last_at);
CREATE INDEX conversations_organisation ON conversations (organisation_id, last_at);
CREATE INDEX conversations_other_person ON conversations (other_person_id, last_at);
CREATE INDEX conversations_starter ON conversations (starter_id, created_at);

-- The messages of a conversation. `side` is who wrote it ('a' or 'b'), `author_id` which
-- person (for an organisation: which member answered). `kind` is 'text' or a typed message
-- (a contact request, a shared contact card, an application, a quote, an acceptance…) whose
-- fields are JSON in `data`. `folded` is the body as search compares it (sc-text's fold).
CREATE TABLE messages (
    id {ID},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    folded TEXT NOT NULL,
    data TEXT NOT NULL,
    listing_id BIGINT REFERENCES listings (id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- Files sent in a message, kept in the database like photos (a backup of it is a backup of
-- everything); the type is the one the content was recognised as, never the sender's claim.
CREATE TABLE message_attachments (
    id {ID},
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    digest TEXT NOT NULL,
    bytes {BLOB} NOT NULL
);
CREATE INDEX message_attachments_message ON message_attachments (message_id);

-- Who refuses messages from whom: a party is 'u:ID' (a person) or 'o:ID' (an organisation).
CREATE TABLE message_blocks (
    blocker TEXT NOT NULL,
    blocked TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (blocker, blocked)
);

-- Reports of abuse. The organiser reads these (the reported message as its reporter passed it
-- on, the reason), never the conversation itself.
CREATE TABLE message_reports (
    id {ID},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    reporter_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reported TEXT NOT NULL,
    reason TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    fair_id BIGINT REFERENCES fairs (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX message_reports_open ON message_reports (closed_at, at);

-- An organisation's inbox rules: 'anyone' may write first, or only 'known' people (who
-- bookmarked or scanned it, or met it).
CREATE TABLE inbox_settings (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    first_contact TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Contact requests sent before conversations existed become their conversations' first
-- messages (the general conversation between the buyer and the exhibitor).
INSERT INTO conversations (person_id, organisation_id, topic, fair_id, started_by, starter_id, a_unread, b_unread, last_at, created_at)
SELECT l.user_id, l.organisation_id, '', MIN(l.fair_id), 'a', l.user_id, 0, COUNT(*), MAX(l.last_at), MIN(l.first_at)
FROM leads l WHERE l.message <> '' GROUP BY l.user_id, l.organisation_id;

INSERT INTO messages (conversation_id, side, author_id, kind, body, folded, data, at)
SELECT c.id, 'a', l.user_id, 'contact', l.message, LOWER(l.message), '{}', l.last_at
FROM leads l JOIN conversations c ON c.person_id = l.user_id AND c.organisation_id = l.organisation_id AND c.topic = ''
WHERE l.message <> '';

UPDATE conversations SET last_message_id = (SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id);

-- E-mail about messages: each person's way to stop it, whether they did, and when their last
-- digest went (a digest covers what arrived since).
CREATE TABLE mail_settings (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    unsubscribe_token TEXT NOT NULL UNIQUE,
    unsubscribed_at BIGINT,
    last_digest_at BIGINT
);
