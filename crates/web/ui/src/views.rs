//! One view struct per page; each renders one template under `templates/`. Views hold display
//! strings already chosen for the reader's language; templates only lay them out (and escape).

use std::collections::HashMap;

use askama::Template;

use crate::context::Chrome;
use sc_i18n::Words;

/// An option of a select, radio group or checkbox list.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// Field name (top level, e.g. `name` for `name.en`) → translated message.
pub type Errors = HashMap<String, String>;

pub struct FairCard {
    pub id: i64,
    pub name: String,
    pub name_lang: &'static str,
    pub dates: String,
    pub venue: String,
}

pub struct OrgCard {
    pub id: i64,
    pub name: String,
    pub name_lang: &'static str,
    pub kind: &'static str,
    pub location: String,
    pub sectors: Vec<&'static str>,
    pub verified: bool,
    pub booth: Option<String>,
}

pub struct ListingCard {
    pub id: i64,
    /// The cover photo's thumbnail, where it has one and the page knows it.
    pub thumb: Option<String>,
    pub title: String,
    pub title_lang: &'static str,
    pub kind: &'static str,
    pub owner: String,
    /// Organisations have a page; people do not (their profile is not public yet).
    pub owner_href: Option<String>,
    pub codes: String,
    pub status: Option<&'static str>,
}

pub struct Pager {
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub t: Words,
    pub message: &'static str,
}
