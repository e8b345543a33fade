//! Listings of all four markets, in one table.

use sc_domain::Location;
use sc_domain::listing::{Listing, ListingId, ListingInput, ListingStatus, Owner};
use sc_domain::market::{ListingKind, Market};
use sc_domain::person::UserId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::changes::{self, Entity};
use crate::codec::{columns, json, parsed, text, to_json};
use crate::query::Query;
use crate::{Page, PageRequest, Result, StorageError, Store, WriteTx, now_ms, touched};

/// Which listings to list. Every field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct ListingFilter {
    pub market: Option<Market>,
    pub kind: Option<ListingKind>,
    pub owner: Option<Owner>,
    /// Statuses to include; empty means published only.
    pub statuses: Vec<ListingStatus>,
    /// A classification code or its prefix (`85` finds `850440`).
    pub code_prefix: Option<String>,
    pub target_region: Option<Location>,
    /// Only listings of organisations with a booth at this fair.
    pub fair: Option<i64>,
}

const COLUMNS: &str = "id, owner_organisation, owner_user, kind, market, title_zh_hant, title_zh_hans, title_en, description_zh_hant, description_zh_hans, description_en, codes, target_regions, attributes, status, created_by, created_at, updated_at";

fn listing(row: &AnyRow) -> Result<Listing> {
    let org: Option<i64> = row.try_get("owner_organisation")?;
    let user: Option<i64> = row.try_get("owner_user")?;
    let owner = match (org, user) {
        (Some(o), None) => Owner::Organisation(o),
        (None, Some(u)) => Owner::Person(u),
        _ => return Err(StorageError::Corrupt("listing has no single owner".into())),
    };
    Ok(Listing {
        id: row.try_get("id")?,
        owner,
        kind: parsed(row, "kind", ListingKind::parse)?,
        market: parsed(row, "market", Market::parse)?,
        title: text(row, "title")?,
        description: text(row, "description")?,
        codes: json(row, "codes")?,
        target_regions: json(row, "target_regions")?,
        attributes: json(row, "attributes")?,
        status: parsed(row, "status", ListingStatus::parse)?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn owner_columns(owner: Owner) -> (Option<i64>, Option<i64>) {
    match owner {
        Owner::Organisation(o) => (Some(o), None),
        Owner::Person(u) => (None, Some(u)),
    }
}

/// Keeps the side tables the filters use (codes, target regions) in step with a listing.
async fn replace_lists(w: &mut WriteTx<'_>, id: ListingId, input: &ListingInput) -> Result<()> {
    for table in ["listing_codes", "listing_regions"] {
        // The table names are ours.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE listing_id = $1"
        )))
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
    }
    let codes: Vec<(i64, &str)> = input.codes.iter().map(|c| (id, c.as_str())).collect();
    crate::insert_pairs(w, "listing_codes (listing_id, code)", &codes).await?;
    let regions: Vec<(i64, &str)> = input
        .target_regions
        .iter()
        .map(|r| (id, r.code()))
        .collect();
    crate::insert_pairs(w, "listing_regions (listing_id, region)", &regions).await?;
    Ok(())
}

/// Binds a listing's content as the next twelve parameters, in the column order every INSERT
/// and UPDATE of listings shares (single and multi-row alike).
pub(crate) fn bind_content<'q>(
    q: crate::AnyQuery<'q>,
    input: &ListingInput,
) -> crate::AnyQuery<'q> {
    let [th, ts, te] = columns(&input.title);
    let [dh, ds, de] = columns(&input.description);
    q.bind(input.kind.code())
        .bind(input.kind.market().code())
        .bind(th)
        .bind(ts)
        .bind(te)
        .bind(dh)
        .bind(ds)
        .bind(de)
        .bind(to_json(&input.codes))
        .bind(to_json(&input.target_regions))
        .bind(to_json(&input.attributes))
        .bind(input.status.code())
}

