//! The JSON API under `/api/v1` as one document. Each handler (in its area's crate) carries
//! `#[utoipa::path]`, so the OpenAPI document is generated from the same code that serves the
//! requests; this module adds the title, tags and security schemes.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use sc_web_http::AppState;

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
        (name = "matching", description = "Click2Match: recommendations with reasons, feedback, buyer profiles and organisations' wishes"),
        (name = "conversations", description = "Conversations between people and organisations: messages, files, read state, blocks and reports"),
        (name = "meetings", description = "One-to-one meetings at fairs: sessions and slots, availability, requests, the organiser's scheduler, attendance and the iCalendar feed"),
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

/// Every area's API routes, and the document that describes them.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(crate::meta::healthz))
        .merge(sc_web_accounts::api())
        .merge(sc_web_catalogue::api())
        .merge(sc_web_fairs::api())
        .merge(sc_web_matching::api())
        .merge(sc_web_messages::api())
        .merge(sc_web_meetings::api())
}
