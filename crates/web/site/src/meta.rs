//! The health check.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use sc_web_http::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    status: &'static str,
}

/// Answers `{"status":"ok"}` only when the database answers.
#[utoipa::path(get, path = "/healthz", tag = "meta",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(State(s): State<AppState>) -> (StatusCode, Json<Health>) {
    match s.app.healthy().await {
        Ok(()) => (StatusCode::OK, Json(Health { status: "ok" })),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "unavailable",
                }),
            )
        }
    }
}
