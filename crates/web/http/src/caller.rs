//! Who is calling: the session cookie (browsers) or bearer token (API clients) handed to
//! `sc_app`, which resolves it to a [`Caller`] with the memberships authorisation needs; and the
//! client's network address, believed from `X-Forwarded-For` only when a trusted proxy sent it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
pub use sc_app::Caller;

use crate::AppState;
use crate::cookies;
use crate::error::ApiError;

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string());
        let is_bearer = bearer.is_some();
        let Some(token) = bearer.or_else(|| cookies::get(&parts.headers, cookies::SESSION)) else {
            return Ok(Caller::anonymous());
        };
        match state.app.caller(&token).await? {
            Some(c) => Ok(c),
            // A client that presents a token expects it to work: say so rather than silently
            // treating it as anonymous.
            None if is_bearer => Err(ApiError::Unauthenticated),
            None => Ok(Caller::anonymous()),
        }
    }
}

/// The client's address. Behind a reverse proxy every request comes from the proxy, so the
/// address the proxy appended to `X-Forwarded-For` is used, but only when the peer is one of
/// the configured proxies; anyone else could write any address there.
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(client_addr(
            peer,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}

/// The nearest address in `X-Forwarded-For` that is not one of our proxies, walking back from
/// the peer; the peer itself when it is not a trusted proxy.
pub fn client_addr(
    peer: Option<IpAddr>,
    headers: &axum::http::HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    hops.into_iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .or(Some(peer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let h = headers("198.51.100.7");
        assert_eq!(
            client_addr(Some(proxy), &h, &[proxy]),
            Some("198.51.100.7".parse().unwrap())
        );
        assert_eq!(client_addr(Some(stranger), &h, &[proxy]), Some(stranger));
        assert_eq!(client_addr(Some(proxy), &h, &[]), Some(proxy));
    }

    #[test]
    fn a_spoofed_first_hop_is_skipped() {
        // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let h = headers("1.2.3.4, 198.51.100.7");
        assert_eq!(
            client_addr(Some(proxy), &h, &[proxy]),
            Some("198.51.100.7".parse().unwrap())
        );
        let h = headers("garbage");
        assert_eq!(client_addr(Some(proxy), &h, &[proxy]), Some(proxy));
    }
}
