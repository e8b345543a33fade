//! What happened at a fair, as the matching engine learns from it: who scanned, bookmarked and
//! asked whom, and which leads the exhibitors followed up. Read for `match export-log` (the
//! fair's history as an interaction log) and, next, for training the engine at start.

use sc_domain::fair::FairId;
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sc_domain::{Language, Location};
use sqlx::Row;

use crate::codec::{location, parsed};
use crate::{Result, Store};

/// A buyer who did something at the fair.
#[derive(Debug, Clone)]
pub struct ActiveBuyer {
    pub id: UserId,
    pub location: Location,
    pub language: Language,
}

/// An exhibitor's view of one visitor: when, whether the visitor wrote, whether the exhibitor
/// followed up (scored the lead or noted something).
#[derive(Debug, Clone)]
pub struct LeadActivity {
    pub organisation: OrgId,
    pub user: UserId,
    pub first_at: i64,
    pub last_at: i64,
    pub messaged: bool,
    pub followed_up: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FairActivity {
    pub buyers: Vec<ActiveBuyer>,
    /// Organisations with a booth at the fair.
    pub exhibitors: Vec<OrgId>,
    /// (time, buyer, exhibitor) of every signed-in scan.
    pub scans: Vec<(i64, UserId, OrgId)>,
    /// (time, buyer, exhibitor) of every bookmark, at the booth or online.
    pub bookmarks: Vec<(i64, UserId, OrgId)>,
    pub leads: Vec<LeadActivity>,
}

fn triples(rows: &[sqlx::any::AnyRow], at: &str) -> Result<Vec<(i64, UserId, OrgId)>> {
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get(at)?,
                r.try_get("user_id")?,
                r.try_get("organisation_id")?,
            ))
        })
        .collect()
}

impl Store {
    /// The organisations with a booth at `fair`.
    pub async fn fair_exhibitor_ids(&self, fair: FairId) -> Result<Vec<OrgId>> {
        sqlx::query(
            "SELECT DISTINCT b.organisation_id AS id FROM booths b JOIN halls h ON h.id = b.hall_id
             WHERE h.fair_id = $1 AND b.organisation_id IS NOT NULL ORDER BY b.organisation_id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| r.try_get("id").map_err(Into::into))
        .collect()
    }

    /// Everything [`FairActivity`] holds for `fair`, in time order.
    pub async fn fair_activity(&self, fair: FairId) -> Result<FairActivity> {
        let buyers = sqlx::query(
            "SELECT id, location, preferred_language FROM users WHERE id IN (
                SELECT user_id FROM scans WHERE fair_id = $1 AND user_id IS NOT NULL
                UNION SELECT user_id FROM bookmarks WHERE fair_id = $1
                UNION SELECT user_id FROM leads WHERE fair_id = $1)
             ORDER BY id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(ActiveBuyer {
                id: r.try_get("id")?,
                location: location(r, "location")?,
                language: parsed(r, "preferred_language", Language::from_tag)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let exhibitors = self.fair_exhibitor_ids(fair).await?;
        let scans = sqlx::query(
            "SELECT at, user_id, organisation_id FROM scans
             WHERE fair_id = $1 AND user_id IS NOT NULL ORDER BY at, id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let bookmarks = sqlx::query(
            "SELECT created_at, user_id, organisation_id FROM bookmarks
             WHERE fair_id = $1 ORDER BY created_at, user_id, organisation_id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let leads = sqlx::query(
            "SELECT organisation_id, user_id, first_at, last_at, message, note, score FROM leads
             WHERE fair_id = $1 ORDER BY last_at, organisation_id, user_id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            let message: String = r.try_get("message")?;
            let note: String = r.try_get("note")?;
            let score: i64 = r.try_get("score")?;
            Ok(LeadActivity {
                organisation: r.try_get("organisation_id")?,
                user: r.try_get("user_id")?,
                first_at: r.try_get("first_at")?,
                last_at: r.try_get("last_at")?,
                messaged: !message.trim().is_empty(),
                followed_up: score > 0 || !note.trim().is_empty(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(FairActivity {
            buyers,
            exhibitors,
            scans: triples(&scans, "at")?,
            bookmarks: triples(&bookmarks, "created_at")?,
            leads,
        })
    }
}
