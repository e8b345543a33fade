//! Storage of superconnector. One code path serves SQLite (the embedded default) and
//! PostgreSQL: sqlx's `Any` driver, SQL written once in the dialect both engines share, numbered
//! `$n` parameters (which SQLite accepts too), and one migration tree with a single dialect token.
//! The engine is chosen once, from the URL, in [`Store::connect`].

use sc_domain::ErrorCode;
mod activity;
mod bookmarks;
mod changes;
mod codec;
mod conversations;
mod dashboard;
mod fairs;
mod floorplans;
mod images;
mod imports;
mod leads;
mod listings;
mod mail;
mod matching;
mod meetings;
mod migrate;
mod organisations;
mod query;
mod scans;
#[cfg(feature = "testing")]
pub mod testing;
mod tokens;
mod users;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::{Mutex, MutexGuard};

pub use activity::{ActiveBuyer, FairActivity, LeadActivity};
pub use bookmarks::{Bookmark, Source, split_tags};
pub use changes::Entity;
pub use conversations::{
    AttachmentInfo, Conversation, ConversationViewer, InboxFilter, Message, NewAttachment,
    NewMessage, Opening, Posted, Report,
};
pub use dashboard::{FairStats, TopBooth};
pub use fairs::{Batch, BoothView, NewBooth, NewHall, Stand};
pub use floorplans::{HallWithPlan, SavePlanError};
pub use images::{ImageInfo, ImageOwner, MAX_IMAGES, NewImage};
pub use imports::{ImportSummary, NewExhibitor, NewProduct, ProductSummary};
pub use leads::{Lead, RevealedContact, Viewer};
pub use listings::ListingFilter;
pub use mail::Waiting;
pub use matching::{EventActor, EventRecorder, MatchEvent, MatchPerson};
pub use meetings::{
    DueReminder, Invitee, MeetingInfo, MeetingRequest, MeetingSession, MeetingSlot, NewRequest,
    NewSlot, ReminderPerson, SchedulingData,
};
pub use organisations::OrganisationFilter;
pub use scans::{Scan, ScanOutcome, ScanRecorder};
pub use tokens::{BoothCode, TokenLookup, TokenTarget, looks_like_token};
pub use users::NewUser;

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or consistency rule of the data refused the write; `code` is stable.
    #[error("{message}")]
    Conflict {
        code: sc_domain::ErrorCode,
        message: String,
    },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
}

/// A query on whichever engine, as `sqlx::query` builds it.
pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// A page of results with the total count of matches.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// Which slice of a result set to read: 1-based page number and page size (capped at 100).
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        PageRequest {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(20).clamp(1, 100),
        }
    }
    fn offset(&self) -> i64 {
        (self.page as i64 - 1) * self.per_page as i64
    }
}

/// The database, whichever engine it is.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// SQLite allows one writer at a time; taking this lock before a write transaction turns
    /// would-be `SQLITE_BUSY` failures into an orderly queue. PostgreSQL does not need it.
    write_lock: Arc<Mutex<()>>,
    /// Counts commits made through this store (scans excepted): caches of what the database
    /// holds compare it to know they are stale. See [`Store::epoch`].
    epoch: Arc<AtomicU64>,
}

