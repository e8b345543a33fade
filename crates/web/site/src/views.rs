//! The home page's view.

use askama::Template;

use sc_web_ui::Chrome;
use sc_web_ui::Words;
use sc_web_ui::views::*;

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    pub c: Chrome,
    pub t: Words,
    pub fairs: Vec<FairCard>,
    pub listings: Vec<ListingCard>,
    pub markets: Vec<Opt>,
    /// "Recommended for you", for someone signed in.
    pub cards: Vec<sc_web_ui::matches::MatchCard>,
    pub feedback_for: String,
}
