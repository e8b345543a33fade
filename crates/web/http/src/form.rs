//! HTML form bodies (`application/x-www-form-urlencoded`), keeping repeated fields such as
//! several ticked sectors.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use sc_domain::ErrorCode;

use crate::error::ApiError;

pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn opt(&self, name: &str) -> Option<String> {
        let v = self.get(name).trim();
        if v.is_empty() {
            None
        } else {
            Some(v.to_string())
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::BadRequest {
                code: ErrorCode::BodyUnreadable,
                detail: e.body_text(),
            })?;
        Ok(FormData(
            form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}
