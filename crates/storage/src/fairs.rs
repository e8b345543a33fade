//! Fairs, halls and booths (first cut), and [`Batch`], an all-or-nothing bulk writer used by
//! the demo loader and, later, spreadsheet imports.

use sc_domain::ErrorCode;
use sc_domain::LocalizedText;
use sc_domain::fair::{Booth, BoothId, Fair, FairId, FairInput, Hall, HallId};
use sc_domain::listing::{ListingId, ListingInput, Owner};
use sc_domain::organisation::{OrgId, OrganisationInput};
use sc_domain::person::{OrgRole, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codec::{columns, text};
use crate::users::NewUser;
use crate::{Result, StorageError, Store, WriteTx, now_ms, on_unique};

#[derive(Debug, Clone)]
pub struct NewHall {
    pub code: String,
    pub name: LocalizedText,
}

#[derive(Debug, Clone)]
pub struct NewBooth {
    pub code: String,
    pub organisation_id: Option<OrgId>,
}

/// A booth with what a visitor needs to find it.
#[derive(Debug, Clone)]
pub struct BoothView {
    pub booth: Booth,
    pub hall_code: String,
    pub hall_name: LocalizedText,
    pub fair_id: FairId,
    pub organisation_name: Option<LocalizedText>,
}

/// Where an exhibitor stands at a fair: what a search result shows so a buyer can walk there.
#[derive(Debug, Clone, PartialEq)]
pub struct Stand {
    pub organisation_id: OrgId,
    pub fair_id: FairId,
    pub fair_name: LocalizedText,
    pub starts_on: String,
    pub ends_on: String,
    pub time_zone: String,
    pub hall_code: String,
    pub hall_name: LocalizedText,
    pub booth_code: String,
}

const FAIR_COLUMNS: &str = "id, name_zh_hant, name_zh_hans, name_en, venue_zh_hant, venue_zh_hans, venue_en, starts_on, ends_on, online_until, time_zone";

fn fair(row: &AnyRow) -> Result<Fair> {
    Ok(Fair {
        id: row.try_get("id")?,
        name: text(row, "name")?,
        venue: text(row, "venue")?,
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        online_until: row.try_get("online_until")?,
        time_zone: row.try_get("time_zone")?,
    })
}

async fn insert_fair(w: &mut WriteTx<'_>, input: &FairInput, slug: Option<&str>) -> Result<FairId> {
    let [nh, ns, ne] = columns(&input.name);
    let [vh, vs, ve] = columns(&input.venue);
    sqlx::query_scalar(
        "INSERT INTO fairs (slug, name_zh_hant, name_zh_hans, name_en, venue_zh_hant, venue_zh_hans, venue_en, starts_on, ends_on, online_until, time_zone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(slug.map(str::to_string))
    .bind(nh)
    .bind(ns)
    .bind(ne)
    .bind(vh)
    .bind(vs)
    .bind(ve)
    .bind(input.starts_on.clone())
    .bind(input.ends_on.clone())
    .bind(input.online_until.clone())
    .bind(input.time_zone.clone())
    .bind(now_ms())
    .fetch_one(&mut *w.tx)
    .await
    .map_err(on_unique(ErrorCode::SlugTaken, "a fair with this slug exists"))
}

impl Store {
    pub async fn create_fair(&self, input: &FairInput) -> Result<Fair> {
        let mut w = self.write().await?;
        let id = insert_fair(&mut w, input, None).await?;
        w.commit().await?;
        self.fair(id).await
    }

    /// Creates a fair and its halls in one transaction.
    pub async fn create_fair_with_halls(
        &self,
        input: &FairInput,
        halls: &[NewHall],
    ) -> Result<Fair> {
        let mut w = self.write().await?;
        let id = insert_fair(&mut w, input, None).await?;
        for h in halls {
            let [nh, ns, ne] = columns(&h.name);
            sqlx::query("INSERT INTO halls (fair_id, code, name_zh_hant, name_zh_hans, name_en) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(h.code.clone())
                .bind(nh)
                .bind(ns)
                .bind(ne)
                .execute(&mut *w.tx)
                .await
                .map_err(on_unique(ErrorCode::HallCodeTaken, "two halls have the same code"))?;
        }
        w.commit().await?;
        self.fair(id).await
    }

    pub async fn fair(&self, id: FairId) -> Result<Fair> {
        let sql = format!("SELECT {FAIR_COLUMNS} FROM fairs WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        fair(&row)
    }

    pub async fn fair_id_by_slug(&self, slug: &str) -> Result<Option<FairId>> {
        Ok(sqlx::query_scalar("SELECT id FROM fairs WHERE slug = $1")
            .bind(slug.to_string())
            .fetch_optional(self.pool())
            .await?)
    }

    /// All fairs, latest first.
    pub async fn fairs(&self) -> Result<Vec<Fair>> {
        let sql = format!("SELECT {FAIR_COLUMNS} FROM fairs ORDER BY starts_on DESC, id DESC");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(fair)
            .collect()
    }

    pub async fn halls(&self, fair_id: FairId) -> Result<Vec<Hall>> {
        let rows = sqlx::query("SELECT id, fair_id, code, name_zh_hant, name_zh_hans, name_en FROM halls WHERE fair_id = $1 ORDER BY code")
            .bind(fair_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Hall {
                    id: r.try_get("id")?,
                    fair_id: r.try_get("fair_id")?,
                    code: r.try_get("code")?,
                    name: text(r, "name")?,
                })
            })
            .collect()
    }

    /// Booths of a fair (or, with `organisation`, of one exhibitor at any fair), by hall and code.
    pub async fn booths(
        &self,
        fair_id: Option<FairId>,
        organisation: Option<OrgId>,
    ) -> Result<Vec<BoothView>> {
        let rows = sqlx::query(
            "SELECT b.id, b.hall_id, b.code, b.organisation_id, h.code AS hall_code, h.fair_id,
                    h.name_zh_hant AS hall_zh_hant, h.name_zh_hans AS hall_zh_hans, h.name_en AS hall_en,
                    o.name_zh_hant AS org_zh_hant, o.name_zh_hans AS org_zh_hans, o.name_en AS org_en
             FROM booths b JOIN halls h ON h.id = b.hall_id LEFT JOIN organisations o ON o.id = b.organisation_id
             WHERE ($1 = 0 OR h.fair_id = $1) AND ($2 = 0 OR b.organisation_id = $2)
             ORDER BY h.code, b.code",
        )
        .bind(fair_id.unwrap_or(0))
        .bind(organisation.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let org_id: Option<i64> = r.try_get("organisation_id")?;
                Ok(BoothView {
                    booth: Booth {
                        id: r.try_get("id")?,
                        hall_id: r.try_get("hall_id")?,
                        code: r.try_get("code")?,
                        organisation_id: org_id,
                    },
                    hall_code: r.try_get("hall_code")?,
                    hall_name: text(r, "hall")?,
                    fair_id: r.try_get("fair_id")?,
                    organisation_name: if org_id.is_some() {
                        Some(text(r, "org")?)
                    } else {
                        None
                    },
                })
            })
            .collect()
    }

    /// The organisations owning these listings (listings of a person are left out).
    pub async fn listing_owners(
        &self,
        ids: &[ListingId],
    ) -> Result<std::collections::HashMap<ListingId, OrgId>> {
        let mut out = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = crate::query::Query::new(
            "SELECT id, owner_organisation FROM listings WHERE owner_organisation IS NOT NULL AND id IN ",
        );
        q.bind_list(ids);
        for r in sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?
        {
            out.insert(r.try_get("id")?, r.try_get("owner_organisation")?);
        }
        Ok(out)
    }

    /// The booths of these organisations: at `fair` only, or else at fairs whose last day is
    /// `from` (`YYYY-MM-DD`) or later; soonest fair first, then by hall and booth.
    pub async fn stands(
        &self,
        orgs: &[OrgId],
        fair: Option<FairId>,
        from: &str,
    ) -> Result<Vec<Stand>> {
        if orgs.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::query::Query::new(
            "SELECT b.organisation_id, b.code, h.code AS hall_code, h.fair_id,
                    h.name_zh_hant AS hall_zh_hant, h.name_zh_hans AS hall_zh_hans, h.name_en AS hall_en,
                    f.name_zh_hant AS fair_zh_hant, f.name_zh_hans AS fair_zh_hans, f.name_en AS fair_en,
                    f.starts_on, f.ends_on, f.time_zone
             FROM booths b JOIN halls h ON h.id = b.hall_id JOIN fairs f ON f.id = h.fair_id
             WHERE b.organisation_id IN ",
        );
        q.bind_list(orgs);
        match fair {
            Some(id) => q.push(" AND f.id = ").bind(id),
            None => q.push(" AND f.ends_on >= ").bind(from),
        };
        q.push(" ORDER BY f.starts_on, f.id, h.code, b.code");
        sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(Stand {
                    organisation_id: r.try_get("organisation_id")?,
                    fair_id: r.try_get("fair_id")?,
                    fair_name: text(r, "fair")?,
                    starts_on: r.try_get("starts_on")?,
                    ends_on: r.try_get("ends_on")?,
                    time_zone: r.try_get("time_zone")?,
                    hall_code: r.try_get("hall_code")?,
                    hall_name: text(r, "hall")?,
                    booth_code: r.try_get("code")?,
                })
            })
            .collect()
    }

    /// Opens an all-or-nothing bulk write: nothing is visible until [`Batch::commit`], and
    /// dropping the batch (or the process dying) leaves the database as it was.
    pub async fn batch(&self) -> Result<Batch<'_>> {
        Ok(Batch {
            w: self.write().await?,
        })
    }
}

