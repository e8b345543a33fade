//! The meeting pages: "My meetings" (across fairs, or one fair's with availability), asking
//! someone for a meeting, answering (accept, decline, propose another time, cancel),
//! attendance, and the organiser's desk (sessions, the scheduler, review and publish). Every
//! page is plain forms: no script.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_app::{Invitee, MeetingRequest, MeetingSlot, status_now};
use sc_domain::ErrorCode;
use sc_domain::meeting::{
    Break, MAX_NOTE_CHARS, MeetingStatus, RequestAction, RequestStatus, SLOT_MINUTES, SessionInput,
};
use sc_web_http::error::ApiError;
use sc_web_http::{AppState, FormData};
use sc_web_ui::context::{Ctx, PageId, UiError, encode};
use sc_web_ui::present::{form_errors, notice_text, shown};
use sc_web_ui::views::{Errors, Opt};
use sc_web_ui::{Arg, Words};
use serde::Deserialize;

use crate::views::*;

#[derive(Deserialize, Default)]
pub struct NoticeParams {
    notice: Option<String>,
    problem: Option<String>,
    // The scheduler's last run, carried to the organiser's page.
    method: Option<String>,
    drafts: Option<usize>,
    kept: Option<usize>,
    unscheduled: Option<usize>,
    weight: Option<u64>,
    bound: Option<u64>,
    gaps: Option<u64>,
}

/// The refusal's code, for the page to show after a redirect; anything else is an error page.
fn refusal(e: sc_app::Error) -> Result<String, UiError> {
    let api: ApiError = e.into();
    match api {
        ApiError::Conflict { code, .. } => Ok(code.as_str().to_string()),
        ApiError::Invalid(inv) => Ok(inv
            .0
            .first()
            .map(|f| f.code.as_str().to_string())
            .unwrap_or_else(|| ErrorCode::InvalidInput.as_str().to_string())),
        other => Err(other.into()),
    }
}

fn slot_when(s: &MeetingSlot) -> String {
    format!("{} {}", s.day, s.label)
}

async fn slot_map(
    s: &AppState,
    ctx: &Ctx,
    fairs: &[i64],
) -> Result<HashMap<i64, MeetingSlot>, UiError> {
    let mut out = HashMap::new();
    for &f in fairs {
        for sl in s.app.meeting_slots(&ctx.caller, f).await? {
            out.insert(sl.id, sl);
        }
    }
    Ok(out)
}

struct Sorted {
    schedule: Vec<(i64, RequestRow)>,
    waiting: Vec<RequestRow>,
    sent: Vec<RequestRow>,
    to_place: Vec<RequestRow>,
    closed: Vec<RequestRow>,
}

