//! The home page's view.

use askama::Template;

use sc_web_ui::Chrome;
use sc_web_ui::I18n;
use sc_web_ui::views::*;

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    pub c: Chrome,
    pub t: I18n,
    pub fairs: Vec<FairCard>,
    pub listings: Vec<ListingCard>,
    pub markets: Vec<Opt>,
}
