//! The views of the listing and search pages; each renders one template under `templates/`.

use askama::Template;

use sc_web_ui::Chrome;
use sc_web_ui::Words;
use sc_web_ui::attrs::AttrField;
use sc_web_ui::views::*;

#[derive(Template)]
#[template(path = "listings.html")]
pub struct ListingList {
    pub c: Chrome,
    pub t: Words,
    pub listings: Vec<ListingCard>,
    pub pager: Pager,
    pub markets: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "listing.html")]
pub struct ListingPage {
    pub c: Chrome,
    pub t: Words,
    pub l: ListingCard,
    pub market: &'static str,
    pub description: String,
    pub description_lang: &'static str,
    pub converted: Option<sc_web_ui::present::Converted>,
    pub attributes: Vec<(&'static str, String)>,
    pub regions: Vec<String>,
    pub can_edit: bool,
    /// "Send a message" to the owner about this listing, for others.
    pub message_href: Option<String>,
    pub photos: Vec<sc_web_ui::photos::PhotoView>,
    pub photo_action: String,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "listing_kind.html")]
pub struct ListingKindPicker {
    pub c: Chrome,
    pub t: Words,
    /// `organisation=ID&` or empty, prefixed to each kind link.
    pub owner_query: String,
    pub owner_name: String,
    pub kinds: Vec<(String, &'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "listing_form.html")]
pub struct ListingForm {
    pub c: Chrome,
    pub t: Words,
    pub action: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub owner_name: String,
    pub title: [String; 3],
    pub description: [String; 3],
    pub codes: String,
    pub code_scheme: Option<&'static str>,
    pub regions: Vec<Opt>,
    pub attributes: Vec<AttrField>,
    pub statuses: Vec<Opt>,
    pub errors: Errors,
    /// Where the delete form posts; `None` when creating.
    pub delete_action: Option<String>,
}

pub struct SearchRow {
    pub url: String,
    pub kind: &'static str,
    pub title: String,
    pub title_lang: &'static str,
    /// Escaped HTML from the index, with `<mark>` around matches.
    pub snippet: String,
    /// Where the exhibitor stands at a fair: (what to read, the plan with the way there).
    pub stands: Vec<(String, String)>,
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub label: &'static str,
    pub links: Vec<FacetLink>,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub c: Chrome,
    pub t: Words,
    pub q: String,
    pub rows: Vec<SearchRow>,
    pub facets: Vec<FacetGroup>,
    /// Filters in force, each linking to the search without it.
    pub active: Vec<FacetLink>,
    pub pager: Pager,
}
