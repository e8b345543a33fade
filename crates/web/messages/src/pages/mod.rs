//! The conversation pages: the inbox, a conversation (answer, files, share contact details,
//! assign, block, report), writing first to someone, an organisation's inbox rules, the
//! organisers' reports, and the stream that tells open pages a message arrived. Every page
//! works without script; `messages.js` only brings new messages in without a reload.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Multipart, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::time::{local_time, venue_offset_ms};
use sc_app::{ConversationView, Draft, InboxQuery, Message, Thread, Topic, Upload};
use sc_domain::conversation::{FirstContact, MAX_MESSAGE_BYTES, MessageKind, Side};
use sc_domain::listing::Owner;
use sc_domain::{ErrorCode, LocalizedText};
use sc_web_http::error::ApiError;
use sc_web_http::extract::Ids;
use sc_web_http::{AppState, FormData};
use sc_web_ui::Words;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::present::{contact_lines, form_errors, linked, notice_text, shown};
use sc_web_ui::views::{Errors, Opt};
use serde::Deserialize;

use crate::views::*;

/// The most a message form with its files takes.
pub const MAX_MESSAGE_FORM_BYTES: usize = MAX_MESSAGE_BYTES + 256 * 1024;

/// What the file picker offers (the server checks the content whatever it is told).
const ACCEPT: &str = ".pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png,.webp,.txt,.csv,application/pdf,image/jpeg,image/png,image/webp,text/plain,text/csv";

/// Conversations are shown on Hong Kong's clock: the platform's home, and the GBA's.
fn offset() -> i64 {
    venue_offset_ms("Asia/Hong_Kong").0
}

fn person_name(n: &str) -> LocalizedText {
    LocalizedText {
        zh_hant: Some(n.to_string()),
        zh_hans: Some(n.to_string()),
        en: Some(n.to_string()),
    }
}

/// The other side's name as the reader sees it, with its language.
fn other_name(v: &ConversationView, t: Words) -> (String, &'static str) {
    let c = &v.conversation;
    let name = match v.side {
        Side::A => c.b_name.clone(),
        Side::B => person_name(&c.a_name),
    };
    let s = shown(&name, t.lang);
    (s.text, s.lang)
}

fn size_text(n: i64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", (n + 1023) / 1024)
    }
}

fn message_row(m: &Message, side: Side, id: i64, t: Words, offset: i64) -> MessageRow {
    let note = match m.kind {
        MessageKind::SharedContact => Some(t.t("msg-shared_contact").to_string()),
        MessageKind::WithdrewContact => Some(t.t("msg-withdrew_contact").to_string()),
        MessageKind::Contact | MessageKind::Text => None,
    };
    MessageRow {
        id: m.id,
        mine: m.side == side,
        author: m
            .author_name
            .clone()
            .unwrap_or_else(|| t.t("msg-former_member").to_string()),
        note,
        pieces: linked(&m.body),
        files: m
            .attachments
            .iter()
            .map(|a| FileRow {
                href: format!("/conversations/{id}/attachments/{}", a.id),
                name: a.name.clone(),
                size: size_text(a.size),
            })
            .collect(),
        card: m
            .listing
            .as_ref()
            .map(|(lid, title)| (format!("/listings/{lid}"), shown(title, t.lang).text)),
        when: local_time(m.at, offset),
        reportable: m.side != side && matches!(m.kind, MessageKind::Text | MessageKind::Contact),
    }
}

#[derive(Deserialize, Default)]
pub struct InboxParams {
    #[serde(rename = "box")]
    inbox: Option<String>,
    unread: Option<String>,
    assigned: Option<String>,
    q: Option<String>,
    before: Option<i64>,
    notice: Option<String>,
}

