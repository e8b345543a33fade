//! The server-rendered UI: phone-first HTML in three languages, no JavaScript. Every form post
//! carries a CSRF token matched against a SameSite=Strict cookie.

mod account;
mod context;
mod edit;
mod form;
mod i18n;
mod members;
mod pages;
mod present;
mod search;
mod views;

use axum::Router;
use axum::http::header;
use axum::routing::{get, post};

use crate::AppState;

const CSS: &str = include_str!("../../static/app.css");
const SUGGEST_JS: &str = include_str!("../../static/suggest.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/fairs", get(pages::fairs))
        .route("/fairs/{id}", get(pages::fair))
        .route("/organisations", get(pages::organisations))
        .route(
            "/organisations/new",
            get(edit::new_organisation_form).post(edit::create_organisation),
        )
        .route("/organisations/{id}", get(pages::organisation))
        .route(
            "/organisations/{id}/edit",
            get(edit::edit_organisation_form).post(edit::update_organisation),
        )
        .route(
            "/organisations/{id}/delete",
            post(edit::delete_organisation),
        )
        .route("/organisations/{id}/members", post(members::add))
        .route(
            "/organisations/{org}/members/{user}/role",
            post(members::change_role),
        )
        .route(
            "/organisations/{org}/members/{user}/remove",
            post(members::remove),
        )
        .route("/listings", get(pages::listings))
        .route(
            "/listings/new",
            get(edit::new_listing_form).post(edit::create_listing),
        )
        .route("/listings/{id}", get(pages::listing))
        .route(
            "/listings/{id}/edit",
            get(edit::edit_listing_form).post(edit::update_listing),
        )
        .route("/listings/{id}/delete", post(edit::delete_listing))
        .route("/signup", get(account::signup_form).post(account::signup))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route("/lang/{code}", get(account::switch_language))
        .route("/me", get(account::account).post(account::save_account))
        .route(
            "/static/app.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    CSS,
                )
            }),
        )
        .route(
            "/static/suggest.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    SUGGEST_JS,
                )
            }),
        )
        .route("/search", get(search::page))
        .fallback(not_found)
}

async fn not_found(ctx: context::Ctx) -> axum::response::Response {
    ctx.error(context::UiError::Api(crate::error::ApiError::NotFound))
}
