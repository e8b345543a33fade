//! Writing an organiser's exhibitor sheet: all rows in one transaction (a failure anywhere
//! leaves the database as it was), and rows already imported for this fair, recognised by the
//! organiser's reference, updated rather than duplicated.

use sc_domain::ErrorCode;
use sc_domain::LocalizedText;
use sc_domain::fair::FairId;
use sc_domain::organisation::{OrgId, OrganisationInput};
use sc_domain::person::OrgRole;

use crate::changes::{self, Entity};
use crate::{Result, StorageError, Store};

/// One exhibitor to place at a booth.
#[derive(Debug, Clone)]
pub struct NewExhibitor {
    pub reference: String,
    pub hall: String,
    pub booth: String,
    pub organisation: OrganisationInput,
    /// An account with this e-mail becomes the organisation's administrator (if it exists).
    pub contact_email: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub halls_created: usize,
    pub administrators_linked: usize,
}

impl Store {
    /// Imports exhibitors of `fair` all-or-nothing; `progress` is called after each row.
    /// `dry_run` does all the work and rolls it back, so it finds every problem a real run
    /// would (a booth already someone else's, say) and writes nothing.
    pub async fn import_exhibitors(
        &self,
        fair: FairId,
        rows: &[NewExhibitor],
        hall_name: &(dyn Fn(&str) -> LocalizedText + Sync),
        dry_run: bool,
        mut progress: impl FnMut(usize),
    ) -> Result<ImportSummary> {
        self.fair(fair).await?;
        let mut w = self.write().await?;
        let mut sum = ImportSummary::default();
        for (i, row) in rows.iter().enumerate() {
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT organisation_id FROM fair_exhibitors WHERE fair_id = $1 AND reference = $2",
            )
            .bind(fair)
            .bind(row.reference.clone())
            .fetch_optional(&mut *w.tx)
            .await?;
            let org: OrgId = match existing {
                Some(id) => {
                    crate::organisations::update_organisation_in(&mut w, id, &row.organisation)
                        .await?;
                    sum.updated += 1;
                    id
                }
                None => {
                    // The organiser vouches for the exhibitors it imports.
                    let id = crate::organisations::insert_organisation(
                        &mut w,
                        &row.organisation,
                        None,
                        true,
                    )
                    .await?;
                    sqlx::query("INSERT INTO fair_exhibitors (fair_id, reference, organisation_id) VALUES ($1, $2, $3)")
                        .bind(fair)
                        .bind(row.reference.clone())
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                    sum.created += 1;
                    id
                }
            };
            let hall: Option<i64> =
                sqlx::query_scalar("SELECT id FROM halls WHERE fair_id = $1 AND code = $2")
                    .bind(fair)
                    .bind(row.hall.clone())
                    .fetch_optional(&mut *w.tx)
                    .await?;
            let hall = match hall {
                Some(h) => h,
                None => {
                    sum.halls_created += 1;
                    let name = hall_name(&row.hall);
                    sqlx::query_scalar("INSERT INTO halls (fair_id, code, name_zh_hant, name_zh_hans, name_en) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                        .bind(fair)
                        .bind(row.hall.clone())
                        .bind(name.zh_hant)
                        .bind(name.zh_hans)
                        .bind(name.en)
                        .fetch_one(&mut *w.tx)
                        .await?
                }
            };
            // An exhibitor moved to another booth leaves its old one.
            sqlx::query("UPDATE booths SET organisation_id = NULL WHERE organisation_id = $1 AND hall_id IN (SELECT id FROM halls WHERE fair_id = $2)")
                .bind(org)
                .bind(fair)
                .execute(&mut *w.tx)
                .await?;
            let booth: Option<(i64, Option<i64>)> = {
                use sqlx::Row;
                sqlx::query(
                    "SELECT id, organisation_id FROM booths WHERE hall_id = $1 AND code = $2",
                )
                .bind(hall)
                .bind(row.booth.clone())
                .fetch_optional(&mut *w.tx)
                .await?
                .map(|r| -> Result<(i64, Option<i64>)> {
                    Ok((r.try_get("id")?, r.try_get("organisation_id")?))
                })
                .transpose()?
            };
            match booth {
                Some((_, Some(other))) if other != org => {
                    return Err(StorageError::Conflict {
                        code: ErrorCode::BoothTaken,
                        message: format!(
                            "booth {} is already another exhibitor's (row {})",
                            row.booth,
                            i + 1
                        ),
                    });
                }
                Some((id, _)) => {
                    sqlx::query("UPDATE booths SET organisation_id = $1 WHERE id = $2")
                        .bind(org)
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO booths (hall_id, code, organisation_id) VALUES ($1, $2, $3)",
                    )
                    .bind(hall)
                    .bind(row.booth.clone())
                    .bind(org)
                    .execute(&mut *w.tx)
                    .await?;
                }
            }
            changes::record(&mut w, Entity::Organisation(org)).await?;
            if let Some(email) = &row.contact_email {
                let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                    .bind(email.clone())
                    .fetch_optional(&mut *w.tx)
                    .await?;
                if let Some(user) = user {
                    let member: Option<String> = sqlx::query_scalar(
                        "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
                    )
                    .bind(org)
                    .bind(user)
                    .fetch_optional(&mut *w.tx)
                    .await?;
                    if member.is_none() {
                        crate::organisations::insert_membership(&mut w, org, user, OrgRole::Admin)
                            .await?;
                        sum.administrators_linked += 1;
                    }
                }
            }
            progress(i + 1);
        }
        if dry_run {
            w.tx.rollback().await?;
        } else {
            w.commit().await?;
        }
        Ok(sum)
    }
}

