//! Meetings in JSON: a fair's sessions and slots, the caller's availability and cap, requests
//! and their answers, attendance, the organiser's meetings with the scheduler and publishing,
//! and the caller's published meetings as iCalendar.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sc_app::{Invitee, MeetingRequest, MeetingSlot, ScheduleSummary, status_now};
use sc_domain::ErrorCode;
use sc_domain::LocalizedText;
use sc_domain::meeting::{MAX_CAP, MeetingStatus, RequestAction, RequestStatus, SessionInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id};

/// A slot of a session, in UTC with its label in the fair's time zone.
#[derive(Serialize, ToSchema)]
pub struct SlotView {
    pub id: i64,
    /// Milliseconds since the epoch.
    pub starts_at: i64,
    pub ends_at: i64,
    /// `YYYY-MM-DD`, the fair's local day.
    pub day: String,
    /// `HH:MM–HH:MM`, the fair's local time.
    pub label: String,
    /// Meetings held at once in this slot.
    pub tables: i64,
}

pub fn slot_view(s: &MeetingSlot) -> SlotView {
    SlotView {
        id: s.id,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        day: s.day.clone(),
        label: s.label.clone(),
        tables: s.tables,
    }
}

#[derive(Serialize, ToSchema)]
pub struct SessionView {
    pub id: i64,
    #[serde(flatten)]
    pub session: SessionInput,
    pub slots: Vec<SlotView>,
}

#[derive(Serialize, ToSchema)]
pub struct Sessions {
    pub items: Vec<SessionView>,
}

