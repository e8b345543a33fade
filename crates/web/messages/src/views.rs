//! Views of the conversation pages; each renders one template under `templates/`.

use askama::Template;

use sc_web_ui::present::{ContactLine, Piece};
use sc_web_ui::views::{Errors, Opt};
use sc_web_ui::{Chrome, Words};

/// One conversation in the inbox.
pub struct ConversationRow {
    pub id: i64,
    pub name: String,
    pub name_lang: &'static str,
    /// Which inbox it is in, when the reader has several (an organisation's name).
    pub inbox: Option<String>,
    pub about: Option<String>,
    pub excerpt: String,
    pub unread: i64,
    pub when: String,
    pub assigned: Option<String>,
}

#[derive(Template)]
#[template(path = "inbox.html")]
pub struct InboxPage {
    pub c: Chrome,
    pub t: Words,
    pub rows: Vec<ConversationRow>,
    /// The inboxes to choose from: "" (all), "me", or an organisation's id.
    pub boxes: Vec<Opt>,
    pub q: String,
    pub unread: bool,
    pub assigned: String,
    /// The link to the next page, if there may be one.
    pub more: Option<String>,
    pub notice: Option<String>,
    /// The organisations whose inbox rules the reader may set: (id, name).
    pub rules: Vec<(i64, String)>,
}

/// A file of a message.
pub struct FileRow {
    pub href: String,
    pub name: String,
    pub size: String,
}

pub struct MessageRow {
    pub id: i64,
    pub mine: bool,
    pub author: String,
    /// A message about the conversation itself (contact shared, withdrawn), not words.
    pub note: Option<String>,
    pub pieces: Vec<Piece>,
    pub files: Vec<FileRow>,
    /// A listing card: its page and title.
    pub card: Option<(String, String)>,
    pub when: String,
    /// Whether the reader may report it (the other side's words).
    pub reportable: bool,
}

#[derive(Template)]
#[template(path = "_messages.html")]
pub struct MessagesFragment {
    pub messages: Vec<MessageRow>,
}

#[derive(Template)]
#[template(path = "conversation.html")]
pub struct ThreadPage {
    pub c: Chrome,
    pub t: Words,
    pub id: i64,
    pub name: String,
    pub name_lang: &'static str,
    /// The other side's page, when it has one (an organisation).
    pub other_href: Option<String>,
    /// The listing it is about: its page and title.
    pub about: Option<(String, String)>,
    pub messages: Vec<MessageRow>,
    pub last_id: i64,
    pub older: Option<String>,
    pub read_by_other: bool,
    pub contact: Option<Vec<ContactLine>>,
    /// The reader is a person here and may share their contact details.
    pub can_share: bool,
    pub sharing: bool,
    /// The organisation's members, to assign the conversation to (organisation side only).
    pub members: Vec<Opt>,
    pub blocking: bool,
    pub draft: String,
    pub errors: Errors,
    pub notice: Option<String>,
    pub accept: &'static str,
}

#[derive(Template)]
#[template(path = "compose.html")]
pub struct ComposePage {
    pub c: Chrome,
    pub t: Words,
    pub to: String,
    pub to_name: String,
    pub about: String,
    pub about_title: Option<String>,
    pub fair: String,
    pub as_org: String,
    pub from_name: String,
    pub draft: String,
    pub errors: Errors,
    pub problem: Option<String>,
    pub accept: &'static str,
}

#[derive(Template)]
#[template(path = "inbox_rules.html")]
pub struct RulesPage {
    pub c: Chrome,
    pub t: Words,
    pub org_id: i64,
    pub org_name: String,
    pub options: Vec<Opt>,
    pub saved: bool,
}

pub struct ReportRow {
    pub id: i64,
    pub reporter: String,
    pub reported: String,
    pub reason: String,
    pub excerpt: String,
    pub when: String,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "reports.html")]
pub struct ReportsPage {
    pub c: Chrome,
    pub t: Words,
    pub rows: Vec<ReportRow>,
    pub all: bool,
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
pub struct UnsubscribePage {
    pub c: Chrome,
    pub t: Words,
    pub token: String,
    /// The key of what was done, once done.
    pub done: Option<&'static str>,
}