/// Sorts the reader's requests into the page's sections, with the words for each.
async fn sort_rows(
    s: &AppState,
    ctx: &Ctx,
    rows: Vec<MeetingRequest>,
    fair_names: Option<&HashMap<i64, String>>,
) -> Result<Sorted, UiError> {
    let t = ctx.t();
    let me = ctx.caller.account()?.id;
    let mut fairs: Vec<i64> = rows.iter().map(|r| r.fair_id).collect();
    fairs.sort_unstable();
    fairs.dedup();
    let slots = slot_map(s, ctx, &fairs).await?;
    let orgs: Vec<i64> = rows.iter().filter_map(|r| r.organisation_id).collect();
    let org_names = s.app.organisation_names(&orgs).await?;
    let now = sc_app::now_ms();
    let mut out = Sorted {
        schedule: vec![],
        waiting: vec![],
        sent: vec![],
        to_place: vec![],
        closed: vec![],
    };
    for r in rows {
        let from_me = r.from_id == me;
        let asked_last = if from_me {
            r.from_asked_last
        } else {
            !r.from_asked_last
        };
        let (with, with_lang) = if from_me {
            match r.organisation_id.and_then(|o| org_names.get(&o)) {
                Some(n) => {
                    let sh = shown(n, t.lang);
                    match &r.to_name {
                        Some(p) => (format!("{} ({p})", sh.text), sh.lang),
                        None => (sh.text, sh.lang),
                    }
                }
                None => (r.to_name.clone().unwrap_or_default(), ""),
            }
        } else {
            (r.from_name.clone(), "")
        };
        let status = status_now(&r, now);
        let meeting_slot = r
            .meeting
            .as_ref()
            .and_then(|m| slots.get(&m.slot_id).map(|sl| (m, sl)));
        let published = meeting_slot
            .filter(|(m, _)| m.status == MeetingStatus::Published)
            .filter(|_| status == RequestStatus::Accepted);
        let when = match (published, &r.slot) {
            (Some((_, sl)), _) => slot_when(sl),
            (None, Some(sl)) => slot_when(sl),
            (None, None) => t.t("mtg-any_time").to_string(),
        };
        let mut row = RequestRow {
            id: r.id,
            fair_id: r.fair_id,
            fair: fair_names.and_then(|n| n.get(&r.fair_id).cloned()),
            with,
            with_lang,
            when,
            table: published.map(|(m, _)| m.table),
            note: r.note.clone(),
            state: String::new(),
            can_accept: false,
            can_cancel: false,
            can_propose: false,
            can_attend: false,
            attended: None,
        };
        match status {
            RequestStatus::Accepted => {
                row.can_cancel = true;
                if let Some((m, sl)) = published {
                    row.attended = if m.checked_in_at.is_some() {
                        Some(t.t("mtg-met").to_string())
                    } else if (from_me && m.b_no_show) || (!from_me && m.a_no_show) {
                        Some(t.t("mtg-they_missed").to_string())
                    } else if (from_me && m.a_no_show) || (!from_me && m.b_no_show) {
                        Some(t.t("mtg-you_missed").to_string())
                    } else {
                        None
                    };
                    row.can_attend = m.checked_in_at.is_none() && now >= sl.starts_at - 10 * 60_000;
                    row.can_cancel = now < sl.starts_at;
                    out.schedule.push((sl.starts_at, row));
                } else {
                    row.state = t.t("mtg-state_to_place").to_string();
                    out.to_place.push(row);
                }
            }
            RequestStatus::Pending => {
                row.can_cancel = true;
                row.can_propose = true;
                let lapses = sc_app::time::local_time(
                    r.expires_at,
                    sc_app::time::venue_offset_ms("Asia/Hong_Kong").0,
                );
                if asked_last {
                    row.state = t.with("mtg-state_sent", &[("lapses", lapses.as_str().into())]);
                    out.sent.push(row);
                } else {
                    row.can_accept = true;
                    row.state = t.with("mtg-state_waiting", &[("lapses", lapses.as_str().into())]);
                    out.waiting.push(row);
                }
            }
            other => {
                row.state = t.t(&format!("mtg-status_{}", other.code())).to_string();
                out.closed.push(row);
            }
        }
    }
    out.schedule.sort_by_key(|(at, _)| *at);
    out.closed.truncate(30);
    Ok(out)
}

fn reason_options(t: Words) -> Vec<Opt> {
    std::iter::once("")
        .chain(sc_app::UNAVAILABLE_REASONS)
        .map(|r| Opt {
            value: r.to_string(),
            label: t
                .t(&format!(
                    "mtg-reason_{}",
                    if r.is_empty() { "free" } else { r }
                ))
                .to_string(),
            selected: false,
        })
        .collect()
}

fn slot_options(slots: &[MeetingSlot], t: Words, any: bool, now: i64) -> Vec<Opt> {
    let mut out = Vec::new();
    if any {
        out.push(Opt {
            value: String::new(),
            label: t.t("mtg-any_time").to_string(),
            selected: true,
        });
    }
    out.extend(slots.iter().filter(|s| s.ends_at > now).map(|s| Opt {
        value: s.id.to_string(),
        label: slot_when(s),
        selected: false,
    }));
    out
}

/// `GET /meetings`: the reader's meetings and requests at every fair.
pub async fn all(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(p): Query<NoticeParams>,
) -> Response {
    let base = sc_web_ui::qr::base_url(&s, &headers);
    my_meetings(s, ctx, None, base, p).await
}

/// `GET /fairs/{id}/meetings`: one fair's, with the reader's availability.
pub async fn at_fair(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    PageId(id): PageId,
    Query(p): Query<NoticeParams>,
) -> Response {
    let base = sc_web_ui::qr::base_url(&s, &headers);
    my_meetings(s, ctx, Some(id), base, p).await
}

