//! Fairs, halls and booths (first cut; the EXHIBITION+ work adds floor plans and scanning).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sc_domain::LocalizedText;
use sc_domain::fair::{Booth, Fair, FairInput, Hall};
use serde::Serialize;
use utoipa::ToSchema;

use sc_web_http::AppState;
use sc_web_http::caller::Caller;
use sc_web_http::error::{ApiResult, Problem};
use sc_web_http::extract::{ApiJson, Id};

/// Every fair, latest first.
#[utoipa::path(get, path = "/api/v1/fairs", tag = "fairs", responses((status = 200, body = Vec<Fair>)))]
pub async fn list(State(s): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Fair>>> {
    Ok(Json(s.app.fairs(&caller).await?))
}

/// Creates a fair (organisers and platform administrators).
#[utoipa::path(post, path = "/api/v1/fairs", tag = "fairs", request_body = FairInput,
    responses((status = 201, body = Fair), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn create(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<FairInput>,
) -> ApiResult<(StatusCode, Json<Fair>)> {
    Ok((
        StatusCode::CREATED,
        Json(s.app.create_fair(&caller, input).await?),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct FairDetail {
    #[serde(flatten)]
    fair: Fair,
    halls: Vec<Hall>,
}

/// One fair with its halls.
#[utoipa::path(get, path = "/api/v1/fairs/{id}", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = FairDetail), (status = 404, body = Problem)))]
pub async fn get(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<FairDetail>> {
    let fair = s.app.fair(&caller, id).await?;
    let halls = s.app.halls(&caller, id).await?;
    Ok(Json(FairDetail { fair, halls }))
}

#[derive(Serialize, ToSchema)]
pub struct BoothEntry {
    #[serde(flatten)]
    booth: Booth,
    hall_code: String,
    organisation_name: Option<LocalizedText>,
}

/// The booths of a fair with their exhibitors, by hall and booth number.
#[utoipa::path(get, path = "/api/v1/fairs/{id}/booths", tag = "fairs", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<BoothEntry>), (status = 404, body = Problem)))]
pub async fn booths(
    State(s): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> ApiResult<Json<Vec<BoothEntry>>> {
    let b = s.app.booths(&caller, Some(id), None).await?;
    Ok(Json(
        b.into_iter()
            .map(|v| BoothEntry {
                booth: v.booth,
                hall_code: v.hall_code,
                organisation_name: v.organisation_name,
            })
            .collect(),
    ))
}
