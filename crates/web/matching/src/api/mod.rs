//! Click2Match in JSON: the matches for a subject with reasons in the reader's language,
//! feedback on them, the buyer profile, an organisation's wishes, and the schemas their forms
//! are built from.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use sc_app::{Feedback, MAX_MATCHES, MatchFor, MatchTarget};
use sc_domain::profile::ProfileKind;
use sc_domain::{ErrorCode, Language};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id};
use sc_web_ui::Words;
use sc_web_ui::context::pick_language;
use sc_web_ui::matches::reason_text;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// Whom for: `me` (exhibitors and suppliers for the caller as a buyer),
    /// `organisation:ID` (buyers to meet, for its members), `partners:ID` (organisations to
    /// meet: suppliers, service firms and partners for what it needs, for its members),
    /// `listing:ID` (offers for a request, requests for an offer).
    #[serde(rename = "for")]
    #[param(rename = "for", example = "me")]
    pub subject: String,
    /// With `for=me`: only exhibitors of this fair.
    pub fair: Option<i64>,
    /// With `for=me`: `trade` (default: exhibitors and suppliers), or `services`, `talent`,
    /// `capital` (offers for the caller's own requests in that market).
    pub market: Option<String>,
    /// How many, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
    /// Language of names and reasons (`zh-Hant`, `zh-Hans`, `en`); default: the caller's.
    pub lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MatchReason {
    /// What raised the match: `words`, `code`, `shared`, `fits`, `similar`, `popular`,
    /// `interested_in_you`, `responsive`.
    pub signal: &'static str,
    /// Whose wish it speaks for: `you` (the subject's) or `them` (the other side's).
    pub wish: &'static str,
    /// The reason as a sentence in the answer's language.
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct MatchItem {
    /// `organisation`, `person` or `listing`.
    pub kind: &'static str,
    pub id: i64,
    /// Name or title in the answer's language (or the closest one present).
    pub name: String,
    /// The page to open (none for a person: they are met through their leads and meetings).
    pub url: Option<String>,
    /// The chance that both sides want the match, 0 to 1.
    #[schema(minimum = 0, maximum = 1)]
    pub score: f64,
    pub reasons: Vec<MatchReason>,
}

#[derive(Serialize, ToSchema)]
pub struct MatchList {
    #[serde(rename = "for")]
    pub subject: String,
    pub lang: Language,
    pub items: Vec<MatchItem>,
}

fn subject(s: &str) -> Result<MatchFor, ApiError> {
    MatchFor::parse(s).ok_or_else(|| ApiError::BadRequest {
        code: ErrorCode::BadQuery,
        detail: "for: use me, organisation:ID, partners:ID or listing:ID".into(),
    })
}

fn signal_code(s: &sc_app::Signal) -> &'static str {
    use sc_app::Signal::*;
    match s {
        Words { .. } => "words",
        Code { .. } => "code",
        Shared { .. } => "shared",
        Fits { .. } => "fits",
        Similar { .. } => "similar",
        Popular { .. } => "popular",
        InterestedInYou => "interested_in_you",
        Responsive => "responsive",
    }
}

/// The matches for a subject, best first, each with its strongest reasons. Both sides must
/// fit: the score is the chance that each wants the other. "Not interested" answers are never
/// shown again; a person's and an organisation's avoided locations are never crossed.
#[utoipa::path(get, path = "/api/v1/matches", tag = "matching", params(MatchQuery),
    responses((status = 200, body = MatchList), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)),
    security((), ("bearer" = []), ("session_cookie" = [])))]