/// A fair's meeting sessions with their slots, in time order.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/meeting-sessions", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = Sessions), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub async fn sessions(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Sessions>> {
    let sessions = s.app.meeting_sessions(&caller, fair).await?;
    let slots = s.app.meeting_slots(&caller, fair).await?;
    Ok(Json(Sessions {
        items: sessions
            .into_iter()
            .map(|x| SessionView {
                id: x.id,
                slots: slots
                    .iter()
                    .filter(|s| s.session_id == x.id)
                    .map(slot_view)
                    .collect(),
                session: x.input,
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Adds a meeting session: a day's span cut into slots of 15, 20 or 30 minutes, with tables
/// and breaks (organisers).
#[utoipa::path(post, path = "/api/v1/fairs/{id}/meeting-sessions", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    request_body = SessionInput,
    responses((status = 201, body = Created), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, description = "a field is wrong: a day outside the fair, a time that is not HH:MM, a break outside the session", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn add_session(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
    ApiJson(input): ApiJson<SessionInput>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let id = s.app.add_meeting_session(&caller, fair, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A slot one cannot meet in, and why.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Busy {
    pub slot: i64,
    /// `booth` (booth duty), `talk` or `other`.
    #[schema(pattern = "^(booth|talk|other)$")]
    pub reason: String,
}

/// When the caller cannot meet at a fair, and how many meetings they take at most.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    #[serde(default)]
    pub unavailable: Vec<Busy>,
    /// The most meetings, 1 to 200; absent or null: as many as the slots allow.
    #[schema(minimum = 1, maximum = 200)]
    #[serde(default)]
    pub cap: Option<u32>,
}

async fn availability_of(s: &AppState, caller: &Caller, fair: i64) -> ApiResult<Availability> {
    let unavailable = s.app.unavailable(caller, fair).await?;
    let cap = s.app.meeting_cap(caller, fair).await?;
    Ok(Availability {
        unavailable: unavailable
            .into_iter()
            .map(|(slot, reason)| Busy { slot, reason })
            .collect(),
        cap,
    })
}

/// The caller's availability at a fair.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/my-availability", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = Availability), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn availability(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Availability>> {
    caller.account()?;
    s.app.fair(&caller, fair).await?;
    Ok(Json(availability_of(&s, &caller, fair).await?))
}

/// Replaces the caller's availability at a fair: the slots they cannot meet in (booth duty, a
/// talk) and their cap. The scheduler and other people's requests respect both.
#[utoipa::path(put, path = "/api/v1/fairs/{id}/my-availability", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    request_body = Availability,
    responses((status = 200, body = Availability), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "a slot not of this fair, an unknown reason, a cap out of range", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_availability(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
    ApiJson(input): ApiJson<Availability>,
) -> ApiResult<Json<Availability>> {
    caller.account()?;
    s.app.fair(&caller, fair).await?;
    if let Some(c) = input.cap
        && (c == 0 || c > MAX_CAP)
    {
        return Err(ApiError::field(
            "cap",
            ErrorCode::OutOfRange,
            "from 1 to 200",
        ));
    }
    let slots: Vec<(i64, String)> = input
        .unavailable
        .into_iter()
        .map(|b| (b.slot, b.reason))
        .collect();
    s.app.set_unavailable(&caller, fair, &slots).await?;
    s.app.set_meeting_cap(&caller, fair, input.cap).await?;
    Ok(Json(availability_of(&s, &caller, fair).await?))
}

/// Whom a request goes to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Party {
    Person(i64),
    /// An exhibitor: whichever of its members accepts meets.
    Organisation(i64),
}

#[derive(Serialize, ToSchema)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
}

/// A meeting placed in a slot at a table.
#[derive(Serialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    pub slot: Option<SlotView>,
    /// Table or room number, from 1.
    pub table: i64,
    /// `draft` (the organiser's, not yet shown) or `published`.
    pub status: MeetingStatus,
    /// Rises each time the meeting moves (the iCalendar SEQUENCE).
    pub sequence: i64,
    /// When it took place (milliseconds since the epoch).
    pub checked_in_at: Option<i64>,
    pub requester_no_show: bool,
    pub invitee_no_show: bool,
}

/// A request to meet and, once placed, its meeting.
#[derive(Serialize, ToSchema)]
pub struct RequestView {
    pub id: i64,
    pub fair_id: i64,
    pub from: PersonRef,
    /// Whom it was sent to.
    pub to: Party,
    /// The organisation's name, when sent to one.
    pub organisation_name: Option<LocalizedText>,
    /// The person who meets: the invitee, or the member who accepted for the organisation.
    pub invitee: Option<PersonRef>,
    /// Now, with a lapsed pending request shown as `expired`.
    pub status: RequestStatus,
    /// The time asked for or last proposed; absent: whenever the scheduler finds one.
    pub slot: Option<SlotView>,
    /// Whether the caller is the one to answer (the other side asked last).
    pub your_turn: bool,
    /// The requester's note; absent for organisers, who never read it.
    pub note: Option<String>,
    /// Priority the organiser's scheduler gives it, 1 to 1000.
    pub weight: i64,
    /// A pending request lapses then (milliseconds since the epoch).
    pub expires_at: i64,
    pub created_at: i64,
    pub meeting: Option<MeetingView>,
}

/// Builds the views of requests, looking up the slots their meetings are in.
async fn views(
    s: &AppState,
    caller: &Caller,
    rows: Vec<MeetingRequest>,
    with_notes: bool,
) -> ApiResult<Vec<RequestView>> {
    let me = caller.account.as_ref().map(|a| a.id);
    let mut slots: HashMap<i64, MeetingSlot> = HashMap::new();
    let mut fairs: Vec<i64> = rows.iter().map(|r| r.fair_id).collect();
    fairs.sort_unstable();
    fairs.dedup();
    for f in fairs {
        for sl in s.app.meeting_slots(caller, f).await? {
            slots.insert(sl.id, sl);
        }
    }
    let orgs: Vec<i64> = rows.iter().filter_map(|r| r.organisation_id).collect();
    let names = s.app.organisation_names(&orgs).await?;
    let now = sc_app::now_ms();
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine_is_from = me == Some(r.from_id);
            let asked_last = if mine_is_from {
                r.from_asked_last
            } else {
                !r.from_asked_last
            };
            let status = status_now(&r, now);
            RequestView {
                id: r.id,
                fair_id: r.fair_id,
                from: PersonRef {
                    id: r.from_id,
                    name: r.from_name.clone(),
                },
                to: match (r.organisation_id, r.to_id) {
                    (Some(o), _) => Party::Organisation(o),
                    (None, Some(p)) => Party::Person(p),
                    (None, None) => Party::Person(0),
                },
                organisation_name: r.organisation_id.and_then(|o| names.get(&o).cloned()),
                invitee: r.to_id.map(|id| PersonRef {
                    id,
                    name: r.to_name.clone().unwrap_or_default(),
                }),
                status,
                slot: r.slot.as_ref().map(slot_view),
                your_turn: status == RequestStatus::Pending && !asked_last && with_notes,
                note: with_notes.then(|| r.note.clone()),
                weight: r.weight,
                expires_at: r.expires_at,
                created_at: r.created_at,
                meeting: r.meeting.as_ref().map(|m| MeetingView {
                    id: m.id,
                    slot: slots.get(&m.slot_id).map(slot_view),
                    table: m.table,
                    status: m.status,
                    sequence: m.sequence,
                    checked_in_at: m.checked_in_at,
                    requester_no_show: m.a_no_show,
                    invitee_no_show: m.b_no_show,
                }),
            }
        })
        .collect())
}

async fn one(s: &AppState, caller: &Caller, r: MeetingRequest) -> ApiResult<Json<RequestView>> {
    let mut v = views(s, caller, vec![r], true).await?;
    v.pop().map(Json).ok_or(ApiError::NotFound)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    pub to: Party,
    /// A slot of this fair; absent: whenever the organiser's scheduler finds one.
    pub slot: Option<i64>,
    /// A few words on why, at most 1,000 characters.
    #[schema(max_length = 1000)]
    #[serde(default)]
    pub note: String,
}

/// Asks a person or an exhibitor for a meeting at a fair. A request nobody answers lapses
/// after 48 hours, freeing the slot it asked for.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/meeting-requests", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    request_body = RequestInput,
    responses((status = 201, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, description = "no such fair, person, organisation or slot", body = Problem),
        (status = 409, description = "oneself or one's own organisation, or a request between the two is already open", body = Problem),
        (status = 422, description = "the note is too long", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn request(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
    ApiJson(input): ApiJson<RequestInput>,
) -> ApiResult<(StatusCode, Json<RequestView>)> {
    let to = match input.to {
        Party::Person(p) => Invitee::Person(p),
        Party::Organisation(o) => Invitee::Organisation(o),
    };
    let id = s
        .app
        .request_meeting(&caller, fair, to, input.slot, &input.note)
        .await?;
    let r = s.app.meeting_request(&caller, id).await?;
    Ok((StatusCode::CREATED, one(&s, &caller, r).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MineParams {
    /// Only this fair's.
    pub fair: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Requests {
    pub items: Vec<RequestView>,
}

/// The caller's requests and meetings: made, received, and received by their organisations.
#[utoipa::path(get, path = "/api/v1/me/meeting-requests", tag = "meetings", params(MineParams),
    responses((status = 200, body = Requests), (status = 400, body = Problem), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn mine(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(p): ApiQuery<MineParams>,
) -> ApiResult<Json<Requests>> {
    let rows = s.app.my_meeting_requests(&caller, p.fair).await?;
    Ok(Json(Requests {
        items: views(&s, &caller, rows, true).await?,
    }))
}

/// A request the caller is part of.
#[utoipa::path(get, path = "/api/v1/meeting-requests/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The request")),
    responses((status = 200, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, description = "no such request, or not the caller's", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn get_request(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<RequestView>> {
    caller.account()?;
    let r = s.app.meeting_request(&caller, id).await?;
    one(&s, &caller, r).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// `accept` or `decline` (the side that did not ask last), `propose` another slot (either
    /// side, while pending), `cancel` (either side, pending or accepted).
    pub action: RequestAction,
    /// For `propose`: the slot proposed.
    pub slot: Option<i64>,
}

/// Answers a request. Accepting one that asked for a slot books it at a free table, unless
/// either person is already booked then (409 `double_booked` / `partner_booked`), no table is
/// free (`no_table_free`), a person is unavailable (`unavailable`) or at their cap
/// (`meeting_cap`).
#[utoipa::path(post, path = "/api/v1/meeting-requests/{id}/answer", tag = "meetings",
    params(("id" = i64, Path, description = "The request")),
    request_body = AnswerInput,
    responses((status = 200, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the request is closed, it is the other side's turn, or the slot cannot be booked", body = Problem),
        (status = 422, description = "propose without a slot", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn answer(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<AnswerInput>,
) -> ApiResult<Json<RequestView>> {
    caller.account()?;
    let r = s
        .app
        .answer_meeting_request(&caller, id, input.action, input.slot)
        .await?;
    one(&s, &caller, r).await
}

/// Records that a published meeting took place: either person, or an organiser at the desk;
/// from ten minutes before the slot.
#[utoipa::path(post, path = "/api/v1/meeting-requests/{id}/check-in", tag = "meetings",
    params(("id" = i64, Path, description = "The request")),
    responses((status = 200, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "not a published meeting, or not yet begun", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn check_in(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<RequestView>> {
    caller.account()?;
    let r = s.app.check_in_meeting(&caller, id).await?;
    attended_view(&s, &caller, r).await
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NoShowInput {
    /// For organisers: `true` if the requester did not come, `false` the invitee. A person
    /// always marks the other side.
    pub requester: Option<bool>,
}

/// Marks that someone did not come to a published meeting, once it has begun and while
/// nobody checked in.
#[utoipa::path(post, path = "/api/v1/meeting-requests/{id}/no-show", tag = "meetings",
    params(("id" = i64, Path, description = "The request")),
    request_body = NoShowInput,
    responses((status = 200, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "not a published meeting, not begun, or it took place", body = Problem),
        (status = 422, description = "an organiser did not say which side", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn no_show(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<NoShowInput>,
) -> ApiResult<Json<RequestView>> {
    caller.account()?;
    let r = s.app.mark_no_show(&caller, id, input.requester).await?;
    attended_view(&s, &caller, r).await
}

/// A party sees the note; an organiser at the desk does not.
async fn attended_view(
    s: &AppState,
    caller: &Caller,
    r: MeetingRequest,
) -> ApiResult<Json<RequestView>> {
    let me = caller.account.as_ref().map(|a| a.id);
    let party = me == Some(r.from_id)
        || me == r.to_id
        || r.organisation_id
            .is_some_and(|o| caller.actor.role_in(o).is_some());
    let mut v = views(s, caller, vec![r], party).await?;
    v.pop().map(Json).ok_or(ApiError::NotFound)
}

/// The fair's meetings and accepted requests, drafts and published (organisers; notes are
/// not shown).
#[utoipa::path(get, path = "/api/v1/fairs/{id}/meetings", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = Requests), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn fair_meetings(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Requests>> {
    let rows = s.app.fair_meetings(&caller, fair).await?;
    Ok(Json(Requests {
        items: views(&s, &caller, rows, false).await?,
    }))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    /// Let the scheduler move published meetings too (they are otherwise kept where they are).
    #[serde(default)]
    pub move_published: bool,
}

/// What the scheduler did.
#[derive(Serialize, ToSchema)]
pub struct Scheduled {
    /// `exact` (proven optimal: nobody unavailable, no caps in the way) or `heuristic`.
    pub method: String,
    /// Draft meetings written (earlier drafts are replaced).
    pub drafts: usize,
    /// Published meetings kept where they were.
    pub kept: usize,
    /// Accepted requests that found no slot.
    pub unscheduled: usize,
    /// Total priority of the meetings placed.
    pub weight: u64,
    /// No schedule could place more: `weight / bound` is the proven share of the optimum.
    pub bound: u64,
    /// Idle slots between one's meetings on a day, over everyone.
    pub gaps: u64,
    pub warnings: Vec<String>,
}

impl From<ScheduleSummary> for Scheduled {
    fn from(s: ScheduleSummary) -> Self {
        Scheduled {
            method: s.method,
            drafts: s.drafts,
            kept: s.kept,
            unscheduled: s.unscheduled,
            weight: s.weight,
            bound: s.bound,
            gaps: s.gaps,
            warnings: s.warnings,
        }
    }
}

/// Runs the scheduler over the fair's accepted requests, maximising the meetings (by
/// priority) under availability, caps and tables, days kept compact; writes drafts to review.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/meetings/schedule", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    request_body = ScheduleInput,
    responses((status = 200, body = Scheduled), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "the fair has no meeting sessions", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn schedule(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
    ApiJson(input): ApiJson<ScheduleInput>,
) -> ApiResult<Json<Scheduled>> {
    Ok(Json(
        s.app
            .schedule_meetings(&caller, fair, input.move_published)
            .await?
            .into(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Published {
    /// Drafts that became published meetings.
    pub published: u64,
}

/// Publishes the drafts: they enter both people's schedules and calendars.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/meetings/publish", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = Published), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn publish(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Published>> {
    Ok(Json(Published {
        published: s.app.publish_meetings(&caller, fair).await?,
    }))
}

/// The caller's published meetings as iCalendar (RFC 5545): one event per meeting, in UTC,
/// with a UID that stays when a meeting moves and a SEQUENCE that rises.
#[utoipa::path(get, path = "/api/v1/me/meetings.ics", tag = "meetings",
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn calendar(
    State(s): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    caller.account()?;
    let host = uid_host(&s, &headers);
    let ics = s.app.meetings_calendar(&caller, &host).await?;
    Ok(ics_response(ics))
}

/// An iCalendar body as a download nobody caches.
pub fn ics_response(ics: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"meetings.ics\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        ics,
    )
        .into_response()
}

#[derive(Serialize, ToSchema)]
pub struct BadgeView {
    /// The badge's secret (22 URL-safe characters).
    pub token: String,
    /// The address its QR code carries; a partner's phone opens it to check the meeting in.
    pub url: String,
}

/// The caller's meeting badge at a fair, issued on first use.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/my-badge", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = BadgeView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn my_badge(
    State(s): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    Id(id): Id,
) -> ApiResult<Json<BadgeView>> {
    caller.account()?;
    let token = s.app.meeting_badge(&caller, id).await?;
    let url = badge_url(&sc_web_ui::qr::base_url(&s, &headers), &token);
    Ok(Json(BadgeView { token, url }))
}

/// Revokes the caller's badge at a fair and issues a new one (a photo of it was shared).
#[utoipa::path(post, path = "/api/v1/fairs/{id}/my-badge", tag = "meetings",
    params(("id" = i64, Path, description = "The fair")),
    responses((status = 200, body = BadgeView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn reissue_badge(
    State(s): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    Id(id): Id,
) -> ApiResult<Json<BadgeView>> {
    caller.account()?;
    let token = s.app.reissue_meeting_badge(&caller, id).await?;
    let url = badge_url(&sc_web_ui::qr::base_url(&s, &headers), &token);
    Ok(Json(BadgeView { token, url }))
}

#[derive(Serialize, ToSchema, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BadgeResult {
    /// The meeting under way with the badge's owner is checked in.
    CheckedIn,
    /// A meeting with the owner, but none under way now.
    NotNow,
    /// No published meeting with the badge's owner at that fair.
    NotAPartner,
    /// The caller's own badge.
    Own,
}

#[derive(Serialize, ToSchema)]
pub struct BadgeScanView {
    pub result: BadgeResult,
    pub fair: i64,
    /// The badge owner's name: only for someone who has a meeting with them at that fair.
    pub with: Option<String>,
    /// The meeting checked in, or the next one with the owner.
    pub meeting: Option<RequestView>,
}

/// Scans a partner's meeting badge: the published meeting with its owner that is under way
/// (from ten minutes before its slot to its end) is checked in.
#[utoipa::path(post, path = "/api/v1/meeting-badges/{token}/scan", tag = "meetings",
    params(("token" = String, Path, description = "The badge's token, from its QR code")),
    responses((status = 200, body = BadgeScanView), (status = 401, body = Problem),
        (status = 404, description = "no live badge has this token", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn scan_badge(
    State(s): State<AppState>,
    caller: Caller,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> ApiResult<Json<BadgeScanView>> {
    caller.account()?;
    let (result, fair, with, meeting) = match s.app.scan_badge(&caller, &token).await? {
        sc_app::BadgeScan::CheckedIn {
            fair,
            with,
            request,
            ..
        } => (BadgeResult::CheckedIn, fair, Some(with), Some(request)),
        sc_app::BadgeScan::NotNow { fair, with, next } => {
            (BadgeResult::NotNow, fair, Some(with), next.map(|(r, _)| r))
        }
        sc_app::BadgeScan::NotAPartner { fair } => (BadgeResult::NotAPartner, fair, None, None),
        sc_app::BadgeScan::Own { fair } => (BadgeResult::Own, fair, None, None),
    };
    let meeting = match meeting {
        Some(r) => Some(one(&s, &caller, r).await?.0),
        None => None,
    };
    Ok(Json(BadgeScanView {
        result,
        fair,
        with,
        meeting,
    }))
}

/// The domain in iCalendar UIDs: the configured public address, else the host asked for.
pub fn uid_host(s: &AppState, headers: &axum::http::HeaderMap) -> String {
    let from_url = s
        .public_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .map(str::to_string);
    let asked = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    from_url
        .or(asked)
        .map(|h| {
            h.split(['/', ':'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
        .unwrap_or_else(|| "superconnector.invalid".to_string())
}

#[derive(Serialize, ToSchema)]
pub struct CalendarFeedView {
    /// The secret address a calendar application subscribes to (no sign-in).
    pub url: String,
    /// The same with the `webcal:` scheme, which opens the calendar application.
    pub webcal: String,
}

/// A calendar subscription's https and webcal addresses under `base`.
pub fn feed_urls(base: &str, token: &str) -> CalendarFeedView {
    let url = format!("{base}/calendar/{token}.ics");
    let webcal = format!(
        "webcal://{}",
        url.split_once("://").map(|(_, rest)| rest).unwrap_or(&url)
    );
    CalendarFeedView { url, webcal }
}

fn feed_view(s: &AppState, headers: &axum::http::HeaderMap, token: &str) -> CalendarFeedView {
    feed_urls(&sc_web_ui::qr::base_url(s, headers), token)
}

/// The address a meeting badge's QR code carries.
pub fn badge_url(base: &str, token: &str) -> String {
    format!("{base}/m/{token}")
}

/// The caller's calendar subscription address, issued on first use.
#[utoipa::path(get, path = "/api/v1/me/calendar-feed", tag = "meetings",
    responses((status = 200, body = CalendarFeedView), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn calendar_feed(
    State(s): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<CalendarFeedView>> {
    caller.account()?;
    let token = s.app.calendar_feed(&caller).await?;
    Ok(Json(feed_view(&s, &headers, &token)))
}

/// A new calendar subscription address; the old one stops working.
#[utoipa::path(post, path = "/api/v1/me/calendar-feed", tag = "meetings",
    responses((status = 200, body = CalendarFeedView), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn reissue_calendar_feed(
    State(s): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
) -> ApiResult<Json<CalendarFeedView>> {
    caller.account()?;
    let token = s.app.reissue_calendar_feed(&caller).await?;
    Ok(Json(feed_view(&s, &headers, &token)))
}

/// The calendar behind a subscription address: `/calendar/{token}.ics`, no sign-in.
pub async fn calendar_by_feed(
    State(s): State<AppState>,
    headers: axum::http::HeaderMap,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> ApiResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(ApiError::NotFound)?;
    let host = uid_host(&s, &headers);
    let ics = s.app.calendar_by_feed(token, &host).await?;
    Ok(ics_response(ics))
}
