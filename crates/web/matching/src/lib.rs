//! Click2Match: the matches made for a person ("Recommended for you"), for an organisation
//! ("Buyers to meet", "Organisations to meet") and for a listing (suppliers for a request, requests for an offer), each
//! with its reasons in the reader's language; "not interested" and "more like this"; the buyer
//! profile and the organisation's wishes, whose forms are built from their schemas. The JSON
//! API under `api/`, the pages under `pages/`; both call the same `sc_app` use cases.

mod api;
mod pages;
mod views;

use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// This area's API routes with their OpenAPI operations.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::matches))
        .routes(routes!(api::feedback))
        .routes(routes!(api::buyer_profile, api::put_buyer_profile))
        .routes(routes!(api::wishes, api::put_wishes))
        .routes(routes!(api::schemas))
}

/// This area's pages.
pub fn pages() -> Routes {
    use pages::*;
    Routes::default()
        .get("/matches", mine)
        .post("/matches/feedback", feedback)
        .get("/me/buyer-profile", buyer_profile_form)
        .post("/me/buyer-profile", save_buyer_profile)
        .get("/organisations/{id}/buyers", buyers)
        .get("/organisations/{id}/partners", partners)
        .get("/organisations/{id}/wishes", wishes_form)
        .post("/organisations/{id}/wishes", save_wishes)
        .get("/listings/{id}/matches", listing_matches)
}