pub struct Batch<'a> {
    w: WriteTx<'a>,
}

impl Batch<'_> {
    /// A person's buyer profile or an organisation's wishes (validated by the caller), inside
    /// the batch.
    pub async fn insert_profile(
        &mut self,
        kind: sc_domain::profile::ProfileKind,
        subject: i64,
        attrs: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<()> {
        let (table, key) = crate::matching::profile_table(kind);
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} ({key}, attributes, updated_at) VALUES ($1, $2, $3)"
        )))
        .bind(subject)
        .bind(serde_json::Value::Object(attrs.clone()).to_string())
        .bind(crate::now_ms())
        .execute(&mut *self.w.tx)
        .await?;
        Ok(())
    }

    pub async fn insert_user(&mut self, u: &NewUser) -> Result<UserId> {
        crate::users::insert_user(&mut self.w, u).await
    }

    pub async fn insert_organisation(
        &mut self,
        input: &OrganisationInput,
        verified: bool,
    ) -> Result<OrgId> {
        crate::organisations::insert_organisation(&mut self.w, input, None, verified).await
    }

    pub async fn insert_membership(
        &mut self,
        org: OrgId,
        user: UserId,
        role: OrgRole,
    ) -> Result<()> {
        crate::organisations::insert_membership(&mut self.w, org, user, role).await
    }

    pub async fn insert_listing(
        &mut self,
        owner: Owner,
        input: &ListingInput,
        created_by: UserId,
    ) -> Result<ListingId> {
        crate::listings::insert_listing(&mut self.w, owner, input, created_by).await
    }

    pub async fn insert_fair(&mut self, input: &FairInput, slug: &str) -> Result<FairId> {
        insert_fair(&mut self.w, input, Some(slug)).await
    }

    pub async fn insert_hall(&mut self, fair_id: FairId, hall: &NewHall) -> Result<HallId> {
        let [nh, ns, ne] = columns(&hall.name);
        sqlx::query_scalar("INSERT INTO halls (fair_id, code, name_zh_hant, name_zh_hans, name_en) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(fair_id)
            .bind(hall.code.clone())
            .bind(nh)
            .bind(ns)
            .bind(ne)
            .fetch_one(&mut *self.w.tx)
            .await
            .map_err(on_unique(ErrorCode::HallCodeTaken, "this fair already has a hall with this code"))
    }

    pub async fn insert_booth(&mut self, hall_id: HallId, booth: &NewBooth) -> Result<BoothId> {
        if let Some(org) = booth.organisation_id {
            // An exhibitor's fair is a search facet.
            crate::changes::record(&mut self.w, crate::Entity::Organisation(org)).await?;
        }
        sqlx::query_scalar(
            "INSERT INTO booths (hall_id, code, organisation_id) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(hall_id)
        .bind(booth.code.clone())
        .bind(booth.organisation_id)
        .fetch_one(&mut *self.w.tx)
        .await
        .map_err(on_unique(
            ErrorCode::BoothCodeTaken,
            "this hall already has a booth with this code",
        ))
    }

    /// A visit from the past (the demo fair's history): a scan at the booth when `scanned`,
    /// the bookmark and the lead, all at `at`.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_visit(
        &mut self,
        fair: FairId,
        booth: BoothId,
        org: OrgId,
        user: UserId,
        language: &str,
        at: i64,
        scanned: bool,
    ) -> Result<()> {
        use crate::bookmarks::{Source, bookmark_in};
        if scanned {
            sqlx::query("INSERT INTO scans (fair_id, booth_id, organisation_id, user_id, language, at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(fair)
                .bind(booth)
                .bind(org)
                .bind(user)
                .bind(language.to_string())
                .bind(at)
                .execute(&mut *self.w.tx)
                .await?;
        }
        let source = if scanned {
            Source::Scan
        } else {
            Source::Online
        };
        bookmark_in(&mut self.w, user, fair, org, source, scanned, at).await?;
        Ok(())
    }

    /// A contact request from the past, with or without the buyer's details shared;
    /// `folded` is the message as search compares it.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_contact_request(
        &mut self,
        fair: FairId,
        org: OrgId,
        user: UserId,
        message: &str,
        folded: &str,
        share: bool,
        at: i64,
    ) -> Result<()> {
        crate::bookmarks::touch_lead(&mut self.w, org, fair, user, crate::Source::Online, at, 0)
            .await?;
        sqlx::query("UPDATE leads SET message = $1, shares_contact = $2 WHERE organisation_id = $3 AND fair_id = $4 AND user_id = $5")
            .bind(message.to_string())
            .bind(share as i64)
            .bind(org)
            .bind(fair)
            .bind(user)
            .execute(&mut *self.w.tx)
            .await?;
        // The request is also the first message of the buyer's conversation with the
        // exhibitor, as a request sent today is.
        let opening = crate::conversations::Opening {
            parties: sc_domain::conversation::Parties {
                a: user,
                b: sc_domain::listing::Owner::Organisation(org),
            },
            topic: String::new(),
            listing_id: None,
            fair_id: Some(fair),
        };
        let first = crate::conversations::NewMessage {
            side: sc_domain::conversation::Side::A,
            author: user,
            kind: sc_domain::conversation::MessageKind::Contact,
            body: message.to_string(),
            folded: folded.to_string(),
            data: serde_json::json!({"shares_contact": share, "fair_id": fair}),
            listing_id: None,
            attachments: Vec::new(),
        };
        crate::conversations::start_in(&mut self.w, &opening, &first, at).await?;
        Ok(())
    }

    pub async fn commit(self) -> Result<()> {
        self.w.commit().await
    }
}
