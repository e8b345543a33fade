//! The server-rendered UI: phone-first HTML in three languages, no JavaScript. Every form post
//! carries a CSRF token matched against a SameSite=Strict cookie.

mod account;
mod context;
mod edit;
mod exhibition;
pub(crate) use exhibition::import::{MAX_UPLOAD_BYTES, PendingImports};
mod form;
mod i18n;
mod i18n_fair;
mod members;
mod pages;
pub(crate) mod photos;
mod present;
mod search;
mod views;

use axum::Router;
use axum::http::header;
use axum::routing::{get, post};

use crate::AppState;

const CSS: &str = include_str!("../../static/app.css");
const SUGGEST_JS: &str = include_str!("../../static/suggest.js");
const PLAN_JS: &str = include_str!("../../static/plan.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/fairs", get(pages::fairs))
        .route(
            "/fairs/new",
            get(exhibition::new_fair::form).post(exhibition::new_fair::create),
        )
        .route("/fairs/{id}", get(pages::fair))
        .route("/q/{token}", get(exhibition::exhibitor::scan))
        .route(
            "/fairs/{id}/exhibitors/{org}",
            get(exhibition::exhibitor::exhibitor),
        )
        .route(
            "/fairs/{id}/exhibitors/{org}/bookmark",
            post(exhibition::exhibitor::bookmark),
        )
        .route(
            "/fairs/{id}/exhibitors/{org}/contact",
            post(exhibition::exhibitor::contact),
        )
        .route(
            "/fairs/{id}/exhibitors/{org}/sharing",
            post(exhibition::exhibitor::sharing),
        )
        .route("/fairs/{id}/plan", get(exhibition::plan::page))
        .route("/fairs/{id}/my", get(exhibition::myfair::page))
        .route(
            "/fairs/{id}/my/bookmarks.csv",
            get(exhibition::myfair::export_csv),
        )
        .route(
            "/fairs/{id}/my/bookmarks.vcf",
            get(exhibition::myfair::export_vcard),
        )
        .route("/fairs/{id}/my/{org}", post(exhibition::myfair::update))
        .route("/fairs/{id}/leads/{org}", get(exhibition::leads::page))
        .route(
            "/fairs/{id}/leads/{org}/leads.csv",
            get(exhibition::leads::export_csv),
        )
        .route(
            "/fairs/{id}/leads/{org}/leads.vcf",
            get(exhibition::leads::export_vcard),
        )
        .route(
            "/fairs/{id}/leads/{org}/{user}",
            post(exhibition::leads::update),
        )
        .route("/fairs/{id}/manage", get(exhibition::organiser::manage))
        .route(
            "/fairs/{id}/manage/dashboard.csv",
            get(exhibition::organiser::dashboard_csv),
        )
        .route(
            "/fairs/{id}/manage/qr",
            get(exhibition::organiser::qr_sheet),
        )
        .route(
            "/fairs/{id}/manage/booths/{booth}/reissue",
            post(exhibition::organiser::reissue),
        )
        .route(
            "/fairs/{id}/manage/plan",
            post(exhibition::organiser::upload_plan),
        )
        .route("/fairs/{id}/manage/import", get(exhibition::import::form))
        .route(
            "/fairs/{id}/manage/import/confirm",
            post(exhibition::import::confirm),
        )
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
        .route("/lang", post(account::choose_language))
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
        .route(
            "/static/plan.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    PLAN_JS,
                )
            }),
        )
        .route("/images/{id}/delete", post(photos::delete))
        .route("/images/{id}/{digest}", get(photos::serve))
        .route("/images/{id}/{digest}/thumb", get(photos::serve))
        .route("/search", get(search::page))
        .fallback(not_found)
}

/// Routes that take large bodies (spreadsheets); the app gives them their own size limit.
pub fn upload_router() -> Router<AppState> {
    let photo_limit = axum::extract::DefaultBodyLimit::max(sc_media::MAX_BYTES + 64 * 1024);
    Router::new()
        .route(
            "/listings/{id}/photos",
            post(photos::upload_for_listing).layer(photo_limit),
        )
        .route(
            "/organisations/{id}/photos",
            post(photos::upload_for_organisation).layer(photo_limit),
        )
        .route(
            "/fairs/{id}/manage/import",
            post(exhibition::import::upload).layer(axum::extract::DefaultBodyLimit::max(
                MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
}

async fn not_found(ctx: context::Ctx) -> axum::response::Response {
    ctx.error(context::UiError::Api(crate::error::ApiError::NotFound))
}
