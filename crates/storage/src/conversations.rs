//! Conversations and their messages, attachments, read state, blocks, reports and inbox
//! rules. Contact details leave this module only through
//! [`Store::reveal_in_conversation`], which asks the governance rule and records the reveal in
//! the same transaction, like the leads' reveal.

use sc_domain::conversation::{
    ConversationId, FirstContact, MessageId, MessageKind, Parties, Side, party_key,
};
use sc_domain::fair::FairId;
use sc_domain::governance::{RevealPurpose, may_reveal_contact};
use sc_domain::listing::{ListingId, Owner};
use sc_domain::organisation::OrgId;
use sc_domain::person::{ContactDetails, UserId};
use sc_domain::{LocalizedText, Location};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codec::{location, parsed, text};
use crate::leads::RevealedContact;
use crate::query::Query;
use crate::{Result, StorageError, Store, now_ms, touched};

/// A conversation as either side sees it (the caller decides which side it is).
#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: ConversationId,
    pub parties: Parties,
    /// `''` for the general conversation, `listing:ID` for one about a listing.
    pub topic: String,
    pub listing_id: Option<ListingId>,
    pub listing_title: LocalizedText,
    pub fair_id: Option<FairId>,
    pub started_by: Side,
    pub assigned_to: Option<UserId>,
    pub assigned_name: Option<String>,
    pub a_name: String,
    pub a_location: Location,
    /// The organisation's name, or the second person's in every language.
    pub b_name: LocalizedText,
    pub b_location: Location,
    pub a_unread: i64,
    pub b_unread: i64,
    pub a_read_at: Option<i64>,
    pub b_read_at: Option<i64>,
    pub a_shares_contact: bool,
    pub b_shares_contact: bool,
    pub last_side: Option<Side>,
    pub last_kind: Option<MessageKind>,
    pub last_body: String,
    pub last_at: i64,
    pub created_at: i64,
    /// In a search, the newest message that matched.
    pub hit: Option<String>,
}

impl Conversation {
    pub fn unread(&self, side: Side) -> i64 {
        match side {
            Side::A => self.a_unread,
            Side::B => self.b_unread,
        }
    }
    /// When `side` last read the conversation.
    pub fn read_at(&self, side: Side) -> Option<i64> {
        match side {
            Side::A => self.a_read_at,
            Side::B => self.b_read_at,
        }
    }
    pub fn shares_contact(&self, side: Side) -> bool {
        match side {
            Side::A => self.a_shares_contact,
            Side::B => self.b_shares_contact,
        }
    }
}

/// A file of a message, without its bytes.
#[derive(Debug, Clone)]
pub struct AttachmentInfo {
    pub id: i64,
    pub message_id: MessageId,
    pub name: String,
    pub media_type: String,
    pub size: i64,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub side: Side,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub kind: MessageKind,
    pub body: String,
    pub data: serde_json::Value,
    /// A listing card sent with the message: its id and title.
    pub listing: Option<(ListingId, LocalizedText)>,
    pub attachments: Vec<AttachmentInfo>,
    pub at: i64,
}

/// A file to store with a message, already recognised and named.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub name: String,
    pub media_type: String,
    pub digest: String,
    pub bytes: Vec<u8>,
}

/// A message to write.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub side: Side,
    pub author: UserId,
    pub kind: MessageKind,
    pub body: String,
    /// The body as search compares it.
    pub folded: String,
    pub data: serde_json::Value,
    pub listing_id: Option<ListingId>,
    pub attachments: Vec<NewAttachment>,
}

/// What a new conversation is about.
#[derive(Debug, Clone)]
pub struct Opening {
    pub parties: Parties,
    pub topic: String,
    pub listing_id: Option<ListingId>,
    pub fair_id: Option<FairId>,
}

/// What was written: the conversation (new or not) and the message.
#[derive(Debug, Clone, Copy)]
pub struct Posted {
    pub conversation_id: ConversationId,
    pub message_id: MessageId,
    pub created: bool,
    pub at: i64,
}

