//! Writing an organiser's exhibitor sheet: all rows in one transaction (a failure anywhere
//! leaves the database as it was), and rows already imported for this fair, recognised by the
//! organiser's reference, updated rather than duplicated.

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
                    let name = LocalizedText::new(
                        &format!("展館 {}", row.hall),
                        &format!("展馆 {}", row.hall),
                        &format!("Hall {}", row.hall),
                    );
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
                        code: "booth_taken",
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
                code: "unknown_exhibitor",
                message: format!(
                    "exhibitor references not in this fair's exhibitor list: {}",
                    unknown.join("; ")
                ),
            });
        }
        let mut existing: std::collections::HashMap<(String, String), i64> =
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
        for (i, row) in rows.iter().enumerate() {
            let key = (row.exhibitor.clone(), row.reference.clone());
            match existing.get(&key) {
                Some(&id) => {
                    crate::listings::update_listing_in(&mut w, id, &row.listing).await?;
                    sum.updated += 1;
                }
                None => {
                    let org = exhibitors[&row.exhibitor];
                    let id = crate::listings::insert_listing(
                        &mut w,
                        sc_domain::listing::Owner::Organisation(org),
                        &row.listing,
                        created_by,
                    )
                    .await?;
                    sqlx::query("INSERT INTO fair_products (fair_id, exhibitor_reference, reference, listing_id) VALUES ($1, $2, $3, $4)")
                        .bind(fair)
                        .bind(row.exhibitor.clone())
                        .bind(row.reference.clone())
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                    existing.insert(key, id);
                    sum.created += 1;
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
