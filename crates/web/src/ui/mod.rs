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
use axum::handler::Handler;
use axum::http::Method;
use axum::http::header;
use axum::routing::{MethodRouter, get, post};

use crate::AppState;

const CSS: &str = include_str!("../../static/app.css");
const SUGGEST_JS: &str = include_str!("../../static/suggest.js");
const PLAN_JS: &str = include_str!("../../static/plan.js");

/// The pages, and the table of (method, path) they answer, built by the same calls so the
/// authorisation test can require an entry for every route.
pub fn routes() -> Routes {
    Routes::default()
        .get("/", pages::home)
        .get("/fairs", pages::fairs)
        .get("/fairs/new", exhibition::new_fair::form)
        .post("/fairs/new", exhibition::new_fair::create)
        .get("/fairs/{id}", pages::fair)
        .get("/q/{token}", exhibition::exhibitor::scan)
        .get(
            "/fairs/{id}/exhibitors/{org}",
            exhibition::exhibitor::exhibitor,
        )
        .post(
            "/fairs/{id}/exhibitors/{org}/bookmark",
            exhibition::exhibitor::bookmark,
        )
        .post(
            "/fairs/{id}/exhibitors/{org}/contact",
            exhibition::exhibitor::contact,
        )
        .post(
            "/fairs/{id}/exhibitors/{org}/sharing",
            exhibition::exhibitor::sharing,
        )
        .get("/fairs/{id}/plan", exhibition::plan::page)
        .get("/fairs/{id}/my", exhibition::myfair::page)
        .get(
            "/fairs/{id}/my/bookmarks.csv",
            exhibition::myfair::export_csv,
        )
        .get(
            "/fairs/{id}/my/bookmarks.vcf",
            exhibition::myfair::export_vcard,
        )
        .post("/fairs/{id}/my/{org}", exhibition::myfair::update)
        .get("/fairs/{id}/leads/{org}", exhibition::leads::page)
        .get(
            "/fairs/{id}/leads/{org}/leads.csv",
            exhibition::leads::export_csv,
        )
        .get(
            "/fairs/{id}/leads/{org}/leads.vcf",
            exhibition::leads::export_vcard,
        )
        .post("/fairs/{id}/leads/{org}/{user}", exhibition::leads::update)
        .get("/fairs/{id}/manage", exhibition::organiser::manage)
        .get(
            "/fairs/{id}/manage/dashboard.csv",
            exhibition::organiser::dashboard_csv,
        )
        .get("/fairs/{id}/manage/qr", exhibition::organiser::qr_sheet)
        .post(
            "/fairs/{id}/manage/booths/{booth}/reissue",
            exhibition::organiser::reissue,
        )
        .post(
            "/fairs/{id}/manage/plan",
            exhibition::organiser::upload_plan,
        )
        .get("/fairs/{id}/manage/import", exhibition::import::form)
        .post(
            "/fairs/{id}/manage/import/confirm",
            exhibition::import::confirm,
        )
        .get("/organisations", pages::organisations)
        .get("/organisations/new", edit::new_organisation_form)
        .post("/organisations/new", edit::create_organisation)
        .get("/organisations/{id}", pages::organisation)
        .get("/organisations/{id}/edit", edit::edit_organisation_form)
        .post("/organisations/{id}/edit", edit::update_organisation)
        .post("/organisations/{id}/delete", edit::delete_organisation)
        .post("/organisations/{id}/members", members::add)
        .post(
            "/organisations/{org}/members/{user}/role",
            members::change_role,
        )
        .post(
            "/organisations/{org}/members/{user}/remove",
            members::remove,
        )
        .get("/listings", pages::listings)
        .get("/listings/new", edit::new_listing_form)
        .post("/listings/new", edit::create_listing)
        .get("/listings/{id}", pages::listing)
        .get("/listings/{id}/edit", edit::edit_listing_form)
        .post("/listings/{id}/edit", edit::update_listing)
        .post("/listings/{id}/delete", edit::delete_listing)
        .get("/signup", account::signup_form)
        .post("/signup", account::signup)
        .get("/login", account::login_form)
        .post("/login", account::login)
        .post("/logout", account::logout)
        .post("/lang", account::choose_language)
        .get("/lang/{code}", account::switch_language)
        .get("/me", account::account)
        .post("/me", account::save_account)
        .add(
            Method::GET,
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
        .add(
            Method::GET,
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
        .add(
            Method::GET,
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
        .post("/images/{id}/delete", photos::delete)
        .get("/images/{id}/{digest}", photos::serve)
        .get("/images/{id}/{digest}/thumb", photos::serve)
        .get("/search", search::page)
}

/// Routes that take large bodies (photos, spreadsheets), each with its own size limit; the app
/// puts them outside the general body limit.
pub fn upload_routes() -> Routes {
    let photo_limit = axum::extract::DefaultBodyLimit::max(sc_media::MAX_BYTES + 64 * 1024);
    let sheet_limit = axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024);
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
        .add(
            Method::POST,
            "/fairs/{id}/manage/import",
            post(exhibition::import::upload).layer(sheet_limit),
        )
}

pub fn router() -> Router<AppState> {
    routes().router.fallback(not_found)
}

async fn not_found(ctx: context::Ctx) -> axum::response::Response {
    ctx.error(context::UiError::Api(crate::error::ApiError::NotFound))
}

/// A router that remembers which method and path each route answers.
#[derive(Default)]
pub struct Routes {
    pub router: Router<AppState>,
    pub table: Vec<(Method, &'static str)>,
}

impl Routes {
    pub fn add(
        mut self,
        method: Method,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.table.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, get(h))
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, post(h))
    }
}