/// Inserts a listing inside an open write.
pub(crate) async fn insert_listing(
    w: &mut WriteTx<'_>,
    owner: Owner,
    input: &ListingInput,
    created_by: UserId,
) -> Result<ListingId> {
    let (org, user) = owner_columns(owner);
    let row = bind_content(
        sqlx::query(
            "INSERT INTO listings (kind, market, title_zh_hant, title_zh_hans, title_en, description_zh_hant,
                description_zh_hans, description_en, codes, target_regions, attributes, status,
                owner_organisation, owner_user, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
        ),
        input,
    )
    .bind(org)
    .bind(user)
    .bind(created_by)
    .bind(now_ms())
    .fetch_one(&mut *w.tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    replace_lists(w, id, input).await?;
    changes::record(w, Entity::Listing(id)).await?;
    Ok(id)
}

/// Updates a listing's content inside an open write.
pub(crate) async fn update_listing_in(
    w: &mut WriteTx<'_>,
    id: ListingId,
    input: &ListingInput,
) -> Result<()> {
    let n = bind_content(
        sqlx::query(
            "UPDATE listings SET kind = $1, market = $2, title_zh_hant = $3, title_zh_hans = $4, title_en = $5,
            description_zh_hant = $6, description_zh_hans = $7, description_en = $8, codes = $9, target_regions = $10,
            attributes = $11, status = $12, updated_at = $13 WHERE id = $14",
        ),
        input,
    )
    .bind(now_ms())
    .bind(id)
    .execute(&mut *w.tx)
    .await?
    .rows_affected();
    touched(n)?;
    replace_lists(w, id, input).await?;
    changes::record(w, Entity::Listing(id)).await
}

impl Store {
    pub async fn create_listing(
        &self,
        owner: Owner,
        input: &ListingInput,
        created_by: UserId,
    ) -> Result<Listing> {
        let mut w = self.write().await?;
        let id = insert_listing(&mut w, owner, input, created_by).await?;
        w.commit().await?;
        self.listing(id).await
    }

    pub async fn listing(&self, id: ListingId) -> Result<Listing> {
        let sql = format!("SELECT {COLUMNS} FROM listings WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        listing(&row)
    }

    /// Replaces a listing's content; its owner and creator stay.
    pub async fn update_listing(&self, id: ListingId, input: &ListingInput) -> Result<Listing> {
        let mut w = self.write().await?;
        update_listing_in(&mut w, id, input).await?;
        w.commit().await?;
        self.listing(id).await
    }

    pub async fn delete_listing(&self, id: ListingId) -> Result<()> {
        self.delete_row("listings", id, Entity::Listing(id)).await
    }

    /// Listings matching `f`, newest first.
    pub async fn list_listings(
        &self,
        f: &ListingFilter,
        page: PageRequest,
    ) -> Result<Page<Listing>> {
        let mut q = Query::new(" FROM listings l WHERE 1 = 1");
        if let Some(m) = f.market {
            q.push(" AND l.market = ").bind(m.code());
        }
        if let Some(k) = f.kind {
            q.push(" AND l.kind = ").bind(k.code());
        }
        match f.owner {
            Some(Owner::Organisation(o)) => {
                q.push(" AND l.owner_organisation = ").bind(o);
            }
            Some(Owner::Person(u)) => {
                q.push(" AND l.owner_user = ").bind(u);
            }
            None => {}
        }
        let statuses = if f.statuses.is_empty() {
            vec![ListingStatus::Published]
        } else {
            f.statuses.clone()
        };
        q.push(" AND l.status IN (");
        for (i, s) in statuses.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(s.code());
        }
        q.push(")");
        if let Some(prefix) = &f.code_prefix {
            q.push(" AND l.id IN (");
            codes_with_prefix(&mut q, prefix);
            q.push(")");
        }
        if let Some(r) = f.target_region {
            q.push(" AND l.id IN (");
            listings_for_region(&mut q, r);
            q.push(")");
        }
        if let Some(fair) = f.fair {
            q.push(" AND l.owner_organisation IN (SELECT b.organisation_id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = ").bind(fair).push(")");
        }
        self.fetch_page(q, "l", COLUMNS, "l.id DESC", page, listing)
            .await
    }
}

/// `SELECT listing_id FROM listing_regions` for listings aimed at `region`: answered from the
/// (region, listing_id) index on both engines.
fn listings_for_region(q: &mut crate::query::Query, region: sc_domain::Location) {
    q.push("SELECT listing_id FROM listing_regions WHERE region = ")
        .bind(region.code());
}

/// `SELECT listing_id FROM listing_codes` for codes that begin with `prefix`, as a range
/// (`code >= '85' AND code < '86'`). Both engines answer a range from the (code, listing_id)
/// index; `LIKE '85%'` is not (SQLite scans, PostgreSQL filters the whole index unless the
/// index is built with `text_pattern_ops`), and `LIKE` differs in case between them.
fn codes_with_prefix(q: &mut crate::query::Query, prefix: &str) {
    q.push("SELECT listing_id FROM listing_codes WHERE code >= ")
        .bind(prefix.to_string());
    if let Some(next) = prefix_successor(prefix) {
        q.push(" AND code < ").bind(next);
    }
}

/// The smallest string greater than every string that starts with `prefix`: the prefix with
/// its last character moved on by one (`85` → `86`); `None` when there is none (empty prefix).
fn prefix_successor(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(last as u32 + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

impl Store {
    /// How the engine answers "listings with a code beginning with `prefix`": its query plan.
    #[cfg(feature = "testing")]
    pub async fn code_prefix_plan(&self, prefix: &str) -> Result<String> {
        let mut q = crate::query::Query::new("");
        codes_with_prefix(&mut q, prefix);
        self.plan_of(q).await
    }

    /// How the engine answers "listings aimed at `region`": its query plan.
    #[cfg(feature = "testing")]
    pub async fn region_plan(&self, region: sc_domain::Location) -> Result<String> {
        let mut q = crate::query::Query::new("");
        listings_for_region(&mut q, region);
        self.plan_of(q).await
    }

    /// How the engine answers "organisations serving `market`": its query plan.
    #[cfg(feature = "testing")]
    pub async fn serves_plan(&self, market: sc_domain::Location) -> Result<String> {
        let mut q = crate::query::Query::new("");
        crate::organisations::organisations_serving(&mut q, market);
        self.plan_of(q).await
    }

    /// The engine's plan for a query, as text. With sequential scans discouraged on PostgreSQL
    /// (a small test table would otherwise be scanned whatever the indexes), so the plan shows
    /// whether an index can answer the condition at all.
    #[cfg(feature = "testing")]
    async fn plan_of(&self, q: crate::query::Query) -> Result<String> {
        use sqlx::Row;
        let mut conn = self.pool.acquire().await?;
        let explain = match self.engine {
            crate::Engine::Sqlite => "EXPLAIN QUERY PLAN ",
            crate::Engine::Postgres => {
                sqlx::query("SET enable_seqscan = off")
                    .execute(&mut *conn)
                    .await?;
                "EXPLAIN "
            }
        };
        // Values are bound; the text is ours (the EXPLAIN keyword and the fragments above).
        let rows = sqlx::query_with(
            sqlx::AssertSqlSafe(format!("{explain}{}", q.sql)),
            q.arguments(),
        )
        .fetch_all(&mut *conn)
        .await?;
        if self.engine == crate::Engine::Postgres {
            sqlx::query("RESET enable_seqscan")
                .execute(&mut *conn)
                .await?;
        }
        let mut out = vec![];
        for r in rows {
            // SQLite: (id, parent, notused, detail); PostgreSQL: one text column.
            let line: String = match self.engine {
                crate::Engine::Sqlite => r.try_get(3)?,
                crate::Engine::Postgres => r.try_get(0)?,
            };
            out.push(line);
        }
        Ok(out.join("\n"))
    }

    /// Every listing with id above `after`, by id, at most `limit`: for walking the whole table.
    pub async fn listings_after(&self, after: ListingId, limit: i64) -> Result<Vec<Listing>> {
        let sql = format!("SELECT {COLUMNS} FROM listings WHERE id > $1 ORDER BY id LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(listing).collect()
    }

    pub async fn count_listings(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM listings")
            .fetch_one(self.pool())
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_successor;

    #[test]
    fn a_prefix_range_ends_where_the_prefix_does() {
        assert_eq!(prefix_successor("85").as_deref(), Some("86"));
        assert_eq!(prefix_successor("8509").as_deref(), Some("850:"));
        assert_eq!(prefix_successor("ISIC").as_deref(), Some("ISID"));
        assert_eq!(prefix_successor(""), None);
        for code in ["85", "850440", "8599999999"] {
            assert!(("85".."86").contains(&code));
        }
        assert!("86" >= "86" && "8" < "85");
    }
}
