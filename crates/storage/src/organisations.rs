//! Organisations and their members.

use sc_domain::ErrorCode;
use sc_domain::Location;
use sc_domain::organisation::{OrgId, OrgKind, Organisation, OrganisationInput};
use sc_domain::person::{Membership, OrgRole, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::changes::{self, Entity};
use crate::codec::{columns, json, location, parsed, text, to_json};
use crate::query::Query;
use crate::{Page, PageRequest, Result, StorageError, Store, WriteTx, now_ms, on_unique, touched};

/// Which organisations to list. Every field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    pub kind: Option<OrgKind>,
    pub sector: Option<String>,
    pub location: Option<Location>,
    pub verified: Option<bool>,
    /// Only organisations serving this market.
    pub serves: Option<Location>,
    /// Only organisations this person belongs to.
    pub member: Option<UserId>,
    /// Only organisations with a booth at this fair.
    pub fair: Option<i64>,
}

const COLUMNS: &str = "id, kind, name_zh_hant, name_zh_hans, name_en, description_zh_hant, description_zh_hans, description_en, sectors, markets_served, location, website, verified, created_at, updated_at";

fn organisation(row: &AnyRow) -> Result<Organisation> {
    Ok(Organisation {
        id: row.try_get("id")?,
        kind: parsed(row, "kind", OrgKind::parse)?,
        name: text(row, "name")?,
        description: text(row, "description")?,
        sectors: json(row, "sectors")?,
        markets_served: json(row, "markets_served")?,
        location: location(row, "location")?,
        website: row.try_get("website")?,
        verified: row.try_get::<i64, _>("verified")? != 0,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// `SELECT organisation_id FROM organisation_markets` for those serving `market`: answered from
/// the (market, organisation_id) index on both engines.
pub(crate) fn organisations_serving(q: &mut Query, market: Location) {
    q.push("SELECT organisation_id FROM organisation_markets WHERE market = ")
        .bind(market.code());
}

/// Keeps the side tables the filters use (sectors, markets served) in step with an
/// organisation.
async fn replace_lists(w: &mut WriteTx<'_>, id: OrgId, input: &OrganisationInput) -> Result<()> {
    for table in ["organisation_sectors", "organisation_markets"] {
        // The table names are ours.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE organisation_id = $1"
        )))
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
    }
    let sectors: Vec<(i64, &str)> = input.sectors.iter().map(|s| (id, s.as_str())).collect();
    crate::insert_pairs(
        w,
        "organisation_sectors (organisation_id, sector)",
        &sectors,
    )
    .await?;
    let markets: Vec<(i64, &str)> = input
        .markets_served
        .iter()
        .map(|m| (id, m.code()))
        .collect();
    crate::insert_pairs(
        w,
        "organisation_markets (organisation_id, market)",
        &markets,
    )
    .await?;
    Ok(())
}

/// Binds an organisation's profile as parameters `$1`–`$11`, in the column order the INSERT
/// and the UPDATE share.
fn bind_profile<'q>(q: crate::AnyQuery<'q>, input: &OrganisationInput) -> crate::AnyQuery<'q> {
    let [nh, ns, ne] = columns(&input.name);
    let [dh, ds, de] = columns(&input.description);
    q.bind(input.kind.code())
        .bind(nh)
        .bind(ns)
        .bind(ne)
        .bind(dh)
        .bind(ds)
        .bind(de)
        .bind(to_json(&input.sectors))
        .bind(to_json(&input.markets_served))
        .bind(input.location.code())
        .bind(input.website.clone())
}

