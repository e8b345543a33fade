//! Request extractors whose failures are problem+json naming the field, instead of axum's plain
//! text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use sc_domain::ErrorCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body. Requires `Content-Type: application/json`, which no HTML form can send: that is
/// what keeps cookie-authenticated API calls safe from cross-site form posts.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::BadRequest {
                code: ErrorCode::BodyUnreadable,
                detail: e.body_text(),
            })?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de)
            .map(ApiJson)
            .map_err(|e| {
                let path = e.path().to_string();
                let field = if path == "." {
                    "body".to_string()
                } else {
                    path
                };
                ApiError::field(&field, ErrorCode::Unparseable, e.into_inner().to_string())
            })
    }
}

/// Query-string parameters, failing as a 400 that names the parameter.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        // Decoding would quietly turn bad bytes into U+FFFD; say so instead.
        if percent_encoding::percent_decode_str(q)
            .decode_utf8()
            .is_err()
        {
            return Err(ApiError::BadRequest {
                code: ErrorCode::BadQuery,
                detail: "the query string is not valid UTF-8".into(),
            });
        }
        serde_urlencoded_de(q).map(ApiQuery)
    }
}

fn serde_urlencoded_de<T: DeserializeOwned>(q: &str) -> Result<T, ApiError> {
    // axum's Query uses serde_urlencoded; go through it and keep its message, which names the
    // parameter at fault.
    axum::extract::Query::<T>::try_from_uri(&format!("/?{q}").parse().map_err(|_| {
        ApiError::BadRequest {
            code: ErrorCode::BadQuery,
            detail: "unreadable query string".into(),
        }
    })?)
    .map(|axum::extract::Query(v)| v)
    .map_err(|e| ApiError::BadRequest {
        code: ErrorCode::BadQuery,
        detail: e.body_text(),
    })
}

/// A numeric id in the path. Anything else is simply "not found".
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        params
            .first()
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .filter(|v| *v > 0)
            .map(Id)
            .ok_or(ApiError::NotFound)
    }
}

/// Two numeric ids in the path, e.g. organisation and member.
pub struct Ids(pub i64, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        let num = |i: usize| {
            params
                .get(i)
                .and_then(|(_, v)| v.parse::<i64>().ok())
                .filter(|v| *v > 0)
        };
        match (num(0), num(1)) {
            (Some(a), Some(b)) => Ok(Ids(a, b)),
            _ => Err(ApiError::NotFound),
        }
    }
}
