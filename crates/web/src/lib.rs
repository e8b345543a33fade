//! The HTTP edge of superconnector: the JSON API under `/api/v1` (with its OpenAPI document),
//! the server-rendered UI, and the plumbing they share (who is calling, errors, cookies).
//! Handlers hold no rules of their own: they parse input, ask `sc_access` whether the caller may
//! act, call the store, and render.

mod api;
mod caller;
mod cookies;
mod error;
mod extract;
pub(crate) mod ui;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::Problem;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The use cases: the only way to the data.
    pub app: sc_app::App,
    /// Marks cookies `Secure`: set when the platform is served over TLS (directly or behind a
    /// proxy that terminates it).
    pub secure_cookies: bool,
    /// The address printed in QR codes (e.g. `https://fair.example.hk`); without it, the
    /// address the organiser's browser used.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored.
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// Spreadsheets uploaded and previewed, waiting for the organiser to confirm.
    pub(crate) imports: Arc<ui::PendingImports>,
}

impl AppState {
    pub fn new(app: sc_app::App, secure_cookies: bool) -> Self {
        AppState {
            app,
            secure_cookies,
            public_url: None,
            trusted_proxies: Arc::default(),
            imports: Arc::default(),
        }
    }

    pub fn with_public_url(mut self, url: Option<String>) -> Self {
        self.public_url = url;
        self
    }

    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> Self {
        self.trusted_proxies = Arc::new(proxies);
        self
    }
}

/// The whole application: API, OpenAPI document, health check and UI.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
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
        .merge(ui::router())
        .layer(RequestBodyLimitLayer::new(2 * 1024 * 1024))
        // Spreadsheet uploads are larger; only this route takes them.
        .merge(ui::upload_routes().router.layer(RequestBodyLimitLayer::new(ui::MAX_UPLOAD_BYTES + 64 * 1024)))
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
    for (m, p) in ui::routes()
        .table
        .into_iter()
        .chain(ui::upload_routes().table)
    {
        out.push((m.to_string(), p.to_string()));
    }
    out
}

/// The OpenAPI document, for tools that want it without a running server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().split_for_parts().1
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
