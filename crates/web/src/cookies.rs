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

/// A random URL-safe token of 32 bytes of entropy.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    hex::encode(b)
}

/// What the database stores for a token: its SHA-256, so a leaked table grants no sessions.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
