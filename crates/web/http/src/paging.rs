//! Page selection and one page of a list, shared by every list endpoint of the API.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Page selection shared by every list endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    pub per_page: Option<u32>,
}

impl Paging {
    pub fn request(&self) -> sc_app::PageRequest {
        sc_app::PageRequest::new(self.page, self.per_page)
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Matches in all pages.
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    pub fn from(p: sc_app::Page<T>, req: sc_app::PageRequest) -> Self {
        Page {
            items: p.items,
            total: p.total,
            page: req.page,
            per_page: req.per_page,
        }
    }
}
