//! Short-lived caches of what the database holds, for what a fair's crowd asks for at once (a
//! booth's QR landing, exhibitor pages, plans) and for resolving sessions. An entry belongs to
//! the store's epoch it was read at (any tracked write through this process moves the epoch, so
//! a stale entry is never used again) and lives at most a few seconds (writes by other processes,
//! such as an import from the command line, are seen after that). Loads are single-flight: when
//! an entry is missing, one caller reads the database and every other caller of that key waits
//! for its answer instead of reading too.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use sc_domain::fair::Fair;
use sc_domain::listing::Listing;
use sc_domain::organisation::{OrgId, Organisation};
use sc_domain::person::{Account, OrgRole};
use sc_storage::{BoothView, HallWithPlan, TokenLookup};

use crate::error::Error;

const TTL: Duration = Duration::from_secs(5);

pub(crate) struct Cached<K, V> {
    inner: moka::future::Cache<(K, u64), Arc<V>>,
}

impl<K, V> Cached<K, V>
where
    K: Eq + Hash + Send + Sync + Clone + 'static,
    V: Send + Sync + 'static,
{
    pub fn new(capacity: u64) -> Self {
        Cached {
            inner: moka::future::Cache::builder()
                .max_capacity(capacity)
                .time_to_live(TTL)
                .build(),
        }
    }

    /// The entry for `key` at `epoch`, loading it once however many callers ask at the same time.
    pub async fn get_or_load(
        &self,
        key: K,
        epoch: u64,
        load: impl Future<Output = Result<V, Error>>,
    ) -> Result<Arc<V>, Error> {
        self.inner
            .try_get_with((key, epoch), async { load.await.map(Arc::new) })
            .await
            .map_err(|e: Arc<Error>| e.as_ref().clone())
    }
}

/// Who a session belongs to.
pub(crate) struct SessionInfo {
    pub account: Account,
    pub memberships: Vec<(OrgId, OrgRole)>,
}

/// A fair's halls, booths and plans: the same for every visitor.
pub struct FairLayout {
    pub fair: Fair,
    pub booths: Vec<BoothView>,
    pub plans: Vec<HallWithPlan>,
}

/// What an exhibitor page shows to everyone.
pub struct ExhibitorContent {
    pub organisation: Organisation,
    pub products: Vec<Listing>,
    /// Each product's cover photo.
    pub covers: HashMap<i64, sc_storage::ImageInfo>,
    pub related: Vec<Organisation>,
}

pub(crate) struct Caches {
    pub sessions: Cached<String, Option<SessionInfo>>,
    pub tokens: Cached<String, TokenLookup>,
    pub layouts: Cached<i64, FairLayout>,
    pub exhibitors: Cached<(i64, i64), ExhibitorContent>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            sessions: Cached::new(50_000),
            tokens: Cached::new(20_000),
            layouts: Cached::new(200),
            exhibitors: Cached::new(20_000),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn an_entry_lives_only_in_its_epoch() {
        let c: Cached<&str, i32> = Cached::new(10);
        let v = c.get_or_load("a", 7, async { Ok(1) }).await.unwrap();
        assert_eq!(*v, 1);
        let v = c.get_or_load("a", 7, async { Ok(2) }).await.unwrap();
        assert_eq!(*v, 1, "same epoch: the cached value");
        let v = c.get_or_load("a", 8, async { Ok(3) }).await.unwrap();
        assert_eq!(*v, 3, "a write happened since");
    }

    #[tokio::test]
    async fn many_callers_of_a_missing_entry_load_it_once() {
        let c: Arc<Cached<&str, i32>> = Arc::new(Cached::new(10));
        let loads = Arc::new(AtomicUsize::new(0));
        let (release, wait) = tokio::sync::watch::channel(false);
        let mut tasks = vec![];
        for _ in 0..20 {
            let (c, loads, mut wait) = (c.clone(), loads.clone(), wait.clone());
            tasks.push(tokio::spawn(async move {
                c.get_or_load("layout", 1, async move {
                    loads.fetch_add(1, Ordering::SeqCst);
                    let _ = wait.wait_for(|go| *go).await;
                    Ok(42)
                })
                .await
                .map(|v| *v)
            }));
        }
        // The test runtime has one thread: let every task run until it waits (the first inside
        // its load, the others for that load), then let the load finish.
        for _ in 0..50 {
            tokio::task::yield_now().await;
        }
        release.send(true).unwrap();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), 42);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_load_is_not_kept() {
        let c: Cached<&str, i32> = Cached::new(10);
        assert!(matches!(
            c.get_or_load("a", 1, async { Err(Error::NotFound) }).await,
            Err(Error::NotFound)
        ));
        assert_eq!(*c.get_or_load("a", 1, async { Ok(5) }).await.unwrap(), 5);
    }
}
