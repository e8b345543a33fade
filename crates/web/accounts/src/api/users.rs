//! Platform administration of accounts.

use axum::Json;
use axum::extract::State;
use sc_domain::person::{Account, PlatformRole};
use serde::Deserialize;
use utoipa::ToSchema;

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiResult, Problem};
use sc_web_http::extract::{ApiJson, ApiQuery, Id};
use sc_web_http::paging::{Page, Paging};

/// Every account (platform administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "auth", params(Paging),
    responses((status = 200, body = Page<Account>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn list_users(
    State(s): State<AppState>,
    caller: Caller,
    ApiQuery(p): ApiQuery<Paging>,
) -> ApiResult<Json<Page<Account>>> {
    let req = p.request();
    Ok(Json(Page::from(s.app.accounts(&caller, req).await?, req)))
}

#[derive(Deserialize, ToSchema)]
pub struct RoleChange {
    role: PlatformRole,
}

/// Makes an account an administrator, an organiser or a plain user (administrators only).
#[utoipa::path(put, path = "/api/v1/users/{id}/role", tag = "auth", request_body = RoleChange, params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn set_role(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(r): ApiJson<RoleChange>,
) -> ApiResult<Json<Account>> {
    Ok(Json(s.app.set_platform_role(&caller, id, r.role).await?))
}
