//! Figures for a fair's organiser: scans over time, the busiest booths, who the buyers are,
//! and how activity at the venue compares with activity online.

use std::collections::HashMap;

use sc_domain::fair::FairId;
use sc_domain::{Language, LocalizedText, Location};
use sqlx::Row;

use crate::bookmarks::Source;
use crate::codec::{location, parsed};
use crate::{Result, Store};

#[derive(Debug, Clone)]
pub struct TopBooth {
    pub hall_code: String,
    pub booth_code: String,
    pub organisation_name: Option<LocalizedText>,
    pub scans: i64,
}

#[derive(Debug, Clone, Default)]
pub struct FairStats {
    pub scans: i64,
    /// Distinct signed-in visitors who scanned a code.
    pub scanning_visitors: i64,
    /// (hour start in ms since the epoch, scans), in time order.
    pub scans_by_hour: Vec<(i64, i64)>,
    pub top_booths: Vec<TopBooth>,
    /// Buyers with a lead at this fair, by where they are.
    pub buyers_by_location: Vec<(Location, i64)>,
    pub buyers_by_language: Vec<(Language, i64)>,
    /// Bookmarks made at booths and online.
    pub bookmarks: HashMap<&'static str, i64>,
    /// Contact requests sent.
    pub contact_requests: i64,
    /// (day start in ms, bookmarks at booths, bookmarks online).
    pub bookmarks_by_day: Vec<(i64, i64, i64)>,
}

const HOUR: i64 = 3_600_000;
const DAY: i64 = 86_400_000;

impl Store {
    /// `offset_ms` shifts hour and day boundaries to the venue's time zone.
    pub async fn fair_stats(&self, fair: FairId, offset_ms: i64) -> Result<FairStats> {
        self.fair(fair).await?;
        let mut s = FairStats::default();
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS v FROM scans WHERE fair_id = $1",
        )
        .bind(fair)
        .fetch_one(self.pool())
        .await?;
        s.scans = r.try_get("n")?;
        s.scanning_visitors = r.try_get("v")?;
        for r in sqlx::query("SELECT (at + $1) / $2 AS bucket, COUNT(*) AS n FROM scans WHERE fair_id = $3 GROUP BY (at + $1) / $2 ORDER BY bucket")
            .bind(offset_ms)
            .bind(HOUR)
            .bind(fair)
            .fetch_all(self.pool())
            .await?
        {
            s.scans_by_hour.push((r.try_get::<i64, _>("bucket")? * HOUR - offset_ms, r.try_get("n")?));
        }
        for r in sqlx::query(
            "SELECT h.code AS hall_code, b.code, o.name_zh_hant, o.name_zh_hans, o.name_en, b.organisation_id, x.n
             FROM (SELECT booth_id, COUNT(*) AS n FROM scans WHERE fair_id = $1 GROUP BY booth_id) x
             JOIN booths b ON b.id = x.booth_id JOIN halls h ON h.id = b.hall_id
             LEFT JOIN organisations o ON o.id = b.organisation_id
             ORDER BY x.n DESC, h.code, b.code LIMIT 10",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        {
            let org: Option<i64> = r.try_get("organisation_id")?;
            s.top_booths.push(TopBooth {
                hall_code: r.try_get("hall_code")?,
                booth_code: r.try_get("code")?,
                organisation_name: match org {
                    Some(_) => Some(crate::codec::text(&r, "name")?),
                    None => None,
                },
                scans: r.try_get("n")?,
            });
        }
        let buyers = sqlx::query(
            "SELECT u.location, u.preferred_language FROM users u
             WHERE u.id IN (SELECT user_id FROM leads WHERE fair_id = $1)",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let mut by_loc: HashMap<Location, i64> = HashMap::new();
        let mut by_lang: HashMap<Language, i64> = HashMap::new();
        for r in &buyers {
            *by_loc.entry(location(r, "location")?).or_default() += 1;
            *by_lang
                .entry(parsed(r, "preferred_language", Language::from_tag)?)
                .or_default() += 1;
        }
        s.buyers_by_location = by_loc.into_iter().collect();
        s.buyers_by_location
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code())));
        s.buyers_by_language = by_lang.into_iter().collect();
        s.buyers_by_language
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code())));
        let mut days: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
        for r in sqlx::query("SELECT source, (created_at + $1) / $2 AS bucket, COUNT(*) AS n FROM bookmarks WHERE fair_id = $3 GROUP BY source, (created_at + $1) / $2")
            .bind(offset_ms)
            .bind(DAY)
            .bind(fair)
            .fetch_all(self.pool())
            .await?
        {
            let source = parsed(&r, "source", Source::parse)?;
            let n: i64 = r.try_get("n")?;
            let day = r.try_get::<i64, _>("bucket")? * DAY - offset_ms;
            *s.bookmarks.entry(source.code()).or_default() += n;
            let e = days.entry(day).or_default();
            match source {
                Source::Scan => e.0 += n,
                Source::Online => e.1 += n,
            }
        }
        s.bookmarks_by_day = days.into_iter().map(|(d, (a, b))| (d, a, b)).collect();
        s.contact_requests =
            sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE fair_id = $1 AND message <> ''")
                .bind(fair)
                .fetch_one(self.pool())
                .await?;
        Ok(s)
    }
}
