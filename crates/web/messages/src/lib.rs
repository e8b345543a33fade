//! Conversations: the inbox (a person's own and their organisations', shared by each
//! organisation's members), a conversation with its messages, files and listing cards, read
//! state, contact details shared through the governed reveal, assigning, blocking and
//! reporting; an organisation's rule for first contact; the organisers' reports; live delivery
//! to open pages. The JSON API under `api/`, the pages under `pages/`; both call the same
//! `sc_app` use cases.

mod api;
mod pages;
mod views;

use sc_web_http::{AppState, Routes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use api::MAX_MESSAGE_JSON_BYTES;
pub use pages::MAX_MESSAGE_FORM_BYTES;

/// This area's API routes with their OpenAPI operations, but for those taking files.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::inbox))
        .routes(routes!(api::unread))
        .routes(routes!(api::thread))
        .routes(routes!(api::attachment))
        .routes(routes!(api::sharing))
        .routes(routes!(api::assign))
        .routes(routes!(api::block))
        .routes(routes!(api::report))
        .routes(routes!(api::reports))
        .routes(routes!(api::close_report))
        .routes(routes!(api::inbox_rules, api::put_inbox_rules))
}

/// The API routes that take files (a message with attachments): outside the general body
/// limit, under [`MAX_MESSAGE_JSON_BYTES`].
pub fn upload_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::start))
        .routes(routes!(api::post_message))
}

/// This area's pages, but for those taking files.
pub fn pages() -> Routes {
    use pages::*;
    Routes::default()
        .get("/conversations", inbox)
        .get("/conversations/new", compose)
        .get("/conversations/live", live)
        .get("/conversations/{id}", thread)
        .get("/conversations/{id}/attachments/{attachment}", attachment)
        .post("/conversations/{id}/contact", sharing)
        .post("/conversations/{id}/assign", assign)
        .post("/conversations/{id}/block", block)
        .post("/conversations/{id}/report", report)
        .get("/organisations/{id}/inbox-rules", rules_form)
        .post("/organisations/{id}/inbox-rules", save_rules)
        .get("/unsubscribe/{token}", unsubscribe_form)
        .post("/unsubscribe/{token}", unsubscribe)
        .get("/reports", reports)
        .post("/reports/{id}/close", close_report)
}

/// The pages that take files: writing a first message and answering.
pub fn upload_pages() -> Routes {
    use pages::*;
    Routes::default()
        .post("/conversations", start)
        .post("/conversations/{id}", reply)
}