/// Inserts an organisation inside an open write; the creator (if any) becomes its administrator.
pub(crate) async fn insert_organisation(
    w: &mut WriteTx<'_>,
    input: &OrganisationInput,
    creator: Option<UserId>,
    verified: bool,
) -> Result<OrgId> {
    let row = bind_profile(
        sqlx::query(
            "INSERT INTO organisations (kind, name_zh_hant, name_zh_hans, name_en, description_zh_hant, description_zh_hans, description_en,
                sectors, markets_served, location, website, verified, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
        ),
        input,
    )
    .bind(verified as i64)
    .bind(now_ms())
    .fetch_one(&mut *w.tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    replace_lists(w, id, input).await?;
    changes::record(w, Entity::Organisation(id)).await?;
    if let Some(user) = creator {
        insert_membership(w, id, user, OrgRole::Admin).await?;
    }
    Ok(id)
}

/// Replaces an organisation's profile inside an open write.
pub(crate) async fn update_organisation_in(
    w: &mut WriteTx<'_>,
    id: OrgId,
    input: &OrganisationInput,
) -> Result<()> {
    let n = bind_profile(
        sqlx::query(
            "UPDATE organisations SET kind = $1, name_zh_hant = $2, name_zh_hans = $3, name_en = $4, description_zh_hant = $5,
                description_zh_hans = $6, description_en = $7, sectors = $8, markets_served = $9, location = $10, website = $11,
                updated_at = $12 WHERE id = $13",
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
    changes::record(w, Entity::Organisation(id)).await?;
    // Listings carry their owner's name and location into search: re-index them too.
    record_listings_of(w, id).await?;
    Ok(())
}

async fn record_listings_of(w: &mut WriteTx<'_>, org: OrgId) -> Result<()> {
    let listings: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM listings WHERE owner_organisation = $1")
            .bind(org)
            .fetch_all(&mut *w.tx)
            .await?;
    for l in listings {
        changes::record(w, Entity::Listing(l)).await?;
    }
    Ok(())
}

/// Adds a member inside an open write.
pub(crate) async fn insert_membership(
    w: &mut WriteTx<'_>,
    org: OrgId,
    user: UserId,
    role: OrgRole,
) -> Result<()> {
    sqlx::query("INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)")
        .bind(org)
        .bind(user)
        .bind(role.code())
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await
        .map_err(on_unique(ErrorCode::AlreadyMember, "this person is already a member"))?;
    Ok(())
}

impl Store {
    /// Creates an organisation with `creator` as its first administrator.
    pub async fn create_organisation(
        &self,
        input: &OrganisationInput,
        creator: UserId,
    ) -> Result<Organisation> {
        let mut w = self.write().await?;
        let id = insert_organisation(&mut w, input, Some(creator), false).await?;
        w.commit().await?;
        self.organisation(id).await
    }

    pub async fn organisation(&self, id: OrgId) -> Result<Organisation> {
        let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        organisation(&row)
    }

    pub async fn update_organisation(
        &self,
        id: OrgId,
        input: &OrganisationInput,
    ) -> Result<Organisation> {
        let mut w = self.write().await?;
        update_organisation_in(&mut w, id, input).await?;
        w.commit().await?;
        self.organisation(id).await
    }

    pub async fn set_organisation_verified(
        &self,
        id: OrgId,
        verified: bool,
    ) -> Result<Organisation> {
        let mut w = self.write().await?;
        let n =
            sqlx::query("UPDATE organisations SET verified = $1, updated_at = $2 WHERE id = $3")
                .bind(verified as i64)
                .bind(now_ms())
                .bind(id)
                .execute(&mut *w.tx)
                .await?
                .rows_affected();
        touched(n)?;
        w.commit().await?;
        self.organisation(id).await
    }

    /// Deletes an organisation with its memberships and listings.
    pub async fn delete_organisation(&self, id: OrgId) -> Result<()> {
        let mut w = self.write().await?;
        // Its listings go with it (ON DELETE CASCADE); search must drop them too.
        record_listings_of(&mut w, id).await?;
        changes::record(&mut w, Entity::Organisation(id)).await?;
        let n = sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit().await
    }

    pub async fn list_organisations(
        &self,
        f: &OrganisationFilter,
        page: PageRequest,
    ) -> Result<Page<Organisation>> {
        let mut q = Query::new(" FROM organisations o WHERE 1 = 1");
        if let Some(k) = f.kind {
            q.push(" AND o.kind = ").bind(k.code());
        }
        if let Some(l) = f.location {
            q.push(" AND o.location = ").bind(l.code());
        }
        if let Some(v) = f.verified {
            q.push(" AND o.verified = ").bind(v as i64);
        }
        if let Some(s) = &f.sector {
            q.push(
                " AND o.id IN (SELECT organisation_id FROM organisation_sectors WHERE sector = ",
            )
            .bind(s.as_str())
            .push(")");
        }
        if let Some(m) = f.serves {
            q.push(" AND o.id IN (");
            organisations_serving(&mut q, m);
            q.push(")");
        }
        if let Some(u) = f.member {
            q.push(" AND o.id IN (SELECT organisation_id FROM memberships WHERE user_id = ")
                .bind(u)
                .push(")");
        }
        if let Some(fair) = f.fair {
            q.push(" AND o.id IN (SELECT b.organisation_id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = ").bind(fair).push(")");
        }
        self.fetch_page(q, "o", COLUMNS, "o.id", page, organisation)
            .await
    }

    pub async fn members(&self, org: OrgId) -> Result<Vec<Membership>> {
        let rows = sqlx::query(
            "SELECT m.organisation_id, m.user_id, m.role, m.created_at, u.display_name
             FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 ORDER BY m.created_at, m.user_id",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Membership {
                    organisation_id: r.try_get("organisation_id")?,
                    user_id: r.try_get("user_id")?,
                    role: parsed(r, "role", OrgRole::parse)?,
                    display_name: r.try_get("display_name")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    pub async fn add_member(&self, org: OrgId, user: UserId, role: OrgRole) -> Result<()> {
        let mut w = self.write().await?;
        insert_membership(&mut w, org, user, role).await?;
        w.commit().await
    }

    /// Changes a member's role; refuses to leave the organisation without an administrator.
    pub async fn change_member_role(&self, org: OrgId, user: UserId, role: OrgRole) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE memberships SET role = $1 WHERE organisation_id = $2 AND user_id = $3",
        )
        .bind(role.code())
        .bind(org)
        .bind(user)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        ensure_an_admin_remains(&mut w, org).await?;
        w.commit().await
    }

    /// Removes a member; refuses to remove the last administrator.
    pub async fn remove_member(&self, org: OrgId, user: UserId) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2")
            .bind(org)
            .bind(user)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        ensure_an_admin_remains(&mut w, org).await?;
        w.commit().await
    }
}

async fn ensure_an_admin_remains(w: &mut WriteTx<'_>, org: OrgId) -> Result<()> {
    let admins: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 AND role = 'admin'",
    )
    .bind(org)
    .fetch_one(&mut *w.tx)
    .await?;
    if admins == 0 {
        // Dropping the transaction rolls the change back.
        return Err(StorageError::Conflict {
            code: ErrorCode::LastAdmin,
            message: "an organisation keeps at least one administrator".into(),
        });
    }
    Ok(())
}

impl Store {
    /// Names of several organisations at once, for lists that show who owns what.
    pub async fn organisation_names(
        &self,
        ids: &[OrgId],
    ) -> Result<std::collections::HashMap<OrgId, sc_domain::LocalizedText>> {
        let mut out = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = Query::new(
            "SELECT id, name_zh_hant, name_zh_hans, name_en FROM organisations WHERE id IN ",
        );
        q.bind_list(ids);
        for row in sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?
        {
            out.insert(row.try_get("id")?, text(&row, "name")?);
        }
        Ok(out)
    }
}

impl Store {
    /// Every organisation with id above `after`, by id, at most `limit`.
    pub async fn organisations_after(&self, after: OrgId, limit: i64) -> Result<Vec<Organisation>> {
        let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id > $1 ORDER BY id LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(organisation).collect()
    }

    pub async fn count_organisations(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
            .fetch_one(self.pool())
            .await?)
    }

    /// The fairs each of these organisations exhibits at.
    pub async fn fairs_of(
        &self,
        ids: &[OrgId],
    ) -> Result<std::collections::HashMap<OrgId, Vec<i64>>> {
        let mut out: std::collections::HashMap<OrgId, Vec<i64>> = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = Query::new(
            "SELECT DISTINCT b.organisation_id, h.fair_id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE b.organisation_id IN ",
        );
        q.bind_list(ids);
        for row in sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?
        {
            out.entry(row.try_get("organisation_id")?)
                .or_default()
                .push(row.try_get("fair_id")?);
        }
        Ok(out)
    }
}
