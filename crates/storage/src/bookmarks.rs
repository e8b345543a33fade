//! A buyer's shortlist at a fair. A bookmark also makes (or refreshes) the exhibitor's lead:
//! the two are written in one transaction so they never disagree.

use sc_domain::LocalizedText;
use sc_domain::fair::FairId;
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sqlx::Row;

use crate::{Result, StorageError, Store, WriteTx, now_ms, touched};

/// How a bookmark (or lead) came about: at the booth, or on the online fair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Scan,
    Online,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Scan => "scan",
            Source::Online => "online",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "scan" => Some(Source::Scan),
            "online" => Some(Source::Online),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Bookmark {
    pub organisation_id: OrgId,
    pub organisation_name: LocalizedText,
    /// `hall code · booth code` pairs where the exhibitor stands at this fair.
    pub booths: Vec<(String, String)>,
    pub source: Source,
    pub note: String,
    pub tags: Vec<String>,
    pub visited_at: Option<i64>,
    pub created_at: i64,
}

/// Splits tags as people type them: commas (either width), semicolons or spaces.
pub fn split_tags(s: &str) -> Vec<String> {
    let mut tags: Vec<String> = s
        .split([',', '，', ';', '；', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    tags.dedup();
    tags
}

/// Bookmarks `org` for `user` at `fair` (and records the lead). Returns whether the bookmark
/// is new. `visited` marks the booth visited (a scan at the booth).
pub(crate) async fn bookmark_in(
    w: &mut WriteTx<'_>,
    user: UserId,
    fair: FairId,
    org: OrgId,
    source: Source,
    visited: bool,
    at: i64,
) -> Result<bool> {
    let created = sqlx::query(
        "INSERT INTO bookmarks (user_id, fair_id, organisation_id, source, note, tags, visited_at, created_at)
         VALUES ($1, $2, $3, $4, '', '', $5, $6)
         ON CONFLICT (user_id, fair_id, organisation_id) DO NOTHING RETURNING created_at",
    )
    .bind(user)
    .bind(fair)
    .bind(org)
    .bind(source.code())
    .bind(visited.then_some(at))
    .bind(at)
    .fetch_optional(&mut *w.tx)
    .await?
    .is_some();
    if !created && visited {
        sqlx::query("UPDATE bookmarks SET visited_at = $1 WHERE user_id = $2 AND fair_id = $3 AND organisation_id = $4 AND visited_at IS NULL")
            .bind(at)
            .bind(user)
            .bind(fair)
            .bind(org)
            .execute(&mut *w.tx)
            .await?;
    }
    touch_lead(w, org, fair, user, source, at, if visited { 1 } else { 0 }).await?;
    Ok(created)
}

pub(crate) async fn touch_lead(
    w: &mut WriteTx<'_>,
    org: OrgId,
    fair: FairId,
    user: UserId,
    source: Source,
    at: i64,
    scans: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO leads (organisation_id, fair_id, user_id, source, scans, shares_contact, message, note, score, first_at, last_at)
         VALUES ($1, $2, $3, $4, $5, 0, '', '', 0, $6, $6)
         ON CONFLICT (organisation_id, fair_id, user_id)
         DO UPDATE SET scans = leads.scans + excluded.scans, last_at = excluded.last_at",
    )
    .bind(org)
    .bind(fair)
    .bind(user)
    .bind(source.code())
    .bind(scans)
    .bind(at)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// Whether `org` has a booth at `fair`: bookmarks and leads exist only for exhibitors.
pub(crate) async fn exhibits_in(w: &mut WriteTx<'_>, fair: FairId, org: OrgId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = $1 AND b.organisation_id = $2 LIMIT 1",
    )
    .bind(fair)
    .bind(org)
    .fetch_optional(&mut *w.tx)
    .await?;
    found.map(|_| ()).ok_or(StorageError::NotFound)
}

impl Store {
    /// Bookmarks an exhibitor from its online page; returns whether the bookmark is new.
    pub async fn add_bookmark(&self, user: UserId, fair: FairId, org: OrgId) -> Result<bool> {
        let mut w = self.write().await?;
        exhibits_in(&mut w, fair, org).await?;
        let created = bookmark_in(&mut w, user, fair, org, Source::Online, false, now_ms()).await?;
        w.commit_untracked().await?;
        Ok(created)
    }

    /// Removes a bookmark (the undo after a scan). The exhibitor's lead goes with it unless the
    /// buyer also sent a contact request.
    pub async fn remove_bookmark(&self, user: UserId, fair: FairId, org: OrgId) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "DELETE FROM bookmarks WHERE user_id = $1 AND fair_id = $2 AND organisation_id = $3",
        )
        .bind(user)
        .bind(fair)
        .bind(org)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        sqlx::query("DELETE FROM leads WHERE user_id = $1 AND fair_id = $2 AND organisation_id = $3 AND message = ''")
            .bind(user)
            .bind(fair)
            .bind(org)
            .execute(&mut *w.tx)
            .await?;
        w.commit_untracked().await
    }

    /// The buyer's own note, tags and visited mark on a bookmark.
    pub async fn update_bookmark(
        &self,
        user: UserId,
        fair: FairId,
        org: OrgId,
        note: &str,
        tags: &[String],
        visited: bool,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE bookmarks SET note = $1, tags = $2,
                 visited_at = CASE WHEN $3 = 0 THEN NULL ELSE COALESCE(visited_at, $4) END
             WHERE user_id = $5 AND fair_id = $6 AND organisation_id = $7",
        )
        .bind(note.to_string())
        .bind(tags.join(" "))
        .bind(visited as i64)
        .bind(now_ms())
        .bind(user)
        .bind(fair)
        .bind(org)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// A buyer's bookmarks at a fair, newest first.
    pub async fn bookmarks(&self, user: UserId, fair: FairId) -> Result<Vec<Bookmark>> {
        self.bookmarks_where(user, fair, None).await
    }

    pub async fn bookmark(
        &self,
        user: UserId,
        fair: FairId,
        org: OrgId,
    ) -> Result<Option<Bookmark>> {
        Ok(self.bookmarks_where(user, fair, Some(org)).await?.pop())
    }

    async fn bookmarks_where(
        &self,
        user: UserId,
        fair: FairId,
        org: Option<OrgId>,
    ) -> Result<Vec<Bookmark>> {
        let rows = sqlx::query(
            "SELECT k.organisation_id, k.source, k.note, k.tags, k.visited_at, k.created_at,
                    o.name_zh_hant, o.name_zh_hans, o.name_en
             FROM bookmarks k JOIN organisations o ON o.id = k.organisation_id
             WHERE k.user_id = $1 AND k.fair_id = $2 AND ($3 = 0 OR k.organisation_id = $3)
             ORDER BY k.created_at DESC, k.organisation_id",
        )
        .bind(user)
        .bind(fair)
        .bind(org.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        let booths = sqlx::query(
            "SELECT b.organisation_id, h.code AS hall_code, b.code FROM booths b JOIN halls h ON h.id = b.hall_id
             JOIN bookmarks k ON k.organisation_id = b.organisation_id AND k.fair_id = h.fair_id
             WHERE k.user_id = $1 AND h.fair_id = $2 ORDER BY h.code, b.code",
        )
        .bind(user)
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let org: OrgId = r.try_get("organisation_id")?;
            let mut at = Vec::new();
            for b in &booths {
                if b.try_get::<i64, _>("organisation_id")? == org {
                    at.push((b.try_get("hall_code")?, b.try_get("code")?));
                }
            }
            out.push(Bookmark {
                organisation_id: org,
                organisation_name: crate::codec::text(r, "name")?,
                booths: at,
                source: crate::codec::parsed(r, "source", Source::parse)?,
                note: r.try_get("note")?,
                tags: split_tags(&r.try_get::<String, _>("tags")?),
                visited_at: r.try_get("visited_at")?,
                created_at: r.try_get("created_at")?,
            });
        }
        Ok(out)
    }
}
