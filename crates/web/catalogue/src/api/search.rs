//! Full-text search across organisations and listings, in any of the three languages.

use sc_domain::ErrorCode;
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use sc_app::{Filters, SearchRequest, SearchResults};
use sc_domain::Language;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::ApiQuery;

/// Longest query accepted, in characters.

#[derive(Deserialize, IntoParams, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for, in zh-Hant, zh-Hans or English (at most 1,000 characters).
    #[serde(default)]
    pub q: String,
    /// `listing` or `organisation`.
    pub entity: Option<String>,
    pub market: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    /// Target region (listings) or market served (organisations), e.g. `HK`.
    pub region: Option<String>,
    /// Where the organisation (or the listing's owner) is based, e.g. `CN-GD-SZ`.
    pub location: Option<String>,
    pub fair: Option<i64>,
    /// HS code or prefix, e.g. `85` or `850440`.
    pub hs: Option<String>,
    /// Language of titles in the answer; default: the caller's.
    pub lang: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// Count facet values (default true); `false` answers faster.
    pub facets: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub id: i64,
    /// `listing` or `organisation`.
    pub kind: String,
    /// In the requested language, or the closest one present.
    pub title: String,
    pub title_lang: Language,
    /// HTML: matches in `<mark>`, everything else escaped; in the query's script.
    pub snippet: String,
    pub url: String,
    /// Where to find the exhibitor (the organisation, or the listing's owner): its booths at
    /// the fair asked for with `fair`, else at the fairs not yet over, soonest first.
    pub booths: Vec<HitBooth>,
}

/// A booth of the exhibitor behind a result.
#[derive(Serialize, ToSchema)]
pub struct HitBooth {
    pub fair_id: i64,
    /// The fair's name in the answer's language (or the closest one present).
    pub fair: String,
    /// First and last day of the fair at the venue, `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub hall_code: String,
    pub hall: String,
    pub booth: String,
    /// The fair's floor plan with the way to this booth.
    pub plan_url: String,
}

impl HitBooth {
    pub fn new(s: sc_app::Stand, lang: Language) -> Self {
        HitBooth {
            plan_url: plan_url(s.fair_id, &s.hall_code, &s.booth_code),
            fair_id: s.fair_id,
            fair: s.fair_name.best(lang).to_string(),
            starts_on: s.starts_on,
            ends_on: s.ends_on,
            hall: s.hall_name.best(lang).to_string(),
            hall_code: s.hall_code,
            booth: s.booth_code,
        }
    }
}

/// The floor plan of `fair` at `hall`, with the way to `booth`.
pub fn plan_url(fair: i64, hall: &str, booth: &str) -> String {
    use sc_web_ui::context::encode;
    format!(
        "/fairs/{fair}/plan?hall={}&to={}",
        encode(hall),
        encode(booth)
    )
}

#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct SearchAnswer {
    pub total: usize,
    pub page: u32,
    pub per_page: u32,
    /// Counts by `entity`, `market`, `kind`, `sector`, `region`, `location`, `fair`, `hs`.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    pub results: Vec<SearchHit>,
}

/// The language to answer in: `lang`, else the account's, else the browser's, else zh-Hant.
fn answer_language(
    lang: Option<&str>,
    caller: &Caller,
    headers: &HeaderMap,
) -> Result<Language, ApiError> {
    match lang.filter(|l| !l.is_empty()) {
        Some(l) => Language::from_tag(l).ok_or_else(|| ApiError::BadRequest {
            code: ErrorCode::BadQuery,
            detail: "lang: use zh-Hant, zh-Hans or en".into(),
        }),
        None => Ok(caller
            .account
            .as_ref()
            .map(|a| a.preferred_language)
            .or_else(|| {
                headers
                    .get(axum::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Language::from_accept_language)
            })
            .unwrap_or(Language::ZhHant)),
    }
}