/// Which conversations an inbox lists.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Only this organisation's inbox (else the person's own and all their organisations').
    pub organisation: Option<OrgId>,
    pub unread_only: bool,
    /// `Some(Some(u))`: assigned to `u`; `Some(None)`: assigned to nobody.
    pub assigned: Option<Option<UserId>>,
    /// Folded words to find in the messages.
    pub folded_query: Option<String>,
    /// Conversations last active before this time (the next page).
    pub before: Option<i64>,
    pub limit: usize,
}

/// A report of abuse as the organiser reads it.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: i64,
    pub conversation_id: ConversationId,
    pub message_id: Option<MessageId>,
    pub reporter_id: UserId,
    pub reporter_name: String,
    /// `u:ID` or `o:ID`.
    pub reported: String,
    pub reported_name: LocalizedText,
    pub reason: String,
    pub excerpt: String,
    pub fair_id: Option<FairId>,
    pub at: i64,
    pub closed_at: Option<i64>,
}

/// Who is about to see contact details in a conversation.
#[derive(Debug, Clone)]
pub struct ConversationViewer {
    pub user_id: UserId,
    pub location: Location,
    pub organisation_id: Option<OrgId>,
}

const CONVERSATION_SQL: &str = "SELECT c.id, c.person_id, c.organisation_id, c.other_person_id, c.topic, c.listing_id,
        c.fair_id, c.started_by, c.assigned_to, c.a_unread, c.b_unread, c.a_read_at, c.b_read_at,
        c.a_shares_contact, c.b_shares_contact, c.last_at, c.created_at,
        ua.display_name AS a_name, ua.location AS a_location,
        o.name_zh_hant AS o_zh_hant, o.name_zh_hans AS o_zh_hans, o.name_en AS o_en, o.location AS o_location,
        ub.display_name AS b_person_name, ub.location AS b_person_location,
        l.title_zh_hant AS lt_zh_hant, l.title_zh_hans AS lt_zh_hans, l.title_en AS lt_en,
        asg.display_name AS assigned_name,
        m.side AS last_side, m.kind AS last_kind, m.body AS last_body
 FROM conversations c
 JOIN users ua ON ua.id = c.person_id
 LEFT JOIN organisations o ON o.id = c.organisation_id
 LEFT JOIN users ub ON ub.id = c.other_person_id
 LEFT JOIN listings l ON l.id = c.listing_id
 LEFT JOIN users asg ON asg.id = c.assigned_to
 LEFT JOIN messages m ON m.id = c.last_message_id";

fn conversation(r: &AnyRow) -> Result<Conversation> {
    let org: Option<OrgId> = r.try_get("organisation_id")?;
    let other: Option<UserId> = r.try_get("other_person_id")?;
    let (b, b_name, b_location) = match (org, other) {
        (Some(o), _) => (
            Owner::Organisation(o),
            text(r, "o")?,
            location(r, "o_location")?,
        ),
        (None, Some(u)) => {
            let name: String = r.try_get("b_person_name")?;
            (
                Owner::Person(u),
                LocalizedText {
                    zh_hant: Some(name.clone()),
                    zh_hans: Some(name.clone()),
                    en: Some(name),
                },
                location(r, "b_person_location")?,
            )
        }
        (None, None) => return Err(StorageError::Corrupt("conversation without side b".into())),
    };
    let last_side: Option<String> = r.try_get("last_side")?;
    let last_kind: Option<String> = r.try_get("last_kind")?;
    let last_body: Option<String> = r.try_get("last_body")?;
    Ok(Conversation {
        id: r.try_get("id")?,
        parties: Parties {
            a: r.try_get("person_id")?,
            b,
        },
        topic: r.try_get("topic")?,
        listing_id: r.try_get("listing_id")?,
        listing_title: text(r, "lt")?,
        fair_id: r.try_get("fair_id")?,
        started_by: parsed(r, "started_by", Side::parse)?,
        assigned_to: r.try_get("assigned_to")?,
        assigned_name: r.try_get("assigned_name")?,
        a_name: r.try_get("a_name")?,
        a_location: location(r, "a_location")?,
        b_name,
        b_location,
        a_unread: r.try_get("a_unread")?,
        b_unread: r.try_get("b_unread")?,
        a_read_at: r.try_get("a_read_at")?,
        b_read_at: r.try_get("b_read_at")?,
        a_shares_contact: r.try_get::<i64, _>("a_shares_contact")? != 0,
        b_shares_contact: r.try_get::<i64, _>("b_shares_contact")? != 0,
        last_side: last_side.as_deref().and_then(Side::parse),
        last_kind: last_kind.as_deref().and_then(MessageKind::parse),
        last_body: last_body.unwrap_or_default(),
        last_at: r.try_get("last_at")?,
        created_at: r.try_get("created_at")?,
        hit: None,
    })
}

