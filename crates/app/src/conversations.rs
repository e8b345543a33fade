//! Conversations: a person and an organisation (whose members share one inbox) or two
//! people. Each use case asks the rule book with the conversation's two sides; nobody else,
//! organisers and administrators included, reads a conversation. Against unwanted contact: a
//! daily limit of first contacts per sender, an organisation's rule that only people it knows
//! may write first, blocks, and reports the organiser reads without reading the conversation.
//! Contact details shown in a conversation go through the governed reveal and are recorded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_domain::conversation::{
    self as rules, ConversationId, FirstContact, MessageId, MessageKind, Parties, Side,
};
use sc_domain::fair::FairId;
use sc_domain::listing::{ListingId, ListingStatus, Owner};
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sc_domain::profile::ProfileKind;
use sc_storage::{
    AttachmentInfo, Conversation, ConversationViewer, InboxFilter, Message, NewAttachment,
    NewMessage, Opening, Posted, Report, RevealedContact,
};
use tokio::sync::broadcast;

use crate::{App, Caller, Error, Result, now_ms};

/// What a conversation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    General,
    Listing(ListingId),
}

impl Topic {
    pub fn key(self) -> String {
        match self {
            Topic::General => String::new(),
            Topic::Listing(id) => format!("listing:{id}"),
        }
    }
}

/// A file as it was uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a person writes: words, files, a listing card.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub body: String,
    pub attachments: Vec<Upload>,
    pub listing_id: Option<ListingId>,
}

/// A conversation with the caller's place in it.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: Conversation,
    /// The caller's side.
    pub side: Side,
    /// Messages the caller's side has not read.
    pub unread: i64,
}

impl ConversationView {
    /// The other side, as the caller names it.
    pub fn other(&self) -> Owner {
        self.conversation.parties.party(self.side.other())
    }
}

/// One conversation opened by one of its sides.
#[derive(Debug, Clone)]
pub struct Thread {
    pub view: ConversationView,
    pub messages: Vec<Message>,
    /// Whether older messages exist before the first one here.
    pub more_before: bool,
    /// The other side's contact details, where that person shares them and the rule allows.
    pub contact: Option<RevealedContact>,
    /// Whether the caller's side blocks the other.
    pub blocking: bool,
    /// Whether the other side has read the caller's last message.
    pub read_by_other: bool,
    /// For an organisation's conversation: its members, to assign it to.
    pub members: Vec<(UserId, String)>,
}

/// Which conversations to list.
#[derive(Debug, Clone, Default)]
pub struct InboxQuery {
    /// One organisation's inbox; else the caller's own and all their organisations'.
    pub organisation: Option<OrgId>,
    pub unread_only: bool,
    /// Assigned to the caller only.
    pub mine: bool,
    /// Assigned to nobody only.
    pub unassigned: bool,
    pub q: String,
    pub before: Option<i64>,
    pub limit: Option<usize>,
}

/// A message written, for whoever listens on either side.
#[derive(Debug, Clone, Copy)]
pub struct Delivery {
    pub conversation_id: ConversationId,
    pub message_id: MessageId,
    /// Who wrote it.
    pub side: Side,
    pub parties: Parties,
}

/// Open pages waiting for messages, by party. A message is sent to both of its parties'
/// channels; a page listens on its person's and each of their organisations'.
#[derive(Default)]
pub struct Hub {
    channels: Mutex<HashMap<Owner, broadcast::Sender<Delivery>>>,
}

impl Hub {
    fn sender(&self, party: Owner) -> broadcast::Sender<Delivery> {
        let mut m = self.channels.lock().expect("hub lock");
        m.retain(|_, s| s.receiver_count() > 0);
        m.entry(party)
            .or_insert_with(|| broadcast::channel(256).0)
            .clone()
    }

    fn publish(&self, d: Delivery) {
        let m = self.channels.lock().expect("hub lock");
        for party in [Owner::Person(d.parties.a), d.parties.b] {
            if let Some(s) = m.get(&party) {
                let _ = s.send(d);
            }
        }
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        let m = self.channels.lock().expect("hub lock");
        m.values().map(|s| s.receiver_count()).sum()
    }
}

