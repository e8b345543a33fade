//! Views of the fair pages (EXHIBITION+), one per page; each renders one template under
//! `templates/`.

use askama::Template;

use sc_web_ui::views::{FairCard, ListingCard, Opt, OrgCard, Pager};
use sc_web_ui::{Chrome, Words};

pub struct BoothLink {
    pub label: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "scan_problem.html")]
pub struct ScanProblemPage {
    pub c: Chrome,
    pub t: Words,
    pub message: &'static str,
    pub fair: Option<i64>,
}

#[derive(Template)]
#[template(path = "exhibitor.html")]
pub struct ExhibitorPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub org: OrgCard,
    pub description: String,
    pub description_lang: &'static str,
    pub converted: Option<sc_web_ui::present::Converted>,
    pub website: Option<String>,
    pub booths: Vec<BoothLink>,
    /// Inline SVG, built by `sc_floorplan::svg` (which escapes every text it draws).
    pub plan_svg: String,
    pub listings: Vec<ListingCard>,
    pub related: Vec<OrgCard>,
    pub signed_in: bool,
    /// The reader is a member of this exhibitor: no meeting with oneself.
    pub own: bool,
    pub bookmarked: bool,
    pub scan_banner: Option<&'static str>,
    /// The scan URL to come back to after a quick sign-in.
    pub quick_sign_in: Option<String>,
    /// This page's path, percent-encoded, for `next=`.
    pub next: String,
    pub request_sent: bool,
    pub has_lead: bool,
    pub shares_contact: bool,
    pub notice: Option<String>,
    /// "Exhibitors you may also like": recommendations for the signed-in visitor at this fair.
    pub cards: Vec<sc_web_ui::matches::MatchCard>,
    pub feedback_for: String,
    /// Just scanned by someone who has not said what they source: ask (optional).
    pub ask_profile: bool,
}

pub struct HallTab {
    pub code: String,
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub halls: Vec<HallTab>,
    pub hall_code: String,
    pub plan_svg: String,
    pub q: String,
    pub to: String,
    pub from: String,
    pub matches: Vec<OrgCard>,
    pub route_steps: Vec<String>,
    pub unreachable: Vec<String>,
    pub mine: bool,
    pub drawn: bool,
}

pub struct BookmarkRow {
    pub org_id: i64,
    pub name: String,
    pub name_lang: &'static str,
    pub booths: String,
    pub plan_href: String,
    pub note: String,
    pub tags: String,
    pub visited: bool,
    pub source: &'static str,
    pub created: String,
}

#[derive(Template)]
#[template(path = "my_fair.html")]
pub struct MyFairPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub rows: Vec<BookmarkRow>,
    pub tags: Vec<Opt>,
    pub tag: String,
    pub route_href: String,
    pub notice: Option<String>,
}

pub struct LeadRow {
    pub user_id: i64,
    pub name: String,
    pub location: String,
    pub language: &'static str,
    pub source: &'static str,
    pub scans: i64,
    pub bookmarked: bool,
    pub first: String,
    pub last: String,
    pub message: String,
    pub note: String,
    pub score: i64,
    /// Shown only where the buyer agreed; each showing is recorded.
    pub contact: Option<Vec<sc_web_ui::present::ContactLine>>,
    /// The conversation with the buyer (or where to start one), and its unread count.
    pub conversation: String,
    pub has_conversation: bool,
    pub unread: i64,
}

#[derive(Template)]
#[template(path = "leads.html")]
pub struct LeadsPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub org: OrgCard,
    pub rows: Vec<LeadRow>,
    pub scores: Vec<i64>,
    pub notice: Option<String>,
    /// The organisation whose "Buyers to meet" the page links to.
    pub org_id: i64,
}

pub struct Bar {
    pub label: String,
    pub value: i64,
    /// Share of the largest value, 0–100, for the bar's length.
    pub pct: i64,
}

pub struct BoothCodeRow {
    pub booth_id: i64,
    pub hall: String,
    pub booth: String,
    pub exhibitor: String,
    pub url: String,
    /// The QR code as inline SVG (made by the `qrcode` crate: no text from users inside).
    pub svg: String,
}

#[derive(Template)]
#[template(path = "fair_manage.html")]
pub struct ManagePage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub zone: String,
    pub scans: i64,
    pub visitors: i64,
    pub contact_requests: i64,
    pub bookmarks_scan: i64,
    pub bookmarks_online: i64,
    pub hours_svg: String,
    pub days_svg: String,
    pub top_booths: Vec<Bar>,
    pub by_region: Vec<Bar>,
    pub by_language: Vec<Bar>,
    pub halls: Vec<HallTab>,
    pub plan_errors: Vec<String>,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "qr_sheet.html")]
pub struct QrSheetPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub rows: Vec<BoothCodeRow>,
    pub notice: Option<String>,
}

pub struct ImportPreview {
    pub kind: &'static str,
    pub encoding: &'static str,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    /// (line, column, reason)
    /// Line, column, the reason in the reader's language, the English detail.
    pub errors: Vec<[String; 4]>,
    pub more_errors: usize,
    /// The reason in the reader's language, and the English detail naming rows and booths.
    pub conflict: Option<(String, String)>,
    pub sample_head: Vec<&'static str>,
    pub sample: Vec<Vec<String>>,
    /// Present when the upload may be confirmed.
    pub token: Option<String>,
}

#[derive(Template)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub preview: Option<ImportPreview>,
}

#[derive(Template)]
#[template(path = "fair_form.html")]
pub struct NewFairPage {
    pub c: Chrome,
    pub t: Words,
    /// zh-Hant, zh-Hans, en.
    pub name: [String; 3],
    pub venue: [String; 3],
    pub starts_on: String,
    pub ends_on: String,
    pub online_until: String,
    pub zones: Vec<Opt>,
    pub halls: String,
    pub errors: sc_web_ui::views::Errors,
    pub hall_errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "fairs.html")]
pub struct FairList {
    pub c: Chrome,
    pub t: Words,
    pub fairs: Vec<FairCard>,
    pub can_create: bool,
}

#[derive(Template)]
#[template(path = "fair.html")]
pub struct FairPage {
    pub c: Chrome,
    pub t: Words,
    pub fair: FairCard,
    pub online_until: String,
    pub halls: Vec<Opt>,
    pub orgs: Vec<OrgCard>,
    pub pager: Pager,
    pub signed_in: bool,
    pub can_manage: bool,
    /// The caller's own organisations exhibiting here: (id, name) for their leads.
    pub my_exhibits: Vec<(i64, String)>,
    /// "Recommended for you" among this fair's exhibitors.
    pub cards: Vec<sc_web_ui::matches::MatchCard>,
    pub feedback_for: String,
}
