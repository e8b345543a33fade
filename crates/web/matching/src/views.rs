//! Views of the matching pages; each renders one template under `templates/`.

use askama::Template;

use sc_web_ui::attrs::AttrField;
use sc_web_ui::matches::MatchCard;
use sc_web_ui::views::Errors;
use sc_web_ui::{Chrome, Words};

/// Recommendations for a person, an organisation or a listing.
#[derive(Template)]
#[template(path = "matches.html")]
pub struct MatchesPage {
    pub c: Chrome,
    pub t: Words,
    pub title: String,
    pub intro: String,
    pub empty: String,
    pub notice: Option<String>,
    pub cards: Vec<MatchCard>,
    /// The subject feedback is given for (`me`, `organisation:ID`, `listing:ID`); empty when
    /// the reader may not give it.
    pub feedback_for: String,
    /// (href, label) of the actions under the list.
    pub links: Vec<(String, String)>,
}

/// A profile form built from its schema.
#[derive(Template)]
#[template(path = "profile.html")]
pub struct ProfilePage {
    pub c: Chrome,
    pub t: Words,
    pub title: String,
    pub intro: String,
    pub action: String,
    pub attributes: Vec<AttrField>,
    pub errors: Errors,
    pub saved: bool,
    pub links: Vec<(String, String)>,
}
