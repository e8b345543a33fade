//! Scans of booth QR codes, written by group commit: concurrent scans wait together for one
//! transaction, so a burst of visitors costs one fsync, not one each. A scan is acknowledged
//! only after the commit that holds it, so an acknowledged scan survives kill -9.

use sc_domain::fair::{BoothId, FairId};
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use tokio::sync::{mpsc, oneshot};

use crate::bookmarks::{Source, bookmark_in};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOutcome {
    /// A bookmark was made by this scan (false: it already existed, or nobody is signed in).
    pub bookmarked_now: bool,
}

type Job = (Scan, oneshot::Sender<Result<ScanOutcome>>);

/// Queue of scans in front of one writer task.
#[derive(Clone)]
pub struct ScanRecorder {
    queue: mpsc::Sender<Job>,
}

/// Scans committed in one transaction at most.
const BATCH: usize = 256;

async fn write_scan(w: &mut WriteTx<'_>, s: &Scan, at: i64) -> Result<ScanOutcome> {
    sqlx::query("INSERT INTO scans (fair_id, booth_id, organisation_id, user_id, language, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(s.fair_id)
        .bind(s.booth_id)
        .bind(s.organisation_id)
        .bind(s.user_id)
        .bind(s.language.clone())
        .bind(at)
        .execute(&mut *w.tx)
        .await?;
    let bookmarked_now = match s.user_id {
        Some(user) => {
            bookmark_in(
                w,
                user,
                s.fair_id,
                s.organisation_id,
                Source::Scan,
                true,
                at,
            )
            .await?
        }
        None => false,
    };
    Ok(ScanOutcome { bookmarked_now })
}

impl ScanRecorder {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(store: Store) -> ScanRecorder {
        let (queue, mut rx) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(BATCH);
            while rx.recv_many(&mut jobs, BATCH).await > 0 {
                store.write_scans(std::mem::take(&mut jobs)).await;
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
    async fn write_scans(&self, jobs: Vec<Job>) {
        let at = now_ms();
        let together = async {
            let mut w = self.write().await?;
            let mut outcomes = Vec::with_capacity(jobs.len());
            for (scan, _) in &jobs {
                outcomes.push(write_scan(&mut w, scan, at).await?);
            }
            w.commit().await?;
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
                        let o = write_scan(&mut w, &scan, at).await?;
                        w.commit().await?;
                        Ok(o)
                    };
                    let _ = reply.send(alone.await);
                }
            }
        }
    }
}
