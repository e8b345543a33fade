//! Organisations and their members.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sc_app::OrganisationFilter;
use sc_domain::Location;
use sc_domain::organisation::{OrgKind, Organisation, OrganisationInput};
use sc_domain::person::{Membership, OrgRole};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id, Ids};
use sc_web_http::paging::{Page, Paging};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationQuery {
    kind: Option<OrgKind>,
    /// Sector code, e.g. `electronics`.
    sector: Option<String>,
    /// Location code, e.g. `HK` or `CN-GD-SZ`.
    #[param(value_type = Option<String>)]
    location: Option<Location>,
    /// Only organisations serving this market (a location code, e.g. `JP`).
    #[param(value_type = Option<String>)]
    serves: Option<Location>,
    verified: Option<bool>,
    /// Only exhibitors of this fair.
    fair: Option<i64>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// Lists organisations, filtered and paged.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(OrganisationQuery),
    responses((status = 200, body = Page<Organisation>), (status = 400, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<OrganisationQuery>,
) -> ApiResult<Json<Page<Organisation>>> {
    let f = OrganisationFilter {
        kind: q.kind,
        sector: q.sector,
        location: q.location,
        serves: q.serves,
        verified: q.verified,
        member: None,
        fair: q.fair,
    };
    let req = Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .request();
    Ok(Json(Page::from(
        s.app.organisations(&caller, &f, req).await?,
        req,
    )))
}

/// Creates an organisation; the caller becomes its administrator.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = OrganisationInput,
    responses((status = 201, body = Organisation), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn create(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> ApiResult<(StatusCode, Json<Organisation>)> {
    let org = s.app.create_organisation(&caller, input).await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// One organisation's public profile.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations", params(("id" = i64, Path)),
    responses((status = 200, body = Organisation), (status = 404, body = Problem)))]
pub async fn get(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<Organisation>> {
    Ok(Json(s.app.organisation(&caller, id).await?))
}

/// Replaces an organisation's profile (its administrators, or a platform administrator).
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "organisations", params(("id" = i64, Path)), request_body = OrganisationInput,
    responses((status = 200, body = Organisation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn update(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> ApiResult<Json<Organisation>> {
    Ok(Json(s.app.update_organisation(&caller, id, input).await?))
}

/// Deletes an organisation with its memberships and listings.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}", tag = "organisations", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    s.app.delete_organisation(&caller, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct Verification {
    verified: bool,
}

/// Marks an organisation as checked (organisers and platform administrators).
#[utoipa::path(put, path = "/api/v1/organisations/{id}/verified", tag = "organisations", params(("id" = i64, Path)), request_body = Verification,
    responses((status = 200, body = Organisation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn set_verified(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(v): ApiJson<Verification>,
) -> ApiResult<Json<Organisation>> {
    Ok(Json(
        s.app
            .set_organisation_verified(&caller, id, v.verified)
            .await?,
    ))
}

/// Members of an organisation (visible to its members and platform administrators).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/members", tag = "organisations", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Membership>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn members(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<Vec<Membership>>> {
    Ok(Json(s.app.members(&caller, id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewMember {
    /// E-mail address of an existing account.
    email: String,
    role: OrgRole,
}

/// Adds an existing account to the organisation (its administrators only).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/members", tag = "organisations", params(("id" = i64, Path)), request_body = NewMember,
    responses((status = 201, body = Vec<Membership>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn add_member(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(m): ApiJson<NewMember>,
) -> ApiResult<(StatusCode, Json<Vec<Membership>>)> {
    s.app.add_member(&caller, id, &m.email, m.role).await?;
    Ok((StatusCode::CREATED, Json(s.app.members(&caller, id).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct MemberRole {
    role: OrgRole,
}

/// Changes a member's role; an organisation always keeps one administrator.
#[utoipa::path(put, path = "/api/v1/organisations/{id}/members/{user_id}", tag = "organisations",
    params(("id" = i64, Path), ("user_id" = i64, Path)), request_body = MemberRole,
    responses((status = 200, body = Vec<Membership>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn change_member(
    State(s): State<AppState>,
    caller: Caller,
    Ids(id, user): Ids,
    ApiJson(r): ApiJson<MemberRole>,
) -> ApiResult<Json<Vec<Membership>>> {
    s.app.change_member_role(&caller, id, user, r.role).await?;
    Ok(Json(s.app.members(&caller, id).await?))
}

/// Removes a member (an administrator, or members leaving themselves).
#[utoipa::path(delete, path = "/api/v1/organisations/{id}/members/{user_id}", tag = "organisations",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn remove_member(
    State(s): State<AppState>,
    caller: Caller,
    Ids(id, user): Ids,
) -> ApiResult<StatusCode> {
    s.app.remove_member(&caller, id, user).await?;
    Ok(StatusCode::NO_CONTENT)
}