async fn my_meetings(
    s: AppState,
    ctx: Ctx,
    fair: Option<i64>,
    base: String,
    p: NoticeParams,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        ctx.caller.account()?;
        let fair_info = match fair {
            Some(id) => Some((
                id,
                shown(&s.app.fair(&ctx.caller, id).await?.name, t.lang).text,
            )),
            None => None,
        };
        let rows = s.app.my_meeting_requests(&ctx.caller, fair).await?;
        let mut names = HashMap::new();
        if fair.is_none() {
            for r in &rows {
                if let std::collections::hash_map::Entry::Vacant(e) = names.entry(r.fair_id) {
                    e.insert(shown(&s.app.fair(&ctx.caller, r.fair_id).await?.name, t.lang).text);
                }
            }
        }
        let sorted = sort_rows(&s, &ctx, rows, fair.is_none().then_some(&names)).await?;
        let now = sc_app::now_ms();
        let (slots, availability, cap) = match fair {
            Some(id) => {
                let slots = s.app.meeting_slots(&ctx.caller, id).await?;
                let busy: HashMap<i64, String> = s
                    .app
                    .unavailable(&ctx.caller, id)
                    .await?
                    .into_iter()
                    .collect();
                let cap = s.app.meeting_cap(&ctx.caller, id).await?;
                let availability = slots
                    .iter()
                    .map(|sl| SlotChoice {
                        id: sl.id,
                        day: sl.day.clone(),
                        label: sl.label.clone(),
                        reason: busy.get(&sl.id).cloned().unwrap_or_default(),
                    })
                    .collect();
                (
                    slot_options(&slots, t, false, now),
                    availability,
                    cap.map(|c| c.to_string()).unwrap_or_default(),
                )
            }
            None => (Vec::new(), Vec::new(), String::new()),
        };
        // The badge, where the fair has meetings to check in.
        let badge = match fair {
            Some(id) if !availability.is_empty() => {
                let token = s.app.meeting_badge(&ctx.caller, id).await?;
                let url = crate::api::badge_url(&base, &token);
                let svg = sc_web_ui::qr::qr_svg(&url);
                Some((url, svg))
            }
            _ => None,
        };
        Ok(ctx.page(MyMeetingsPage {
            c: ctx.chrome("meetings"),
            t,
            fair: fair_info,
            organiser: ctx.caller.may(Action::ManageFair).is_ok(),
            notice: notice_text(p.notice.as_deref(), t),
            problem: notice_text(p.problem.as_deref(), t),
            schedule: sorted.schedule.into_iter().map(|(_, r)| r).collect(),
            waiting: sorted.waiting,
            sent: sorted.sent,
            to_place: sorted.to_place,
            closed: sorted.closed,
            slots,
            availability,
            reasons: reason_options(t),
            cap,
            badge,
            feed: {
                let f = crate::api::feed_urls(&base, &s.app.calendar_feed(&ctx.caller).await?);
                (f.url, f.webcal)
            },
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/meetings/availability`: `slot-{id}` = reason or "" for each slot; `cap`.
pub async fn save_availability(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.account()?;
        let mut busy = Vec::new();
        for (k, v) in &form.0 {
            if let Some(slot) = k.strip_prefix("slot-").and_then(|x| x.parse::<i64>().ok())
                && !v.is_empty()
            {
                busy.push((slot, v.clone()));
            }
        }
        let cap = match form.opt("cap") {
            None => None,
            Some(c) => match c.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    return Ok(back(id, None, Some(ErrorCode::OutOfRange.as_str())));
                }
            },
        };
        let done = async {
            s.app.set_unavailable(&ctx.caller, id, &busy).await?;
            s.app.set_meeting_cap(&ctx.caller, id, cap).await
        }
        .await;
        Ok(match done {
            Ok(()) => back(id, Some("saved"), None),
            Err(e) => back(id, None, Some(&refusal(e)?)),
        })
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn back(fair: i64, notice: Option<&str>, problem: Option<&str>) -> Response {
    let mut to = format!("/fairs/{fair}/meetings");
    if let Some(n) = notice {
        to.push_str(&format!("?notice={}", encode(n)));
    } else if let Some(p) = problem {
        to.push_str(&format!("?problem={}", encode(p)));
    }
    Redirect::to(&to).into_response()
}

#[derive(Deserialize, Default)]
pub struct NewParams {
    to: Option<String>,
}

fn parse_to(to: &str) -> Option<Invitee> {
    let (kind, id) = to.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "person" => Some(Invitee::Person(id)),
        "organisation" => Some(Invitee::Organisation(id)),
        _ => None,
    }
}

async fn request_page(
    s: &AppState,
    ctx: &Ctx,
    fair: i64,
    to: &str,
    note: &str,
    errors: Errors,
    status: axum::http::StatusCode,
) -> Result<Response, UiError> {
    let t = ctx.t();
    ctx.caller.account()?;
    let f = s.app.fair(&ctx.caller, fair).await?;
    let to_name = match parse_to(to).ok_or(ApiError::NotFound)? {
        Invitee::Person(p) => s
            .app
            .display_name(p)
            .await
            .map_err(|_| ApiError::NotFound)?,
        Invitee::Organisation(o) => {
            shown(&s.app.organisation(&ctx.caller, o).await?.name, t.lang).text
        }
    };
    let slots = s.app.meeting_slots(&ctx.caller, fair).await?;
    Ok(ctx.page_with(
        status,
        RequestPage {
            c: ctx.chrome("meetings"),
            t,
            fair_id: fair,
            fair: shown(&f.name, t.lang).text,
            to: to.to_string(),
            to_name,
            slots: slot_options(&slots, t, true, sc_app::now_ms()),
            note: note.to_string(),
            note_max: MAX_NOTE_CHARS,
            errors,
        },
    ))
}

/// `GET /fairs/{id}/meetings/new?to=person:ID|organisation:ID`: asking for a meeting.
pub async fn new_request(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(p): Query<NewParams>,
) -> Response {
    let to = p.to.unwrap_or_default();
    request_page(
        &s,
        &ctx,
        id,
        &to,
        "",
        Errors::new(),
        axum::http::StatusCode::OK,
    )
    .await
    .unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/meetings/requests` (to, slot, note).
pub async fn create_request(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.account()?;
        let to_text = form.get("to").to_string();
        let to = parse_to(&to_text).ok_or(ApiError::NotFound)?;
        let slot = form.opt("slot").and_then(|x| x.parse::<i64>().ok());
        let note = form.get("note").to_string();
        match s
            .app
            .request_meeting(&ctx.caller, id, to, slot, &note)
            .await
        {
            Ok(_) => Ok(back(id, Some("meeting_requested"), None)),
            Err(sc_app::Error::Invalid(inv)) => {
                request_page(
                    &s,
                    &ctx,
                    id,
                    &to_text,
                    &note,
                    form_errors(&inv, ctx.t()),
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
            Err(e) => Ok(back(id, None, Some(&refusal(e)?))),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /meeting-requests/{id}` (action: accept, decline, propose with slot, cancel).
pub async fn answer(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.account()?;
        let req = s.app.meeting_request(&ctx.caller, id).await?;
        let action = match form.get("action") {
            "accept" => RequestAction::Accept,
            "decline" => RequestAction::Decline,
            "propose" => RequestAction::Propose,
            "cancel" => RequestAction::Cancel,
            _ => {
                return Err(ApiError::field(
                    "action",
                    ErrorCode::NotAnOption,
                    "accept, decline, propose or cancel",
                )
                .into());
            }
        };
        let slot = form.opt("slot").and_then(|x| x.parse::<i64>().ok());
        Ok(
            match s
                .app
                .answer_meeting_request(&ctx.caller, id, action, slot)
                .await
            {
                Ok(_) => back(
                    req.fair_id,
                    Some(match action {
                        RequestAction::Accept => "meeting_accepted",
                        RequestAction::Decline => "meeting_declined",
                        RequestAction::Propose => "meeting_proposed",
                        RequestAction::Cancel => "meeting_cancelled",
                    }),
                    None,
                ),
                Err(e) => back(req.fair_id, None, Some(&refusal(e)?)),
            },
        )
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /meeting-requests/{id}/attendance` (what: met or no_show; for organisers, `side`:
/// requester or invitee; `back`: organise to return to the organiser's page).
pub async fn attendance(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.account()?;
        let done = match form.get("what") {
            "met" => s.app.check_in_meeting(&ctx.caller, id).await,
            "no_show" => {
                let side = match form.get("side") {
                    "requester" => Some(true),
                    "invitee" => Some(false),
                    _ => None,
                };
                s.app.mark_no_show(&ctx.caller, id, side).await
            }
            _ => {
                return Err(
                    ApiError::field("what", ErrorCode::NotAnOption, "met or no_show").into(),
                );
            }
        };
        // The fair the form came from (a hidden field): where to go back to, even when the
        // answer was a refusal.
        let (fair, outcome) = match done {
            Ok(r) => (r.fair_id, Ok("saved")),
            Err(e) => (
                form.get("fair").parse::<i64>().unwrap_or(0),
                Err(refusal(e)?),
            ),
        };
        let base = if fair == 0 {
            "/meetings".to_string()
        } else if form.get("back") == "organise" {
            format!("/fairs/{fair}/meetings/organise")
        } else {
            format!("/fairs/{fair}/meetings")
        };
        let to = match outcome {
            Ok(n) => format!("{base}?notice={n}"),
            Err(c) => format!("{base}?problem={}", encode(&c)),
        };
        Ok(Redirect::to(&to).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

struct SessionForm {
    day: String,
    starts: String,
    ends: String,
    minutes: String,
    tables: String,
    breaks: String,
}

async fn organise_page(
    s: &AppState,
    ctx: &Ctx,
    fair: i64,
    p: &NoticeParams,
    form: Option<(SessionForm, Errors)>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let f = s.app.fair(&ctx.caller, fair).await?;
    let rows = s.app.fair_meetings(&ctx.caller, fair).await?;
    let sessions = s.app.meeting_sessions(&ctx.caller, fair).await?;
    let slots = slot_map(s, ctx, &[fair]).await?;
    let now = sc_app::now_ms();
    let mut meetings: Vec<(i64, i64, MeetingRow)> = Vec::new();
    let mut accepted = 0;
    let mut drafts = 0;
    for r in &rows {
        if r.status == RequestStatus::Accepted {
            accepted += 1;
        }
        let Some(m) = &r.meeting else { continue };
        let Some(sl) = slots.get(&m.slot_id) else {
            continue;
        };
        let published = m.status == MeetingStatus::Published;
        if !published {
            drafts += 1;
        }
        let attended = if m.checked_in_at.is_some() {
            t.t("mtg-met").to_string()
        } else if m.a_no_show || m.b_no_show {
            let who = if m.a_no_show {
                &r.from_name
            } else {
                r.to_name.as_ref().unwrap_or(&r.from_name)
            };
            t.with("mtg-missed_by", &[("name", who.as_str().into())])
        } else {
            String::new()
        };
        meetings.push((
            sl.starts_at,
            m.table,
            MeetingRow {
                id: r.id,
                when: slot_when(sl),
                table: m.table,
                requester: r.from_name.clone(),
                invitee: r.to_name.clone().unwrap_or_default(),
                published,
                can_attend: published
                    && m.checked_in_at.is_none()
                    && now >= sl.starts_at - 10 * 60_000,
                attended,
            },
        ));
    }
    meetings.sort_by_key(|(at, table, _)| (*at, *table));
    let (values, errors) = form.unwrap_or_else(|| {
        (
            SessionForm {
                day: f.starts_on.clone(),
                starts: "10:00".into(),
                ends: "17:00".into(),
                minutes: "20".into(),
                tables: "20".into(),
                breaks: "12:30-13:30".into(),
            },
            Errors::new(),
        )
    });
    let days = fair_days(&f.starts_on, &f.ends_on)
        .into_iter()
        .map(|d| Opt {
            selected: d == values.day,
            label: d.clone(),
            value: d,
        })
        .collect();
    let minutes = SLOT_MINUTES
        .iter()
        .map(|m| Opt {
            value: m.to_string(),
            label: t.with("mtg-minutes", &[("n", i64::from(*m).into())]),
            selected: m.to_string() == values.minutes,
        })
        .collect();
    let run = p.method.as_ref().map(|method| {
        let weight = p.weight.unwrap_or(0);
        let bound = p.bound.unwrap_or(0);
        RunSummary {
            method: t
                .t(if method == "exact" {
                    "mtg-method_exact"
                } else {
                    "mtg-method_heuristic"
                })
                .to_string(),
            drafts: t.count("mtg-run_drafts", p.drafts.unwrap_or(0) as i64),
            kept: t.count("mtg-run_kept", p.kept.unwrap_or(0) as i64),
            unscheduled: t.count("mtg-run_unscheduled", p.unscheduled.unwrap_or(0) as i64),
            share: if bound == 0 {
                String::new()
            } else {
                let share = format!("{:.1}", 100.0 * weight as f64 / bound as f64);
                t.with("mtg-run_share", &[("share", share.as_str().into())])
            },
            gaps: t.count("mtg-run_gaps", p.gaps.unwrap_or(0) as i64),
        }
    });
    Ok(ctx.page_with(
        if errors.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        },
        OrganisePage {
            c: ctx.chrome("meetings"),
            t,
            fair_id: fair,
            fair: shown(&f.name, t.lang).text,
            notice: notice_text(p.notice.as_deref(), t),
            problem: notice_text(p.problem.as_deref(), t),
            sessions: sessions
                .iter()
                .map(|x| SessionRow {
                    day: x.input.day.clone(),
                    span: format!("{}–{}", x.input.starts, x.input.ends),
                    slot_minutes: x.input.slot_minutes,
                    tables: x.input.tables,
                    breaks: x
                        .input
                        .breaks
                        .iter()
                        .map(|b| format!("{}–{}", b.starts, b.ends))
                        .collect::<Vec<_>>()
                        .join(", "),
                    slots: x.slots,
                })
                .collect(),
            days,
            minutes,
            starts: values.starts,
            ends: values.ends,
            tables: values.tables,
            breaks: values.breaks,
            errors,
            accepted,
            drafts,
            run,
            meetings: meetings.into_iter().map(|(_, _, m)| m).collect(),
        },
    ))
}

/// The fair's days, `YYYY-MM-DD`, at most 31.
fn fair_days(from: &str, to: &str) -> Vec<String> {
    let (Ok(mut d), Ok(end)) = (
        from.parse::<jiff::civil::Date>(),
        to.parse::<jiff::civil::Date>(),
    ) else {
        return vec![from.to_string()];
    };
    let mut out = Vec::new();
    while d <= end && out.len() < 31 {
        out.push(d.to_string());
        d = match d.tomorrow() {
            Ok(n) => n,
            Err(_) => break,
        };
    }
    out
}

/// `GET /fairs/{id}/meetings/organise`: sessions, the scheduler, review and publish.
pub async fn organise(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(p): Query<NoticeParams>,
) -> Response {
    organise_page(&s, &ctx, id, &p, None)
        .await
        .unwrap_or_else(|e| ctx.error(e))
}

/// Breaks written `12:30-13:30, 15:00-15:15` (either dash).
fn parse_breaks(text: &str) -> Result<Vec<Break>, ()> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|b| {
            let (a, z) = b.split_once(['-', '–']).ok_or(())?;
            Ok(Break {
                starts: a.trim().to_string(),
                ends: z.trim().to_string(),
            })
        })
        .collect()
}

/// `POST /fairs/{id}/meetings/sessions` (day, starts, ends, slot_minutes, tables, breaks).
pub async fn add_session(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let values = SessionForm {
            day: form.get("day").trim().to_string(),
            starts: form.get("starts").trim().to_string(),
            ends: form.get("ends").trim().to_string(),
            minutes: form.get("slot_minutes").trim().to_string(),
            tables: form.get("tables").trim().to_string(),
            breaks: form.get("breaks").trim().to_string(),
        };
        let t = ctx.t();
        let mut errors = Errors::new();
        let minutes = values.minutes.parse::<u32>().unwrap_or(0);
        let tables = values.tables.parse::<u32>();
        if tables.is_err() {
            errors.insert(
                "tables".into(),
                t.t(&ErrorCode::OutOfRange.message_key()).to_string(),
            );
        }
        let breaks = parse_breaks(&values.breaks);
        if breaks.is_err() {
            errors.insert(
                "breaks".into(),
                t.t(&ErrorCode::NotATime.message_key()).to_string(),
            );
        }
        if errors.is_empty() {
            let input = SessionInput {
                day: values.day.clone(),
                starts: values.starts.clone(),
                ends: values.ends.clone(),
                slot_minutes: minutes,
                tables: tables.unwrap_or(0),
                breaks: breaks.unwrap_or_default(),
            };
            match s.app.add_meeting_session(&ctx.caller, id, &input).await {
                Ok(_) => {
                    return Ok(Redirect::to(&format!(
                        "/fairs/{id}/meetings/organise?notice=saved"
                    ))
                    .into_response());
                }
                Err(sc_app::Error::Invalid(inv)) => errors = form_errors(&inv, t),
                Err(e) => return Err(e.into()),
            }
        }
        organise_page(
            &s,
            &ctx,
            id,
            &NoticeParams::default(),
            Some((values, errors)),
        )
        .await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/meetings/schedule` (move_published).
pub async fn schedule(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let move_published = form.get("move_published") == "1";
        Ok(match s.app.schedule_meetings(&ctx.caller, id, move_published).await {
            Ok(x) => Redirect::to(&format!(
                "/fairs/{id}/meetings/organise?method={}&drafts={}&kept={}&unscheduled={}&weight={}&bound={}&gaps={}",
                x.method, x.drafts, x.kept, x.unscheduled, x.weight, x.bound, x.gaps
            ))
            .into_response(),
            Err(e) => Redirect::to(&format!(
                "/fairs/{id}/meetings/organise?problem={}",
                encode(&refusal(e)?)
            ))
            .into_response(),
        })
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/meetings/publish`.
pub async fn publish(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        s.app.publish_meetings(&ctx.caller, id).await?;
        Ok(Redirect::to(&format!(
            "/fairs/{id}/meetings/organise?notice=meetings_published"
        ))
        .into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /m/{token}`: the URL in a meeting badge's QR code. Opened by a scan (the phone's camera
/// or a typed address), it checks in the reader's meeting with the badge's owner at once; a
/// visit sent from another site gets a button instead, so no page elsewhere can check a
/// meeting in behind the reader's back.
pub async fn badge(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    if ctx.caller.account().is_err() {
        let next = format!("/m/{token}");
        return Redirect::to(&format!("/login?next={}", encode(&next))).into_response();
    }
    let scanned = matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        None | Some("none") | Some("same-origin")
    );
    if !scanned {
        let t = ctx.t();
        let r: Result<Response, UiError> = async {
            let fair = match s.app.scan_badge_fair(&ctx.caller, &token).await? {
                Some(f) => f,
                None => return Err(sc_app::Error::NotFound.into()),
            };
            Ok(ctx.page(BadgePage {
                c: ctx.chrome("meetings"),
                t,
                fair_id: fair,
                state: "confirm",
                message: String::new(),
                when: String::new(),
                token: token.clone(),
            }))
        }
        .await;
        return r.unwrap_or_else(|e| ctx.error(e));
    }
    scan_result(s, ctx, token).await
}

/// `POST /m/{token}`: the same check-in, from the button.
pub async fn badge_post(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Response {
    if let Err(e) = ctx.check_csrf(&form) {
        return ctx.error(e);
    }
    scan_result(s, ctx, token).await
}

async fn scan_result(s: AppState, ctx: Ctx, token: String) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let table = |r: &MeetingRequest| {
            r.meeting
                .as_ref()
                .map(|m| format!(" · {} {}", t.t("mtg-table"), m.table))
                .unwrap_or_default()
        };
        let (fair_id, state, with, when) = match s.app.scan_badge(&ctx.caller, &token).await? {
            sc_app::BadgeScan::CheckedIn {
                fair,
                with,
                request,
                slot,
            } => (
                fair,
                "checked_in",
                with,
                format!("{}{}", slot_when(&slot), table(&request)),
            ),
            sc_app::BadgeScan::NotNow { fair, with, next } => (
                fair,
                "not_now",
                with,
                next.map(|(r, sl)| format!("{}{}", slot_when(&sl), table(&r)))
                    .unwrap_or_default(),
            ),
            sc_app::BadgeScan::NotAPartner { fair } => {
                (fair, "not_a_partner", String::new(), String::new())
            }
            sc_app::BadgeScan::Own { fair } => (fair, "own", String::new(), String::new()),
        };
        let message = match state {
            "checked_in" => t.with("mtg-badge_checked_in", &[("name", Arg::Text(&with))]),
            "not_now" => t.with("mtg-badge_not_now", &[("name", Arg::Text(&with))]),
            _ => String::new(),
        };
        Ok(ctx.page(BadgePage {
            c: ctx.chrome("meetings"),
            t,
            fair_id,
            state,
            message,
            when,
            token: String::new(),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/meetings/badge`: a new badge (the old QR code stops working).
pub async fn reissue_badge(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        s.app.reissue_meeting_badge(&ctx.caller, id).await?;
        Ok(
            Redirect::to(&format!("/fairs/{id}/meetings?notice=badge_reissued#badge"))
                .into_response(),
        )
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /meetings/calendar-feed`: a new calendar address (the old one stops working).
pub async fn reissue_calendar_feed(
    State(s): State<AppState>,
    ctx: Ctx,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        s.app.reissue_calendar_feed(&ctx.caller).await?;
        Ok(Redirect::to("/meetings?notice=calendar_reissued#calendar").into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
