//! One-to-one meetings at fairs: a fair's sessions and slots, each person's availability
//! (booth duty included) and cap, requests answered by accept, decline, propose another time
//! or cancel, attendance (check-in, no-show), the organiser's scheduler (draft, review,
//! publish) and each person's iCalendar. The JSON API under `api/`, the pages under `pages/`;
//! both call the same `sc_app` use cases.

mod api;
mod pages;
mod views;

use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// This area's API routes with their OpenAPI operations.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::sessions, api::add_session))
        .routes(routes!(api::availability, api::put_availability))
        .routes(routes!(api::request))
        .routes(routes!(api::mine))
        .routes(routes!(api::get_request))
        .routes(routes!(api::answer))
        .routes(routes!(api::check_in))
        .routes(routes!(api::no_show))
        .routes(routes!(api::fair_meetings))
        .routes(routes!(api::schedule))
        .routes(routes!(api::publish))
        .routes(routes!(api::calendar))
        .routes(routes!(api::my_badge, api::reissue_badge))
        .routes(routes!(api::scan_badge))
        .routes(routes!(api::calendar_feed, api::reissue_calendar_feed))
}

/// This area's pages.
pub fn pages() -> Routes {
    use pages::*;
    Routes::default()
        .get("/meetings", all)
        .get("/fairs/{id}/meetings", at_fair)
        .post("/fairs/{id}/meetings/availability", save_availability)
        .get("/fairs/{id}/meetings/new", new_request)
        .post("/fairs/{id}/meetings/requests", create_request)
        .post("/meeting-requests/{id}", answer)
        .post("/meeting-requests/{id}/attendance", attendance)
        .get("/fairs/{id}/meetings/organise", organise)
        .post("/fairs/{id}/meetings/sessions", add_session)
        .post("/fairs/{id}/meetings/schedule", schedule)
        .post("/fairs/{id}/meetings/publish", publish)
        .post("/fairs/{id}/meetings/badge", reissue_badge)
        .get("/m/{token}", badge)
        .post("/m/{token}", badge_post)
        .post("/meetings/calendar-feed", reissue_calendar_feed)
        .get("/calendar/{file}", crate::api::calendar_by_feed)
}
