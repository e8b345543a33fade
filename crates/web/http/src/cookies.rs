//! Reading and writing the few cookies the platform sets: the session, the CSRF token and the
//! language. All are HttpOnly and SameSite; `Secure` when served over TLS.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "sc_session";
pub const CSRF: &str = "sc_csrf";
pub const LANG: &str = "sc_lang";

/// The value of cookie `name` in the request, if present.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

/// A `Set-Cookie` header value. `max_age` of 0 deletes the cookie.
pub fn set(
    name: &str,
    value: &str,
    max_age_secs: i64,
    secure: bool,
    same_site: &str,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite={same_site}{secure}"
    ))
    .expect("cookie values are ASCII tokens")
}

pub use sc_app::random_token;
