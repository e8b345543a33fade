//! What people can do on superconnector. Each use case is one method of [`App`] that takes the
//! [`Caller`] and the input, asks `sc_access` whether the caller may, and only then reads or
//! writes. This is the only crate the web edge may call for data: the API and UI crates do not
//! depend on `sc-storage`, so a handler that skipped a check would have nothing to call.
//!
//! Data types the use cases return are re-exported here; the store itself is not.

mod accounts;
mod cache;
mod caller;
mod conversations;
mod error;
mod exhibition;
mod fairs;
mod limiter;
mod listings;
mod mail;
mod matching;
mod media;
pub mod meetings;
mod organisations;
mod search;
mod staging;
pub mod time;

use std::sync::Arc;

pub use accounts::AccountChange;
pub use cache::{ExhibitorContent, FairLayout};
pub use caller::{Caller, SESSION_DAYS, Session, hash_password, random_token, token_hash};
pub use conversations::{
    ConversationView, Delivery, Draft, Hub, InboxQuery, Thread, Topic, Upload,
};
pub use error::{Error, Result};
pub use exhibition::{Arrival, BookmarkChange, ScanResult, Standing, plan_fields};
pub use mail::{DIGEST_DELAY_MS, DIGEST_EVERY_MS, DigestReport};
pub use matching::{
    BuildReport, Feedback, MAX_MATCHES, MatchFor, MatchTarget, Recommendation, Recomputed,
    listings_spec, people_spec,
};
pub use media::media_error_code;
pub use sc_floorplan::PlanError;
pub use sc_match::{Reason, Side as MatchSide, Signal};
pub use sc_search::{Filters, Hit, SearchRequest, SearchResults};
pub use search::MAX_QUERY_CHARS;
pub use staging::ImportKind;

/// Records the use cases hand out, re-exported so adapters need no storage crate.
pub use meetings::{BadgeScan, ScheduleSummary, UNAVAILABLE_REASONS, status_now};
pub use sc_storage::{
    AttachmentInfo, Bookmark, BoothCode, BoothView, Conversation, FairStats, HallWithPlan,
    ImageInfo, ImageOwner, ImportSummary, Lead, ListingFilter, Message, NewExhibitor, NewHall,
    NewProduct, OrganisationFilter, Page, PageRequest, Posted, ProductSummary, Report,
    RevealedContact, ScanOutcome, Source, Stand, TokenTarget, TopBooth, now_ms, split_tags,
};
pub use sc_storage::{Invitee, MeetingInfo, MeetingRequest, MeetingSession, MeetingSlot};

/// The platform's use cases over one database and its search index.
#[derive(Clone)]
pub struct App {
    store: sc_storage::Store,
    search: Arc<sc_search::SearchIndex>,
    /// Scans of booth codes go through one group-committing writer.
    scans: sc_storage::ScanRecorder,
    caches: Arc<cache::Caches>,
    limiter: Arc<limiter::LoginLimiter>,
    staged: Arc<staging::StagedImports>,
    /// The matching engines (built by [`App::build_matching`]).
    matcher: matching::Matcher,
    /// Match events go through one group-committing writer.
    match_events: sc_storage::EventRecorder,
    /// Open pages waiting for messages.
    hub: Arc<conversations::Hub>,
    /// Where e-mail goes (none: no mail is sent).
    mailer: Option<Arc<sc_mail::Mailer>>,
}

impl App {
    /// Must be called inside a Tokio runtime (it starts the scan writer).
    pub fn new(store: sc_storage::Store, search: Arc<sc_search::SearchIndex>) -> Self {
        App {
            scans: sc_storage::ScanRecorder::start(store.clone()),
            match_events: sc_storage::EventRecorder::start(store.clone()),
            matcher: matching::Matcher::default(),
            store,
            search,
            caches: Arc::default(),
            limiter: Arc::default(),
            staged: Arc::default(),
            hub: Arc::default(),
            mailer: None,
        }
    }
}