fn message(r: &AnyRow) -> Result<Message> {
    let listing: Option<ListingId> = r.try_get("listing_id")?;
    let data: String = r.try_get("data")?;
    Ok(Message {
        id: r.try_get("id")?,
        conversation_id: r.try_get("conversation_id")?,
        side: parsed(r, "side", Side::parse)?,
        author_id: r.try_get("author_id")?,
        author_name: r.try_get("author_name")?,
        kind: parsed(r, "kind", MessageKind::parse)?,
        body: r.try_get("body")?,
        data: serde_json::from_str(&data)
            .map_err(|e| StorageError::Corrupt(format!("message data: {e}")))?,
        listing: match listing {
            Some(id) => Some((id, text(r, "lt")?)),
            None => None,
        },
        attachments: Vec::new(),
        at: r.try_get("at")?,
    })
}

fn attachment_info(r: &AnyRow) -> Result<AttachmentInfo> {
    Ok(AttachmentInfo {
        id: r.try_get("id")?,
        message_id: r.try_get("message_id")?,
        name: r.try_get("name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
    })
}

/// `%…%` for LIKE, with the pattern's own wildcards escaped (`\` is the escape character).
fn like_pattern(folded: &str) -> String {
    let mut p = String::from("%");
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The column of a side: `a_…` or `b_…`.
fn col(side: Side, name: &str) -> String {
    format!("{}_{name}", side.code())
}

impl Store {
    /// The conversation between these parties about `topic`, if there is one.
    pub async fn conversation_between(
        &self,
        parties: Parties,
        topic: &str,
    ) -> Result<Option<ConversationId>> {
        let mut conn = self.pool().acquire().await?;
        find(&mut conn, parties, topic).await
    }

    pub async fn conversation(&self, id: ConversationId) -> Result<Conversation> {
        let sql = format!("{CONVERSATION_SQL} WHERE c.id = $1");
        let r = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        conversation(&r)
    }

    /// Writes the first message of a conversation, creating the conversation unless these
    /// parties already have one about this topic (then the message joins it). `starter` is the
    /// side writing; its author is counted against the daily limit of first contacts.
    pub async fn start_conversation(&self, opening: &Opening, msg: &NewMessage) -> Result<Posted> {
        let mut w = self.write().await?;
        let at = now_ms();
        let posted = start_in(&mut w, opening, msg, at).await?;
        w.commit_untracked().await?;
        Ok(posted)
    }

    /// Writes a message into a conversation. Writing reads: the writer's side has nothing
    /// unread afterwards.
    pub async fn post_message(&self, id: ConversationId, msg: &NewMessage) -> Result<Posted> {
        let mut w = self.write().await?;
        let at = now_ms();
        let message_id = insert_message(&mut w, id, msg, at).await?;
        w.commit_untracked().await?;
        Ok(Posted {
            conversation_id: id,
            message_id,
            created: false,
            at,
        })
    }

    /// `side` has read everything in the conversation, now.
    pub async fn mark_read(&self, id: ConversationId, side: Side) -> Result<()> {
        let sql = format!(
            "UPDATE conversations SET {u} = 0, {r} = $1 WHERE id = $2",
            u = col(side, "unread"),
            r = col(side, "read_at")
        );
        let mut w = self.write().await?;
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now_ms())
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// The newest `limit` messages before `before` (all when `None`), oldest first, with
    /// their attachments.
    pub async fn messages(
        &self,
        id: ConversationId,
        before: Option<MessageId>,
        limit: usize,
    ) -> Result<Vec<Message>> {
        let rows = sqlx::query(
            "SELECT m.id, m.conversation_id, m.side, m.author_id, u.display_name AS author_name, m.kind, m.body,
                    m.data, m.listing_id, l.title_zh_hant AS lt_zh_hant, l.title_zh_hans AS lt_zh_hans, l.title_en AS lt_en, m.at
             FROM messages m LEFT JOIN users u ON u.id = m.author_id LEFT JOIN listings l ON l.id = m.listing_id
             WHERE m.conversation_id = $1 AND m.id < $2 ORDER BY m.id DESC LIMIT $3",
        )
        .bind(id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit as i64)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<Message> = rows.iter().map(message).collect::<Result<_>>()?;
        out.reverse();
        if let (Some(first), Some(last)) = (out.first(), out.last()) {
            let files = sqlx::query(
                "SELECT a.id, a.message_id, a.name, a.media_type, a.size FROM message_attachments a
                 JOIN messages m ON m.id = a.message_id
                 WHERE m.conversation_id = $1 AND a.message_id >= $2 AND a.message_id <= $3 ORDER BY a.id",
            )
            .bind(id)
            .bind(first.id)
            .bind(last.id)
            .fetch_all(self.pool())
            .await?;
            for f in &files {
                let f = attachment_info(f)?;
                if let Some(m) = out.iter_mut().find(|m| m.id == f.message_id) {
                    m.attachments.push(f);
                }
            }
        }
        Ok(out)
    }

    /// The oldest `limit` messages after `after`, oldest first, with their attachments.
    pub async fn messages_after(
        &self,
        id: ConversationId,
        after: MessageId,
        limit: usize,
    ) -> Result<Vec<Message>> {
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(id) FROM (SELECT id FROM messages WHERE conversation_id = $1 AND id > $2 ORDER BY id LIMIT $3) t",
        )
        .bind(id)
        .bind(after)
        .bind(limit as i64)
        .fetch_one(self.pool())
        .await?;
        match last {
            Some(last) => Ok(self
                .messages(id, Some(last + 1), limit)
                .await?
                .into_iter()
                .filter(|m| m.id > after)
                .collect()),
            None => Ok(Vec::new()),
        }
    }

    /// One message of a conversation.
    pub async fn message(&self, id: ConversationId, message: MessageId) -> Result<Message> {
        self.messages(id, Some(message + 1), 1)
            .await?
            .into_iter()
            .find(|m| m.id == message)
            .ok_or(StorageError::NotFound)
    }

    /// A file of a conversation, with its bytes.
    pub async fn attachment(
        &self,
        id: ConversationId,
        attachment: i64,
    ) -> Result<(AttachmentInfo, Vec<u8>)> {
        let r = sqlx::query(
            "SELECT a.id, a.message_id, a.name, a.media_type, a.size, a.bytes FROM message_attachments a
             JOIN messages m ON m.id = a.message_id WHERE a.id = $1 AND m.conversation_id = $2",
        )
        .bind(attachment)
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok((attachment_info(&r)?, r.try_get("bytes")?))
    }

    /// The conversations of a person: their own (as a person) and their organisations', most
    /// recently active first.
    pub async fn inbox(
        &self,
        user: UserId,
        organisations: &[OrgId],
        f: &InboxFilter,
    ) -> Result<Vec<Conversation>> {
        let mut q = Query::new(CONVERSATION_SQL);
        q.push(" WHERE (");
        match f.organisation {
            Some(o) => {
                q.push("c.organisation_id = ").bind(o);
                if f.unread_only {
                    q.push(" AND c.b_unread > 0");
                }
            }
            None => {
                q.push("(c.person_id = ").bind(user);
                if f.unread_only {
                    q.push(" AND c.a_unread > 0");
                }
                q.push(") OR (c.other_person_id = ").bind(user);
                if f.unread_only {
                    q.push(" AND c.b_unread > 0");
                }
                q.push(")");
                if !organisations.is_empty() {
                    q.push(" OR (c.organisation_id IN ")
                        .bind_list(organisations);
                    if f.unread_only {
                        q.push(" AND c.b_unread > 0");
                    }
                    q.push(")");
                }
            }
        }
        q.push(")");
        match f.assigned {
            Some(Some(u)) => {
                q.push(" AND c.assigned_to = ").bind(u);
            }
            Some(None) => {
                q.push(" AND c.assigned_to IS NULL AND c.organisation_id IS NOT NULL");
            }
            None => {}
        }
        if let Some(b) = f.before {
            q.push(" AND c.last_at < ").bind(b);
        }
        let pattern = f
            .folded_query
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(like_pattern);
        if let Some(p) = &pattern {
            q.push(" AND EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.folded LIKE ")
                .bind(p.as_str())
                .push(" ESCAPE '\\')");
        }
        q.push(" ORDER BY c.last_at DESC, c.id DESC LIMIT ")
            .bind(f.limit.clamp(1, 200) as i64);
        let rows = sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?;
        let mut out: Vec<Conversation> = rows.iter().map(conversation).collect::<Result<_>>()?;
        if let Some(p) = &pattern
            && !out.is_empty()
        {
            let ids: Vec<i64> = out.iter().map(|c| c.id).collect();
            let mut h =
                Query::new("SELECT conversation_id, body FROM messages WHERE conversation_id IN ");
            h.bind_list(&ids)
                .push(" AND folded LIKE ")
                .bind(p.as_str())
                .push(" ESCAPE '\\' ORDER BY id DESC");
            let hits = sqlx::query_with(sqlx::AssertSqlSafe(h.sql.clone()), h.arguments())
                .fetch_all(self.pool())
                .await?;
            for r in &hits {
                let cid: i64 = r.try_get("conversation_id")?;
                if let Some(c) = out.iter_mut().find(|c| c.id == cid && c.hit.is_none()) {
                    c.hit = Some(r.try_get("body")?);
                }
            }
        }
        Ok(out)
    }

    /// Messages waiting for `user`: in their own conversations and their organisations'.
    pub async fn unread_total(&self, user: UserId, organisations: &[OrgId]) -> Result<i64> {
        let mut q = Query::new("SELECT CAST(COALESCE(SUM(CASE WHEN c.person_id = ");
        q.bind(user)
            .push(" THEN c.a_unread ELSE c.b_unread END), 0) AS BIGINT) FROM conversations c WHERE (c.person_id = ")
            .bind(user)
            .push(" AND c.a_unread > 0) OR (c.other_person_id = ")
            .bind(user)
            .push(" AND c.b_unread > 0)");
        if !organisations.is_empty() {
            q.push(" OR (c.organisation_id IN ")
                .bind_list(organisations)
                .push(" AND c.b_unread > 0)");
        }
        Ok(
            sqlx::query_scalar_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Gives an organisation's conversation to one of its members (or to nobody).
    pub async fn assign_conversation(
        &self,
        id: ConversationId,
        member: Option<UserId>,
    ) -> Result<()> {
        let mut w = self.write().await?;
        if let Some(m) = member {
            let is_member: Option<i64> = sqlx::query_scalar(
                "SELECT m.user_id FROM memberships m JOIN conversations c ON c.organisation_id = m.organisation_id
                 WHERE c.id = $1 AND m.user_id = $2",
            )
            .bind(id)
            .bind(m)
            .fetch_optional(&mut *w.tx)
            .await?;
            if is_member.is_none() {
                return Err(StorageError::Conflict {
                    code: sc_domain::ErrorCode::NotAMember,
                    message: "only a member of the organisation can be given its conversation"
                        .into(),
                });
            }
        }
        let n = sqlx::query(
            "UPDATE conversations SET assigned_to = $1 WHERE id = $2 AND organisation_id IS NOT NULL",
        )
        .bind(member)
        .bind(id)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// How many conversations `user` started since `since` (ms), on either side.
    pub async fn conversations_started_since(&self, user: UserId, since: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM conversations WHERE starter_id = $1 AND created_at >= $2",
        )
        .bind(user)
        .bind(since)
        .fetch_one(self.pool())
        .await?)
    }

    /// Whether the organisation knows `user`: a bookmark or a scan of it at any fair.
    /// Whether the person met the organisation: bookmarked it, visited its booth, or has an
    /// accepted meeting with it (asked of it, or asked by one of its members).
    pub async fn organisation_knows(&self, org: OrgId, user: UserId) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM bookmarks WHERE organisation_id = $1 AND user_id = $2)
                  + (SELECT COUNT(*) FROM scans WHERE organisation_id = $1 AND user_id = $2)
                  + (SELECT COUNT(*) FROM meeting_requests r WHERE r.status = 'accepted' AND (
                       (r.organisation_id = $1 AND r.from_id = $2)
                       OR (r.to_id = $2 AND r.from_id IN (SELECT user_id FROM memberships WHERE organisation_id = $1))))",
        )
        .bind(org)
        .bind(user)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    pub async fn first_contact_rule(&self, org: OrgId) -> Result<FirstContact> {
        let s: Option<String> = sqlx::query_scalar(
            "SELECT first_contact FROM inbox_settings WHERE organisation_id = $1",
        )
        .bind(org)
        .fetch_optional(self.pool())
        .await?;
        Ok(s.as_deref()
            .and_then(FirstContact::parse)
            .unwrap_or_default())
    }

    pub async fn set_first_contact_rule(&self, org: OrgId, rule: FirstContact) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO inbox_settings (organisation_id, first_contact, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (organisation_id) DO UPDATE SET first_contact = excluded.first_contact, updated_at = excluded.updated_at",
        )
        .bind(org)
        .bind(rule.code())
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await?;
        w.commit_untracked().await
    }

    /// `blocker` refuses (or, with `on = false`, accepts again) messages from `blocked`.
    pub async fn set_block(&self, blocker: Owner, blocked: Owner, on: bool) -> Result<()> {
        let mut w = self.write().await?;
        if on {
            sqlx::query(
                "INSERT INTO message_blocks (blocker, blocked, at) VALUES ($1, $2, $3)
                 ON CONFLICT (blocker, blocked) DO NOTHING",
            )
            .bind(party_key(blocker))
            .bind(party_key(blocked))
            .bind(now_ms())
            .execute(&mut *w.tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM message_blocks WHERE blocker = $1 AND blocked = $2")
                .bind(party_key(blocker))
                .bind(party_key(blocked))
                .execute(&mut *w.tx)
                .await?;
        }
        w.commit_untracked().await
    }

    pub async fn is_blocked(&self, blocker: Owner, blocked: Owner) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM message_blocks WHERE blocker = $1 AND blocked = $2",
        )
        .bind(party_key(blocker))
        .bind(party_key(blocked))
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// Files a report of abuse about `reported` in a conversation, quoting the message.
    #[allow(clippy::too_many_arguments)]
    pub async fn report_conversation(
        &self,
        id: ConversationId,
        message: Option<MessageId>,
        reporter: UserId,
        reported: Owner,
        reason: &str,
        excerpt: &str,
        fair: Option<FairId>,
    ) -> Result<i64> {
        let mut w = self.write().await?;
        let rid: i64 = sqlx::query_scalar(
            "INSERT INTO message_reports (conversation_id, message_id, reporter_id, reported, reason, excerpt, fair_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(id)
        .bind(message)
        .bind(reporter)
        .bind(party_key(reported))
        .bind(reason.to_string())
        .bind(excerpt.to_string())
        .bind(fair)
        .bind(now_ms())
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit_untracked().await?;
        Ok(rid)
    }

    /// Reports, open ones first then the most recent.
    pub async fn reports(&self, open_only: bool) -> Result<Vec<Report>> {
        let rows = sqlx::query(
            "SELECT r.id, r.conversation_id, r.message_id, r.reporter_id, u.display_name AS reporter_name, r.reported,
                    r.reason, r.excerpt, r.fair_id, r.at, r.closed_at,
                    o.name_zh_hant AS rn_zh_hant, o.name_zh_hans AS rn_zh_hans, o.name_en AS rn_en, p.display_name AS rn_person
             FROM message_reports r JOIN users u ON u.id = r.reporter_id
             LEFT JOIN organisations o ON r.reported = 'o:' || CAST(o.id AS TEXT)
             LEFT JOIN users p ON r.reported = 'u:' || CAST(p.id AS TEXT)
             WHERE ($1 = 0 OR r.closed_at IS NULL)
             ORDER BY CASE WHEN r.closed_at IS NULL THEN 0 ELSE 1 END, r.at DESC LIMIT 500",
        )
        .bind(open_only as i64)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let person: Option<String> = r.try_get("rn_person")?;
                let mut name = text(r, "rn")?;
                if let Some(p) = person {
                    name = LocalizedText {
                        zh_hant: Some(p.clone()),
                        zh_hans: Some(p.clone()),
                        en: Some(p),
                    };
                }
                Ok(Report {
                    id: r.try_get("id")?,
                    conversation_id: r.try_get("conversation_id")?,
                    message_id: r.try_get("message_id")?,
                    reporter_id: r.try_get("reporter_id")?,
                    reporter_name: r.try_get("reporter_name")?,
                    reported: r.try_get("reported")?,
                    reported_name: name,
                    reason: r.try_get("reason")?,
                    excerpt: r.try_get("excerpt")?,
                    fair_id: r.try_get("fair_id")?,
                    at: r.try_get("at")?,
                    closed_at: r.try_get("closed_at")?,
                })
            })
            .collect()
    }

    pub async fn close_report(&self, id: i64) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE message_reports SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// The contact details of the person on `subject` side of a conversation, for `viewer` on
    /// the other side: only with that person's consent in this conversation and as the
    /// governance rule allows, and recorded in the same transaction. `None` when refused.
    pub async fn reveal_in_conversation(
        &self,
        viewer: &ConversationViewer,
        id: ConversationId,
        subject: Side,
    ) -> Result<Option<RevealedContact>> {
        let mut w = self.write().await?;
        let (who, consent) = match subject {
            Side::A => ("c.person_id", "c.a_shares_contact"),
            Side::B => ("c.other_person_id", "c.b_shares_contact"),
        };
        let sql = format!(
            "SELECT u.id AS user_id, {consent} AS consented, u.display_name, u.email, u.location,
                    k.phone, k.wechat, k.whatsapp, k.postal_address
             FROM conversations c JOIN users u ON u.id = {who} LEFT JOIN user_contacts k ON k.user_id = u.id
             WHERE c.id = $1"
        );
        let Some(r) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *w.tx)
            .await?
        else {
            return Ok(None);
        };
        let user: UserId = r.try_get("user_id")?;
        let subject_location = location(&r, "location")?;
        let consented = r.try_get::<i64, _>("consented")? != 0;
        let purpose = RevealPurpose::ConversationView;
        if user == viewer.user_id
            || may_reveal_contact(consented, &subject_location, &viewer.location, purpose).is_err()
        {
            return Ok(None);
        }
        crate::leads::record_reveal(
            &mut w,
            user,
            viewer.user_id,
            viewer.organisation_id,
            purpose,
            &subject_location,
            &viewer.location,
            now_ms(),
        )
        .await?;
        let out = RevealedContact {
            user_id: user,
            display_name: r.try_get("display_name")?,
            email: r.try_get("email")?,
            details: ContactDetails {
                phone: r.try_get("phone")?,
                wechat: r.try_get("wechat")?,
                whatsapp: r.try_get("whatsapp")?,
                postal_address: r.try_get("postal_address")?,
            },
        };
        w.commit_untracked().await?;
        Ok(Some(out))
    }
}

