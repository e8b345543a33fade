//! Scans of booth QR codes, written by group commit: concurrent scans wait together for one
//! transaction, so a burst of visitors costs one fsync, not one each. A scan is acknowledged
//! only after the commit that holds it, so an acknowledged scan survives kill -9.

use sc_domain::fair::{BoothId, FairId};
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};

use std::collections::{HashMap, HashSet};

use crate::{Result, StorageError, Store, WriteTx, now_ms};

#[derive(Debug, Clone)]
pub struct Scan {
    pub fair_id: FairId,
    pub booth_id: BoothId,
    pub organisation_id: OrgId,
    /// The signed-in visitor, whose bookmark the scan makes.
    pub user_id: Option<UserId>,
    /// The language the page was shown in.
    pub language: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOutcome {
    /// A bookmark was made by this scan (false: it already existed, or nobody is signed in).
    pub bookmarked_now: bool,
    /// The visitor's standing with the exhibitor after the scan, so the page needs no read.
    pub request_sent: bool,
    pub shares_contact: bool,
}

type Job = (Scan, oneshot::Sender<Result<ScanOutcome>>);

/// Queue of scans in front of one writer task.
#[derive(Clone)]
pub struct ScanRecorder {
    queue: mpsc::Sender<Job>,
}

/// Scans committed in one transaction at most, and written by one statement each of scans,
/// bookmarks and leads: 1,536 parameters at most, where sqlx's by-name parameter lookup on
/// SQLite still costs little next to a statement's round trip to the driver's thread.
const BATCH: usize = 256;

/// Writes a batch with a few set-based statements, whatever its size: the scans, then one
/// upsert of bookmarks and one of leads per distinct (visitor, exhibitor). `at` is unique to
/// the batch, which is how a bookmark made now is told from one that was there.
async fn write_batch(w: &mut WriteTx<'_>, scans: &[&Scan], at: i64) -> Result<Vec<ScanOutcome>> {
    for chunk in scans.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO scans (fair_id, booth_id, organisation_id, user_id, language, at) VALUES {}",
            crate::values_list(chunk.len(), 6, "")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for s in chunk {
            q = q
                .bind(s.fair_id)
                .bind(s.booth_id)
                .bind(s.organisation_id)
                .bind(s.user_id)
                .bind(s.language.clone())
                .bind(at);
        }
        q.execute(&mut *w.tx).await?;
    }
    // Distinct (user, fair, exhibitor) with their number of scans in this batch.
    let mut keys: Vec<((UserId, FairId, OrgId), i64)> = Vec::new();
    for s in scans {
        if let Some(u) = s.user_id {
            let k = (u, s.fair_id, s.organisation_id);
            match keys.iter_mut().find(|(x, _)| *x == k) {
                Some((_, n)) => *n += 1,
                None => keys.push((k, 1)),
            }
        }
    }
    let mut created: HashSet<(UserId, FairId, OrgId)> = HashSet::new();
    let mut standing: HashMap<(UserId, FairId, OrgId), (bool, bool)> = HashMap::new();
    for chunk in keys.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO bookmarks (user_id, fair_id, organisation_id, source, note, tags, visited_at, created_at) VALUES {}
             ON CONFLICT (user_id, fair_id, organisation_id)
             DO UPDATE SET visited_at = COALESCE(bookmarks.visited_at, excluded.visited_at)
             RETURNING user_id, fair_id, organisation_id, created_at",
            crate::values_list(chunk.len(), 3, &format!(", 'scan', '', '', ${0}, ${0}", chunk.len() * 3 + 1))
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((u, f, o), _) in chunk {
            q = q.bind(*u).bind(*f).bind(*o);
        }
        // `at`, the last parameter, is shared by every row.
        q = q.bind(at);
        for r in q.fetch_all(&mut *w.tx).await? {
            if r.try_get::<i64, _>("created_at")? == at {
                created.insert((
                    r.try_get("user_id")?,
                    r.try_get("fair_id")?,
                    r.try_get("organisation_id")?,
                ));
            }
        }
        let sql = format!(
            "INSERT INTO leads (organisation_id, fair_id, user_id, scans, source, shares_contact, message, note, score, first_at, last_at) VALUES {}
             ON CONFLICT (organisation_id, fair_id, user_id)
             DO UPDATE SET scans = leads.scans + excluded.scans, last_at = excluded.last_at
             RETURNING organisation_id, fair_id, user_id, shares_contact, message",
            crate::values_list(chunk.len(), 4, &format!(", 'scan', 0, '', '', 0, ${0}, ${0}", chunk.len() * 4 + 1))
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((u, f, o), n) in chunk {
            q = q.bind(*o).bind(*f).bind(*u).bind(*n);
        }
        q = q.bind(at);
        for r in q.fetch_all(&mut *w.tx).await? {
            standing.insert(
                (
                    r.try_get("user_id")?,
                    r.try_get("fair_id")?,
                    r.try_get("organisation_id")?,
                ),
                (
                    !r.try_get::<String, _>("message")?.is_empty(),
                    r.try_get::<i64, _>("shares_contact")? != 0,
                ),
            );
        }
    }
    // The first scan of a pair in this batch made the bookmark; later ones found it.
    Ok(scans
        .iter()
        .map(|s| match s.user_id {
            None => ScanOutcome {
                bookmarked_now: false,
                request_sent: false,
                shares_contact: false,
            },
            Some(u) => {
                let k = (u, s.fair_id, s.organisation_id);
                let (request_sent, shares_contact) = standing.get(&k).copied().unwrap_or_default();
                ScanOutcome {
                    bookmarked_now: created.remove(&k),
                    request_sent,
                    shares_contact,
                }
            }
        })
        .collect())
}

impl ScanRecorder {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(store: Store) -> ScanRecorder {
        let (queue, mut rx) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(BATCH);
            let mut last_at = 0;
            while rx.recv_many(&mut jobs, BATCH).await > 0 {
                // Each batch gets its own instant (see `write_batch`).
                let at = now_ms().max(last_at + 1);
                last_at = at;
                store.write_scans(std::mem::take(&mut jobs), at).await;
            }
        });
        ScanRecorder { queue }
    }

    /// Records a scan; returns once it is committed.
    pub async fn record(&self, scan: Scan) -> Result<ScanOutcome> {
        let (tx, rx) = oneshot::channel();
        let gone = || StorageError::Corrupt("the scan writer has stopped".into());
        self.queue.send((scan, tx)).await.map_err(|_| gone())?;
        rx.await.map_err(|_| gone())?
    }
}

impl Store {
    async fn write_scans(&self, jobs: Vec<Job>, at: i64) {
        let together = async {
            let mut w = self.write().await?;
            let scans: Vec<&Scan> = jobs.iter().map(|(s, _)| s).collect();
            let outcomes = write_batch(&mut w, &scans, at).await?;
            w.commit_untracked().await?;
            Ok::<_, StorageError>(outcomes)
        };
        match together.await {
            Ok(outcomes) => {
                for ((_, reply), outcome) in jobs.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                // One bad scan (say, its booth deleted meanwhile) must not fail the others:
                // retry each alone so each gets its own answer.
                tracing::warn!(error = %e, n = jobs.len(), "scan batch failed; writing one by one");
                for (scan, reply) in jobs {
                    let alone = async {
                        let mut w = self.write().await?;
                        let o = write_batch(&mut w, &[&scan], at).await?;
                        w.commit_untracked().await?;
                        Ok(o[0])
                    };
                    let _ = reply.send(alone.await);
                }
            }
        }
    }
}
