//! The HTTP edge of superconnector as one application: every area's JSON API (with the OpenAPI
//! document) and pages composed into one router, the home page, the health check, the headers
//! every answer carries, and serving. The areas live in their own crates beside this one
//! (`crates/web/{accounts,catalogue,fairs,matching,messages,meetings}`), on the plumbing of `sc-web-http` and the page kit
//! of `sc-web-ui`. Handlers hold no rules of their own: they parse input, call an `sc_app` use
//! case (which authorises itself), and render.

mod home;
mod meta;
mod openapi;
mod views;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use sc_web_http::Routes;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use sc_web_http::Problem;

pub use sc_web_http::AppState;

/// The whole application: API, OpenAPI document, health check and UI.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = openapi::router().split_for_parts();
    let (upload_api, upload_doc) = sc_web_messages::upload_api().split_for_parts();
    let mut openapi = openapi;
    openapi.merge(upload_doc);
    let openapi_json = Arc::new(
        openapi
            .to_pretty_json()
            .expect("the OpenAPI document serialises"),
    );
    Router::new()
        .merge(api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = openapi_json.clone();
                async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], doc.as_ref().clone()) }
            }),
        )
        .merge(pages().router.fallback(sc_web_ui::not_found))
        .layer(RequestBodyLimitLayer::new(2 * 1024 * 1024))
        // Spreadsheet uploads are larger; only this route takes them.
        .merge(sc_web_catalogue::upload_pages().merge(sc_web_fairs::upload_pages()).router.layer(RequestBodyLimitLayer::new(sc_web_fairs::MAX_UPLOAD_BYTES + 64 * 1024)))
        // Messages with files: their own limits, as a form and as JSON.
        .merge(sc_web_messages::upload_pages().router.layer(RequestBodyLimitLayer::new(sc_web_messages::MAX_MESSAGE_FORM_BYTES)))
        .merge(upload_api.layer(RequestBodyLimitLayer::new(sc_web_messages::MAX_MESSAGE_JSON_BYTES)))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            // Scripts only from our own files (type-ahead), never inline; no framing.
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ))
        // Pages, plans and QR sheets shrink several times over gzip: it matters on a phone at
        // a crowded venue. Clients that do not ask (load generators, tests) get plain bodies.
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Every area's pages, the home page and the static assets.
fn pages() -> Routes {
    Routes::default()
        .get("/", home::home)
        .merge(sc_web_accounts::pages())
        .merge(sc_web_catalogue::pages())
        .merge(sc_web_fairs::pages())
        .merge(sc_web_matching::pages())
        .merge(sc_web_messages::pages())
        .merge(sc_web_meetings::pages())
        .merge(sc_web_ui::assets())
}

/// Routes that take large bodies (photos, spreadsheets), each with its own size limit; the app
/// puts them outside the general body limit.
fn upload_pages() -> Routes {
    sc_web_catalogue::upload_pages()
        .merge(sc_web_fairs::upload_pages())
        .merge(sc_web_messages::upload_pages())
}

/// Every (method, path) the application answers: the API's from its OpenAPI document (built
/// from the handlers), the pages' from the calls that build their router, and the two routes
/// outside both. Tests require an authorisation case for each.
pub fn route_table() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![("GET".into(), "/api/openapi.json".into())];
    for (path, item) in openapi().paths.paths {
        for (method, op) in [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ] {
            if op.is_some() {
                out.push((method.into(), path.clone()));
            }
        }
    }
    for (m, p) in pages().table.into_iter().chain(upload_pages().table) {
        out.push((m.to_string(), p.to_string()));
    }
    out
}

/// The OpenAPI document, for tools that want it without a running server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = openapi::router().split_for_parts().1;
    doc.merge(sc_web_messages::upload_api().split_for_parts().1);
    doc
}

/// Serves until the process is stopped (Ctrl-C or SIGTERM), then finishes requests in flight.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    serve_until(listener, state, shutdown_signal()).await
}

/// Serves until `stop` completes (tests pass a future that never does).
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(stop)
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
