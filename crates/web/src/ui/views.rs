//! One view struct per page; each renders one template under `templates/`. Views hold display
//! strings already chosen for the reader's language; templates only lay them out (and escape).

use std::collections::HashMap;

use askama::Template;

use super::context::Chrome;
use super::i18n::I18n;

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

pub struct AttrField {
    pub key: String,
    pub label: &'static str,
    /// `text`, `number`, `integer`, `bool`, `select` or `multi`.
    pub input: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub required: bool,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub t: I18n,
    pub message: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    pub c: Chrome,
    pub t: I18n,
    pub fairs: Vec<FairCard>,
    pub listings: Vec<ListingCard>,
    pub markets: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "fair.html")]
pub struct FairPage {
    pub c: Chrome,
    pub t: I18n,
    pub fair: FairCard,
    pub online_until: String,
    pub halls: Vec<Opt>,
    pub orgs: Vec<OrgCard>,
    pub pager: Pager,
    pub signed_in: bool,
    pub can_manage: bool,
    /// The caller's own organisations exhibiting here: (id, name) for their leads.
    pub my_exhibits: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "organisations.html")]
pub struct OrgList {
    pub c: Chrome,
    pub t: I18n,
    pub orgs: Vec<OrgCard>,
    pub pager: Pager,
    pub sectors: Vec<Opt>,
    pub kinds: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "organisation.html")]
pub struct OrgPage {
    pub c: Chrome,
    pub t: I18n,
    pub org: OrgCard,
    pub description: String,
    pub description_lang: &'static str,
    pub website: Option<String>,
    pub markets: Vec<String>,
    pub booths: Vec<String>,
    pub listings: Vec<ListingCard>,
    pub pager: Pager,
    pub can_edit: bool,
    pub can_add_listing: bool,
    pub members: Vec<MemberRow>,
    /// May add, promote and remove members.
    pub can_manage_members: bool,
    /// The outcome of the last member change, translated.
    pub notice: Option<String>,
    pub roles: Vec<Opt>,
    pub photos: Vec<super::photos::PhotoView>,
    pub photo_action: String,
}

pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub role: &'static str,
    pub is_admin: bool,
    /// The caller may remove this member (administrators anyone, members themselves).
    pub removable: bool,
}

#[derive(Template)]
#[template(path = "listings.html")]
pub struct ListingList {
    pub c: Chrome,
    pub t: I18n,
    pub listings: Vec<ListingCard>,
    pub pager: Pager,
    pub markets: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "listing.html")]
pub struct ListingPage {
    pub c: Chrome,
    pub t: I18n,
    pub l: ListingCard,
    pub market: &'static str,
    pub description: String,
    pub description_lang: &'static str,
    pub attributes: Vec<(&'static str, String)>,
    pub regions: Vec<String>,
    pub can_edit: bool,
    pub photos: Vec<super::photos::PhotoView>,
    pub photo_action: String,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub c: Chrome,
    pub t: I18n,
    pub email: String,
    pub display_name: String,
    pub locations: Vec<Opt>,
    pub languages: Vec<Opt>,
    pub next: String,
    pub errors: Errors,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub c: Chrome,
    pub t: I18n,
    pub email: String,
    pub next: String,
    pub error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub c: Chrome,
    pub t: I18n,
    pub email: String,
    pub display_name: String,
    pub languages: Vec<Opt>,
    pub locations: Vec<Opt>,
    pub phone: String,
    pub wechat: String,
    pub whatsapp: String,
    pub postal_address: String,
    pub orgs: Vec<OrgCard>,
    pub saved: bool,
    pub errors: Errors,
}

#[derive(Template)]
#[template(path = "organisation_form.html")]
pub struct OrgForm {
    pub c: Chrome,
    pub t: I18n,
    pub action: String,
    pub heading: &'static str,
    pub kinds: Vec<Opt>,
    pub name: [String; 3],
    pub description: [String; 3],
    pub sectors: Vec<Opt>,
    pub locations: Vec<Opt>,
    pub markets: Vec<Opt>,
    pub website: String,
    pub errors: Errors,
    /// Where the delete form posts; `None` when creating.
    pub delete_action: Option<String>,
}

#[derive(Template)]
#[template(path = "listing_kind.html")]
pub struct ListingKindPicker {
    pub c: Chrome,
    pub t: I18n,
    /// `organisation=ID&` or empty, prefixed to each kind link.
    pub owner_query: String,
    pub owner_name: String,
    pub kinds: Vec<(String, &'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "listing_form.html")]
pub struct ListingForm {
    pub c: Chrome,
    pub t: I18n,
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
    pub t: I18n,
    pub q: String,
    pub rows: Vec<SearchRow>,
    pub facets: Vec<FacetGroup>,
    /// Filters in force, each linking to the search without it.
    pub active: Vec<FacetLink>,
    pub pager: Pager,
}
