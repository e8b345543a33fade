//! Why a use case refused: the one error type every adapter (JSON API, pages, command line)
//! turns into its own answer. A user's mistake is never `Internal`.

use sc_access::Denied;
use sc_domain::{ErrorCode, FieldError, Invalid};
use sc_storage::StorageError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; every field at fault.
    #[error("{0}")]
    Invalid(Invalid),
    /// A floor plan with problems: each with its row, booths and code, for the reader.
    #[error("the floor plan has {} problem(s)", .0.len())]
    Plan(Vec<sc_floorplan::PlanError>),
    /// A request that cannot be understood (a query parameter out of form).
    #[error("{detail}")]
    BadRequest { code: ErrorCode, detail: String },
    #[error("sign in first")]
    Unauthenticated,
    #[error("you may not do this")]
    Forbidden,
    /// Not there, or not visible to the caller (drafts of others look absent).
    #[error("not found")]
    NotFound,
    /// The data's own rules refused (a taken e-mail, a booth someone else holds).
    #[error("{detail}")]
    Conflict { code: ErrorCode, detail: String },
    /// Existed once and was withdrawn for good (a revoked QR code).
    #[error("{detail}")]
    Gone { code: ErrorCode, detail: String },
    /// A limit was reached (`too_many_requests` for sign-in attempts, `first_contact_limit`…).
    #[error("too many attempts; try again in {retry_after_secs} s")]
    TooManyRequests {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    /// Our fault; the cause is for the log, not the reader.
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    pub fn field(field: &str, code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Invalid(Invalid(vec![FieldError {
            field: field.into(),
            code,
            message: message.into(),
        }]))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid(e)
    }
}

impl From<StorageError> for Error {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound => Error::NotFound,
            StorageError::Conflict { code, message } => Error::Conflict {
                code,
                detail: message,
            },
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<Denied> for Error {
    fn from(d: Denied) -> Self {
        match d {
            Denied::Unauthenticated => Error::Unauthenticated,
            Denied::Forbidden => Error::Forbidden,
            Denied::Hidden => Error::NotFound,
        }
    }
}

impl From<sc_search::SearchError> for Error {
    fn from(e: sc_search::SearchError) -> Self {
        Error::Internal(e.to_string())
    }
}
