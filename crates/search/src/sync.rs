//! Keeping the index in step with the database: replaying the change log, rebuilding from
//! scratch, and following new writes while the server runs.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use sc_domain::listing::{Listing, ListingStatus, Owner};
use sc_storage::{Entity, StorageError, Store};
use tantivy::{TantivyDocument, Term};

use crate::doc::{self, OwnerInfo};
use crate::{Result, SearchIndex};

/// Owner details for a set of listings, fetched together.
async fn owners(store: &Store, listings: &[Listing]) -> Result<HashMap<i64, OwnerInfo>> {
    let mut ids: Vec<i64> = listings
        .iter()
        .filter_map(|l| {
            if let Owner::Organisation(o) = l.owner {
                Some(o)
            } else {
                None
            }
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let fairs = store.fairs_of(&ids).await?;
    let mut out = HashMap::new();
    for id in ids {
        match store.organisation(id).await {
            Ok(o) => {
                out.insert(
                    id,
                    OwnerInfo {
                        name: o.name,
                        location: Some(o.location),
                        sectors: o.sectors,
                        fairs: fairs.get(&id).cloned().unwrap_or_default(),
                    },
                );
            }
            Err(StorageError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// Documents for these listings (published ones only; the rest are to be removed).
async fn listing_docs(
    index: &SearchIndex,
    store: &Store,
    listings: &[Listing],
) -> Result<Vec<(String, Option<TantivyDocument>)>> {
    let owners = owners(store, listings).await?;
    Ok(listings
        .iter()
        .map(|l| {
            let key = doc::listing_key(l.id);
            if l.status != ListingStatus::Published {
                return (key, None);
            }
            let owner = match l.owner {
                Owner::Organisation(o) => owners.get(&o),
                Owner::Person(_) => None,
            };
            (key, Some(doc::listing(&index.fields, l, owner)))
        })
        .collect())
}

/// Applies the change log after what the index holds. Returns how many changes it applied.
pub async fn catch_up(index: &Arc<SearchIndex>, store: &Store) -> Result<usize> {
    match index.applied_seq()? {
        Some(seq) => replay(index, store, seq).await,
        // A new index: building it whole is faster than replaying history.
        None => rebuild(index, store, false).await.map(|n| n as usize),
    }
}

async fn replay(index: &Arc<SearchIndex>, store: &Store, mut seq: i64) -> Result<usize> {
    let mut applied = 0;
    loop {
        let batch = store.changes_since(seq, 5_000).await?;
        let Some(&(last, _)) = batch.last() else {
            break;
        };
        let mut updates: Vec<(String, Option<TantivyDocument>)> = vec![];
        let mut listing_ids = vec![];
        let mut seen = std::collections::HashSet::new();
        for (_, e) in &batch {
            if !seen.insert(*e) {
                continue;
            }
            match *e {
                Entity::Listing(id) => listing_ids.push(id),
                Entity::Organisation(id) => {
                    let key = doc::organisation_key(id);
                    match store.organisation(id).await {
                        Ok(o) => {
                            let fairs =
                                store.fairs_of(&[id]).await?.remove(&id).unwrap_or_default();
                            updates.push((key, Some(doc::organisation(&index.fields, &o, &fairs))));
                        }
                        Err(StorageError::NotFound) => updates.push((key, None)),
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        let mut listings = vec![];
        for id in listing_ids {
            match store.listing(id).await {
                Ok(l) => listings.push(l),
                Err(StorageError::NotFound) => updates.push((doc::listing_key(id), None)),
                Err(e) => return Err(e.into()),
            }
        }
        updates.extend(listing_docs(index, store, &listings).await?);
        let idx = index.clone();
        tokio::task::spawn_blocking(move || -> Result<()> {
            let mut w = idx.writer();
            for (key, doc) in updates {
                w.delete_term(Term::from_field_text(idx.fields.key, &key));
                if let Some(d) = doc {
                    w.add_document(d)?;
                }
            }
            idx.commit(&mut w, last)
        })
        .await
        .map_err(|e| crate::SearchError::Invalid(e.to_string()))??;
        applied += batch.len();
        seq = last;
    }
    Ok(applied)
}

/// Rebuilds the index from the database, showing progress on a terminal, and returns the number
/// of documents indexed (drafts are read but not indexed). Changes made while it runs are
/// replayed at the end: the recorded position is taken first.
pub async fn rebuild(index: &Arc<SearchIndex>, store: &Store, show_progress: bool) -> Result<u64> {
    let start_seq = store.last_change_seq().await?;
    let total = (store.count_listings().await? + store.count_organisations().await?) as u64;
    let bar = show_progress.then(|| {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg:>13} [{bar:40}] {pos}/{len} {per_sec} ({eta})",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        b
    });
    {
        let idx = index.clone();
        tokio::task::spawn_blocking(move || {
            // Merged once at the end, not while the segments are written.
            idx.begin_bulk();
            idx.writer().delete_all_documents().map(|_| ())
        })
        .await
        .map_err(|e| crate::SearchError::Invalid(e.to_string()))??;
    }
    let mut done = 0u64;
    let mut indexed = 0u64;
    let mut after = 0;
    loop {
        let orgs = store.organisations_after(after, 2_000).await?;
        let Some(last) = orgs.last() else { break };
        after = last.id;
        let ids: Vec<i64> = orgs.iter().map(|o| o.id).collect();
        let fairs = store.fairs_of(&ids).await?;
        let docs: Vec<TantivyDocument> = orgs
            .iter()
            .map(|o| {
                doc::organisation(
                    &index.fields,
                    o,
                    fairs.get(&o.id).map(Vec::as_slice).unwrap_or(&[]),
                )
            })
            .collect();
        let n = add_all(index, docs).await?;
        done += n;
        indexed += n;
        if let Some(b) = &bar {
            b.set_message("organisations");
            b.set_position(done);
        }
    }
    let mut after = 0;
    loop {
        let listings = store.listings_after(after, 5_000).await?;
        let Some(last) = listings.last() else { break };
        after = last.id;
        let n = listings.len() as u64;
        let docs: Vec<TantivyDocument> = listing_docs(index, store, &listings)
            .await?
            .into_iter()
            .filter_map(|(_, d)| d)
            .collect();
        indexed += add_all(index, docs).await?;
        done += n;
        if let Some(b) = &bar {
            b.set_message("listings");
            b.set_position(done);
        }
    }
    if let Some(b) = &bar {
        b.set_message("merging");
    }
    let idx = index.clone();
    tokio::task::spawn_blocking(move || {
        let mut w = idx.writer();
        idx.commit(&mut w, start_seq)?;
        drop(w);
        idx.compact()
    })
    .await
    .map_err(|e| crate::SearchError::Invalid(e.to_string()))??;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Anything written during the rebuild.
    replay(index, store, start_seq).await?;
    Ok(indexed)
}

async fn add_all(index: &Arc<SearchIndex>, docs: Vec<TantivyDocument>) -> Result<u64> {
    let idx = index.clone();
    tokio::task::spawn_blocking(move || -> Result<u64> {
        let w = idx.writer();
        let n = docs.len() as u64;
        for d in docs {
            w.add_document(d)?;
        }
        Ok(n)
    })
    .await
    .map_err(|e| crate::SearchError::Invalid(e.to_string()))?
}

/// Follows the change log while the server runs: new writes become searchable within a
/// fraction of a second.
pub fn follow(index: Arc<SearchIndex>, store: Store) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match catch_up(&index, &store).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(changes = n, "search index caught up"),
                Err(e) => tracing::warn!(error = %e, "search index could not catch up; retrying"),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
}
