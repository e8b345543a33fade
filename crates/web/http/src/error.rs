//! Errors as `application/problem+json` (RFC 9457) with a stable `code` the UI translates and,
//! for invalid input, every field at fault. A user's mistake is a 4xx; only our faults are 500s.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sc_domain::{ErrorCode, FieldError, Invalid};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` plus `code` here).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable machine code, e.g. `invalid_input`, `unauthenticated`, `email_taken`.
    pub code: ErrorCode,
    pub detail: String,
    /// For `invalid_input`: each field at fault and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug)]
pub enum ApiError {
    Invalid(Invalid),
    BadRequest {
        code: ErrorCode,
        detail: String,
    },
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict {
        code: ErrorCode,
        detail: String,
    },
    /// Existed once and was withdrawn for good (a revoked QR code).
    Gone {
        code: ErrorCode,
        detail: String,
    },
    UnsupportedMediaType,
    TooManyRequests {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    Internal(String),
}

impl ApiError {
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Invalid(Invalid(vec![FieldError {
            field: field.into(),
            code,
            message: message.into(),
        }]))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Why, as the stable code the problem carries and pages translate.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Invalid(_) => ErrorCode::InvalidInput,
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Gone { code, .. } => *code,
            ApiError::Unauthenticated => ErrorCode::Unauthenticated,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::TooManyRequests { code, .. } => *code,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let code = self.code();
        let (detail, errors) = match self {
            ApiError::Invalid(inv) => (inv.to_string(), inv.0.clone()),
            ApiError::BadRequest { detail, .. }
            | ApiError::Conflict { detail, .. }
            | ApiError::Gone { detail, .. } => (detail.clone(), vec![]),
            ApiError::Unauthenticated => ("sign in first".into(), vec![]),
            ApiError::Forbidden => ("you may not do this".into(), vec![]),
            ApiError::NotFound => ("no such thing, or not visible to you".into(), vec![]),
            ApiError::UnsupportedMediaType => ("send the body as application/json".into(), vec![]),
            ApiError::TooManyRequests {
                retry_after_secs, ..
            } => (
                format!("too many attempts; try again in {retry_after_secs} s"),
                vec![],
            ),
            ApiError::Internal(_) => (
                "something went wrong on our side; it has been logged".into(),
                vec![],
            ),
        };
        Problem {
            kind: format!("about:blank#{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            code,
            detail,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let problem = self.problem();
        let mut resp = (
            self.status(),
            serde_json::to_string(&problem).unwrap_or_default(),
        )
            .into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::TooManyRequests {
            retry_after_secs, ..
        } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if let ApiError::Unauthenticated = self {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::Invalid(e)
    }
}

impl From<sc_app::Error> for ApiError {
    fn from(e: sc_app::Error) -> Self {
        use sc_app::Error as E;
        match e {
            E::Invalid(i) => ApiError::Invalid(i),
            E::Plan(errs) => ApiError::Invalid(sc_app::plan_fields(errs)),
            E::BadRequest { code, detail } => ApiError::BadRequest { code, detail },
            E::Unauthenticated => ApiError::Unauthenticated,
            E::Forbidden => ApiError::Forbidden,
            E::NotFound => ApiError::NotFound,
            E::Conflict { code, detail } => ApiError::Conflict { code, detail },
            E::Gone { code, detail } => ApiError::Gone { code, detail },
            E::TooManyRequests {
                code,
                retry_after_secs,
            } => ApiError::TooManyRequests {
                code,
                retry_after_secs,
            },
            E::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