pub fn url_of(kind: &str, id: i64) -> String {
    match kind {
        "organisation" => format!("/organisations/{id}"),
        _ => format!("/listings/{id}"),
    }
}

/// Runs a search for the API and the UI alike.
pub async fn run(
    s: &AppState,
    caller: &Caller,
    q: &SearchQuery,
    lang: Language,
) -> Result<(SearchResults, u32, u32), ApiError> {
    let page = q.page.unwrap_or(1).clamp(1, 1_000);
    let per_page = q.per_page.unwrap_or(20).clamp(1, 100);
    let req = SearchRequest {
        q: q.q.clone(),
        filters: Filters {
            entity: q.entity.clone().filter(|v| !v.is_empty()),
            market: q.market.clone().filter(|v| !v.is_empty()),
            kind: q.kind.clone().filter(|v| !v.is_empty()),
            sector: q.sector.clone().filter(|v| !v.is_empty()),
            region: q.region.clone().filter(|v| !v.is_empty()),
            location: q.location.clone().filter(|v| !v.is_empty()),
            fair: q.fair,
            hs: q.hs.clone().filter(|v| !v.is_empty()),
        },
        lang,
        offset: ((page - 1) * per_page) as usize,
        limit: per_page as usize,
        facets: q.facets.unwrap_or(true),
    };
    let results = s.app.search(caller, req).await?;
    Ok((results, page, per_page))
}

/// The booths of the exhibitors behind `results` (see [`SearchHit::booths`]).
pub async fn booths(
    s: &AppState,
    caller: &Caller,
    q: &SearchQuery,
    results: &SearchResults,
    lang: Language,
) -> Result<Vec<Vec<HitBooth>>, ApiError> {
    Ok(s.app
        .stands_for(caller, &results.hits, q.fair)
        .await?
        .into_iter()
        .map(|v| v.into_iter().map(|st| HitBooth::new(st, lang)).collect())
        .collect())
}

/// Searches organisations and listings. A Simplified query finds Traditional text and the
/// reverse; English finds English fields; short queries match word prefixes.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchAnswer), (status = 400, body = Problem)))]
pub async fn search(
    State(s): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<SearchAnswer>> {
    let lang = answer_language(q.lang.as_deref(), &caller, &headers)?;
    let (r, page, per_page) = run(&s, &caller, &q, lang).await?;
    let mut stands = booths(&s, &caller, &q, &r, lang).await?.into_iter();
    Ok(Json(SearchAnswer {
        total: r.total,
        page,
        per_page,
        facets: r
            .facets
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    v.into_iter()
                        .map(|(value, count)| FacetCount { value, count })
                        .collect(),
                )
            })
            .collect(),
        results: r
            .hits
            .into_iter()
            .map(|h| SearchHit {
                url: url_of(&h.entity, h.id),
                id: h.id,
                kind: h.entity,
                title: h.title,
                title_lang: h.title_lang,
                snippet: h.snippet,
                booths: stands.next().unwrap_or_default(),
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub url: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// What has been typed so far.
    #[serde(default)]
    q: String,
    lang: Option<String>,
}

/// Type-ahead: up to eight names matching what has been typed so far.
#[utoipa::path(get, path = "/api/v1/search/suggest", tag = "search", params(SuggestQuery),
    responses((status = 200, body = Vec<Suggestion>), (status = 400, body = Problem)))]
pub async fn suggest(
    State(s): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<SuggestQuery>,
) -> ApiResult<Json<Vec<Suggestion>>> {
    let lang = answer_language(q.lang.as_deref(), &caller, &headers)?;
    let query = SearchQuery {
        q: q.q,
        per_page: Some(8),
        facets: Some(false),
        ..Default::default()
    };
    let (r, _, _) = run(&s, &caller, &query, lang).await?;
    Ok(Json(
        r.hits
            .into_iter()
            .map(|h| Suggestion {
                url: url_of(&h.entity, h.id),
                id: h.id,
                kind: h.entity,
                title: h.title,
            })
            .collect(),
    ))
}