/// `GET /conversations`: the reader's conversations, with filters and search.
pub async fn inbox(State(s): State<AppState>, ctx: Ctx, Query(p): Query<InboxParams>) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let me = ctx.caller.account()?.id;
        let orgs = ctx.caller.actor.organisations();
        let names = s.app.organisation_names(&orgs).await?;
        let chosen = p.inbox.clone().unwrap_or_default();
        let organisation = chosen.parse::<i64>().ok().filter(|o| orgs.contains(o));
        let q = p.q.clone().unwrap_or_default();
        let unread = p.unread.as_deref() == Some("1");
        let assigned = p.assigned.clone().unwrap_or_default();
        let query = InboxQuery {
            organisation,
            unread_only: unread,
            mine: assigned == "me",
            unassigned: assigned == "none",
            q: q.clone(),
            before: p.before,
            limit: Some(50),
        };
        let found = match s.app.inbox(&ctx.caller, &query).await {
            Ok(f) => f,
            Err(sc_app::Error::Invalid(_)) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        let only_me = chosen == "me";
        let offset = offset();
        let rows: Vec<ConversationRow> = found
            .iter()
            .filter(|v| !only_me || v.conversation.parties.party(v.side) == Owner::Person(me))
            .map(|v| {
                let (name, name_lang) = other_name(v, t);
                let c = &v.conversation;
                let inbox = match (v.side, c.parties.organisation()) {
                    (Side::B, Some(o)) if !orgs.is_empty() => {
                        names.get(&o).map(|n| shown(n, t.lang).text)
                    }
                    _ => None,
                };
                ConversationRow {
                    id: c.id,
                    name,
                    name_lang,
                    inbox,
                    about: c
                        .listing_id
                        .map(|_| shown(&c.listing_title, t.lang).text)
                        .filter(|s| !s.is_empty()),
                    excerpt: c
                        .hit
                        .clone()
                        .unwrap_or_else(|| c.last_body.clone())
                        .chars()
                        .take(140)
                        .collect(),
                    unread: v.unread,
                    when: local_time(c.last_at, offset),
                    assigned: c.assigned_name.clone(),
                }
            })
            .collect();
        let mut boxes = vec![
            Opt {
                value: String::new(),
                label: t.t("msg-box_all").to_string(),
                selected: chosen.is_empty(),
            },
            Opt {
                value: "me".into(),
                label: t.t("msg-box_me").to_string(),
                selected: only_me,
            },
        ];
        for o in &orgs {
            if let Some(n) = names.get(o) {
                boxes.push(Opt {
                    value: o.to_string(),
                    label: shown(n, t.lang).text,
                    selected: organisation == Some(*o),
                });
            }
        }
        let more = (found.len() == 50).then(|| {
            let last = found.last().map(|v| v.conversation.last_at).unwrap_or(0);
            format!(
                "/conversations?box={}&unread={}&assigned={}&q={}&before={last}",
                sc_web_ui::encode(&chosen),
                if unread { "1" } else { "" },
                sc_web_ui::encode(&assigned),
                sc_web_ui::encode(&q)
            )
        });
        let rules = orgs
            .iter()
            .filter(|o| s.app.may_set_inbox_rules(&ctx.caller, **o))
            .filter_map(|o| names.get(o).map(|n| (*o, shown(n, t.lang).text)))
            .collect();
        Ok(ctx.page(InboxPage {
            c: ctx.chrome("messages"),
            t,
            rows,
            boxes,
            q,
            unread,
            assigned,
            more,
            notice: notice_text(p.notice.as_deref(), t),
            rules,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

#[derive(Deserialize, Default)]
pub struct ThreadParams {
    before: Option<i64>,
    /// Only the messages after this one, as a fragment (for the live page).
    after: Option<i64>,
    notice: Option<String>,
}

async fn render_thread(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    before: Option<i64>,
    draft: String,
    errors: Errors,
    notice: Option<String>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let th: Thread = s.app.conversation(&ctx.caller, id, before).await?;
    let v = &th.view;
    let c = &v.conversation;
    let (name, name_lang) = other_name(v, t);
    let offset = offset();
    let messages: Vec<MessageRow> = th
        .messages
        .iter()
        .map(|m| message_row(m, v.side, id, t, offset))
        .collect();
    let other_href = match v.other() {
        Owner::Organisation(o) => Some(format!("/organisations/{o}")),
        Owner::Person(_) => None,
    };
    let me = ctx.caller.account()?.id;
    let members = if th.members.is_empty() {
        Vec::new()
    } else {
        let mut m = vec![Opt {
            value: String::new(),
            label: t.t("msg-assign_nobody").to_string(),
            selected: c.assigned_to.is_none(),
        }];
        m.extend(th.members.iter().map(|(u, n)| Opt {
            value: u.to_string(),
            label: if *u == me {
                format!("{n} ({})", t.t("msg-me"))
            } else {
                n.clone()
            },
            selected: c.assigned_to == Some(*u),
        }));
        m
    };
    Ok(ctx.page(ThreadPage {
        c: ctx.chrome("messages"),
        t,
        id,
        name,
        name_lang,
        other_href,
        about: c.listing_id.map(|l| {
            (
                format!("/listings/{l}"),
                shown(&c.listing_title, t.lang).text,
            )
        }),
        last_id: th.messages.last().map(|m| m.id).unwrap_or(0),
        older: th
            .more_before
            .then(|| {
                th.messages
                    .first()
                    .map(|m| format!("/conversations/{id}?before={}", m.id))
            })
            .flatten(),
        messages,
        read_by_other: th.read_by_other,
        contact: th.contact.as_ref().map(contact_lines),
        can_share: matches!(c.parties.party(v.side), Owner::Person(_)),
        sharing: c.shares_contact(v.side),
        members,
        blocking: th.blocking,
        draft,
        errors,
        notice,
        accept: ACCEPT,
    }))
}

/// `GET /conversations/{id}`: the conversation, marked read; with `after`, only the newer
/// messages as a fragment for the live page.
pub async fn thread(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(p): Query<ThreadParams>,
) -> Response {
    let r: Result<Response, UiError> = async {
        if let Some(after) = p.after {
            let t = ctx.t();
            let side_and_messages = s.app.messages_after(&ctx.caller, id, after).await?;
            let (side, msgs) = side_and_messages;
            let offset = offset();
            return Ok(ctx.page(MessagesFragment {
                messages: msgs
                    .iter()
                    .map(|m| message_row(m, side, id, t, offset))
                    .collect(),
            }));
        }
        let notice = notice_text(p.notice.as_deref(), ctx.t());
        render_thread(&s, &ctx, id, p.before, String::new(), Errors::new(), notice).await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// Reads a message form: its fields and its files (empty file parts, as browsers send when
/// no file was chosen, are skipped).
async fn read_form(mut multipart: Multipart) -> Result<(FormData, Vec<Upload>), ApiError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest {
        code: ErrorCode::BodyUnreadable,
        detail: e.body_text(),
    };
    let mut fields = FormData(Vec::new());
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "files" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(unreadable)?;
            if !bytes.is_empty() {
                files.push(Upload {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
        } else {
            fields
                .0
                .push((name, field.text().await.map_err(unreadable)?));
        }
    }
    Ok((fields, files))
}

/// A refusal the writer can act on, in their language, with what they wrote kept.
fn refusal(e: &sc_app::Error, t: Words) -> Option<(Errors, Option<String>)> {
    match e {
        sc_app::Error::Invalid(inv) => Some((form_errors(inv, t), None)),
        sc_app::Error::Conflict { code, .. } | sc_app::Error::TooManyRequests { code, .. } => {
            Some((Errors::new(), Some(t.t(&code.message_key()).to_string())))
        }
        _ => None,
    }
}

/// `POST /conversations/{id}` (multipart: csrf, body, files): answers.
pub async fn reply(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    multipart: Multipart,
) -> Response {
    let r: Result<Response, UiError> = async {
        let (form, files) = read_form(multipart).await?;
        ctx.check_csrf(&form)?;
        let draft = Draft {
            body: form.get("body").to_string(),
            attachments: files,
            listing_id: form.get("listing_id").parse().ok(),
        };
        match s.app.reply(&ctx.caller, id, &draft).await {
            Ok(p) => {
                Ok(Redirect::to(&format!("/conversations/{id}#m{}", p.message_id)).into_response())
            }
            Err(e) => match refusal(&e, ctx.t()) {
                Some((errors, problem)) => {
                    let mut r =
                        render_thread(&s, &ctx, id, None, draft.body, errors, problem).await?;
                    *r.status_mut() = ApiError::from(e).status();
                    Ok(r)
                }
                None => Err(e.into()),
            },
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

#[derive(Deserialize, Default)]
pub struct ComposeParams {
    /// `organisation:ID` or `person:ID`.
    to: Option<String>,
    /// `listing:ID`.
    about: Option<String>,
    fair: Option<String>,
    /// Write for this organisation.
    #[serde(rename = "as")]
    as_org: Option<String>,
}

fn party(s: &str) -> Option<Owner> {
    let (k, v) = s.split_once(':')?;
    let id = v.parse::<i64>().ok().filter(|i| *i > 0)?;
    match k {
        "organisation" => Some(Owner::Organisation(id)),
        "person" => Some(Owner::Person(id)),
        _ => None,
    }
}

fn topic(about: &str) -> Option<Topic> {
    if about.is_empty() {
        return Some(Topic::General);
    }
    let id = about.strip_prefix("listing:")?.parse::<i64>().ok()?;
    Some(Topic::Listing(id))
}

struct Composing {
    to: Owner,
    from: Owner,
    topic: Topic,
    fair: Option<i64>,
    raw: [String; 4],
}

fn composing(
    ctx: &Ctx,
    to: &str,
    about: &str,
    fair: &str,
    as_org: &str,
) -> Result<Composing, UiError> {
    let me = ctx.caller.account()?.id;
    let to_party = party(to).ok_or(ApiError::NotFound)?;
    let topic = topic(about).ok_or(ApiError::NotFound)?;
    let fair_id = if fair.is_empty() {
        None
    } else {
        Some(fair.parse::<i64>().map_err(|_| ApiError::NotFound)?)
    };
    let from = if as_org.is_empty() {
        Owner::Person(me)
    } else {
        Owner::Organisation(as_org.parse::<i64>().map_err(|_| ApiError::NotFound)?)
    };
    Ok(Composing {
        to: to_party,
        from,
        topic,
        fair: fair_id,
        raw: [to.into(), about.into(), fair.into(), as_org.into()],
    })
}

async fn render_compose(
    s: &AppState,
    ctx: &Ctx,
    k: &Composing,
    draft: String,
    errors: Errors,
    problem: Option<String>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let to_name = match k.to {
        Owner::Organisation(o) => {
            shown(&s.app.organisation(&ctx.caller, o).await?.name, t.lang).text
        }
        Owner::Person(u) => s.app.display_name(u).await?,
    };
    let from_name = match k.from {
        Owner::Organisation(o) => {
            shown(&s.app.organisation(&ctx.caller, o).await?.name, t.lang).text
        }
        Owner::Person(_) => String::new(),
    };
    let about_title = match k.topic {
        Topic::Listing(l) => Some(shown(&s.app.listing(&ctx.caller, l).await?.title, t.lang).text),
        Topic::General => None,
    };
    Ok(ctx.page(ComposePage {
        c: ctx.chrome("messages"),
        t,
        to: k.raw[0].clone(),
        to_name,
        about: k.raw[1].clone(),
        about_title,
        fair: k.raw[2].clone(),
        as_org: k.raw[3].clone(),
        from_name,
        draft,
        errors,
        problem,
        accept: ACCEPT,
    }))
}

/// `GET /conversations/new?to=organisation:ID&about=listing:ID&fair=ID&as=ORG`: the first
/// message to someone; straight to the conversation when the two already have one.
pub async fn compose(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(p): Query<ComposeParams>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let k = composing(
            &ctx,
            p.to.as_deref().unwrap_or(""),
            p.about.as_deref().unwrap_or(""),
            p.fair.as_deref().unwrap_or(""),
            p.as_org.as_deref().unwrap_or(""),
        )?;
        if let Some(id) = s
            .app
            .find_conversation(&ctx.caller, k.from, k.to, k.topic)
            .await?
        {
            return Ok(Redirect::to(&format!("/conversations/{id}")).into_response());
        }
        render_compose(&s, &ctx, &k, String::new(), Errors::new(), None).await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /conversations` (multipart: csrf, to, about, fair, as, body, files): writes first.
pub async fn start(State(s): State<AppState>, ctx: Ctx, multipart: Multipart) -> Response {
    let r: Result<Response, UiError> = async {
        let (form, files) = read_form(multipart).await?;
        ctx.check_csrf(&form)?;
        let k = composing(
            &ctx,
            form.get("to"),
            form.get("about"),
            form.get("fair"),
            form.get("as"),
        )?;
        let draft = Draft {
            body: form.get("body").to_string(),
            attachments: files,
            listing_id: None,
        };
        match s
            .app
            .write_to(&ctx.caller, k.from, k.to, k.topic, k.fair, &draft)
            .await
        {
            Ok(p) => {
                Ok(Redirect::to(&format!("/conversations/{}", p.conversation_id)).into_response())
            }
            Err(e) => match refusal(&e, ctx.t()) {
                Some((errors, problem)) => {
                    let mut r = render_compose(&s, &ctx, &k, draft.body, errors, problem).await?;
                    *r.status_mut() = ApiError::from(e).status();
                    Ok(r)
                }
                None => Err(e.into()),
            },
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /conversations/{id}/attachments/{attachment}`: a file, for the two sides only.
pub async fn attachment(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(id, a) = ids?;
        let (info, bytes) = s.app.attachment(&ctx.caller, id, a).await?;
        Ok(crate::api::download(&info.name, &info.media_type, bytes))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// Runs a form post on a conversation and goes back to it with a notice.
async fn act<F, Fut>(ctx: Ctx, id: i64, form: FormData, notice: &str, f: F) -> Response
where
    F: FnOnce(Ctx, FormData) -> Fut,
    Fut: std::future::Future<Output = (Ctx, Result<(), sc_app::Error>)>,
{
    if let Err(e) = ctx.check_csrf(&form) {
        return ctx.error(e);
    }
    let (ctx, r) = f(ctx, form).await;
    match r {
        Ok(()) => Redirect::to(&format!("/conversations/{id}?notice={notice}")).into_response(),
        Err(sc_app::Error::Invalid(_)) | Err(sc_app::Error::Conflict { .. }) => {
            Redirect::to(&format!("/conversations/{id}?notice=not_saved")).into_response()
        }
        Err(e) => ctx.error(e.into()),
    }
}

/// `POST /conversations/{id}/contact` (share=1|0): share or stop sharing contact details.
pub async fn sharing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let share = form.get("share") == "1";
    let notice = if share {
        "contact_shared"
    } else {
        "contact_withdrawn"
    };
    act(ctx, id, form, notice, |ctx, _| async move {
        let r = s
            .app
            .share_contact(&ctx.caller, id, share)
            .await
            .map(|_| ());
        (ctx, r)
    })
    .await
}

/// `POST /conversations/{id}/assign` (member: id or empty).
pub async fn assign(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    act(ctx, id, form, "saved", |ctx, form| async move {
        let member = form.get("member").parse::<i64>().ok();
        let r = s.app.assign_conversation(&ctx.caller, id, member).await;
        (ctx, r)
    })
    .await
}

/// `POST /conversations/{id}/block` (block=1|0).
pub async fn block(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let on = form.get("block") == "1";
    let notice = if on { "blocked" } else { "unblocked" };
    act(ctx, id, form, notice, |ctx, _| async move {
        let r = s.app.block(&ctx.caller, id, on).await;
        (ctx, r)
    })
    .await
}

/// `POST /conversations/{id}/report` (message, reason).
pub async fn report(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    act(ctx, id, form, "reported", |ctx, form| async move {
        let message = form.get("message").parse::<i64>().ok();
        let r = s
            .app
            .report(&ctx.caller, id, message, form.get("reason"))
            .await
            .map(|_| ());
        (ctx, r)
    })
    .await
}

#[derive(Deserialize, Default)]
pub struct SavedParams {
    saved: Option<String>,
    all: Option<String>,
}

/// `GET /organisations/{id}/inbox-rules`: who may write first to the organisation.
pub async fn rules_form(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(p): Query<SavedParams>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        ctx.caller.account()?;
        if !s.app.may_set_inbox_rules(&ctx.caller, id) {
            return Err(ApiError::Forbidden.into());
        }
        let rule = s.app.inbox_rules(&ctx.caller, id).await?;
        let org = s.app.organisation(&ctx.caller, id).await?;
        Ok(ctx.page(RulesPage {
            c: ctx.chrome("messages"),
            t,
            org_id: id,
            org_name: shown(&org.name, t.lang).text,
            options: FirstContact::ALL
                .iter()
                .map(|r| Opt {
                    value: r.code().into(),
                    label: t.t(&format!("msg-first_contact_{}", r.code())).to_string(),
                    selected: *r == rule,
                })
                .collect(),
            saved: p.saved.is_some(),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /organisations/{id}/inbox-rules` (first_contact).
pub async fn save_rules(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let rule = FirstContact::parse(form.get("first_contact")).ok_or_else(|| {
            ApiError::field("first_contact", ErrorCode::NotAnOption, "anyone or known")
        })?;
        s.app.set_inbox_rules(&ctx.caller, id, rule).await?;
        Ok(Redirect::to(&format!("/organisations/{id}/inbox-rules?saved=1")).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /reports`: reports of abuse, for organisers (never the conversations).
pub async fn reports(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SavedParams>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let all = p.all.is_some();
        let rs = s.app.reports(&ctx.caller, !all).await?;
        let offset = offset();
        Ok(ctx.page(ReportsPage {
            c: ctx.chrome("messages"),
            t,
            rows: rs
                .iter()
                .map(|r| ReportRow {
                    id: r.id,
                    reporter: r.reporter_name.clone(),
                    reported: shown(&r.reported_name, t.lang).text,
                    reason: r.reason.clone(),
                    excerpt: r.excerpt.clone(),
                    when: local_time(r.at, offset),
                    open: r.closed_at.is_none(),
                })
                .collect(),
            all,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /reports/{id}/close`.
pub async fn close_report(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        s.app.close_report(&ctx.caller, id).await?;
        Ok(Redirect::to("/reports").into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /conversations/live`: server-sent events, one `message` event (conversation id,
/// message id) per message written to the reader or their organisations, while the page is
/// open. Only ids travel here; the page fetches the message through the checked page.
pub async fn live(State(s): State<AppState>, ctx: Ctx) -> Response {
    let receivers = match s.app.listen(&ctx.caller) {
        Ok(r) => r,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<sc_app::Delivery>(256);
    for mut r in receivers {
        let tx = tx.clone();
        tokio::spawn(async move {
            loop {
                let got = tokio::select! {
                    got = r.recv() => got,
                    _ = tx.closed() => break,
                };
                match got {
                    Ok(d) => {
                        if tx.send(d).await.is_err() {
                            break;
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                }
            }
        });
    }
    drop(tx);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        let d = rx.recv().await?;
        let data = format!(
            "{{\"conversation_id\":{},\"message_id\":{},\"side\":\"{}\"}}",
            d.conversation_id,
            d.message_id,
            d.side.code()
        );
        Some((
            Ok::<Event, Infallible>(Event::default().event("message").data(data)),
            rx,
        ))
    });
    let mut r = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response();
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

/// `GET /unsubscribe/{token}`: the link in every mail; asks before stopping (a mail
/// scanner following links must not unsubscribe anyone).
pub async fn unsubscribe_form(
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Response {
    let t = ctx.t();
    ctx.page(UnsubscribePage {
        c: ctx.chrome(""),
        t,
        token,
        done: None,
    })
}

/// `POST /unsubscribe/{token}` (action=stop|resume): from the page (with its CSRF token), or
/// the mail program's one-click request (RFC 8058: `List-Unsubscribe=One-Click`), which the
/// token alone authorises.
pub async fn unsubscribe(
    State(s): State<AppState>,
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
    form: FormData,
) -> Response {
    let one_click = form.get("List-Unsubscribe") == "One-Click";
    if !one_click && let Err(e) = ctx.check_csrf(&form) {
        return ctx.error(e);
    }
    let on = form.get("action") == "resume";
    match s.app.set_mail_by_token(&token, on).await {
        Ok(true) => {
            let t = ctx.t();
            ctx.page(UnsubscribePage {
                c: ctx.chrome(""),
                t,
                token,
                done: Some(if on { "unsub-resumed" } else { "unsub-done" }),
            })
        }
        Ok(false) => ctx.error(UiError::Api(ApiError::NotFound)),
        Err(e) => ctx.error(e.into()),
    }
}
