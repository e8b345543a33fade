//! Accounts and organisations: registration, sign-in and sessions, the caller's own account
//! and contact details, platform roles, organisations and their members. The JSON API under
//! `api/`, the pages under `pages/` with their templates in `templates/`; both call the same
//! `sc_app` use cases.

mod api;
mod pages;
mod views;

use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// This area's API routes with their OpenAPI operations.
pub fn api() -> OpenApiRouter<AppState> {
    use api::{auth, organisations, users};
    OpenApiRouter::new()
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me, auth::update_me))
        .routes(routes!(auth::my_contact, auth::put_my_contact))
        .routes(routes!(users::list_users))
        .routes(routes!(users::set_role))
        .routes(routes!(organisations::list, organisations::create))
        .routes(routes!(
            organisations::get,
            organisations::update,
            organisations::delete
        ))
        .routes(routes!(organisations::set_verified))
        .routes(routes!(organisations::members, organisations::add_member))
        .routes(routes!(
            organisations::change_member,
            organisations::remove_member
        ))
}

/// This area's pages.
pub fn pages() -> Routes {
    use pages::{account, members, organisation_edit as edit, organisations};
    Routes::default()
        .get("/signup", account::signup_form)
        .post("/signup", account::signup)
        .get("/login", account::login_form)
        .post("/login", account::login)
        .post("/logout", account::logout)
        .post("/lang", account::choose_language)
        .get("/lang/{code}", account::switch_language)
        .get("/me", account::account)
        .post("/me", account::save_account)
        .get("/organisations", organisations::organisations)
        .get("/organisations/new", edit::new_organisation_form)
        .post("/organisations/new", edit::create_organisation)
        .get("/organisations/{id}", organisations::organisation)
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
}