/// The conversation between `parties` about `topic`, on any connection or transaction.
async fn find(
    conn: &mut sqlx::AnyConnection,
    parties: Parties,
    topic: &str,
) -> Result<Option<ConversationId>> {
    let (org, other) = match parties.b {
        Owner::Organisation(o) => (o, 0),
        Owner::Person(u) => (0, u),
    };
    Ok(sqlx::query_scalar(
        "SELECT id FROM conversations WHERE person_id = $1 AND topic = $2
           AND ((organisation_id = $3 AND other_person_id IS NULL) OR (other_person_id = $4 AND organisation_id IS NULL))",
    )
    .bind(parties.a)
    .bind(topic.to_string())
    .bind(org)
    .bind(other)
    .fetch_optional(conn)
    .await?)
}

/// Finds or makes the conversation of `opening` and writes `msg` into it, in `w`.
pub(crate) async fn start_in(
    w: &mut crate::WriteTx<'_>,
    opening: &Opening,
    msg: &NewMessage,
    at: i64,
) -> Result<Posted> {
    let (org, other) = match opening.parties.b {
        Owner::Organisation(o) => (Some(o), None),
        Owner::Person(u) => (None, Some(u)),
    };
    let existing = find(&mut w.tx, opening.parties, &opening.topic).await?;
    let (id, created) = match existing {
        Some(id) => (id, false),
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO conversations (person_id, organisation_id, other_person_id, topic, listing_id, fair_id,
                    started_by, starter_id, a_unread, b_unread, last_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9, $9) RETURNING id",
            )
            .bind(opening.parties.a)
            .bind(org)
            .bind(other)
            .bind(opening.topic.clone())
            .bind(opening.listing_id)
            .bind(opening.fair_id)
            .bind(msg.side.code())
            .bind(msg.author)
            .bind(at)
            .fetch_one(&mut *w.tx)
            .await?;
            (id, true)
        }
    };
    let message_id = insert_message(w, id, msg, at).await?;
    Ok(Posted {
        conversation_id: id,
        message_id,
        created,
        at,
    })
}

