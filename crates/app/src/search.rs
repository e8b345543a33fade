//! Full-text search across organisations and listings. The index holds only what everyone may
//! see (drafts and archived listings are never indexed), so a search needs no per-hit check.

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_search::{SearchRequest, SearchResults};

use crate::{App, Caller, Error, Result};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

impl App {
    pub async fn search(&self, caller: &Caller, req: SearchRequest) -> Result<SearchResults> {
        caller.may(Action::ReadOrganisation)?;
        if req.q.chars().count() > MAX_QUERY_CHARS {
            return Err(Error::BadRequest {
                code: ErrorCode::QueryTooLong,
                detail: format!("q: at most {MAX_QUERY_CHARS} characters"),
            });
        }
        let index = self.search.clone();
        tokio::task::spawn_blocking(move || index.search(&req))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
            .map_err(|e| match e {
                sc_search::SearchError::Invalid(m) => Error::BadRequest {
                    code: ErrorCode::BadQuery,
                    detail: m,
                },
                other => Error::Internal(other.to_string()),
            })
    }

    /// Whether the database answers (for health checks).
    pub async fn healthy(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }
}
