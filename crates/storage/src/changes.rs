//! The change log search follows: which organisations and listings changed, in commit order.

use sqlx::Row;

use crate::{Engine, Result, Store, WriteTx};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Organisation(i64),
    Listing(i64),
}

/// Appends a change inside an open write.
pub(crate) async fn record(w: &mut WriteTx<'_>, e: Entity) -> Result<()> {
    if w.engine == Engine::Postgres {
        // Sequence numbers must become visible in order, or a follower reading "after 41" could
        // miss 41 committing late; one change-log writer at a time keeps them in order.
        // (SQLite's single writer already does.)
        sqlx::query("SELECT pg_advisory_xact_lock(7402114)")
            .execute(&mut *w.tx)
            .await?;
    }
    let (entity, id) = match e {
        Entity::Organisation(id) => ("organisation", id),
        Entity::Listing(id) => ("listing", id),
    };
    sqlx::query("INSERT INTO search_changes (entity, entity_id) VALUES ($1, $2)")
        .bind(entity)
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

impl Store {
    /// Changes after `seq`, oldest first, at most `limit`; with the sequence number of each.
    pub async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<(i64, Entity)>> {
        let rows = sqlx::query("SELECT seq, entity, entity_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(seq)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("entity_id")?;
                let e = match r.try_get::<String, _>("entity")?.as_str() {
                    "organisation" => Entity::Organisation(id),
                    _ => Entity::Listing(id),
                };
                Ok((r.try_get("seq")?, e))
            })
            .collect()
    }

    /// The newest change's sequence number (0 when none).
    pub async fn last_change_seq(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM search_changes")
                .fetch_one(self.pool())
                .await?
                .unwrap_or(0),
        )
    }
}

/// Appends many changes inside an open write with multi-row inserts (bulk imports).
pub(crate) async fn record_many(w: &mut WriteTx<'_>, entities: &[Entity]) -> Result<()> {
    if entities.is_empty() {
        return Ok(());
    }
    if w.engine == Engine::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7402114)")
            .execute(&mut *w.tx)
            .await?;
    }
    for chunk in entities.chunks(crate::rows_per_statement(w.engine, 2)) {
        let values = crate::values_list(chunk.len(), 2, "");
        let sql = format!(
            "INSERT INTO search_changes (entity, entity_id) VALUES {}",
            values
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for e in chunk {
            let (entity, id) = match e {
                Entity::Organisation(id) => ("organisation", *id),
                Entity::Listing(id) => ("listing", *id),
            };
            q = q.bind(entity).bind(id);
        }
        q.execute(&mut *w.tx).await?;
    }
    Ok(())
}