pub(crate) struct WriteTx<'a> {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
    pub engine: Engine,
    epoch: Arc<AtomicU64>,
    _guard: Option<MutexGuard<'a, ()>>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        self.epoch.fetch_add(1, Ordering::Release);
        Ok(())
    }

    /// Commits without moving the epoch: for writes no cache reflects (scans, bookmarks).
    pub async fn commit_untracked(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// Rows per multi-row statement for rows of `columns` parameters. sqlx's SQLite driver looks
/// each parameter up by name, which costs time in proportion to the statement's parameter
/// count, so SQLite statements stay at a few hundred parameters; PostgreSQL pays a round trip
/// per statement instead, so its statements are larger (both measured on the import benchmark).
pub(crate) fn rows_per_statement(engine: Engine, columns: usize) -> usize {
    let parameters = match engine {
        Engine::Sqlite => 240,
        Engine::Postgres => 4_000,
    };
    (parameters / columns.max(1)).max(1)
}

/// `($1, $2, …), ($k, …)` for a multi-row statement: `rows` tuples of `columns` numbered
/// parameters, each followed by `extra` (literal SQL shared by every row, such as `, 'scan'`).
pub(crate) fn values_list(rows: usize, columns: usize, extra: &str) -> String {
    (0..rows)
        .map(|r| {
            let ps: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({}{extra})", ps.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Store {
    /// Connects to `postgres://…` or `sqlite://…` and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// The URL of the SQLite database kept in a data directory (created if missing).
    pub fn sqlite_url_in(dir: &Path) -> std::io::Result<String> {
        std::fs::create_dir_all(dir)?;
        let file = dir.join("superconnector.db");
        Ok(format!("sqlite://{}?mode=rwc", file.display()))
    }

    /// Connects without migrating.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            return Err(StorageError::Conflict {
                code: ErrorCode::UnsupportedDatabase,
                message: format!(
                    "database URL must start with sqlite: or postgres://, got {:?}",
                    url.split(':').next().unwrap_or("")
                ),
            });
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if engine == Engine::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL
                        // at every commit, so an acknowledged write survives kill -9 and power loss.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store {
            pool,
            engine,
            write_lock: Arc::new(Mutex::new(())),
            epoch: Arc::new(AtomicU64::new(0)),
        })
    }

    /// What each of `n` pooled SQLite connections, held at once, reports for `journal_mode`
    /// and `synchronous` (2 is FULL); empty on PostgreSQL. For the test that every connection
    /// the server writes through is durable.
    pub async fn sqlite_durability(&self, n: usize) -> Result<Vec<(String, i64)>> {
        if self.engine != Engine::Sqlite {
            return Ok(vec![]);
        }
        let mut held = Vec::with_capacity(n);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let mut conn = self.pool.acquire().await?;
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await?;
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await?;
            out.push((mode, sync));
            held.push(conn);
        }
        Ok(out)
    }

    /// Moves on every commit made through this store except scans and bookmarks. A cache entry
    /// made at epoch `e` is current while the epoch is still `e`, as far as this process's
    /// writes go; writes by another process (an import from the command line) are not counted,
    /// so caches also expire by time.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Answers only when the database answers.
    pub async fn ping(&self) -> Result<()> {
        let one: i64 = sqlx::query_scalar("SELECT 1").fetch_one(&self.pool).await?;
        if one == 1 {
            Ok(())
        } else {
            Err(StorageError::Corrupt("SELECT 1 did not return 1".into()))
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) async fn write(&self) -> Result<WriteTx<'_>> {
        let guard = match self.engine {
            Engine::Sqlite => Some(self.write_lock.lock().await),
            Engine::Postgres => None,
        };
        // IMMEDIATE takes SQLite's write lock at BEGIN, where the busy timeout applies. A
        // deferred transaction that reads first and then writes gets SQLITE_BUSY at once if
        // an aborted writer's rollback is still in flight on another connection.
        let tx = match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx {
            tx,
            engine: self.engine,
            epoch: self.epoch.clone(),
            _guard: guard,
        })
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// `NotFound` when an UPDATE or DELETE touched no row.
pub(crate) fn touched(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StorageError::NotFound)
    } else {
        Ok(())
    }
}

impl Store {
    /// Runs a filtered list: `q` holds `FROM … WHERE …` with table alias `alias`; returns one
    /// page ordered by `order_by`, with the total count of matches.
    pub(crate) async fn fetch_page<T>(
        &self,
        q: query::Query,
        alias: &str,
        columns: &str,
        order_by: &str,
        page: PageRequest,
        decode: fn(&sqlx::any::AnyRow) -> Result<T>,
    ) -> Result<Page<T>> {
        let count_sql = format!("SELECT COUNT(*){}", q.sql);
        let total: i64 = sqlx::query_scalar_with(sqlx::AssertSqlSafe(count_sql), q.arguments())
            .fetch_one(self.pool())
            .await?;
        let mut page_q = q.clone();
        let cols = columns
            .split(", ")
            .map(|c| format!("{alias}.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        page_q.sql = format!("SELECT {cols}{} ORDER BY {order_by}", q.sql);
        page_q
            .push(" LIMIT ")
            .bind(page.per_page as i64)
            .push(" OFFSET ")
            .bind(page.offset());
        let rows = sqlx::query_with(sqlx::AssertSqlSafe(page_q.sql.clone()), page_q.arguments())
            .fetch_all(self.pool())
            .await?;
        Ok(Page {
            items: rows.iter().map(decode).collect::<Result<_>>()?,
            total,
        })
    }

    /// Deletes row `id` of `table` (a table name of this crate, never user input), recording the
    /// change for search.
    pub(crate) async fn delete_row(
        &self,
        table: &'static str,
        id: i64,
        change: Entity,
    ) -> Result<()> {
        let mut w = self.write().await?;
        changes::record(&mut w, change).await?;
        let n = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE id = $1"
        )))
        .bind(id)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit().await
    }
}

/// Maps a unique-constraint violation to a [`StorageError::Conflict`] with the given code.
pub(crate) fn on_unique(
    code: sc_domain::ErrorCode,
    message: &'static str,
) -> impl FnOnce(sqlx::Error) -> StorageError {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::Conflict {
            code,
            message: message.to_string(),
        },
        _ => StorageError::Database(e),
    }
}

/// Rows of a side table of (id, value) pairs (`listing_codes (listing_id, code)`), many per
/// statement; a value given twice is kept once.
pub(crate) async fn insert_pairs(
    w: &mut crate::WriteTx<'_>,
    table_and_columns: &'static str,
    pairs: &[(i64, &str)],
) -> Result<()> {
    for chunk in pairs.chunks(crate::rows_per_statement(w.engine, 2)) {
        let values = crate::values_list(chunk.len(), 2, "");
        let sql = format!(
            "INSERT INTO {table_and_columns} VALUES {} ON CONFLICT DO NOTHING",
            values
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, value) in chunk {
            q = q.bind(*id).bind(value.to_string());
        }
        q.execute(&mut *w.tx).await?;
    }
    Ok(())
}
