//! Views of the meeting pages; each renders one template under `templates/`.

use askama::Template;

use sc_web_ui::views::{Errors, Opt};
use sc_web_ui::{Chrome, Words};

/// A request or meeting as one row of "My meetings".
pub struct RequestRow {
    pub id: i64,
    pub fair_id: i64,
    /// The fair's name, on the page across fairs.
    pub fair: Option<String>,
    /// The other side (a person, or an organisation and who meets for it).
    pub with: String,
    pub with_lang: &'static str,
    /// `YYYY-MM-DD HH:MM–HH:MM`, or the words for "whenever the scheduler finds a time".
    pub when: String,
    pub table: Option<i64>,
    pub note: String,
    /// Words for the state (waiting for you, sent, lapses at…).
    pub state: String,
    pub can_accept: bool,
    pub can_cancel: bool,
    pub can_propose: bool,
    /// A published meeting that may be checked in or marked as missed now.
    pub can_attend: bool,
    pub attended: Option<String>,
}

pub struct SlotChoice {
    pub id: i64,
    pub day: String,
    pub label: String,
    /// "" (available), `booth`, `talk` or `other`.
    pub reason: String,
}

#[derive(Template)]
#[template(path = "my_meetings.html")]
pub struct MyMeetingsPage {
    pub c: Chrome,
    pub t: Words,
    /// The fair, when the page is one fair's: (id, name).
    pub fair: Option<(i64, String)>,
    pub organiser: bool,
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub schedule: Vec<RequestRow>,
    pub waiting: Vec<RequestRow>,
    pub sent: Vec<RequestRow>,
    pub to_place: Vec<RequestRow>,
    pub closed: Vec<RequestRow>,
    /// The slots to propose instead.
    pub slots: Vec<Opt>,
    pub availability: Vec<SlotChoice>,
    pub reasons: Vec<Opt>,
    pub cap: String,
    /// The reader's meeting badge at this fair: its URL and QR code (inline SVG).
    pub badge: Option<(String, String)>,
    /// The reader's calendar subscription: its https and webcal addresses.
    pub feed: (String, String),
}

#[derive(Template)]
#[template(path = "request.html")]
pub struct RequestPage {
    pub c: Chrome,
    pub t: Words,
    pub fair_id: i64,
    pub fair: String,
    /// `person:ID` or `organisation:ID`.
    pub to: String,
    pub to_name: String,
    pub slots: Vec<Opt>,
    pub note: String,
    pub note_max: usize,
    pub errors: Errors,
}

pub struct SessionRow {
    pub day: String,
    pub span: String,
    pub slot_minutes: u32,
    pub tables: u32,
    pub breaks: String,
    pub slots: i64,
}

pub struct MeetingRow {
    pub id: i64,
    pub when: String,
    pub table: i64,
    pub requester: String,
    pub invitee: String,
    pub published: bool,
    pub attended: String,
    pub can_attend: bool,
}

/// The organiser's scheduler result, as shown after a run.
pub struct RunSummary {
    pub method: String,
    pub drafts: String,
    pub kept: String,
    pub unscheduled: String,
    pub share: String,
    pub gaps: String,
}

#[derive(Template)]
#[template(path = "organise.html")]
pub struct OrganisePage {
    pub c: Chrome,
    pub t: Words,
    pub fair_id: i64,
    pub fair: String,
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub sessions: Vec<SessionRow>,
    pub days: Vec<Opt>,
    pub minutes: Vec<Opt>,
    /// The session form's values and errors (after a refused post).
    pub starts: String,
    pub ends: String,
    pub tables: String,
    pub breaks: String,
    pub errors: Errors,
    pub accepted: usize,
    pub drafts: usize,
    pub run: Option<RunSummary>,
    pub meetings: Vec<MeetingRow>,
}

/// What scanning a meeting badge did.
#[derive(Template)]
#[template(path = "badge.html")]
pub struct BadgePage {
    pub c: Chrome,
    pub t: Words,
    pub fair_id: i64,
    /// `checked_in`, `not_now`, `not_a_partner`, `own` or `confirm` (opened from another
    /// site: a button checks in).
    pub state: &'static str,
    /// The sentence naming the badge's owner, where the reader may know it.
    pub message: String,
    /// When and where: the meeting checked in, or the next one.
    pub when: String,
    pub token: String,
}