pub async fn matches(
    State(s): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<MatchQuery>,
) -> ApiResult<Json<MatchList>> {
    let of = subject(&q.subject)?;
    let limit = q.limit.unwrap_or(10);
    if !(1..=MAX_MATCHES as u32).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            ErrorCode::OutOfRange,
            "from 1 to 50",
        ));
    }
    let lang = match q.lang.as_deref() {
        Some(l) => Language::from_tag(l).ok_or_else(|| {
            ApiError::field("lang", ErrorCode::NotAnOption, "zh-Hant, zh-Hans or en")
        })?,
        None => pick_language(&headers, &caller),
    };
    let t = Words::new(lang);
    let market = match q.market.as_deref() {
        None => None,
        Some(m) => Some(sc_domain::market::Market::parse(m).ok_or_else(|| {
            ApiError::field(
                "market",
                ErrorCode::NotAnOption,
                "trade, services, talent or capital",
            )
        })?),
    };
    let recs = match (of, market) {
        (MatchFor::Me, Some(m)) if q.fair.is_none() => {
            s.app.matches_in_market(&caller, m, limit as usize).await?
        }
        (_, Some(_)) => {
            return Err(ApiError::field(
                "market",
                ErrorCode::NotAnOption,
                "market goes with for=me and no fair (a listing's market is its own)",
            ));
        }
        (_, None) => s.app.matches(&caller, of, q.fair, limit as usize).await?,
    };
    let items = recs
        .iter()
        .map(|r| {
            let (kind, id, name, url) = match &r.target {
                MatchTarget::Organisation { id, name, .. } => (
                    "organisation",
                    *id,
                    name.best(lang).to_string(),
                    Some(format!("/organisations/{id}")),
                ),
                MatchTarget::Person {
                    id, display_name, ..
                } => ("person", *id, display_name.clone(), None),
                MatchTarget::Listing { id, title, .. } => (
                    "listing",
                    *id,
                    title.best(lang).to_string(),
                    Some(format!("/listings/{id}")),
                ),
            };
            MatchItem {
                kind,
                id,
                name,
                url,
                score: r.score.clamp(0.0, 1.0),
                reasons: r
                    .reasons
                    .iter()
                    .map(|reason| MatchReason {
                        signal: signal_code(&reason.signal),
                        wish: if reason.wanting == r.viewer {
                            "you"
                        } else {
                            "them"
                        },
                        text: reason_text(reason, reason.wanting == r.viewer, t),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Json(MatchList {
        subject: q.subject,
        lang,
        items,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct FeedbackInput {
    /// The subject the match was made for: `me`, `organisation:ID`, `partners:ID` or
    /// `listing:ID`.
    #[serde(rename = "for")]
    pub subject: String,
    /// The match: an organisation (for `me` and `partners:ID`), a person (for an
    /// organisation), a listing (for a listing).
    pub target: i64,
    /// `not_interested` (never shown again, and fewer like it), `more_like_this`, or `dismiss`
    /// (hidden for 30 days, nothing held against it).
    #[schema(example = "not_interested")]
    pub feedback: String,
}

/// Tells the engine what the subject thinks of a match. Stored before the answer; the next
/// request for matches reflects it.
#[utoipa::path(post, path = "/api/v1/matches/feedback", tag = "matching", request_body = FeedbackInput,
    responses((status = 204), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn feedback(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<FeedbackInput>,
) -> ApiResult<StatusCode> {
    let of = subject(&input.subject)?;
    let feedback = Feedback::parse(&input.feedback).ok_or_else(|| {
        ApiError::field(
            "feedback",
            ErrorCode::NotAnOption,
            "not_interested, more_like_this or dismiss",
        )
    })?;
    s.app
        .tell_matching(&caller, of, input.target, feedback)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ProfileBody {
    /// Attribute → value, as the schema at `/api/v1/profiles` describes; all optional.
    #[schema(value_type = Object)]
    pub attributes: Map<String, Value>,
    /// When it was last saved (milliseconds since the epoch); absent when never saved.
    #[serde(default, skip_deserializing)]
    pub updated_at: Option<i64>,
}

/// The caller's buyer profile (what they source, how much, for where; whether exhibitors
/// may find them).
#[utoipa::path(get, path = "/api/v1/me/buyer-profile", tag = "matching",
    responses((status = 200, body = ProfileBody), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn buyer_profile(
    State(s): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ProfileBody>> {
    let (attributes, updated_at) = s.app.profile(&caller, ProfileKind::Buyer, None).await?;
    Ok(Json(ProfileBody {
        attributes,
        updated_at,
    }))
}

/// Replaces the caller's buyer profile; every field at fault is named.
#[utoipa::path(put, path = "/api/v1/me/buyer-profile", tag = "matching", request_body = ProfileBody,
    responses((status = 200, body = ProfileBody), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_buyer_profile(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult<Json<ProfileBody>> {
    let attributes = s
        .app
        .save_profile(&caller, ProfileKind::Buyer, None, body.attributes)
        .await?;
    let (_, updated_at) = s.app.profile(&caller, ProfileKind::Buyer, None).await?;
    Ok(Json(ProfileBody {
        attributes,
        updated_at,
    }))
}

/// An organisation's wishes: the buyers it wants to meet (for its members).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/wishes", tag = "matching", params(("id" = i64, Path)),
    responses((status = 200, body = ProfileBody), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn wishes(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<ProfileBody>> {
    let (attributes, updated_at) = s
        .app
        .profile(&caller, ProfileKind::Wishes, Some(id))
        .await?;
    Ok(Json(ProfileBody {
        attributes,
        updated_at,
    }))
}

/// Replaces an organisation's wishes (its members); every field at fault is named.
#[utoipa::path(put, path = "/api/v1/organisations/{id}/wishes", tag = "matching", params(("id" = i64, Path)), request_body = ProfileBody,
    responses((status = 200, body = ProfileBody), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_wishes(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult<Json<ProfileBody>> {
    let attributes = s
        .app
        .save_profile(&caller, ProfileKind::Wishes, Some(id), body.attributes)
        .await?;
    let (_, updated_at) = s
        .app
        .profile(&caller, ProfileKind::Wishes, Some(id))
        .await?;
    Ok(Json(ProfileBody {
        attributes,
        updated_at,
    }))
}

/// The schemas of the buyer profile and of an organisation's wishes, with labels in three
/// languages: what a client needs to build their forms.
#[utoipa::path(get, path = "/api/v1/profiles", tag = "matching", responses((status = 200, body = Object)))]
pub async fn schemas() -> Json<Value> {
    let profiles: Vec<Value> = ProfileKind::ALL
        .into_iter()
        .map(|k| json!({"profile": k.code(), "attributes": sc_web_ui::attrs::schema_json(k.schema())}))
        .collect();
    Json(json!({ "profiles": profiles }))
}
