//! Fairs (EXHIBITION+): fairs with halls and booths, floor plans, booth codes and what a scan
//! does, bookmarks and "My fair", leads and contact requests, spreadsheet imports, the
//! organiser's dashboard and QR sheets. The JSON API under `api/`, the pages under `pages/`
//! with their templates in `templates/`; both call the same `sc_app` use cases.

mod api;
mod pages;
mod views;

use axum::http::Method;
use axum::routing::post;
use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use pages::import::MAX_UPLOAD_BYTES;

/// This area's API routes with their OpenAPI operations.
pub fn api() -> OpenApiRouter<AppState> {
    use api::{exhibition, fairs};
    OpenApiRouter::new()
        .routes(routes!(fairs::list, fairs::create))
        .routes(routes!(fairs::get))
        .routes(routes!(fairs::booths))
        .routes(routes!(exhibition::scan))
        .routes(routes!(exhibition::bookmarks))
        .routes(routes!(
            exhibition::put_bookmark,
            exhibition::delete_bookmark
        ))
        .routes(routes!(exhibition::leads))
        .routes(routes!(exhibition::update_lead))
        .routes(routes!(exhibition::plan))
        .routes(routes!(exhibition::put_plan))
        .routes(routes!(exhibition::booth_codes))
        .routes(routes!(exhibition::reissue_code))
        .routes(routes!(exhibition::stats))
        .routes(routes!(exhibition::contact_request))
}

/// This area's pages.
pub fn pages() -> Routes {
    use pages::{exhibitor, fairs, import, leads, myfair, new_fair, organiser, plan};
    Routes::default()
        .get("/fairs", fairs::fairs)
        .get("/fairs/new", new_fair::form)
        .post("/fairs/new", new_fair::create)
        .get("/fairs/{id}", fairs::fair)
        .get("/q/{token}", exhibitor::scan)
        .get("/fairs/{id}/exhibitors/{org}", exhibitor::exhibitor)
        .post("/fairs/{id}/exhibitors/{org}/bookmark", exhibitor::bookmark)
        .post("/fairs/{id}/exhibitors/{org}/contact", exhibitor::contact)
        .post("/fairs/{id}/exhibitors/{org}/sharing", exhibitor::sharing)
        .get("/fairs/{id}/plan", plan::page)
        .get("/fairs/{id}/my", myfair::page)
        .get("/fairs/{id}/my/bookmarks.csv", myfair::export_csv)
        .get("/fairs/{id}/my/bookmarks.vcf", myfair::export_vcard)
        .post("/fairs/{id}/my/{org}", myfair::update)
        .get("/fairs/{id}/leads/{org}", leads::page)
        .get("/fairs/{id}/leads/{org}/leads.csv", leads::export_csv)
        .get("/fairs/{id}/leads/{org}/leads.vcf", leads::export_vcard)
        .post("/fairs/{id}/leads/{org}/{user}", leads::update)
        .get("/fairs/{id}/manage", organiser::manage)
        .get("/fairs/{id}/manage/dashboard.csv", organiser::dashboard_csv)
        .get("/fairs/{id}/manage/qr", organiser::qr_sheet)
        .post(
            "/fairs/{id}/manage/booths/{booth}/reissue",
            organiser::reissue,
        )
        .post("/fairs/{id}/manage/plan", organiser::upload_plan)
        .get("/fairs/{id}/manage/import", import::form)
        .post("/fairs/{id}/manage/import/confirm", import::confirm)
}

/// The spreadsheet upload, with its own body limit (the site keeps it outside the general one).
pub fn upload_pages() -> Routes {
    let sheet_limit = axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024);
    Routes::default().add(
        Method::POST,
        "/fairs/{id}/manage/import",
        post(pages::import::upload).layer(sheet_limit),
    )
}
