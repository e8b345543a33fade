//! The plumbing every part of the web edge shares: what a handler can reach ([`AppState`]), who
//! is calling ([`Caller`], [`ClientAddr`]), errors as problem+json ([`ApiError`]), extractors
//! that name the field that failed, cookies, HTML form bodies and the route table that the
//! authorisation test reads. No handler lives here, and nothing here reaches data except
//! through `sc_app`.

pub mod caller;
pub mod cookies;
pub mod error;
pub mod extract;
pub mod form;
pub mod paging;
pub mod routes;

use std::sync::Arc;

pub use caller::{Caller, ClientAddr};
pub use error::{ApiError, ApiResult, Problem};
pub use form::FormData;
pub use routes::Routes;

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
}

impl AppState {
    pub fn new(app: sc_app::App, secure_cookies: bool) -> Self {
        AppState {
            app,
            secure_cookies,
            public_url: None,
            trusted_proxies: Arc::default(),
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

    /// The `Set-Cookie` value that keeps a browser signed in with `token`.
    pub fn session_cookie(&self, token: &str) -> axum::http::HeaderValue {
        cookies::set(
            cookies::SESSION,
            token,
            sc_app::SESSION_DAYS * 86_400,
            self.secure_cookies,
            cookies::SameSite::Lax,
        )
    }
}
