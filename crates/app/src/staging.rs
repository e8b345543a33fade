//! Spreadsheets an organiser uploaded and previewed, waiting in memory for the confirm. The
//! preview is a dry run; only the caller who staged an upload, for the same fair, can take it
//! back (a restart forgets uploads: the organiser uploads again).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sc_access::Action;

use crate::{App, Caller, Result};

/// Uploads kept for confirmation at once, and for how long.
const KEEP: usize = 8;
const KEEP_FOR: Duration = Duration::from_secs(30 * 60);

/// What a staged sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Exhibitors,
    Products,
}

impl ImportKind {
    /// `products` is products; anything else is the exhibitor list (the form's default).
    pub fn parse(s: &str) -> ImportKind {
        if s == "products" {
            ImportKind::Products
        } else {
            ImportKind::Exhibitors
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Exhibitors => "exhibitors",
            ImportKind::Products => "products",
        }
    }
}

struct Staged {
    at: Instant,
    fair: i64,
    user: i64,
    kind: ImportKind,
    bytes: Arc<Vec<u8>>,
}

/// Uploads between preview and confirm, by random id.
#[derive(Default)]
pub(crate) struct StagedImports(Mutex<HashMap<String, Staged>>);

impl App {
    /// Keeps a previewed sheet for the organiser to confirm; answers the id the confirm form
    /// sends back. The oldest upload goes when more than a few wait.
    pub fn stage_import(
        &self,
        caller: &Caller,
        fair: i64,
        kind: ImportKind,
        bytes: Vec<u8>,
    ) -> Result<String> {
        caller.may(Action::ManageFair)?;
        let user = caller.account()?.id;
        let id = crate::random_token();
        let mut m = self.staged.0.lock().unwrap_or_else(|e| e.into_inner());
        m.retain(|_, v| v.at.elapsed() < KEEP_FOR);
        while m.len() >= KEEP {
            let oldest = m.iter().min_by_key(|(_, v)| v.at).map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                m.remove(&k);
            }
        }
        m.insert(
            id.clone(),
            Staged {
                at: Instant::now(),
                fair,
                user,
                kind,
                bytes: Arc::new(bytes),
            },
        );
        Ok(id)
    }

    /// The staged sheet `id`, removed, if this caller staged it for this fair and it has not
    /// expired; `None` otherwise (expired, already imported, or someone else's).
    pub fn take_staged_import(
        &self,
        caller: &Caller,
        fair: i64,
        id: &str,
    ) -> Result<Option<(ImportKind, Arc<Vec<u8>>)>> {
        caller.may(Action::ManageFair)?;
        let user = caller.account()?.id;
        let mut m = self.staged.0.lock().unwrap_or_else(|e| e.into_inner());
        Ok(match m.get(id) {
            Some(p) if p.fair == fair && p.user == user && p.at.elapsed() < KEEP_FOR => {
                m.remove(id).map(|p| (p.kind, p.bytes))
            }
            _ => None,
        })
    }
}