/// One product to import, tied to an exhibitor already imported for the fair.
#[derive(Debug, Clone)]
pub struct NewProduct {
    /// Line in the organiser's file, for error messages.
    pub line: u64,
    pub exhibitor: String,
    pub reference: String,
    pub listing: sc_domain::listing::ListingInput,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProductSummary {
    pub created: usize,
    pub updated: usize,
}

impl Store {
    /// Imports products of `fair` all-or-nothing. Every product's exhibitor reference must be
    /// one imported for this fair; otherwise nothing is written and the lines are named.
    /// `dry_run` does all the work and rolls it back, so it finds every problem a real run would.
    pub async fn import_products(
        &self,
        fair: FairId,
        rows: &[NewProduct],
        created_by: sc_domain::person::UserId,
        dry_run: bool,
        mut progress: impl FnMut(usize),
    ) -> Result<ProductSummary> {
        use sqlx::Row;
        self.fair(fair).await?;
        let mut w = self.write().await?;
        let exhibitors: std::collections::HashMap<String, OrgId> = sqlx::query(
            "SELECT reference, organisation_id FROM fair_exhibitors WHERE fair_id = $1",
        )
        .bind(fair)
        .fetch_all(&mut *w.tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("reference")?, r.try_get("organisation_id")?)))
        .collect::<Result<_>>()?;
        let unknown: Vec<String> = rows
            .iter()
            .filter(|r| !exhibitors.contains_key(&r.exhibitor))
            .take(20)
            .map(|r| format!("line {}: {:?}", r.line, r.exhibitor))
            .collect();
        if !unknown.is_empty() {
            return Err(StorageError::Conflict {
                code: ErrorCode::UnknownExhibitor,
                message: format!(
                    "exhibitor references not in this fair's exhibitor list: {}",
                    unknown.join("; ")
                ),
            });
        }
        let existing: std::collections::HashMap<(String, String), i64> =
            sqlx::query("SELECT exhibitor_reference, reference, listing_id FROM fair_products WHERE fair_id = $1")
                .bind(fair)
                .fetch_all(&mut *w.tx)
                .await?
                .iter()
                .map(|r| {
                    Ok((
                        (r.try_get("exhibitor_reference")?, r.try_get("reference")?),
                        r.try_get("listing_id")?,
                    ))
                })
                .collect::<Result<_>>()?;
        let mut sum = ProductSummary::default();
        let mut done = 0;
        // New products: ids reserved up front, then multi-row inserts of listings, their codes,
        // the organiser's references and the search change log, a chunk at a time.
        let fresh: Vec<&NewProduct> = rows
            .iter()
            .filter(|r| !existing.contains_key(&(r.exhibitor.clone(), r.reference.clone())))
            .collect();
        // The same product twice in one sheet is refused by the reader; here, keep the first.
        let mut seen = std::collections::HashSet::new();
        let fresh: Vec<&NewProduct> = fresh
            .into_iter()
            .filter(|r| seen.insert((r.exhibitor.as_str(), r.reference.as_str())))
            .collect();
        let ids = reserve_listing_ids(&mut w, fresh.len()).await?;
        let at = crate::now_ms();
        let per = crate::rows_per_statement(w.engine, 18);
        for (chunk, ids) in fresh.chunks(per).zip(ids.chunks(per)) {
            insert_listings(&mut w, chunk, ids, &exhibitors, created_by, at).await?;
            let refs: Vec<(String, String, i64)> = chunk
                .iter()
                .zip(ids)
                .map(|(r, id)| (r.exhibitor.clone(), r.reference.clone(), *id))
                .collect();
            insert_fair_products(&mut w, fair, &refs).await?;
            let codes: Vec<(i64, &str)> = chunk
                .iter()
                .zip(ids)
                .flat_map(|(r, id)| r.listing.codes.iter().map(move |c| (*id, c.as_str())))
                .collect();
            crate::insert_pairs(&mut w, "listing_codes (listing_id, code)", &codes).await?;
            let regions: Vec<(i64, &str)> = chunk
                .iter()
                .zip(ids)
                .flat_map(|(r, id)| {
                    r.listing
                        .target_regions
                        .iter()
                        .map(move |l| (*id, l.code()))
                })
                .collect();
            crate::insert_pairs(&mut w, "listing_regions (listing_id, region)", &regions).await?;
            let changes: Vec<Entity> = ids.iter().map(|id| Entity::Listing(*id)).collect();
            changes::record_many(&mut w, &changes).await?;
            sum.created += chunk.len();
            done += chunk.len();
            progress(done);
        }
        // Products seen before: updated in place, a chunk per statement (a second import).
        let seen_before: Vec<(i64, &NewProduct)> = rows
            .iter()
            .filter_map(|r| {
                existing
                    .get(&(r.exhibitor.clone(), r.reference.clone()))
                    .map(|id| (*id, r))
            })
            .collect();
        for chunk in seen_before.chunks(crate::rows_per_statement(w.engine, 13)) {
            update_listings(&mut w, chunk, at).await?;
            let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
            for table in ["listing_codes", "listing_regions"] {
                // The table names are ours; the ids are bound.
                let mut q =
                    crate::query::Query::new(&format!("DELETE FROM {table} WHERE listing_id IN "));
                q.bind_list(&ids);
                sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
                    .execute(&mut *w.tx)
                    .await?;
            }
            let codes: Vec<(i64, &str)> = chunk
                .iter()
                .flat_map(|(id, r)| r.listing.codes.iter().map(move |c| (*id, c.as_str())))
                .collect();
            crate::insert_pairs(&mut w, "listing_codes (listing_id, code)", &codes).await?;
            let regions: Vec<(i64, &str)> = chunk
                .iter()
                .flat_map(|(id, r)| {
                    r.listing
                        .target_regions
                        .iter()
                        .map(move |l| (*id, l.code()))
                })
                .collect();
            crate::insert_pairs(&mut w, "listing_regions (listing_id, region)", &regions).await?;
            let changes: Vec<Entity> = ids.iter().map(|id| Entity::Listing(*id)).collect();
            changes::record_many(&mut w, &changes).await?;
            sum.updated += chunk.len();
            done += chunk.len();
            progress(done);
        }
        progress(rows.len());
        if dry_run {
            w.tx.rollback().await?;
        } else {
            w.commit().await?;
        }
        Ok(sum)
    }
}

