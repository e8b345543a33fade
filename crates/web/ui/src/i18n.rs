//! The UI's words in Traditional Chinese, Simplified Chinese and English. Every key has all
//! three (a test checks, and another checks that every key the templates use is here).

use sc_domain::Language;

/// Translator for one request's language, handed to every template as `t`.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: Language,
}

impl I18n {
    /// The text for `key`; the key itself if missing (visible in review, never a crash).
    pub fn t(&self, key: &str) -> &'static str {
        self.try_t(key).unwrap_or_else(|| {
            tracing::warn!(key, "missing UI text");
            "??"
        })
    }

    /// The text for `key`, if a catalogue has it.
    pub fn try_t(&self, key: &str) -> Option<&'static str> {
        find(key).map(|[hant, hans, en]| match self.lang {
            Language::ZhHant => hant,
            Language::ZhHans => hans,
            Language::En => en,
        })
    }
}

/// The catalogues, split by domain; each is sorted, and no key is in two.
pub static CATALOGUES: &[&[(&str, [&str; 3])]] = &[CATALOGUE, crate::i18n_fair::CATALOGUE];

fn find(key: &str) -> Option<[&'static str; 3]> {
    CATALOGUES.iter().find_map(|c| {
        c.binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| c[i].1)
    })
}

/// Sorted by key (checked by a test, required by the binary search).
pub static CATALOGUE: &[(&str, [&str; 3])] = &[
    (
        "account.contact",
        [
            "聯絡資料（只有你看到）",
            "联系资料（只有你看到）",
            "Contact details (only you see these)",
        ],
    ),
    (
        "account.my_orgs",
        ["我的機構", "我的机构", "My organisations"],
    ),
    ("account.profile", ["個人資料", "个人资料", "Profile"]),
    ("account.saved", ["已儲存。", "已保存。", "Saved."]),
    ("account.title", ["我的帳戶", "我的账户", "My account"]),
    (
        "action.add_listing",
        ["新增項目", "新增项目", "Add a listing"],
    ),
    (
        "action.create_org",
        ["建立機構", "创建机构", "Create an organisation"],
    ),
    ("action.delete", ["刪除", "删除", "Delete"]),
    ("action.edit", ["編輯", "编辑", "Edit"]),
    ("action.filter", ["篩選", "筛选", "Filter"]),
    ("action.save", ["儲存", "保存", "Save"]),
    ("action.search", ["搜尋", "搜索", "Search"]),
    ("action.view_all", ["查看全部", "查看全部", "View all"]),
    ("auth.email", ["電郵地址", "电子邮箱", "E-mail address"]),
    (
        "auth.have_account",
        ["已有帳戶？", "已有账户？", "Already have an account?"],
    ),
    ("auth.login", ["登入", "登录", "Log in"]),
    ("auth.logout", ["登出", "退出", "Log out"]),
    ("auth.name", ["顯示名稱", "显示名称", "Display name"]),
    (
        "auth.no_account",
        ["還沒有帳戶？", "还没有账户？", "No account yet?"],
    ),
    ("auth.password", ["密碼", "密码", "Password"]),
    (
        "auth.password_hint",
        ["最少10個字元", "至少10个字符", "At least 10 characters"],
    ),
    ("auth.signup", ["註冊", "注册", "Sign up"]),
    (
        "auth.wrong",
        [
            "電郵或密碼不正確。",
            "邮箱或密码不正确。",
            "Wrong e-mail address or password.",
        ],
    ),
    (
        "delete.confirm",
        [
            "我確定要刪除，刪除後無法復原",
            "我确定要删除，删除后无法恢复",
            "I am sure; this cannot be undone",
        ],
    ),
    (
        "err.already_member",
        [
            "此人已是成員。",
            "此人已是成员。",
            "This person is already a member.",
        ],
    ),
    (
        "err.bad_code",
        [
            "代碼格式不正確。",
            "代码格式不正确。",
            "This code is not in the right form.",
        ],
    ),
    (
        "err.before_end",
        [
            "不能早於結束日期。",
            "不能早于结束日期。",
            "Cannot be before the end date.",
        ],
    ),
    (
        "err.before_start",
        [
            "不能早於開始日期。",
            "不能早于开始日期。",
            "Cannot be before the start date.",
        ],
    ),
    (
        "err.control_character",
        [
            "含有不允許的控制字元。",
            "含有不允许的控制字符。",
            "Contains control characters that are not allowed.",
        ],
    ),
    (
        "err.csrf",
        [
            "表格已過期，請重新提交。",
            "表单已过期，请重新提交。",
            "This form has expired; please submit it again.",
        ],
    ),
    (
        "err.email_taken",
        [
            "此電郵地址已註冊。",
            "此邮箱已注册。",
            "An account with this e-mail address exists.",
        ],
    ),
    (
        "err.forbidden",
        [
            "你沒有權限進行此操作。",
            "你没有权限进行此操作。",
            "You may not do this.",
        ],
    ),
    (
        "err.internal",
        [
            "系統出錯，已記錄，請稍後再試。",
            "系统出错，已记录，请稍后再试。",
            "Something went wrong on our side; it has been logged. Please try again.",
        ],
    ),
    (
        "err.last_admin",
        [
            "機構必須保留最少一位管理員。",
            "机构必须保留至少一位管理员。",
            "An organisation keeps at least one administrator.",
        ],
    ),
    (
        "err.no_such_account",
        [
            "沒有帳戶使用此電郵地址，請先請對方註冊。",
            "没有账户使用此邮箱，请先请对方注册。",
            "No account uses this e-mail address; ask them to sign up first.",
        ],
    ),
    (
        "err.not_a_date",
        [
            "請以YYYY-MM-DD格式填寫日期。",
            "请以YYYY-MM-DD格式填写日期。",
            "Write the date as YYYY-MM-DD.",
        ],
    ),
    (
        "err.not_a_url",
        [
            "請填寫以 http:// 或 https:// 開頭的網址。",
            "请填写以 http:// 或 https:// 开头的网址。",
            "Give an address starting with http:// or https://.",
        ],
    ),
    (
        "err.not_an_email",
        [
            "電郵地址格式不正確。",
            "邮箱格式不正确。",
            "This is not an e-mail address.",
        ],
    ),
    (
        "err.not_an_option",
        [
            "請從選項中選擇。",
            "请从选项中选择。",
            "Choose one of the options.",
        ],
    ),
    (
        "err.not_boolean",
        ["請選擇是或否。", "请选择是或否。", "Choose yes or no."],
    ),
    (
        "err.not_found",
        [
            "找不到此頁面，或你無權查看。",
            "找不到此页面，或你无权查看。",
            "Not found, or not visible to you.",
        ],
    ),
    (
        "err.not_hs_code",
        [
            "HS編碼應為2至10位數字。",
            "HS编码应为2至10位数字。",
            "HS codes have 2 to 10 digits.",
        ],
    ),
    (
        "err.not_integer",
        ["請填寫整數。", "请填写整数。", "Give a whole number."],
    ),
    (
        "err.not_number",
        ["請填寫數字。", "请填写数字。", "Give a number."],
    ),
    (
        "err.out_of_range",
        [
            "數值超出允許範圍。",
            "数值超出允许范围。",
            "The number is out of range.",
        ],
    ),
    ("err.required", ["必須填寫。", "必须填写。", "Required."]),
    ("err.too_long", ["內容太長。", "内容太长。", "Too long."]),
    (
        "err.too_many",
        ["項目太多。", "项目太多。", "Too many entries."],
    ),
    (
        "err.too_many_requests",
        [
            "嘗試次數過多，請稍後再試。",
            "尝试次数过多，请稍后再试。",
            "Too many attempts; please wait and try again.",
        ],
    ),
    ("err.too_short", ["太短。", "太短。", "Too short."]),
    (
        "err.unknown_code",
        ["未知的代碼。", "未知的代码。", "Unknown code."],
    ),
    (
        "err.unparseable",
        [
            "無法讀取此欄。",
            "无法读取此栏。",
            "This field could not be read.",
        ],
    ),
    ("fair.booth", ["攤位", "展位", "Booth"]),
    ("fair.dates", ["展期", "展期", "Dates"]),
    ("fair.exhibitors", ["參展商", "参展商", "Exhibitors"]),
    ("fair.halls", ["展館", "展馆", "Halls"]),
    (
        "fair.online_until",
        ["網上展覽開放至", "线上展览开放至", "Online until"],
    ),
    ("fair.venue", ["地點", "地点", "Venue"]),
    (
        "field.codes",
        [
            "分類編碼（以逗號分隔）",
            "分类编码（以逗号分隔）",
            "Classification codes (comma-separated)",
        ],
    ),
    ("field.description", ["簡介", "简介", "Description"]),
    ("field.kind", ["類型", "类型", "Type"]),
    ("field.location", ["所在地", "所在地", "Based in"]),
    (
        "field.markets_served",
        ["服務市場", "服务市场", "Markets served"],
    ),
    (
        "field.multi_hint",
        ["可選多項", "可选多项", "Choose any number"],
    ),
    ("field.name", ["名稱", "名称", "Name"]),
    ("field.phone", ["電話", "电话", "Phone"]),
    (
        "field.postal_address",
        ["郵寄地址", "邮寄地址", "Postal address"],
    ),
    (
        "field.preferred_language",
        ["介面語言", "界面语言", "Language"],
    ),
    ("field.sectors", ["行業", "行业", "Sectors"]),
    ("field.status", ["狀態", "状态", "Status"]),
    (
        "field.target_regions",
        ["目標地區", "目标地区", "Target regions"],
    ),
    ("field.title", ["標題", "标题", "Title"]),
    ("field.website", ["網站", "网站", "Website"]),
    ("field.wechat", ["微信", "微信", "WeChat"]),
    ("field.whatsapp", ["WhatsApp", "WhatsApp", "WhatsApp"]),
    ("home.fairs", ["展覽會", "展览会", "Fairs"]),
    ("home.latest", ["最新項目", "最新项目", "Latest listings"]),
    ("home.markets", ["四大市場", "四大市场", "Four markets"]),
    (
        "home.tagline",
        [
            "連繫香港、大灣區與世界：買家與參展商、人才與僱主、資本與綠色項目、企業與專業服務。",
            "连接香港、大湾区与世界：买家与参展商、人才与雇主、资本与绿色项目、企业与专业服务。",
            "Connecting Hong Kong, the Greater Bay Area and the world: buyers with exhibitors, talent with employers, capital with green projects, enterprises with professional services.",
        ],
    ),
    (
        "kind.chamber_of_commerce",
        ["商會", "商会", "Chamber of commerce"],
    ),
    ("kind.company", ["公司", "公司", "Company"]),
    ("kind.investor", ["投資者", "投资者", "Investor"]),
    (
        "kind.semi_official_body",
        ["半官方機構", "半官方机构", "Semi-official body"],
    ),
    (
        "kind.service_firm",
        ["專業服務機構", "专业服务机构", "Service firm"],
    ),
    ("kind.university", ["大學", "大学", "University"]),
    ("lang.label", ["語言", "语言", "Language"]),
    ("listing.by", ["發佈者", "发布者", "Listed by"]),
    (
        "listing.choose_kind",
        [
            "你想發佈甚麼？",
            "你想发布什么？",
            "What would you like to list?",
        ],
    ),
    (
        "listing.codes",
        ["分類編碼", "分类编码", "Classification codes"],
    ),
    ("listing.details", ["詳情", "详情", "Details"]),
    ("listing.for", ["代表", "代表", "On behalf of"]),
    ("listing.myself", ["我自己", "我自己", "Myself"]),
    ("listing.new", ["新增項目", "新增项目", "New listing"]),
    (
        "listing.none",
        ["暫時沒有項目。", "暂时没有项目。", "No listings yet."],
    ),
    (
        "listing.text_in_languages",
        [
            "以任何一種或多種語言填寫；其他語言的讀者會看到最接近的版本。",
            "以任何一种或多种语言填写；其他语言的读者会看到最接近的版本。",
            "Write in any one or more languages; readers of the others see the closest version.",
        ],
    ),
    ("nav.account", ["帳戶", "账户", "Account"]),
    ("nav.fairs", ["展覽", "展览", "Fairs"]),
    ("nav.home", ["主頁", "主页", "Home"]),
    ("nav.listings", ["項目", "项目", "Listings"]),
    ("nav.organisations", ["機構", "机构", "Organisations"]),
    (
        "notice.member_added",
        ["已加入成員。", "已加入成员。", "Member added."],
    ),
    (
        "notice.member_removed",
        ["已移除成員。", "已移除成员。", "Member removed."],
    ),
    (
        "notice.role_changed",
        ["已更改角色。", "已更改角色。", "Role changed."],
    ),
    ("org.add_member", ["加入成員", "加入成员", "Add member"]),
    (
        "org.add_member_email",
        ["成員的電郵地址", "成员的邮箱", "Member's e-mail address"],
    ),
    (
        "org.admin_only",
        [
            "只有機構管理員可以編輯。",
            "只有机构管理员可以编辑。",
            "Only the organisation's administrators can edit it.",
        ],
    ),
    ("org.booths", ["展位", "展位", "Booths"]),
    (
        "org.listings",
        ["產品及項目", "产品及项目", "Products and listings"],
    ),
    (
        "org.make_admin",
        ["設為管理員", "设为管理员", "Make administrator"],
    ),
    (
        "org.make_member",
        ["設為一般成員", "设为普通成员", "Make member"],
    ),
    ("org.members", ["成員", "成员", "Members"]),
    ("org.new", ["建立機構", "创建机构", "New organisation"]),
    (
        "org.none",
        ["暫時沒有機構。", "暂时没有机构。", "No organisations yet."],
    ),
    ("org.remove_member", ["移除", "移除", "Remove"]),
    ("org.role", ["角色", "角色", "Role"]),
    ("org.verified", ["已核實", "已核实", "Verified"]),
    ("page.next", ["下一頁", "下一页", "Next"]),
    ("page.of", ["共", "共", "of"]),
    ("page.prev", ["上一頁", "上一页", "Previous"]),
    ("role.admin", ["管理員", "管理员", "Administrator"]),
    ("role.member", ["成員", "成员", "Member"]),
    ("search.a_listing", ["項目", "项目", "Listing"]),
    ("search.an_organisation", ["機構", "机构", "Organisation"]),
    ("search.facet.entity", ["類別", "类别", "Type"]),
    ("search.facet.fair", ["展覽", "展览", "Fair"]),
    ("search.facet.hs", ["HS編碼", "HS编码", "HS code"]),
    ("search.facet.kind", ["項目類型", "项目类型", "Kind"]),
    ("search.facet.location", ["所在地", "所在地", "Based in"]),
    ("search.facet.market", ["市場", "市场", "Market"]),
    (
        "search.facet.region",
        ["目標地區", "目标地区", "Target region"],
    ),
    ("search.facet.sector", ["行業", "行业", "Sector"]),
    (
        "search.none",
        [
            "找不到相符的結果。試試較短的字詞，或用另一種語言搜尋。",
            "找不到相符的结果。试试较短的词，或用另一种语言搜索。",
            "Nothing matched. Try fewer words, or another language.",
        ],
    ),
    (
        "search.placeholder",
        [
            "搜尋產品、機構…",
            "搜索产品、机构…",
            "Search products, organisations…",
        ],
    ),
    (
        "search.remove_filter",
        ["移除此篩選", "移除此筛选", "Remove this filter"],
    ),
    ("search.title", ["搜尋", "搜索", "Search"]),
    ("status.archived", ["已封存", "已归档", "Archived"]),
    ("status.draft", ["草稿", "草稿", "Draft"]),
    ("status.published", ["已發佈", "已发布", "Published"]),
    ("word.all", ["全部", "全部", "All"]),
    ("word.any", ["不限", "不限", "Any"]),
    ("word.no", ["否", "否", "No"]),
    ("word.results", ["項結果", "项结果", "results"]),
    ("word.yes", ["是", "是", "Yes"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogues_are_sorted_unique_and_complete() {
        let mut seen = std::collections::HashSet::new();
        for catalogue in CATALOGUES {
            for w in catalogue.windows(2) {
                assert!(w[0].0 < w[1].0, "{} must sort before {}", w[0].0, w[1].0);
            }
            for (k, texts) in *catalogue {
                assert!(seen.insert(*k), "{k} is in two catalogues");
                assert!(
                    texts.iter().all(|t| !t.trim().is_empty()),
                    "{k} lacks a language"
                );
            }
        }
    }

    #[test]
    fn every_key_the_templates_use_exists() {
        // Every crate of the web edge keeps its templates beside it.
        let web = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut missing = vec![];
        let mut files = vec![];
        for area in std::fs::read_dir(web).unwrap() {
            let dir = area.unwrap().path().join("templates");
            if dir.is_dir() {
                files.extend(std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()));
            }
        }
        assert!(files.len() > 20, "templates not found under {web}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("t.t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                if find(key).is_none() {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogue: {missing:?}"
        );
    }
}
