//! What every page shares: the request's context ([`Ctx`]: caller, language, CSRF token, how a
//! view or an error becomes a response), the translator handed to templates as `t`, the base
//! layout and the partials under `templates/` (cards, pager, photos), display helpers, and the
//! static assets. The areas' pages build on this; nothing here belongs to one area.

pub mod attrs;
pub mod context;
pub mod fields;
pub mod lists;
pub mod matches;
pub mod photos;
pub mod present;
pub mod qr;
pub mod views;

use axum::http::{Method, header};
use axum::routing::get;
use sc_web_http::Routes;

pub use context::{Chrome, Ctx, PageId, UiError, encode, safe_next};
pub use sc_i18n::{Arg, Words};

const CSS: &str = include_str!("../static/app.css");
const SUGGEST_JS: &str = include_str!("../static/suggest.js");
const PLAN_JS: &str = include_str!("../static/plan.js");
const MESSAGES_JS: &str = include_str!("../static/messages.js");

fn asset(path: &'static str, content_type: &'static str, body: &'static str) -> Routes {
    Routes::default().add(
        Method::GET,
        path,
        get(move || async move {
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                body,
            )
        }),
    )
}

/// The style sheet and the small scripts (type-ahead, floor-plan search, live messages).
pub fn assets() -> Routes {
    asset("/static/app.css", "text/css; charset=utf-8", CSS)
        .merge(asset(
            "/static/suggest.js",
            "text/javascript; charset=utf-8",
            SUGGEST_JS,
        ))
        .merge(asset(
            "/static/plan.js",
            "text/javascript; charset=utf-8",
            PLAN_JS,
        ))
        .merge(asset(
            "/static/messages.js",
            "text/javascript; charset=utf-8",
            MESSAGES_JS,
        ))
}

/// The page for a path nothing answers, in the reader's language.
pub async fn not_found(ctx: Ctx) -> axum::response::Response {
    ctx.error(UiError::Api(sc_web_http::ApiError::NotFound))
}
