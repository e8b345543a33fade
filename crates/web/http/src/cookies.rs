//! Reading and writing the few cookies the platform sets: the session, the CSRF token and the
//! language. All are HttpOnly and SameSite; `Secure` when served over TLS. Parsing and
//! formatting are the `cookie` crate's (the one axum-extra and Rocket use).

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::Cookie;
pub use cookie::SameSite;

pub const SESSION: &str = "sc_session";
pub const CSRF: &str = "sc_csrf";
pub const LANG: &str = "sc_lang";

/// The value of cookie `name` in the request, if present.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_string()).filter_map(Result::ok))
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` header value. `max_age` of 0 deletes the cookie.
pub fn set(
    name: &str,
    value: &str,
    max_age_secs: i64,
    secure: bool,
    same_site: SameSite,
) -> HeaderValue {
    let c = Cookie::build((name, value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .http_only(true)
        .same_site(same_site)
        .secure(secure)
        .build();
    HeaderValue::from_str(&c.to_string()).expect("cookie values are ASCII tokens")
}

pub use sc_app::random_token;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_round_trip_and_carry_their_flags() {
        let v = set(CSRF, "abc123", 60, true, SameSite::Strict);
        let text = v.to_str().unwrap();
        for part in [
            "sc_csrf=abc123",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
            "Max-Age=60",
        ] {
            assert!(text.contains(part), "{text} lacks {part}");
        }
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; sc_csrf=abc123"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("sc_lang=en"));
        assert_eq!(get(&h, CSRF).as_deref(), Some("abc123"));
        assert_eq!(get(&h, LANG).as_deref(), Some("en"));
        assert_eq!(get(&h, SESSION), None);
    }
}
