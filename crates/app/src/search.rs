//! Full-text search across organisations and listings. The index holds only what everyone may
//! see (drafts and archived listings are never indexed), so a search needs no per-hit check.

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_domain::fair::FairId;
use sc_search::{Hit, SearchRequest, SearchResults};
use sc_storage::Stand;

use crate::{App, Caller, Error, Result};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// Fairs a result names an exhibitor's booths at, soonest first.
const STAND_FAIRS: usize = 2;
/// Booths a result names at one fair (an exhibitor with more has a stand of several).
const STAND_BOOTHS: usize = 3;

/// Whether a fair whose last day is `ends_on` is over, on its own wall clock.
fn is_over(ends_on: &str, time_zone: &str) -> bool {
    let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let today = jiff::Timestamp::now().to_zoned(tz).date().to_string();
    ends_on < today.as_str()
}

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

    /// Where to find the exhibitors behind search results: for each hit (an organisation, or a
    /// listing of one), its booths at `fair` when the search is narrowed to one fair, else at
    /// the fairs not yet over on their own clock (the soonest two). Booths are public, like the
    /// floor plans they come from.
    pub async fn stands_for(
        &self,
        caller: &Caller,
        hits: &[Hit],
        fair: Option<FairId>,
    ) -> Result<Vec<Vec<Stand>>> {
        caller.may(Action::ReadFair)?;
        let listings: Vec<i64> = hits
            .iter()
            .filter(|h| h.entity == "listing")
            .map(|h| h.id)
            .collect();
        let owners = self.store.listing_owners(&listings).await?;
        let org_of = |h: &Hit| {
            if h.entity == "organisation" {
                Some(h.id)
            } else {
                owners.get(&h.id).copied()
            }
        };
        let mut orgs: Vec<i64> = hits.iter().filter_map(org_of).collect();
        orgs.sort_unstable();
        orgs.dedup();
        // A day before today in UTC: no fair whose last day is earlier can still be on in any
        // time zone; each fair is then judged on its own clock.
        let from = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24))
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
            .to_string();
        let stands = self.store.stands(&orgs, fair, &from).await?;
        let mut by_org: std::collections::HashMap<i64, Vec<Stand>> = Default::default();
        for st in stands {
            if fair.is_none() && is_over(&st.ends_on, &st.time_zone) {
                continue;
            }
            let mine = by_org.entry(st.organisation_id).or_default();
            let fairs = {
                let mut f: Vec<i64> = mine.iter().map(|s| s.fair_id).collect();
                f.dedup();
                f
            };
            let at_this_fair = mine.iter().filter(|s| s.fair_id == st.fair_id).count();
            let new_fair = !fairs.contains(&st.fair_id);
            if (new_fair && fairs.len() >= STAND_FAIRS) || at_this_fair >= STAND_BOOTHS {
                continue;
            }
            mine.push(st);
        }
        Ok(hits
            .iter()
            .map(|h| {
                org_of(h)
                    .and_then(|o| by_org.get(&o).cloned())
                    .unwrap_or_default()
            })
            .collect())
    }

    /// Whether the database answers (for health checks).
    pub async fn healthy(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }
}