/// Ids for `n` new listings, taken before inserting so rows and ids pair up without relying
/// on the order of `RETURNING`. PostgreSQL hands them out from the identity sequence (safe
/// beside other writers); SQLite has one writer, which holds the lock here.
async fn reserve_listing_ids(w: &mut crate::WriteTx<'_>, n: usize) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(vec![]);
    }
    match w.engine {
        crate::Engine::Postgres => Ok(sqlx::query_scalar(
            "SELECT nextval(pg_get_serial_sequence('listings', 'id')) FROM generate_series(1, $1)",
        )
        .bind(n as i64)
        .fetch_all(&mut *w.tx)
        .await?),
        crate::Engine::Sqlite => {
            let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM listings")
                .fetch_one(&mut *w.tx)
                .await?;
            Ok((1..=n as i64).map(|k| max + k).collect())
        }
    }
}

async fn insert_listings(
    w: &mut crate::WriteTx<'_>,
    rows: &[&NewProduct],
    ids: &[i64],
    exhibitors: &std::collections::HashMap<String, OrgId>,
    created_by: sc_domain::person::UserId,
    at: i64,
) -> Result<()> {
    const COLS: usize = 18;
    let values = crate::values_list(rows.len(), COLS, "");
    let sql = format!(
        "INSERT INTO listings (id, kind, market, title_zh_hant, title_zh_hans, title_en, description_zh_hant,
            description_zh_hans, description_en, codes, target_regions, attributes, status,
            owner_organisation, owner_user, created_by, created_at, updated_at) VALUES {}",
        values
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (r, id) in rows.iter().zip(ids) {
        q = crate::listings::bind_content(q.bind(*id), &r.listing)
            .bind(exhibitors[&r.exhibitor])
            .bind(None::<i64>)
            .bind(created_by)
            .bind(at)
            .bind(at);
    }
    q.execute(&mut *w.tx).await?;
    Ok(())
}

