//! Conversations in JSON: the inbox, a conversation with its messages, writing (files as
//! base64), read state, sharing one's contact details, assigning, blocking, reporting, an
//! organisation's rule for first contact, and the organisers' reports.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sc_app::{ConversationView, Draft, InboxQuery, Topic, Upload};
use sc_domain::conversation::{
    FirstContact, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_MESSAGE_BYTES, Side,
};
use sc_domain::listing::Owner;
use sc_domain::{ErrorCode, LocalizedText};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id, Ids};

/// A party of a conversation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Party {
    Person(i64),
    Organisation(i64),
}

impl From<Owner> for Party {
    fn from(o: Owner) -> Self {
        match o {
            Owner::Person(u) => Party::Person(u),
            Owner::Organisation(o) => Party::Organisation(o),
        }
    }
}
impl From<Party> for Owner {
    fn from(p: Party) -> Self {
        match p {
            Party::Person(u) => Owner::Person(u),
            Party::Organisation(o) => Owner::Organisation(o),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ConversationSummary {
    pub id: i64,
    /// The caller's side: `a` (the person) or `b` (the organisation or the second person).
    pub side: Side,
    /// The other side.
    pub with: Party,
    /// The other side's name (an organisation's in three languages).
    pub with_name: LocalizedText,
    /// The listing it is about, if any.
    pub listing_id: Option<i64>,
    pub fair_id: Option<i64>,
    /// Messages the caller's side has not read.
    pub unread: i64,
    /// For an organisation's conversation: the member it is given to.
    pub assigned_to: Option<i64>,
    pub last_message: String,
    /// Milliseconds since the epoch.
    pub last_at: i64,
    /// In a search: the newest message that matched.
    pub hit: Option<String>,
}

fn summary(v: &ConversationView) -> ConversationSummary {
    let c = &v.conversation;
    let with_name = match v.side {
        Side::A => c.b_name.clone(),
        Side::B => LocalizedText {
            zh_hant: Some(c.a_name.clone()),
            zh_hans: Some(c.a_name.clone()),
            en: Some(c.a_name.clone()),
        },
    };
    ConversationSummary {
        id: c.id,
        side: v.side,
        with: v.other().into(),
        with_name,
        listing_id: c.listing_id,
        fair_id: c.fair_id,
        unread: v.unread,
        assigned_to: c.assigned_to,
        last_message: c.last_body.chars().take(200).collect(),
        last_at: c.last_at,
        hit: c.hit.clone(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    /// One organisation's inbox (its members only); else the caller's own conversations and
    /// all their organisations'.
    pub organisation: Option<i64>,
    /// Only conversations with unread messages.
    #[serde(default)]
    pub unread: bool,
    /// Only conversations assigned to the caller.
    #[serde(default)]
    pub mine: bool,
    /// Only organisations' conversations assigned to nobody.
    #[serde(default)]
    pub unassigned: bool,
    /// Words to find in the messages, in any script (Traditional and Simplified fold together).
    #[param(max_length = 1000)]
    pub q: Option<String>,
    /// The next page: conversations last active before this time (the last `last_at` seen).
    pub before: Option<i64>,
    /// How many, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct Inbox {
    pub items: Vec<ConversationSummary>,
}

/// The caller's conversations, most recently active first.
#[utoipa::path(get, path = "/api/v1/conversations", tag = "conversations", params(InboxParams),
    responses((status = 200, body = Inbox), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, description = "not a member of that organisation", body = Problem),
        (status = 422, description = "the search is too long", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn inbox(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(p): ApiQuery<InboxParams>,
) -> ApiResult<Json<Inbox>> {
    if let Some(l) = p.limit
        && !(1..=200).contains(&l)
    {
        return Err(ApiError::field(
            "limit",
            ErrorCode::OutOfRange,
            "from 1 to 200",
        ));
    }
    let items = s
        .app
        .inbox(
            &caller,
            &InboxQuery {
                organisation: p.organisation,
                unread_only: p.unread,
                mine: p.mine,
                unassigned: p.unassigned,
                q: p.q.unwrap_or_default(),
                before: p.before,
                limit: p.limit,
            },
        )
        .await?;
    Ok(Json(Inbox {
        items: items.iter().map(summary).collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Unread {
    /// Messages waiting for the caller, in their own and their organisations' conversations.
    pub messages: i64,
}

/// How many messages wait for the caller (the number in the header).
#[utoipa::path(get, path = "/api/v1/me/unread", tag = "conversations",
    responses((status = 200, body = Unread), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn unread(State(s): State<AppState>, caller: Caller) -> ApiResult<Json<Unread>> {
    caller.account()?;
    Ok(Json(Unread {
        messages: s.app.unread_messages(&caller).await?,
    }))
}

/// A file to send, its bytes in base64.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentInput {
    /// The file's name (only its last part is kept; the extension follows the content).
    #[schema(max_length = 200)]
    pub name: String,
    /// The bytes, base64 (standard alphabet, padded). PDF, Word, Excel, PowerPoint, JPEG,
    /// PNG, WebP or UTF-8 text; at most 10 MB.
    pub content_base64: String,
}

/// What to write.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageInput {
    /// The words, at most 5,000 characters; may be empty when a file or card is sent.
    #[schema(max_length = 5000)]
    #[serde(default)]
    pub body: String,
    /// At most 5 files.
    #[serde(default)]
    #[schema(max_items = 5)]
    pub attachments: Vec<AttachmentInput>,
    /// A listing to show as a card in the message.
    pub listing_id: Option<i64>,
}

/// A first message to someone.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConversationInput {
    /// Whom to write to.
    pub to: Party,
    /// Write for this organisation (one's own); else as one's self.
    pub as_organisation: Option<i64>,
    /// The conversation is about this listing (of either side).
    pub about_listing: Option<i64>,
    /// The fair where the two met, if any.
    pub fair_id: Option<i64>,
    #[serde(flatten)]
    pub message: MessageInput,
}

#[derive(Serialize, ToSchema)]
pub struct PostedMessage {
    pub conversation_id: i64,
    pub message_id: i64,
    /// Whether this message opened the conversation.
    pub created: bool,
    pub at: i64,
}

fn draft(m: MessageInput) -> Result<Draft, ApiError> {
    if m.attachments.len() > MAX_ATTACHMENTS {
        return Err(ApiError::field(
            "attachments",
            ErrorCode::TooMany,
            format!("at most {MAX_ATTACHMENTS} files"),
        ));
    }
    let mut files = Vec::new();
    for (i, a) in m.attachments.into_iter().enumerate() {
        if a.content_base64.len() > MAX_ATTACHMENT_BYTES / 3 * 4 + 8 {
            return Err(ApiError::field(
                &format!("attachments[{i}].content_base64"),
                ErrorCode::FileTooLarge,
                format!("at most {} MB", MAX_ATTACHMENT_BYTES / 1024 / 1024),
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(a.content_base64.as_bytes())
            .map_err(|e| {
                ApiError::field(
                    &format!("attachments[{i}].content_base64"),
                    ErrorCode::Unparseable,
                    format!("not base64: {e}"),
                )
            })?;
        files.push(Upload {
            name: a.name,
            bytes,
        });
    }
    Ok(Draft {
        body: m.body,
        attachments: files,
        listing_id: m.listing_id,
    })
}

fn posted(p: sc_app::Posted) -> PostedMessage {
    PostedMessage {
        conversation_id: p.conversation_id,
        message_id: p.message_id,
        created: p.created,
        at: p.at,
    }
}

/// Writes to a person or an organisation: into the conversation between the two (about the
/// listing, if named), which this makes when there is none. A first message is refused when
/// the recipient blocks the sender (409 `blocked`), when an organisation takes first messages
/// only from people it knows (409 `known_contacts_only`), and past the daily limit of new
/// conversations (429 `first_contact_limit`).
#[utoipa::path(post, path = "/api/v1/conversations", tag = "conversations", request_body = NewConversationInput,
    responses((status = 201, body = PostedMessage), (status = 200, description = "written into the existing conversation", body = PostedMessage),
        (status = 401, body = Problem), (status = 403, description = "not a member of `as_organisation`", body = Problem),
        (status = 404, description = "no such person, organisation, listing or fair", body = Problem),
        (status = 409, description = "`blocked` or `known_contacts_only`", body = Problem),
        (status = 422, description = "a field at fault: `body`, `attachments[i]` (`file_type`, `file_too_large`), `to` (`own_organisation`)", body = Problem),
        (status = 429, description = "`first_contact_limit`", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn start(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<NewConversationInput>,
) -> ApiResult<(StatusCode, Json<PostedMessage>)> {
    let me = caller.account()?.id;
    let from = match input.as_organisation {
        Some(o) => Owner::Organisation(o),
        None => Owner::Person(me),
    };
    let topic = match input.about_listing {
        Some(l) => Topic::Listing(l),
        None => Topic::General,
    };
    let d = draft(input.message)?;
    let p = s
        .app
        .write_to(&caller, from, input.to.into(), topic, input.fair_id, &d)
        .await?;
    let status = if p.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(posted(p))))
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: i64,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    /// Where to download it.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct MessageOut {
    pub id: i64,
    /// Who wrote it: `a` or `b`.
    pub side: Side,
    /// Which person wrote it (for an organisation: which member); none once they left.
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    /// `text`, `contact` (a contact request at a fair), `shared_contact`, `withdrew_contact`.
    pub kind: sc_domain::conversation::MessageKind,
    pub body: String,
    pub listing_id: Option<i64>,
    pub listing_title: Option<LocalizedText>,
    pub attachments: Vec<AttachmentOut>,
    pub at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ContactOut {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub whatsapp: Option<String>,
    pub postal_address: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ThreadOut {
    pub conversation: ConversationSummary,
    /// Oldest first; at most 100.
    pub messages: Vec<MessageOut>,
    /// Older messages exist: ask again with `before` = the first message's id.
    pub more_before: bool,
    /// Whether the other side read the caller's last message.
    pub read_by_other: bool,
    /// Whether the caller's side blocks the other.
    pub blocking: bool,
    /// The other person's contact details, where they share them here (each showing is
    /// recorded).
    pub contact: Option<ContactOut>,
    /// Whether the caller's side shares its contact details here.
    pub sharing_contact: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThreadParams {
    /// Messages before this message id (older ones).
    pub before: Option<i64>,
}

/// One conversation, for its two sides only (anyone else gets 404); opening it marks it read
/// for the caller's side.
#[utoipa::path(get, path = "/api/v1/conversations/{id}", tag = "conversations",
    params(("id" = i64, Path), ThreadParams),
    responses((status = 200, body = ThreadOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn thread(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiQuery(p): ApiQuery<ThreadParams>,
) -> ApiResult<Json<ThreadOut>> {
    let t = s.app.conversation(&caller, id, p.before).await?;
    let side = t.view.side;
    Ok(Json(ThreadOut {
        conversation: summary(&t.view),
        messages: t
            .messages
            .iter()
            .map(|m| MessageOut {
                id: m.id,
                side: m.side,
                author_id: m.author_id,
                author_name: m.author_name.clone(),
                kind: m.kind,
                body: m.body.clone(),
                listing_id: m.listing.as_ref().map(|l| l.0),
                listing_title: m.listing.as_ref().map(|l| l.1.clone()),
                attachments: m
                    .attachments
                    .iter()
                    .map(|a| AttachmentOut {
                        id: a.id,
                        name: a.name.clone(),
                        media_type: a.media_type.clone(),
                        size: a.size,
                        url: format!("/api/v1/conversations/{id}/attachments/{}", a.id),
                    })
                    .collect(),
                at: m.at,
            })
            .collect(),
        more_before: t.more_before,
        read_by_other: t.read_by_other,
        blocking: t.blocking,
        contact: t.contact.map(|c| ContactOut {
            name: c.display_name,
            email: c.email,
            phone: c.details.phone,
            wechat: c.details.wechat,
            whatsapp: c.details.whatsapp,
            postal_address: c.details.postal_address,
        }),
        sharing_contact: t.view.conversation.shares_contact(side),
    }))
}

/// Answers in a conversation.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/messages", tag = "conversations",
    params(("id" = i64, Path)), request_body = MessageInput,
    responses((status = 201, body = PostedMessage), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "`blocked`: the other side does not accept your messages", body = Problem),
        (status = 413, description = "larger than the limit of a message with its files"),
        (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn post_message(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<MessageInput>,
) -> ApiResult<(StatusCode, Json<PostedMessage>)> {
    let d = draft(input)?;
    let p = s.app.reply(&caller, id, &d).await?;
    Ok((StatusCode::CREATED, Json(posted(p))))
}

/// A file of a conversation, as an attachment to download (for its two sides only).
#[utoipa::path(get, path = "/api/v1/conversations/{id}/attachments/{attachment}", tag = "conversations",
    params(("id" = i64, Path), ("attachment" = i64, Path)),
    responses((status = 200, description = "the file, with the type recognised from its content",
            content(("application/octet-stream"))),
        (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn attachment(
    State(s): State<AppState>,
    caller: Caller,
    Ids(id, attachment): Ids,
) -> ApiResult<Response> {
    let (info, bytes) = s.app.attachment(&caller, id, attachment).await?;
    Ok(download(&info.name, &info.media_type, bytes))
}

/// A file as a download: its recognised type, never shown inline, never cached.
pub fn download(name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingInput {
    /// Show the other side one's contact details in this conversation (each showing is
    /// recorded), or stop.
    pub share: bool,
}

/// A person shares (or stops sharing) their contact details with the other side; the
/// conversation gets a message saying so.
#[utoipa::path(put, path = "/api/v1/conversations/{id}/contact-sharing", tag = "conversations",
    params(("id" = i64, Path)), request_body = SharingInput,
    responses((status = 204), (status = 401, body = Problem),
        (status = 403, description = "an organisation's side has no personal details to share", body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn sharing(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<SharingInput>,
) -> ApiResult<StatusCode> {
    s.app.share_contact(&caller, id, input.share).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeInput {
    /// A member of the organisation, or null for nobody.
    pub user_id: Option<i64>,
}

/// Gives an organisation's conversation to one of its members (its members only).
#[utoipa::path(put, path = "/api/v1/conversations/{id}/assignee", tag = "conversations",
    params(("id" = i64, Path)), request_body = AssigneeInput,
    responses((status = 204), (status = 401, body = Problem),
        (status = 403, description = "not on the organisation's side", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`not_a_member`", body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn assign(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<AssigneeInput>,
) -> ApiResult<StatusCode> {
    s.app
        .assign_conversation(&caller, id, input.user_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockInput {
    /// Refuse the other side's messages here and in any new conversation, or accept them again.
    pub blocked: bool,
}

/// Blocks (or unblocks) the other side of a conversation.
#[utoipa::path(put, path = "/api/v1/conversations/{id}/block", tag = "conversations",
    params(("id" = i64, Path)), request_body = BlockInput,
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn block(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<BlockInput>,
) -> ApiResult<StatusCode> {
    s.app.block(&caller, id, input.blocked).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    /// The other side's message reported (its text goes to the organisers), if one.
    pub message_id: Option<i64>,
    /// What is wrong, 1 to 1,000 characters.
    #[schema(max_length = 1000)]
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportFiled {
    pub id: i64,
}

/// Reports the other side to the organisers, who see the reason and the reported message,
/// never the conversation. Reporting also blocks the other side.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/reports", tag = "conversations",
    params(("id" = i64, Path)), request_body = ReportInput,
    responses((status = 201, body = ReportFiled), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn report(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<ReportInput>,
) -> ApiResult<(StatusCode, Json<ReportFiled>)> {
    let rid = s
        .app
        .report(&caller, id, input.message_id, &input.reason)
        .await?;
    Ok((StatusCode::CREATED, Json(ReportFiled { id: rid })))
}

#[derive(Serialize, ToSchema)]
pub struct ReportOut {
    pub id: i64,
    pub reporter_id: i64,
    pub reporter_name: String,
    /// The reported party.
    pub reported: Party,
    pub reported_name: LocalizedText,
    pub reason: String,
    /// The reported message as its reporter passed it on.
    pub excerpt: String,
    pub fair_id: Option<i64>,
    pub at: i64,
    pub closed_at: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// Closed ones too.
    #[serde(default)]
    pub all: bool,
}

fn party_of_key(k: &str) -> Option<Party> {
    let (kind, id) = k.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "u" => Some(Party::Person(id)),
        "o" => Some(Party::Organisation(id)),
        _ => None,
    }
}

/// Reports of abuse, open ones first: for organisers and administrators.
#[utoipa::path(get, path = "/api/v1/reports", tag = "conversations", params(ReportParams),
    responses((status = 200, body = Vec<ReportOut>), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn reports(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(p): ApiQuery<ReportParams>,
) -> ApiResult<Json<Vec<ReportOut>>> {
    let rs = s.app.reports(&caller, !p.all).await?;
    Ok(Json(
        rs.into_iter()
            .filter_map(|r| {
                Some(ReportOut {
                    id: r.id,
                    reporter_id: r.reporter_id,
                    reporter_name: r.reporter_name,
                    reported: party_of_key(&r.reported)?,
                    reported_name: r.reported_name,
                    reason: r.reason,
                    excerpt: r.excerpt,
                    fair_id: r.fair_id,
                    at: r.at,
                    closed_at: r.closed_at,
                })
            })
            .collect(),
    ))
}

/// Closes a report once handled.
#[utoipa::path(post, path = "/api/v1/reports/{id}/close", tag = "conversations",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, description = "no such open report", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn close_report(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    s.app.close_report(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InboxRules {
    /// Who may write first: `anyone` (signed in, within the daily limit) or `known` (people
    /// who bookmarked or scanned the organisation at a fair).
    pub first_contact: FirstContact,
}

/// An organisation's rule for first messages (its members read it).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/inbox-rules", tag = "conversations",
    params(("id" = i64, Path)),
    responses((status = 200, body = InboxRules), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn inbox_rules(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<InboxRules>> {
    Ok(Json(InboxRules {
        first_contact: s.app.inbox_rules(&caller, id).await?,
    }))
}

/// Sets an organisation's rule for first messages (its administrators).
#[utoipa::path(put, path = "/api/v1/organisations/{id}/inbox-rules", tag = "conversations",
    params(("id" = i64, Path)), request_body = InboxRules,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_inbox_rules(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<InboxRules>,
) -> ApiResult<StatusCode> {
    s.app
        .set_inbox_rules(&caller, id, input.first_contact)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The most a message with its files takes as JSON (base64 grows bytes by a third).
pub const MAX_MESSAGE_JSON_BYTES: usize =
    MAX_MESSAGE_BYTES / 3 * 4 + MAX_BODY_CHARS * 4 + 64 * 1024;
