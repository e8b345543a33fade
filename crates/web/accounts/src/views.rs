//! The views of the account and organisation pages; each renders one template under `templates/`.

use askama::Template;

use sc_web_ui::Chrome;
use sc_web_ui::Words;
use sc_web_ui::views::*;

#[derive(Template)]
#[template(path = "organisations.html")]
pub struct OrgList {
    pub c: Chrome,
    pub t: Words,
    pub orgs: Vec<OrgCard>,
    pub pager: Pager,
    pub sectors: Vec<Opt>,
    pub kinds: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "organisation.html")]
pub struct OrgPage {
    pub c: Chrome,
    pub t: Words,
    pub org: OrgCard,
    pub description: String,
    pub description_lang: &'static str,
    pub converted: Option<sc_web_ui::present::Converted>,
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
    pub photos: Vec<sc_web_ui::photos::PhotoView>,
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
#[template(path = "signup.html")]
pub struct SignupPage {
    pub c: Chrome,
    pub t: Words,
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
    pub t: Words,
    pub email: String,
    pub next: String,
    pub error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub c: Chrome,
    pub t: Words,
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
    pub t: Words,
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