/// Inserts a message, its files, and moves the conversation's counters: the other side has
/// one more unread, the writer's side has read everything, and a shared or withdrawn contact
/// card sets the writer's consent.
async fn insert_message(
    w: &mut crate::WriteTx<'_>,
    id: ConversationId,
    msg: &NewMessage,
    at: i64,
) -> Result<MessageId> {
    let message_id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (conversation_id, side, author_id, kind, body, folded, data, listing_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(id)
    .bind(msg.side.code())
    .bind(msg.author)
    .bind(msg.kind.code())
    .bind(msg.body.clone())
    .bind(msg.folded.clone())
    .bind(msg.data.to_string())
    .bind(msg.listing_id)
    .bind(at)
    .fetch_one(&mut *w.tx)
    .await?;
    for a in &msg.attachments {
        sqlx::query(
            "INSERT INTO message_attachments (message_id, name, media_type, size, digest, bytes)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(message_id)
        .bind(a.name.clone())
        .bind(a.media_type.clone())
        .bind(a.bytes.len() as i64)
        .bind(a.digest.clone())
        .bind(a.bytes.clone())
        .execute(&mut *w.tx)
        .await?;
    }
    let share = match msg.kind {
        MessageKind::SharedContact => Some(1),
        MessageKind::WithdrewContact => Some(0),
        MessageKind::Contact => msg
            .data
            .get("shares_contact")
            .and_then(|v| v.as_bool())
            .map(|b| b as i64),
        MessageKind::Text => None,
    };
    let mine = msg.side;
    let theirs = mine.other();
    let mut sql = format!(
        "UPDATE conversations SET last_message_id = $1, last_at = $2, {tu} = {tu} + 1, {mu} = 0, {mr} = $2",
        tu = col(theirs, "unread"),
        mu = col(mine, "unread"),
        mr = col(mine, "read_at"),
    );
    if let Some(s) = share {
        sql.push_str(&format!(", {} = {s}", col(mine, "shares_contact")));
    }
    sql.push_str(" WHERE id = $3");
    let n = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(message_id)
        .bind(at)
        .bind(id)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
    touched(n)?;
    Ok(message_id)
}
