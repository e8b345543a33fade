//! The JSON API under `/api/v1`. Each handler carries `#[utoipa::path]`, so the OpenAPI
//! document is generated from the same code that serves the requests.

mod auth;
mod exhibition;
mod fairs;
mod listings;
mod meta;
mod organisations;
pub(crate) mod search;
pub(crate) use auth::session_cookie;
mod text;
mod users;

use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "superconnector API",
        description = "Matching platform for Hong Kong and the Greater Bay Area. Errors are application/problem+json with a stable `code`; text fields come in zh-Hant, zh-Hans and en.",
        license(name = "Apache-2.0")
    ),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "organisations", description = "Organisations and their members"),
        (name = "listings", description = "What organisations and people offer or need, in four markets"),
        (name = "fairs", description = "Fairs, halls and booths"),
        (name = "search", description = "Full-text search in three languages"),
        (name = "meta", description = "Health and reference data"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        c.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("sc_session"))),
        );
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(meta::healthz))
        .routes(routes!(meta::markets))
        .routes(routes!(text::analyze))
        .routes(routes!(search::search))
        .routes(routes!(search::suggest))
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
        .routes(routes!(listings::list, listings::create))
        .routes(routes!(listings::get, listings::update, listings::delete))
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

/// Page selection shared by every list endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    pub per_page: Option<u32>,
}

impl Paging {
    pub fn request(&self) -> sc_app::PageRequest {
        sc_app::PageRequest::new(self.page, self.per_page)
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Matches in all pages.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    pub fn from(p: sc_app::Page<T>, req: sc_app::PageRequest) -> Self {
        Page {
            items: p.items,
            total: p.total,
            page: req.page,
            per_page: req.per_page,
        }
    }
}
