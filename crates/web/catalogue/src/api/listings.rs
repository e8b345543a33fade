//! Listings of the four markets.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sc_app::ListingFilter;
use sc_domain::ErrorCode;
use sc_domain::Location;
use sc_domain::listing::{Listing, ListingInput, ListingStatus, Owner};
use sc_domain::market::{ListingKind, Market};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id};
use sc_web_http::paging::{Page, Paging};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    market: Option<Market>,
    kind: Option<ListingKind>,
    /// Listings of this organisation.
    organisation: Option<i64>,
    /// Listings of this person.
    person: Option<i64>,
    /// Classification code or prefix (HS `85` finds `850440`).
    code: Option<String>,
    /// Target region code, e.g. `HK`.
    #[param(value_type = Option<String>)]
    region: Option<Location>,
    /// Only listings of this fair's exhibitors.
    fair: Option<i64>,
    /// `draft` or `archived` need `organisation` or `person` and the right to see them; default `published`.
    status: Option<ListingStatus>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// Lists listings, newest first, filtered and paged.
#[utoipa::path(get, path = "/api/v1/listings", tag = "listings", params(ListingQuery),
    responses((status = 200, body = Page<Listing>), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ListingQuery>,
) -> ApiResult<Json<Page<Listing>>> {
    let owner = match (q.organisation, q.person) {
        (Some(o), None) => Some(Owner::Organisation(o)),
        (None, Some(p)) => Some(Owner::Person(p)),
        (None, None) => None,
        (Some(_), Some(_)) => {
            return Err(ApiError::BadRequest {
                code: ErrorCode::BadQuery,
                detail: "give organisation or person, not both".into(),
            });
        }
    };
    let status = q.status.unwrap_or(ListingStatus::Published);
    let f = ListingFilter {
        market: q.market,
        kind: q.kind,
        owner,
        statuses: vec![status],
        code_prefix: q.code,
        target_region: q.region,
        fair: q.fair,
    };
    let req = Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .request();
    Ok(Json(Page::from(
        s.app.listings(&caller, &f, req).await?,
        req,
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct NewListing {
    /// The organisation offering or seeking; omit to list as yourself.
    organisation_id: Option<i64>,
    #[serde(flatten)]
    listing: ListingInput,
}

/// Creates a listing for an organisation the caller belongs to, or for the caller.
#[utoipa::path(post, path = "/api/v1/listings", tag = "listings", request_body = NewListing,
    responses((status = 201, body = Listing), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn create(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(n): ApiJson<NewListing>,
) -> ApiResult<(StatusCode, Json<Listing>)> {
    Ok((
        StatusCode::CREATED,
        Json(
            s.app
                .create_listing(&caller, n.organisation_id, n.listing)
                .await?,
        ),
    ))
}

/// One listing. Drafts and archived listings are visible to their owners only.
#[utoipa::path(get, path = "/api/v1/listings/{id}", tag = "listings", params(("id" = i64, Path)),
    responses((status = 200, body = Listing), (status = 404, body = Problem)))]
pub async fn get(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<Listing>> {
    Ok(Json(s.app.listing(&caller, id).await?))
}

/// Replaces a listing's content.
#[utoipa::path(put, path = "/api/v1/listings/{id}", tag = "listings", params(("id" = i64, Path)), request_body = ListingInput,
    responses((status = 200, body = Listing), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn update(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<ListingInput>,
) -> ApiResult<Json<Listing>> {
    Ok(Json(s.app.update_listing(&caller, id, input).await?))
}

/// Deletes a listing.
#[utoipa::path(delete, path = "/api/v1/listings/{id}", tag = "listings", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    s.app.delete_listing(&caller, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}
