//! EXHIBITION+ in JSON: scanning a booth code, bookmarks, leads (contact details only through
//! the governed reveal), floor plans, booth codes and the organiser's figures.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use sc_app::{Arrival, BookmarkChange, ScanResult};
use sc_domain::ErrorCode;
use sc_domain::governance::RevealPurpose;
use sc_domain::person::ContactDetails;
use sc_domain::{Language, LocalizedText, Location};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::{ApiJson, Id, Ids};

#[derive(Deserialize, ToSchema)]
pub struct ScanInput {
    /// The token from the booth's QR code (the last part of its `/q/…` URL).
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct ScanAnswer {
    pub fair_id: i64,
    pub organisation_id: i64,
    pub hall: String,
    pub booth: String,
    /// This scan made the bookmark (false when it existed already or nobody is signed in).
    pub bookmarked_now: bool,
}

/// Records a scan of a booth's QR code; for a signed-in caller, bookmarks the exhibitor
/// (idempotent). Answers after the scan is committed.
#[utoipa::path(post, path = "/api/v1/scans", tag = "fairs", request_body = ScanInput,
    responses((status = 200, body = ScanAnswer), (status = 404, body = Problem), (status = 410, body = Problem)))]
pub async fn scan(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<ScanInput>,
) -> ApiResult<Json<ScanAnswer>> {
    let language = caller
        .account
        .as_ref()
        .map(|a| a.preferred_language)
        .unwrap_or(Language::ZhHant);
    // An API client sends the token it read on purpose: the scan always counts.
    let (t, org, outcome) = match s
        .app
        .scan_booth(&caller, &input.token, language, Arrival::Scanned)
        .await?
    {
        ScanResult::Exhibitor {
            booth,
            organisation_id,
            outcome,
        } => (booth, organisation_id, outcome.unwrap_or_default()),
        ScanResult::Revoked { .. } => {
            return Err(ApiError::Gone {
                code: ErrorCode::CodeRevoked,
                detail: "this booth code was withdrawn by the organiser".into(),
            });
        }
        ScanResult::Unknown => return Err(ApiError::NotFound),
        ScanResult::Vacant(_) => {
            return Err(ApiError::Conflict {
                code: ErrorCode::BoothVacant,
                detail: "this booth has no exhibitor".into(),
            });
        }
    };
    Ok(Json(ScanAnswer {
        fair_id: t.fair_id,
        organisation_id: org,
        hall: t.hall_code,
        booth: t.booth_code,
        bookmarked_now: outcome.bookmarked_now,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct BookmarkEntry {
    pub organisation_id: i64,
    pub organisation_name: LocalizedText,
    /// `[hall, booth]` pairs.
    pub booths: Vec<[String; 2]>,
    /// `scan` or `online`.
    pub source: &'static str,
    pub note: String,
    pub tags: Vec<String>,
    /// Milliseconds since the epoch.
    pub visited_at: Option<i64>,
    pub created_at: i64,
}

fn entry(b: sc_app::Bookmark) -> BookmarkEntry {
    BookmarkEntry {
        organisation_id: b.organisation_id,
        organisation_name: b.organisation_name,
        booths: b.booths.into_iter().map(|(h, c)| [h, c]).collect(),
        source: b.source.code(),
        note: b.note,
        tags: b.tags,
        visited_at: b.visited_at,
        created_at: b.created_at,
    }
}

/// The caller's bookmarks at a fair, newest first.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/bookmarks", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<BookmarkEntry>), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn bookmarks(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Vec<BookmarkEntry>>> {
    Ok(Json(
        s.app
            .bookmarks(&caller, fair)
            .await?
            .into_iter()
            .map(entry)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct BookmarkInput {
    pub note: Option<String>,
    /// Tags; also accepted as one string separated by spaces or commas.
    pub tags: Option<Vec<String>>,
    pub visited: Option<bool>,
}

/// Bookmarks an exhibitor of the fair (or updates the bookmark's note, tags and visited mark).
#[utoipa::path(put, path = "/api/v1/fairs/{id}/bookmarks/{org}", tag = "fairs",
    params(("id" = i64, Path), ("org" = i64, Path)), request_body = BookmarkInput,
    responses((status = 200, body = BookmarkEntry), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_bookmark(
    State(s): State<AppState>,
    caller: Caller,
    Ids(fair, org): Ids,
    ApiJson(input): ApiJson<BookmarkInput>,
) -> ApiResult<Json<BookmarkEntry>> {
    let b = s
        .app
        .update_bookmark(
            &caller,
            fair,
            org,
            BookmarkChange {
                note: input.note,
                tags: input.tags,
                visited: input.visited,
            },
        )
        .await?;
    Ok(Json(entry(b)))
}

/// Removes a bookmark (the exhibitor's lead goes too, unless a contact request was sent).
#[utoipa::path(delete, path = "/api/v1/fairs/{id}/bookmarks/{org}", tag = "fairs",
    params(("id" = i64, Path), ("org" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn delete_bookmark(
    State(s): State<AppState>,
    caller: Caller,
    Ids(fair, org): Ids,
) -> ApiResult<StatusCode> {
    s.app.remove_bookmark(&caller, fair, org).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct LeadEntry {
    pub user_id: i64,
    pub display_name: String,
    pub location: Location,
    pub language: Language,
    /// `scan` or `online`.
    pub source: &'static str,
    pub scans: i64,
    pub bookmarked: bool,
    pub shares_contact: bool,
    pub message: String,
    pub note: String,
    pub score: i64,
    pub first_at: i64,
    pub last_at: i64,
    /// Present only with `reveal=true` and only where the buyer agreed; each one is recorded.
    pub email: Option<String>,
    pub contact: Option<ContactDetails>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LeadsQuery {
    /// Include contact details where the buyer shares them (each reveal is recorded).
    pub reveal: Option<bool>,
}

/// An exhibitor's leads at a fair (members of the exhibitor only).
#[utoipa::path(get, path = "/api/v1/fairs/{id}/leads/{org}", tag = "fairs",
    params(("id" = i64, Path), ("org" = i64, Path), LeadsQuery),
    responses((status = 200, body = Vec<LeadEntry>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn leads(
    State(s): State<AppState>,
    caller: Caller,
    Ids(fair, org): Ids,
    Query(q): Query<LeadsQuery>,
) -> ApiResult<Json<Vec<LeadEntry>>> {
    let leads = s.app.leads(&caller, fair, org).await?;
    let revealed = if q.reveal == Some(true) {
        s.app
            .reveal_lead_contacts(&caller, fair, org, &[], RevealPurpose::LeadView)
            .await?
    } else {
        vec![]
    };
    Ok(Json(
        leads
            .into_iter()
            .map(|l| {
                let c = revealed.iter().find(|c| c.user_id == l.user_id);
                LeadEntry {
                    user_id: l.user_id,
                    display_name: l.display_name,
                    location: l.location,
                    language: l.language,
                    source: l.source.code(),
                    scans: l.scans,
                    bookmarked: l.bookmarked,
                    shares_contact: l.shares_contact,
                    message: l.message,
                    note: l.note,
                    score: l.score,
                    first_at: l.first_at,
                    last_at: l.last_at,
                    email: c.map(|c| c.email.clone()),
                    contact: c.map(|c| c.details.clone()),
                }
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadInput {
    pub note: String,
    /// 0 to 5.
    pub score: i64,
}

/// The exhibitor's note and score on a lead.
#[utoipa::path(patch, path = "/api/v1/fairs/{id}/leads/{org}/{user}", tag = "fairs",
    params(("id" = i64, Path), ("org" = i64, Path), ("user" = i64, Path)), request_body = LeadInput,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn update_lead(
    State(s): State<AppState>,
    caller: Caller,
    Path((fair, org, user)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<LeadInput>,
) -> ApiResult<StatusCode> {
    let num = |v: &str| {
        v.parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(ApiError::NotFound)
    };
    let (fair, org, user) = (num(&fair)?, num(&org)?, num(&user)?);
    s.app
        .update_lead(&caller, fair, org, user, &input.note, input.score)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct PlanBooth {
    pub booth: String,
    /// Metres from the hall's top-left corner.
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Serialize, ToSchema)]
pub struct HallPlanEntry {
    pub hall: String,
    pub name: LocalizedText,
    /// False: a grid laid out from the booth list, not yet drawn by the organiser.
    pub drawn: bool,
    pub width: f64,
    pub height: f64,
    pub entrance: [f64; 2],
    pub booths: Vec<PlanBooth>,
}

fn m(dm: i32) -> f64 {
    dm as f64 / 10.0
}

/// The floor plan of every hall of a fair, in metres.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/plan", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<HallPlanEntry>), (status = 404, body = Problem)))]
pub async fn plan(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Vec<HallPlanEntry>>> {
    Ok(Json(
        s.app
            .fair_layout(&caller, fair)
            .await?
            .plans
            .iter()
            .cloned()
            .map(|h| HallPlanEntry {
                hall: h.hall.code,
                name: h.hall.name,
                drawn: h.drawn,
                width: m(h.plan.width),
                height: m(h.plan.height),
                entrance: [m(h.plan.entrance.x), m(h.plan.entrance.y)],
                booths: h
                    .plan
                    .booths
                    .into_iter()
                    .map(|b| PlanBooth {
                        booth: b.code,
                        x: m(b.rect.x),
                        y: m(b.rect.y),
                        width: m(b.rect.w),
                        height: m(b.rect.h),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct PlanSaved {
    /// Booths on the plan that the hall did not have, created vacant.
    pub booths_created: usize,
}

/// Replaces a hall's plan: `{"width": 60, "height": 40, "entrance": {"x": 30, "y": 40},
/// "booths": [{"booth": "1A01", "x": 3, "y": 3, "width": 3, "height": 3}]}` in metres. All or
/// nothing; every problem is named by booth row and field.
#[utoipa::path(put, path = "/api/v1/fairs/{id}/halls/{hall}/plan", tag = "fairs",
    params(("id" = i64, Path), ("hall" = String, Path)), request_body = Value,
    responses((status = 200, body = PlanSaved), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_plan(
    State(s): State<AppState>,
    caller: Caller,
    Path((fair, hall)): Path<(String, String)>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<PlanSaved>> {
    let fair = fair.parse::<i64>().map_err(|_| ApiError::NotFound)?;
    let parsed = sc_floorplan::parse::json(&body.to_string());
    Ok(Json(PlanSaved {
        booths_created: s.app.save_hall_plan(&caller, fair, &hall, parsed).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct BoothCodeEntry {
    pub booth_id: i64,
    pub hall: String,
    pub booth: String,
    pub organisation_id: Option<i64>,
    /// The token printed in the QR code, as `/q/{token}`.
    pub token: String,
}

/// The live QR token of every booth (issued on first request).
#[utoipa::path(get, path = "/api/v1/fairs/{id}/booth-codes", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<BoothCodeEntry>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn booth_codes(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<Vec<BoothCodeEntry>>> {
    Ok(Json(
        s.app
            .booth_codes(&caller, fair)
            .await?
            .into_iter()
            .map(|c| BoothCodeEntry {
                booth_id: c.booth_id,
                hall: c.hall_code,
                booth: c.booth_code,
                organisation_id: c.organisation_id,
                token: c.token,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Reissued {
    pub token: String,
}

/// Revokes a booth's QR token and issues a new one.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/booths/{booth}/reissue-code", tag = "fairs",
    params(("id" = i64, Path), ("booth" = i64, Path)),
    responses((status = 200, body = Reissued), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn reissue_code(
    State(s): State<AppState>,
    caller: Caller,
    Ids(fair, booth): Ids,
) -> ApiResult<Json<Reissued>> {
    Ok(Json(Reissued {
        token: s.app.reissue_booth_code(&caller, fair, booth).await?,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct FairStatsAnswer {
    pub scans: i64,
    pub scanning_visitors: i64,
    pub contact_requests: i64,
    /// Hour start (ms since the epoch) → scans.
    pub scans_by_hour: Vec<[i64; 2]>,
    /// `hall booth` → scans, busiest first.
    pub top_booths: Vec<Count>,
    pub buyers_by_location: Vec<Count>,
    pub buyers_by_language: Vec<Count>,
    /// `scan` and `online` → bookmarks.
    pub bookmarks: Vec<Count>,
    /// Day start (ms) → [bookmarks at booths, bookmarks online].
    pub bookmarks_by_day: Vec<[i64; 3]>,
}

/// The organiser's figures for a fair (hours and days in the venue's time zone).
#[utoipa::path(get, path = "/api/v1/fairs/{id}/stats", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = FairStatsAnswer), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn stats(
    State(s): State<AppState>,
    caller: Caller,
    Id(fair): Id,
) -> ApiResult<Json<FairStatsAnswer>> {
    let st = s.app.fair_stats(&caller, fair).await?;
    let mut bookmarks: Vec<Count> = st
        .bookmarks
        .iter()
        .map(|(k, v)| Count {
            key: k.to_string(),
            count: *v,
        })
        .collect();
    bookmarks.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Json(FairStatsAnswer {
        scans: st.scans,
        scanning_visitors: st.scanning_visitors,
        contact_requests: st.contact_requests,
        scans_by_hour: st.scans_by_hour.iter().map(|(h, n)| [*h, *n]).collect(),
        top_booths: st
            .top_booths
            .iter()
            .map(|b| Count {
                key: format!("{} {}", b.hall_code, b.booth_code),
                count: b.scans,
            })
            .collect(),
        buyers_by_location: st
            .buyers_by_location
            .iter()
            .map(|(l, n)| Count {
                key: l.code().to_string(),
                count: *n,
            })
            .collect(),
        buyers_by_language: st
            .buyers_by_language
            .iter()
            .map(|(l, n)| Count {
                key: l.code().to_string(),
                count: *n,
            })
            .collect(),
        bookmarks,
        bookmarks_by_day: st
            .bookmarks_by_day
            .iter()
            .map(|(d, a, b)| [*d, *a, *b])
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequestInput {
    /// What the buyer asks, 1 to 2,000 characters.
    pub message: String,
    /// Let the exhibitor see the buyer's contact details (can be withdrawn later).
    #[serde(default)]
    pub share_contact: bool,
}

/// The conversation a contact request opened or joined.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactRequested {
    pub conversation_id: i64,
}

/// "Message this exhibitor": a contact request the exhibitor sees with the lead (sending again
/// replaces it there), and the first message of the buyer's conversation with the exhibitor
/// (`/api/v1/conversations/{id}`), or the next one in it.
#[utoipa::path(post, path = "/api/v1/fairs/{id}/exhibitors/{org}/contact-request", tag = "fairs",
    params(("id" = i64, Path), ("org" = i64, Path)), request_body = ContactRequestInput,
    responses((status = 200, body = ContactRequested),
        (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "`blocked`, or `known_contacts_only`: the exhibitor takes first messages only from people who visited or bookmarked it", body = Problem),
        (status = 422, description = "an empty or too long message, or `own_organisation`", body = Problem),
        (status = 429, description = "`first_contact_limit`: too many new conversations today", body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn contact_request(
    State(s): State<AppState>,
    caller: Caller,
    Ids(fair, org): Ids,
    ApiJson(input): ApiJson<ContactRequestInput>,
) -> ApiResult<Json<ContactRequested>> {
    let conversation_id = s
        .app
        .request_contact(&caller, fair, org, &input.message, input.share_contact)
        .await?;
    Ok(Json(ContactRequested { conversation_id }))
}