/// Updates listings' content from (id, product) pairs in one statement.
async fn update_listings(
    w: &mut crate::WriteTx<'_>,
    rows: &[(i64, &NewProduct)],
    at: i64,
) -> Result<()> {
    const COLS: usize = 13;
    let values = crate::values_list(rows.len(), COLS, "");
    let sql = format!(
        "UPDATE listings SET kind = v.column2, market = v.column3, title_zh_hant = v.column4,
            title_zh_hans = v.column5, title_en = v.column6, description_zh_hant = v.column7,
            description_zh_hans = v.column8, description_en = v.column9, codes = v.column10,
            target_regions = v.column11, attributes = v.column12, status = v.column13,
            updated_at = ${}
         FROM (VALUES {}) AS v WHERE listings.id = v.column1",
        rows.len() * COLS + 1,
        values
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, r) in rows {
        q = crate::listings::bind_content(q.bind(*id), &r.listing);
    }
    q.bind(at).execute(&mut *w.tx).await?;
    Ok(())
}

async fn insert_fair_products(
    w: &mut crate::WriteTx<'_>,
    fair: FairId,
    refs: &[(String, String, i64)],
) -> Result<()> {
    for chunk in refs.chunks(crate::rows_per_statement(w.engine, 4)) {
        let values = crate::values_list(chunk.len(), 4, "");
        let sql = format!(
            "INSERT INTO fair_products (fair_id, exhibitor_reference, reference, listing_id) VALUES {}",
            values
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (e, r, id) in chunk {
            q = q.bind(fair).bind(e.clone()).bind(r.clone()).bind(*id);
        }
        q.execute(&mut *w.tx).await?;
    }
    Ok(())
}
