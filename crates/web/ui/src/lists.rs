//! What list pages share: their query parameters and the owners of a page of listings.

use std::collections::HashMap;

use sc_domain::listing::Owner;
use sc_web_http::AppState;
use serde::Deserialize;

use crate::UiError;

/// Query parameters of list pages. All are text, read leniently: a mangled link shows the
/// first page, not an error.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    pub page: Option<String>,
    pub market: Option<String>,
    pub sector: Option<String>,
    pub kind: Option<String>,
    /// Outcome code of the last change, shown after a redirect.
    pub notice: Option<String>,
    /// `search` when opened from a search result (recorded as a click for matching).
    pub from: Option<String>,
}

/// Owner names for a page of listings, fetched together.
pub async fn owner_names(
    s: &AppState,
    listings: &[sc_domain::listing::Listing],
) -> Result<(HashMap<i64, sc_domain::LocalizedText>, HashMap<i64, String>), UiError> {
    let orgs: Vec<i64> = listings
        .iter()
        .filter_map(|l| {
            if let Owner::Organisation(o) = l.owner {
                Some(o)
            } else {
                None
            }
        })
        .collect();
    let org_names = s.app.organisation_names(&orgs).await?;
    let mut people = HashMap::new();
    for l in listings {
        if let Owner::Person(p) = l.owner
            && !people.contains_key(&p)
        {
            people.insert(p, s.app.display_name(p).await?);
        }
    }
    Ok((org_names, people))
}
