//! Full-text search over organisations and listings. The index is derived from the database:
//! every write appends to the database's change log (`search_changes`), and [`sync`] applies the
//! log to the index, recording in each index commit the last change it holds. After a crash the
//! index notices it is behind and replays the rest; `reindex` rebuilds it from scratch.

mod doc;
mod query;
pub mod sync;
mod tokenizer;

use std::path::Path;
use std::sync::Mutex;

use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};

pub use doc::OwnerInfo;
pub use query::{Filters, Hit, SearchRequest, SearchResults};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("database: {0}")]
    Storage(#[from] sc_storage::StorageError),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// The tokenizer name registered on the index.
const TOKENIZER: &str = "sc";
/// The tokenizer of the character fields: each Chinese character on its own.
const CHARS_TOKENIZER: &str = "sc_chars";

/// The shape of the index: its fields and how their text is cut into tokens. An index written in
/// another shape is set aside and built again from the database (the first start after an
/// upgrade takes as long as `reindex`).
const FORMAT: &str = "2";
const FORMAT_FILE: &str = "sc-format";

/// Fields per language: zh-Hant, zh-Hans, en (stored for display and snippets).
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    key: Field,
    entity: Field,
    id: Field,
    name: [Field; 3],
    body: [Field; 3],
    codes: Field,
    /// Each Chinese character of the names and of the bodies, for one-character queries and
    /// words still being typed: `[name, body]`.
    chars: [Field; 2],
    facets: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let with = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let text = |stored: bool| with(TOKENIZER, stored);
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        entity: b.add_text_field("entity", STRING | STORED),
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        name: [
            b.add_text_field("name_zh_hant", text(true)),
            b.add_text_field("name_zh_hans", text(true)),
            b.add_text_field("name_en", text(true)),
        ],
        body: [
            b.add_text_field("body_zh_hant", text(true)),
            b.add_text_field("body_zh_hans", text(true)),
            b.add_text_field("body_en", text(true)),
        ],
        codes: b.add_text_field("codes", text(false)),
        chars: [
            b.add_text_field("chars_name", with(CHARS_TOKENIZER, false)),
            b.add_text_field("chars_body", with(CHARS_TOKENIZER, false)),
        ],
        facets: b.add_facet_field("facets", tantivy::schema::FacetOptions::default()),
    };
    (b.build(), fields)
}

/// The index, its reader and its single writer.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    /// The last database change searches can see, announced at every commit, so a test (or a
    /// caller that must read its own write) waits for the event instead of for time.
    applied: tokio::sync::watch::Sender<i64>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty) if there is none.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|e| SearchError::Invalid(format!("cannot create {}: {e}", dir.display())))?;
        let format_file = dir.join(FORMAT_FILE);
        let format = std::fs::read_to_string(&format_file).ok();
        if format.as_deref().map(str::trim) != Some(FORMAT) {
            // An index of another shape (or none): start empty, so the first catch-up rebuilds
            // it from the database.
            set_aside(dir)?;
            write_durably(&format_file, FORMAT)?;
        }
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(dir)?;
        let index = Index::open_or_create(directory, schema)?;
        Self::with_index(index, fields)
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<SearchIndex> {
        index
            .tokenizers()
            .register(TOKENIZER, tokenizer::ScTokenizer);
        index
            .tokenizers()
            .register(CHARS_TOKENIZER, tokenizer::CharsTokenizer);
        // Two indexing threads on a two-core machine; 100 MB before a segment is flushed.
        let writer = index.writer_with_num_threads(2, 100_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let applied = index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            applied: tokio::sync::watch::Sender::new(applied),
        })
    }

    /// The last database change this index holds (`None` for a new, empty index).
    pub fn applied_seq(&self) -> Result<Option<i64>> {
        Ok(self
            .index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok()))
    }

    /// Number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Starts a bulk load: background merges wait until [`commit_bulk`](Self::commit_bulk),
    /// which merges everything once instead of merging segments while they are written.
    pub fn begin_bulk(&self) {
        self.writer().set_merge_policy(Box::new(NoMergePolicy));
    }

    /// Adds listings straight to the index (no database), for benchmarks and bulk loads.
    /// Nothing is searchable until [`commit_bulk`](Self::commit_bulk).
    pub fn add_listings(
        &self,
        items: &[(sc_domain::listing::Listing, Option<OwnerInfo>)],
    ) -> Result<()> {
        let w = self.writer();
        for (l, owner) in items {
            w.add_document(doc::listing(&self.fields, l, owner.as_ref()))?;
        }
        Ok(())
    }

    /// Commits a bulk load (recording change 0: such an index follows no database) and
    /// [compacts](Self::compact) it.
    pub fn commit_bulk(&self) -> Result<()> {
        let mut w = self.writer();
        self.commit(&mut w, 0)?;
        drop(w);
        self.compact()
    }

    /// Merges every segment into one, removes the files no longer used, and lets background
    /// merges resume. A bulk load or a rebuild leaves a segment per flushed memory budget (seven
    /// at a million listings), and every query pays for each segment (term dictionaries,
    /// scorers), so a built index is compacted before it serves. The merged segment replaces the
    /// others in one atomic metadata write that keeps the recorded change: a crash during the
    /// merge leaves the committed segments as they were.
    pub fn compact(&self) -> Result<()> {
        let mut w = self.writer();
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            w.merge(&ids).wait()?;
        }
        w.set_merge_policy(Box::new(LogMergePolicy::default()));
        let _ = w.garbage_collect_files().wait();
        self.reader.reload()?;
        Ok(())
    }

    /// Number of segments searches go through (after a compaction: one).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub(crate) fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes everything written durable, records `seq`, and shows it to searches.
    pub(crate) fn commit(&self, writer: &mut IndexWriter, seq: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&seq.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        self.applied.send_replace(seq);
        Ok(())
    }

    /// Returns once searches see database change `seq` (or a later one).
    pub async fn wait_until_applied(&self, seq: i64) {
        let mut rx = self.applied.subscribe();
        let _ = rx.wait_for(|applied| *applied >= seq).await;
    }
}

/// Removes the files of an index in another shape (everything in its directory).
fn set_aside(dir: &Path) -> Result<()> {
    let io = |e: std::io::Error| SearchError::Invalid(format!("{}: {e}", dir.display()));
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(io)?;
        } else {
            std::fs::remove_file(&path).map_err(io)?;
        }
    }
    Ok(())
}

fn write_durably(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| SearchError::Invalid(format!("{}: {e}", path.display()));
    let mut f = std::fs::File::create(path).map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    if let Some(parent) = path.parent() {
        std::fs::File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(())
}

/// An HS filter: 2 to 10 digits, an even count.
pub(crate) fn hs_prefix_ok(code: &str) -> bool {
    sc_domain::listing::is_hs_code(code)
}
