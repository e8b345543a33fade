//! Short-lived caches of what the database holds, for the pages a fair's crowd hits at once
//! (a booth's QR landing, exhibitor pages, plans) and for resolving sessions. An entry is
//! used only while the store's epoch is the one it was made at (any write through this
//! process moves it) and for at most a few seconds (writes by other processes, such as an
//! import from the command line, are seen after that).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sc_domain::fair::Fair;
use sc_domain::listing::Listing;
use sc_domain::organisation::{OrgId, Organisation};
use sc_domain::person::{Account, OrgRole};
use sc_storage::{BoothView, HallWithPlan, TokenLookup};

const TTL: Duration = Duration::from_secs(5);
/// Entries per cache before it is emptied (bounds memory under a spray of distinct keys).
const MAX_ENTRIES: usize = 20_000;

struct Entry<V> {
    epoch: u64,
    at: Instant,
    value: Arc<V>,
}

pub struct Cached<K, V> {
    map: Mutex<HashMap<K, Entry<V>>>,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Cached {
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V> Cached<K, V> {
    pub fn get(&self, key: &K, epoch: u64) -> Option<Arc<V>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .filter(|e| e.epoch == epoch && e.at.elapsed() < TTL)
            .map(|e| e.value.clone())
    }

    pub fn put(&self, key: K, epoch: u64, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            key,
            Entry {
                epoch,
                at: Instant::now(),
                value: value.clone(),
            },
        );
        value
    }
}

/// Who a session belongs to.
pub struct SessionInfo {
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
    /// Thumbnail URL of each product's cover photo.
    pub covers: HashMap<i64, String>,
    pub related: Vec<Organisation>,
}

#[derive(Default)]
pub struct Caches {
    pub sessions: Cached<String, Option<SessionInfo>>,
    pub tokens: Cached<String, TokenLookup>,
    pub layouts: Cached<i64, FairLayout>,
    pub exhibitors: Cached<(i64, i64), ExhibitorContent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_lives_only_in_its_epoch() {
        let c: Cached<&str, i32> = Cached::default();
        c.put("a", 7, 1);
        assert_eq!(c.get(&"a", 7).as_deref(), Some(&1));
        assert!(c.get(&"a", 8).is_none(), "a write happened since");
        assert!(c.get(&"b", 7).is_none());
    }
}
