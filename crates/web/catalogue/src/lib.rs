//! The catalogue: what organisations and people offer or need in the four markets (listings
//! with their market attributes and photos), and finding it (search, type-ahead, the text
//! analyser). The JSON API under `api/`, the pages under `pages/` with their templates in
//! `templates/`; both call the same `sc_app` use cases.

mod api;
mod pages;
mod views;

use axum::http::Method;
use axum::routing::post;
use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// This area's API routes with their OpenAPI operations.
pub fn api() -> OpenApiRouter<AppState> {
    use api::{listings, markets, search, text};
    OpenApiRouter::new()
        .routes(routes!(markets::markets))
        .routes(routes!(text::analyze))
        .routes(routes!(search::search))
        .routes(routes!(search::suggest))
        .routes(routes!(listings::list, listings::create))
        .routes(routes!(listings::get, listings::update, listings::delete))
}

/// This area's pages.
pub fn pages() -> Routes {
    use pages::{listing_edit as edit, listings, photos, search};
    Routes::default()
        .get("/listings", listings::listings)
        .get("/listings/new", edit::new_listing_form)
        .post("/listings/new", edit::create_listing)
        .get("/listings/{id}", listings::listing)
        .get("/listings/{id}/edit", edit::edit_listing_form)
        .post("/listings/{id}/edit", edit::update_listing)
        .post("/listings/{id}/delete", edit::delete_listing)
        .post("/images/{id}/delete", photos::delete)
        .get("/images/{id}/{digest}", photos::serve)
        .get("/images/{id}/{digest}/thumb", photos::serve)
        .get("/search", search::page)
}

/// Photo uploads, each with its own body limit (the site keeps them outside the general one).
pub fn upload_pages() -> Routes {
    use pages::photos;
    let photo_limit = axum::extract::DefaultBodyLimit::max(sc_media::MAX_BYTES + 64 * 1024);
    Routes::default()
        .add(
            Method::POST,
            "/listings/{id}/photos",
            post(photos::upload_for_listing).layer(photo_limit),
        )
        .add(
            Method::POST,
            "/organisations/{id}/photos",
            post(photos::upload_for_organisation).layer(photo_limit),
        )
}