/// The side `caller` takes in a conversation with these parties, if any.
fn side_of(caller: &Caller, parties: &Parties) -> Option<Side> {
    let me = caller.actor.user_id()?;
    if parties.a == me {
        return Some(Side::A);
    }
    match parties.b {
        Owner::Person(u) if u == me => Some(Side::B),
        Owner::Organisation(o) if caller.actor.role_in(o).is_some() => Some(Side::B),
        _ => None,
    }
}

fn view(caller: &Caller, c: Conversation) -> Result<ConversationView> {
    let side = side_of(caller, &c.parties).ok_or(Error::NotFound)?;
    Ok(ConversationView {
        unread: c.unread(side),
        conversation: c,
        side,
    })
}

fn conflict(code: ErrorCode, detail: &str) -> Error {
    Error::Conflict {
        code,
        detail: detail.into(),
    }
}

impl App {
    /// Asks the rule book for a conversation and returns it with the caller's side.
    async fn open(&self, caller: &Caller, id: ConversationId) -> Result<ConversationView> {
        let c = self.store.conversation(id).await.map_err(|e| match e {
            sc_storage::StorageError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
        caller.may(Action::Converse {
            a: c.parties.a,
            b: c.parties.b,
        })?;
        view(caller, c)
    }

    /// The caller's conversations: their own and their organisations', most recent first.
    pub async fn inbox(&self, caller: &Caller, q: &InboxQuery) -> Result<Vec<ConversationView>> {
        let me = caller.account()?.id;
        if let Some(o) = q.organisation {
            caller.may(Action::ReadInbox {
                of: Owner::Organisation(o),
            })?;
        } else {
            caller.may(Action::ReadInbox {
                of: Owner::Person(me),
            })?;
        }
        let mut problems = sc_domain::error::Problems::new();
        problems.text("q", &q.q, crate::MAX_QUERY_CHARS);
        problems.finish()?;
        let filter = InboxFilter {
            organisation: q.organisation,
            unread_only: q.unread_only,
            assigned: if q.mine {
                Some(Some(me))
            } else if q.unassigned {
                Some(None)
            } else {
                None
            },
            folded_query: Some(sc_text::Analyzer::shared().fold(q.q.trim()))
                .filter(|s| !s.is_empty()),
            before: q.before,
            limit: q.limit.unwrap_or(50).clamp(1, 200),
        };
        let orgs = caller.actor.organisations();
        let found = self.store.inbox(me, &orgs, &filter).await?;
        found
            .into_iter()
            .filter(|c| {
                caller.allowed(Action::Converse {
                    a: c.parties.a,
                    b: c.parties.b,
                })
            })
            .map(|c| view(caller, c))
            .collect()
    }

    /// The conversation between `from` and `to` about `topic`, if the caller may write for
    /// `from` and there is one.
    pub async fn find_conversation(
        &self,
        caller: &Caller,
        from: Owner,
        to: Owner,
        topic: Topic,
    ) -> Result<Option<ConversationId>> {
        caller.may(Action::StartConversation { from })?;
        let Some((parties, _)) = Parties::between(from, to) else {
            return Ok(None);
        };
        Ok(self
            .store
            .conversation_between(parties, &topic.key())
            .await?)
    }

    /// Whether the caller may set an organisation's inbox rules (to offer the page).
    pub fn may_set_inbox_rules(&self, caller: &Caller, org: OrgId) -> bool {
        caller.allowed(Action::SetInboxRules { org })
    }

    /// The messages after `after` in a conversation (for an open page bringing new ones
    /// in), marked read; with the caller's side.
    pub async fn messages_after(
        &self,
        caller: &Caller,
        id: ConversationId,
        after: MessageId,
    ) -> Result<(Side, Vec<Message>)> {
        let v = self.open(caller, id).await?;
        let messages = self
            .store
            .messages_after(id, after, rules::MESSAGES_PER_PAGE)
            .await?;
        if v.unread > 0 {
            self.store.mark_read(id, v.side).await?;
        }
        Ok((v.side, messages))
    }

    /// Messages waiting for the caller (0 for someone not signed in), for the header.
    pub async fn unread_messages(&self, caller: &Caller) -> Result<i64> {
        let Some(me) = caller.actor.user_id() else {
            return Ok(0);
        };
        Ok(self
            .store
            .unread_total(me, &caller.actor.organisations())
            .await?)
    }

    /// Opens a conversation: its newest messages (or those before `before`), marked read for
    /// the caller's side, with the other person's contact details where they share them.
    pub async fn conversation(
        &self,
        caller: &Caller,
        id: ConversationId,
        before: Option<MessageId>,
    ) -> Result<Thread> {
        let mut v = self.open(caller, id).await?;
        let per_page = rules::MESSAGES_PER_PAGE;
        let mut messages = self.store.messages(id, before, per_page + 1).await?;
        let more_before = messages.len() > per_page;
        if more_before {
            messages.remove(0);
        }
        if before.is_none() && (v.unread > 0 || v.conversation.read_at(v.side).is_none()) {
            self.store.mark_read(id, v.side).await?;
            v.unread = 0;
        }
        let account = caller.account()?;
        let other = v.side.other();
        let subject_is_person = matches!(v.conversation.parties.party(other), Owner::Person(_));
        let contact = if subject_is_person && v.conversation.shares_contact(other) {
            self.store
                .reveal_in_conversation(
                    &ConversationViewer {
                        user_id: account.id,
                        location: account.location,
                        organisation_id: match v.side {
                            Side::B => v.conversation.parties.organisation(),
                            Side::A => None,
                        },
                    },
                    id,
                    other,
                )
                .await?
        } else {
            None
        };
        let me = v.conversation.parties.party(v.side);
        let blocking = self.store.is_blocked(me, v.other()).await?;
        let last_mine = messages.iter().rev().find(|m| m.side == v.side);
        let read_by_other = match (last_mine, v.conversation.read_at(other)) {
            (Some(m), Some(read)) => read >= m.at,
            _ => false,
        };
        let members = match (v.side, v.conversation.parties.organisation()) {
            (Side::B, Some(org)) => self
                .store
                .members(org)
                .await?
                .into_iter()
                .map(|m| (m.user_id, m.display_name))
                .collect(),
            _ => Vec::new(),
        };
        Ok(Thread {
            view: v,
            messages,
            more_before,
            contact,
            blocking,
            read_by_other,
            members,
        })
    }

    /// Checks a draft and turns it into the message to store.
    async fn prepare(
        &self,
        caller: &Caller,
        side: Side,
        kind: MessageKind,
        draft: &Draft,
        data: serde_json::Value,
    ) -> Result<NewMessage> {
        let author = caller.account()?.id;
        let body = draft.body.trim().to_string();
        let mut p = sc_domain::error::Problems::new();
        if let Err(e) = rules::check_body(
            &body,
            !draft.attachments.is_empty()
                || draft.listing_id.is_some()
                || kind != MessageKind::Text,
        ) {
            p.extend(e);
        }
        if draft.attachments.len() > rules::MAX_ATTACHMENTS {
            p.push(
                "attachments",
                ErrorCode::TooMany,
                format!("at most {} files", rules::MAX_ATTACHMENTS),
            );
        }
        let total: usize = draft.attachments.iter().map(|f| f.bytes.len()).sum();
        if total > rules::MAX_MESSAGE_BYTES {
            p.push(
                "attachments",
                ErrorCode::FileTooLarge,
                format!(
                    "at most {} MB of files in one message",
                    rules::MAX_MESSAGE_BYTES / 1024 / 1024
                ),
            );
        }
        let mut files = Vec::new();
        for (i, f) in draft.attachments.iter().enumerate() {
            let field = format!("attachments[{i}]");
            if f.bytes.len() > rules::MAX_ATTACHMENT_BYTES {
                p.push(
                    field,
                    ErrorCode::FileTooLarge,
                    format!(
                        "{}: at most {} MB",
                        f.name,
                        rules::MAX_ATTACHMENT_BYTES / 1024 / 1024
                    ),
                );
                continue;
            }
            let name = rules::clean_file_name(&f.name);
            match sc_media::attachment::recognise(&f.bytes, &name) {
                Some(k) => {
                    use sha2::Digest;
                    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name);
                    files.push(NewAttachment {
                        name: format!("{stem}.{}", k.extension),
                        media_type: k.media_type.to_string(),
                        digest: hex::encode(sha2::Sha256::digest(&f.bytes)),
                        bytes: f.bytes.clone(),
                    });
                }
                None => p.push(
                    field,
                    ErrorCode::FileType,
                    format!("{name}: send a PDF, an Office document, an image or text"),
                ),
            }
        }
        if let Some(l) = draft.listing_id {
            match self.store.listing(l).await {
                Ok(listing)
                    if listing.status == ListingStatus::Published
                        || caller.allowed(Action::ReadListing {
                            owner: listing.owner,
                            status: listing.status,
                        }) => {}
                _ => p.push("listing_id", ErrorCode::NotFound, "no such listing"),
            }
        }
        p.finish()?;
        Ok(NewMessage {
            side,
            author,
            kind,
            folded: sc_text::Analyzer::shared().fold(&body),
            body,
            data,
            listing_id: draft.listing_id,
            attachments: files,
        })
    }

    /// Whether `from` may write first to `to`: not blocked, within the daily limit, and as
    /// the recipient organisation's rule allows.
    pub(crate) async fn may_write_first(
        &self,
        caller: &Caller,
        from: Owner,
        to: Owner,
    ) -> Result<()> {
        let me = caller.account()?.id;
        if self.store.is_blocked(to, from).await? {
            return Err(conflict(
                ErrorCode::Blocked,
                "they do not accept your messages",
            ));
        }
        let day_ago = now_ms() - 24 * 3600 * 1000;
        if self.store.conversations_started_since(me, day_ago).await?
            >= rules::FIRST_CONTACTS_PER_DAY as i64
        {
            return Err(Error::TooManyRequests {
                code: ErrorCode::FirstContactLimit,
                retry_after_secs: 3600,
            });
        }
        match (from, to) {
            (Owner::Person(p), Owner::Organisation(o))
                if self.store.first_contact_rule(o).await? == FirstContact::Known
                    && !self.store.organisation_knows(o, p).await? =>
            {
                return Err(conflict(
                    ErrorCode::KnownContactsOnly,
                    "this organisation accepts first messages only from people who visited or bookmarked it",
                ));
            }
            (Owner::Organisation(o), Owner::Person(p)) => {
                // An organisation writes first only to people who came to it, or who let
                // exhibitors find them.
                let discoverable = self
                    .store
                    .profile(ProfileKind::Buyer, p)
                    .await?
                    .is_some_and(|(a, _)| {
                        a.get("discoverable") == Some(&serde_json::Value::Bool(true))
                    });
                if !discoverable && !self.store.organisation_knows(o, p).await? {
                    return Err(conflict(
                        ErrorCode::KnownContactsOnly,
                        "this person has not visited you and does not let exhibitors find them",
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Writes to someone: into the conversation between the two about `topic`, which is made
    /// if there is none (then it is a first contact, with its limits).
    pub async fn write_to(
        &self,
        caller: &Caller,
        from: Owner,
        to: Owner,
        topic: Topic,
        fair: Option<FairId>,
        draft: &Draft,
    ) -> Result<Posted> {
        caller.may(Action::StartConversation { from })?;
        let (parties, side) = Parties::between(from, to).ok_or_else(|| {
            Error::field(
                "to",
                ErrorCode::InvalidInput,
                "write to a person or an organisation other than yourself",
            )
        })?;
        match to {
            Owner::Organisation(o) => {
                self.store.organisation(o).await?;
                if caller.actor.role_in(o).is_some() {
                    return Err(Error::field(
                        "to",
                        ErrorCode::OwnOrganisation,
                        "this is your own organisation",
                    ));
                }
            }
            Owner::Person(u) => {
                self.store.account(u).await?;
            }
        }
        let listing_id = match topic {
            Topic::General => None,
            Topic::Listing(l) => {
                let listing = self.store.listing(l).await?;
                let owner_side_ok = listing.owner == from || listing.owner == to;
                if listing.status != ListingStatus::Published || !owner_side_ok {
                    return Err(Error::field(
                        "listing_id",
                        ErrorCode::NotFound,
                        "no such listing of theirs",
                    ));
                }
                Some(l)
            }
        };
        if let Some(f) = fair {
            self.store.fair(f).await?;
        }
        let msg = self
            .prepare(
                caller,
                side,
                MessageKind::Text,
                draft,
                serde_json::json!({}),
            )
            .await?;
        let existing = self
            .store
            .conversation_between(parties, &topic.key())
            .await?;
        match existing {
            Some(id) => {
                if self.store.is_blocked(to, from).await? {
                    return Err(conflict(
                        ErrorCode::Blocked,
                        "they do not accept your messages",
                    ));
                }
                let posted = self.store.post_message(id, &msg).await?;
                self.delivered(parties, side, posted);
                Ok(posted)
            }
            None => {
                self.may_write_first(caller, from, to).await?;
                let posted = self
                    .store
                    .start_conversation(
                        &Opening {
                            parties,
                            topic: topic.key(),
                            listing_id,
                            fair_id: fair,
                        },
                        &msg,
                    )
                    .await?;
                self.delivered(parties, side, posted);
                Ok(posted)
            }
        }
    }

    fn delivered(&self, parties: Parties, side: Side, posted: Posted) {
        if let (Side::A, Owner::Organisation(o)) = (side, parties.b) {
            self.learn_activity(parties.a, o, "message");
        }
        if let (Side::B, Owner::Organisation(o)) = (side, parties.b) {
            self.learn_reply(o, parties.a);
        }
        self.publish(parties, side, posted);
    }

    /// Tells the open pages of both sides.
    pub(crate) fn publish(&self, parties: Parties, side: Side, posted: Posted) {
        self.hub.publish(Delivery {
            conversation_id: posted.conversation_id,
            message_id: posted.message_id,
            side,
            parties,
        });
    }

    /// Answers in a conversation.
    pub async fn reply(
        &self,
        caller: &Caller,
        id: ConversationId,
        draft: &Draft,
    ) -> Result<Posted> {
        let v = self.open(caller, id).await?;
        let parties = v.conversation.parties;
        if self
            .store
            .is_blocked(v.other(), parties.party(v.side))
            .await?
        {
            return Err(conflict(
                ErrorCode::Blocked,
                "they do not accept your messages",
            ));
        }
        let msg = self
            .prepare(
                caller,
                v.side,
                MessageKind::Text,
                draft,
                serde_json::json!({}),
            )
            .await?;
        let posted = self.store.post_message(id, &msg).await?;
        self.delivered(parties, v.side, posted);
        Ok(posted)
    }

    /// Shares (or stops sharing) the caller's contact details with the other side: a person's
    /// own choice, so only a person's side can.
    pub async fn share_contact(
        &self,
        caller: &Caller,
        id: ConversationId,
        share: bool,
    ) -> Result<Posted> {
        let v = self.open(caller, id).await?;
        if !matches!(v.conversation.parties.party(v.side), Owner::Person(_)) {
            return Err(Error::Forbidden);
        }
        let kind = if share {
            MessageKind::SharedContact
        } else {
            MessageKind::WithdrewContact
        };
        let msg = self
            .prepare(
                caller,
                v.side,
                kind,
                &Draft::default(),
                serde_json::json!({}),
            )
            .await?;
        let posted = self.store.post_message(id, &msg).await?;
        self.delivered(v.conversation.parties, v.side, posted);
        Ok(posted)
    }

    /// Gives an organisation's conversation to one of its members, or to nobody.
    pub async fn assign_conversation(
        &self,
        caller: &Caller,
        id: ConversationId,
        member: Option<UserId>,
    ) -> Result<()> {
        let v = self.open(caller, id).await?;
        if v.side != Side::B || v.conversation.parties.organisation().is_none() {
            return Err(Error::Forbidden);
        }
        Ok(self.store.assign_conversation(id, member).await?)
    }

    /// The caller's side refuses (or accepts again) messages from the other side, in this
    /// conversation and any new one.
    pub async fn block(&self, caller: &Caller, id: ConversationId, on: bool) -> Result<()> {
        let v = self.open(caller, id).await?;
        let me = v.conversation.parties.party(v.side);
        Ok(self.store.set_block(me, v.other(), on).await?)
    }

    /// Reports the other side's message (or the conversation) to the organisers, who see the
    /// reported message and the reason, not the conversation. The reporter's side also blocks
    /// the other.
    pub async fn report(
        &self,
        caller: &Caller,
        id: ConversationId,
        message: Option<MessageId>,
        reason: &str,
    ) -> Result<i64> {
        let v = self.open(caller, id).await?;
        let reason = reason.trim();
        rules::check_report(reason)?;
        let excerpt = match message {
            Some(m) => {
                let msg = self.store.message(id, m).await.map_err(|_| {
                    Error::field("message_id", ErrorCode::NotFound, "no such message here")
                })?;
                if msg.side == v.side {
                    return Err(Error::field(
                        "message_id",
                        ErrorCode::InvalidInput,
                        "report a message of the other side",
                    ));
                }
                msg.body
            }
            None => String::new(),
        };
        let me = caller.account()?.id;
        let rid = self
            .store
            .report_conversation(
                id,
                message,
                me,
                v.other(),
                reason,
                &excerpt,
                v.conversation.fair_id,
            )
            .await?;
        self.store
            .set_block(v.conversation.parties.party(v.side), v.other(), true)
            .await?;
        Ok(rid)
    }

    /// Reports of abuse, for organisers.
    pub async fn reports(&self, caller: &Caller, open_only: bool) -> Result<Vec<Report>> {
        caller.may(Action::ReadReports)?;
        Ok(self.store.reports(open_only).await?)
    }

    pub async fn close_report(&self, caller: &Caller, id: i64) -> Result<()> {
        caller.may(Action::ReadReports)?;
        Ok(self.store.close_report(id).await?)
    }

    /// A file of a conversation, for its sides only.
    pub async fn attachment(
        &self,
        caller: &Caller,
        id: ConversationId,
        attachment: i64,
    ) -> Result<(AttachmentInfo, Vec<u8>)> {
        self.open(caller, id).await?;
        Ok(self.store.attachment(id, attachment).await?)
    }

    /// Who may write first to an organisation.
    pub async fn inbox_rules(&self, caller: &Caller, org: OrgId) -> Result<FirstContact> {
        if !caller.allowed(Action::SetInboxRules { org }) {
            caller.may(Action::ReadInbox {
                of: Owner::Organisation(org),
            })?;
        }
        Ok(self.store.first_contact_rule(org).await?)
    }

    pub async fn set_inbox_rules(
        &self,
        caller: &Caller,
        org: OrgId,
        rule: FirstContact,
    ) -> Result<()> {
        caller.may(Action::SetInboxRules { org })?;
        self.store.organisation(org).await?;
        Ok(self.store.set_first_contact_rule(org, rule).await?)
    }

    /// Listens for messages to the caller (their own and their organisations'): one receiver
    /// per party.
    pub fn listen(&self, caller: &Caller) -> Result<Vec<broadcast::Receiver<Delivery>>> {
        let me = caller.account()?.id;
        let mut parties = vec![Owner::Person(me)];
        parties.extend(
            caller
                .actor
                .organisations()
                .into_iter()
                .map(Owner::Organisation),
        );
        Ok(parties
            .into_iter()
            .map(|p| self.hub.sender(p).subscribe())
            .collect())
    }

    /// The hub of open pages (for measuring).
    pub fn hub(&self) -> Arc<Hub> {
        self.hub.clone()
    }
}
