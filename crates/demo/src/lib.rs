//! A demo fair that looks like a real Hong Kong trade fair: exhibitors from Hong Kong, the
//! Greater Bay Area, the rest of the Mainland and abroad, with products, buyers and listings in
//! the other three markets, in Traditional Chinese, Simplified Chinese and English mixed the way
//! such a fair mixes them. Generated from code and word lists, the same every time.

pub mod catalogue;
pub mod crowd;
pub mod matchlog;
mod words;

use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::{RngCore, SeedableRng};
use std::fmt;

use indicatif::{ProgressBar, ProgressStyle};
use sc_domain::fair::FairInput;
use sc_domain::listing::{ListingInput, ListingStatus, Owner};
use sc_domain::market::ListingKind;
use sc_domain::organisation::{OrgKind, OrganisationInput};
use sc_domain::person::{OrgRole, PlatformRole};
use sc_domain::{Language, LocalizedText, Location};
use sc_storage::{NewBooth, NewHall, NewUser, StorageError, Store};
use serde_json::{Map, Value, json};
use words::*;

/// The slug that marks the demo fair as loaded.
pub const DEMO_SLUG: &str = "demo-gba-superconnector-expo";
/// Password of every demo account (they are for trying the platform out, never for real use).
pub const DEMO_PASSWORD: &str = "demo-password-2026";
pub const EXHIBITORS: usize = 220;
pub const BUYERS: usize = 500;

/// What a load did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub already_loaded: bool,
    pub organisations: usize,
    pub products: usize,
    pub other_listings: usize,
    pub buyers: usize,
    pub booths: usize,
    /// Booth scans in the fair's generated history.
    pub scans: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.already_loaded {
            return write!(f, "demo fair already loaded; nothing changed");
        }
        write!(
            f,
            "demo fair loaded: {} organisations, {} booths, {} products, {} other listings, {} buyers, {} booth scans (demo password: {DEMO_PASSWORD})",
            self.organisations,
            self.booths,
            self.products,
            self.other_listings,
            self.buyers,
            self.scans
        )
    }
}

/// A seeded generator (PCG, from `rand_pcg`): the same numbers on every machine for the same
/// seed, so the demo and the benchmark catalogue are reproducible.
pub(crate) struct Rng(Pcg64Mcg);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(Pcg64Mcg::seed_from_u64(seed))
    }
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn weighted(&mut self, items: &[(&'static str, u32)]) -> &'static str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut r = (self.next() % total as u64) as u32;
        for (v, w) in items {
            if r < *w {
                return v;
            }
            r -= w;
        }
        items[0].0
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn loc(code: &str) -> Location {
    Location::parse(code).expect("demo word lists use valid location codes")
}

fn city(code: &str) -> Tri {
    CITY_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or(("香港", "香港", "Hong Kong"))
}

/// Which languages an exhibitor from `code` writes its profile in, as such firms do.
fn languages_for(code: &str, rng: &mut Rng) -> [bool; 3] {
    // [zh-Hant, zh-Hans, en]
    match code {
        "HK" | "MO" | "TW" => [true, rng.chance(35), true],
        c if c.starts_with("CN") => [rng.chance(40), true, rng.chance(80)],
        _ => [rng.chance(20), rng.chance(15), true],
    }
}

fn text_in(t: (String, String, String), langs: [bool; 3]) -> LocalizedText {
    let mut lt = LocalizedText::default();
    if langs[0] {
        lt.zh_hant = Some(t.0);
    }
    if langs[1] {
        lt.zh_hans = Some(t.1);
    }
    if langs[2] || lt.is_empty() {
        lt.en = Some(t.2);
    }
    lt
}

fn company_suffix(code: &str) -> (&'static str, &'static str, &'static str) {
    match code {
        "HK" | "MO" => ("有限公司", "有限公司", "Limited"),
        c if c.starts_with("CN") => ("有限公司", "有限公司", "Co., Ltd."),
        "SG" | "MY" => ("有限公司", "有限公司", "Pte. Ltd."),
        "DE" => ("有限公司", "有限公司", "GmbH"),
        "IT" => ("有限公司", "有限公司", "S.r.l."),
        "US" => ("公司", "公司", "Inc."),
        "JP" => ("株式會社", "株式会社", "Co., Ltd."),
        _ => ("有限公司", "有限公司", "Co., Ltd."),
    }
}

struct Progress(Option<ProgressBar>);

impl Progress {
    fn new(show: bool, total: u64) -> Self {
        Progress(show.then(|| {
            let pb = ProgressBar::new(total);
            pb.set_style(
                ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({eta})")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            pb
        }))
    }
    fn step(&self, msg: &'static str) {
        if let Some(pb) = &self.0 {
            pb.set_message(msg);
            pb.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

/// Loads the demo fair unless it is already there. All or nothing: one transaction.
pub async fn load(store: &Store, show_progress: bool) -> Result<Summary, StorageError> {
    if store.fair_id_by_slug(DEMO_SLUG).await?.is_some() {
        return Ok(Summary {
            already_loaded: true,
            ..Default::default()
        });
    }
    // One hash for every demo account: hashing 700 passwords would take half a minute.
    let password_hash = sc_access_hash(DEMO_PASSWORD);
    let mut rng = Rng::new(0x0000_005C_2026_1125);
    let mut wishes_rng = Rng::new(0x5749_5348_4553_2026);
    // Booths (id, exhibitor) and buyers (id, language), for the fair's history.
    let mut booths: Vec<(i64, i64)> = Vec::new();
    let mut buyers: Vec<(i64, Language)> = Vec::new();
    let mut sum = Summary::default();
    let progress = Progress::new(show_progress, (EXHIBITORS + BUYERS + 60) as u64);
    let mut b = store.batch().await?;

    let fair_id = b
        .insert_fair(
            &FairInput {
                name: LocalizedText::new(
                    "大灣區超級聯繫人博覽會 2026",
                    "大湾区超级联系人博览会 2026",
                    "GBA Super-Connector Expo 2026",
                ),
                venue: LocalizedText::new(
                    "香港會議展覽中心",
                    "香港会议展览中心",
                    "Hong Kong Convention and Exhibition Centre",
                ),
                starts_on: "2026-12-08".into(),
                ends_on: "2026-12-11".into(),
                online_until: "2027-01-31".into(),
                time_zone: "Asia/Hong_Kong".into(),
            },
            DEMO_SLUG,
        )
        .await?;
    let hall_names: [(&str, Tri); 5] = [
        (
            "1A",
            (
                "展覽廳1A：電子及照明",
                "展览厅1A：电子及照明",
                "Hall 1A: Electronics and Lighting",
            ),
        ),
        (
            "1B",
            (
                "展覽廳1B：家居及禮品",
                "展览厅1B：家居及礼品",
                "Hall 1B: Home and Gifts",
            ),
        ),
        (
            "1C",
            (
                "展覽廳1C：時裝及珠寶",
                "展览厅1C：时装及珠宝",
                "Hall 1C: Fashion and Jewellery",
            ),
        ),
        (
            "1D",
            (
                "展覽廳1D：食品及健康",
                "展览厅1D：食品及健康",
                "Hall 1D: Food and Health",
            ),
        ),
        (
            "1E",
            (
                "展覽廳1E：綠色科技及專業服務",
                "展览厅1E：绿色科技及专业服务",
                "Hall 1E: Green Tech and Professional Services",
            ),
        ),
    ];
    let mut halls = vec![];
    for (code, (h, s, e)) in hall_names {
        let id = b
            .insert_hall(
                fair_id,
                &NewHall {
                    code: code.into(),
                    name: LocalizedText::new(h, s, e),
                },
            )
            .await?;
        halls.push((code, id, 0usize));
    }
    let hall_for_sector = |sector: &str| match sector {
        "electronics" | "lighting" => 0,
        "household" | "gifts_toys" => 1,
        "fashion" | "jewellery" => 2,
        "food_beverage" | "health_beauty" | "medical" => 3,
        _ => 4,
    };

    // Exhibitors, each with one staff account, a booth and products.
    let mut used_names = std::collections::HashSet::new();
    for i in 0..EXHIBITORS {
        let sector = &SECTORS[i % SECTORS.len()];
        let place = rng.weighted(EXHIBITOR_LOCATIONS);
        let mut brand = rng.pick(BRANDS);
        while !used_names.insert((brand.2, sector.code, place)) {
            brand = rng.pick(BRANDS);
            if used_names.len() > BRANDS.len() * SECTORS.len() * 20 {
                break;
            }
        }
        let (sh, ss, se) = company_suffix(place);
        let c = city(place);
        let name = (
            format!("{}{}{}{}", c.0, brand.0, sector.trade.0, sh),
            format!("{}{}{}{}", c.1, brand.1, sector.trade.1, ss),
            format!("{} {} {} {}", c.2, brand.2, sector.trade.2, se),
        );
        let year = 1978 + rng.below(45);
        let countries = 5 + rng.below(60);
        let desc = (
            format!(
                "{}成立於{}年，總部位於{}，專注{}產品的研發、設計與生產，產品遠銷{}個國家及地區，提供OEM及ODM服務。",
                name.0, year, c.0, sector.trade.0, countries
            ),
            format!(
                "{}成立于{}年，总部位于{}，专注{}产品的研发、设计与生产，产品远销{}个国家及地区，提供OEM及ODM服务。",
                name.1, year, c.1, sector.trade.1, countries
            ),
            format!(
                "Founded in {year} and based in {}, {} designs and makes {} products, exporting to {countries} countries and regions, with OEM and ODM services.",
                c.2,
                name.2,
                sector.trade.2.to_lowercase()
            ),
        );
        let langs = languages_for(place, &mut rng);
        let mut markets: Vec<Location> = ["HK", "CN-GD-SZ", "SG", "MY", "AE", "DE", "US", "JP"]
            .iter()
            .filter(|_| rng.chance(35))
            .map(|c| loc(c))
            .collect();
        if markets.is_empty() {
            markets.push(loc("HK"));
        }
        let org = OrganisationInput {
            kind: OrgKind::Company,
            name: text_in(name.clone(), langs),
            description: text_in(desc, langs),
            sectors: vec![sector.code.to_string()],
            markets_served: markets,
            location: loc(place),
            website: Some(format!("https://exhibitor{:03}.example.com", i + 1)),
        };
        let org = org.validated().expect("demo organisations are valid");
        let org_id = b.insert_organisation(&org, rng.chance(70)).await?;
        sum.organisations += 1;
        let staff = b
            .insert_user(&NewUser {
                email: format!("exhibitor{:03}@demo.example.com", i + 1),
                password_hash: password_hash.clone(),
                display_name: person_name(&mut rng, place).0,
                preferred_language: preferred(place),
                location: loc(place),
                platform_role: PlatformRole::User,
            })
            .await?;
        b.insert_membership(org_id, staff, OrgRole::Admin).await?;
        // Two in five say whom they want to meet and what they need from other firms (their
        // own random stream, so the rest of the fair stays as it was).
        if wishes_rng.chance(40) {
            let (category, need) = wishes_rng.pick(NEEDS);
            let need = match preferred(place) {
                Language::ZhHant => need.0,
                Language::ZhHans => need.1,
                Language::En => need.2,
            };
            let kinds = sc_domain::profile::BUYER_TYPES;
            let attrs = json!({
                "needs": need,
                "needs_services": [category],
                "buyer_types": [kinds[wishes_rng.below(kinds.len())], kinds[wishes_rng.below(kinds.len())]],
            });
            let attrs = sc_domain::profile::ProfileKind::Wishes
                .validated(obj(attrs))
                .expect("demo wishes are valid");
            b.insert_profile(sc_domain::profile::ProfileKind::Wishes, org_id, &attrs)
                .await?;
        }

        let hall = hall_for_sector(sector.code);
        halls[hall].2 += 1;
        let n = halls[hall].2;
        let booth_code = format!(
            "{}-{}{:02}",
            halls[hall].0,
            (b'A' + ((n - 1) / 20) as u8) as char,
            (n - 1) % 20 + 1
        );
        let booth_id = b
            .insert_booth(
                halls[hall].1,
                &NewBooth {
                    code: booth_code,
                    organisation_id: Some(org_id),
                },
            )
            .await?;
        booths.push((booth_id, org_id));
        sum.booths += 1;

        for j in 0..10 {
            let pt = &sector.products[(i + j * 3) % sector.products.len()];
            let m = rng.pick(MODIFIERS);
            let model = format!(
                "{}-{}",
                &brand.2[..2].to_uppercase(),
                1000 + rng.below(9000)
            );
            let named = words::modified(m, &pt.name);
            let title = (
                format!("{} {}", named.0, model),
                format!("{} {}", named.1, model),
                format!("{} {}", named.2, model),
            );
            let moq = [50, 100, 200, 500, 1000, 5000][rng.below(6)];
            let days = 7 + rng.below(60);
            let desc = (
                format!(
                    "{}，最低訂購量{}件，交貨期約{}天。可按要求定製顏色、包裝及商標。",
                    title.0, moq, days
                ),
                format!(
                    "{}，最低订购量{}件，交货期约{}天。可按要求定制颜色、包装及商标。",
                    title.1, moq, days
                ),
                format!(
                    "{}. Minimum order {} pieces, lead time about {} days. Colours, packaging and logo can be customised.",
                    title.2, moq, days
                ),
            );
            let price =
                (pt.unit_price * (0.7 + (rng.below(60) as f64) / 100.0) * 100.0).round() / 100.0;
            let attrs = json!({"moq": moq, "unit_price": price, "currency": if place == "HK" { "HKD" } else if place.starts_with("CN") { "CNY" } else { "USD" }, "lead_time_days": days});
            let input = ListingInput {
                kind: ListingKind::Product,
                title: text_in(title, langs),
                description: text_in(desc, langs),
                codes: vec![pt.hs.to_string()],
                target_regions: org.markets_served.clone(),
                attributes: obj(attrs),
                status: ListingStatus::Published,
            };
            b.insert_listing(
                Owner::Organisation(org_id),
                &input.validated().expect("demo products are valid"),
                staff,
            )
            .await?;
            sum.products += 1;
        }
        if i % 8 == 0 {
            let (title, attrs) = job_for(sector.code, &mut rng);
            let input = ListingInput {
                kind: ListingKind::Job,
                title: text_in(title, [true, true, true]),
                description: LocalizedText::default(),
                codes: vec![],
                target_regions: vec![loc(place)],
                attributes: obj(attrs),
                status: ListingStatus::Published,
            };
            b.insert_listing(
                Owner::Organisation(org_id),
                &input.validated().expect("demo jobs are valid"),
                staff,
            )
            .await?;
            sum.other_listings += 1;
        }
        progress.step("exhibitors");
    }

    // Service firms, investors and a university in hall 1E and beyond the fair.
    sum.other_listings +=
        other_markets(&mut b, &mut rng, &password_hash, &mut sum, &progress).await?;

    // The organiser's own account: runs the fair's desk (QR codes, plans, dashboard).
    b.insert_user(&NewUser {
        email: "organiser@demo.example.com".into(),
        password_hash: password_hash.clone(),
        display_name: "展覽主辦 Fair Organiser".into(),
        preferred_language: Language::ZhHant,
        location: Location::HongKong,
        platform_role: PlatformRole::Organiser,
    })
    .await?;

    // Buyers; some post sourcing requests, two in three say what they source (from their own
    // generator, so that adding profiles left the rest of the demo as it was).
    let mut profiles = Rng::new(0x5052_4f46_494c_4553);
    for i in 0..BUYERS {
        let place = rng.weighted(BUYER_LOCATIONS);
        let (name, lang) = person_name(&mut rng, place);
        let uid = b
            .insert_user(&NewUser {
                email: format!("buyer{:03}@demo.example.com", i + 1),
                password_hash: password_hash.clone(),
                display_name: name,
                preferred_language: lang,
                location: loc(place),
                platform_role: PlatformRole::User,
            })
            .await?;
        sum.buyers += 1;
        buyers.push((uid, lang));
        if i % 3 != 2 {
            let sector = profiles.pick(SECTORS);
            let pt = profiles.pick(sector.products);
            let words = match lang {
                Language::ZhHant => pt.name.0,
                Language::ZhHans => pt.name.1,
                Language::En => pt.name.2,
            };
            let kinds = sc_domain::profile::BUYER_TYPES;
            let order = [200, 500, 1000, 5000][profiles.below(4)];
            let attrs = json!({
                "sources": words,
                "hs_codes": [&pt.hs[..4.min(pt.hs.len())]],
                "sectors": [sector.code],
                "buyer_type": kinds[profiles.below(kinds.len())],
                "order_size": order,
                "target_markets": [place],
                "discoverable": i % 2 == 0,
            });
            let attrs = sc_domain::profile::ProfileKind::Buyer
                .validated(obj(attrs))
                .expect("demo profiles are valid");
            b.insert_profile(sc_domain::profile::ProfileKind::Buyer, uid, &attrs)
                .await?;
        }
        if i % 10 == 0 {
            let sector = rng.pick(SECTORS);
            let pt = rng.pick(sector.products);
            let qty = [500, 1000, 3000, 10000][rng.below(4)];
            let title = (
                format!("求購{}（{}件）", pt.name.0, qty),
                format!("求购{}（{}件）", pt.name.1, qty),
                format!("Wanted: {} ({} pcs)", pt.name.2, qty),
            );
            let langs = match lang {
                Language::ZhHant => [true, false, true],
                Language::ZhHans => [false, true, true],
                Language::En => [false, false, true],
            };
            let input = ListingInput {
                kind: ListingKind::SourcingRequest,
                title: text_in(title, langs),
                description: LocalizedText::default(),
                codes: vec![pt.hs.to_string()],
                target_regions: vec![loc(place)],
                attributes: obj(
                    json!({"quantity": qty, "currency": "USD", "target_price": (pt.unit_price * 0.8 * 100.0).round() / 100.0}),
                ),
                status: ListingStatus::Published,
            };
            b.insert_listing(
                Owner::Person(uid),
                &input.validated().expect("demo requests are valid"),
                uid,
            )
            .await?;
            sum.other_listings += 1;
        }
        progress.step("buyers");
    }
    sum.scans = fair_history(&mut b, &mut rng, fair_id, &booths, &buyers).await?;
    b.commit().await?;
    progress.finish();
    Ok(sum)
}

fn sc_access_hash(p: &str) -> String {
    sc_access::password::hash(p)
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// What an exhibitor may need from the fair's service firms: (category, words).
const NEEDS: &[(&str, Tri)] = &[
    (
        "logistics",
        (
            "出口物流及清關",
            "出口物流及清关",
            "Export logistics and customs clearance",
        ),
    ),
    (
        "branding",
        (
            "品牌設計及包裝",
            "品牌设计及包装",
            "Brand design and packaging",
        ),
    ),
    (
        "quality_control",
        (
            "驗貨及品質檢測",
            "验货及品质检测",
            "Product inspection and quality testing",
        ),
    ),
    (
        "legal",
        (
            "商標註冊及合約",
            "商标注册及合同",
            "Trademark registration and contracts",
        ),
    ),
    (
        "accounting",
        (
            "香港公司會計及稅務",
            "香港公司会计及税务",
            "Hong Kong company accounting and tax",
        ),
    ),
    ("insurance", ("貨運保險", "货运保险", "Cargo insurance")),
];

fn preferred(place: &str) -> Language {
    match place {
        "HK" | "MO" | "TW" => Language::ZhHant,
        c if c.starts_with("CN") => Language::ZhHans,
        _ => Language::En,
    }
}

/// A plausible name for someone from `place`, and the language they would read in.
fn person_name(rng: &mut Rng, place: &str) -> (String, Language) {
    let s = rng.pick(SURNAMES);
    let g = rng.pick(GIVEN_NAMES);
    match preferred(place) {
        Language::ZhHant => (format!("{}{}", s.0, g.0), Language::ZhHant),
        Language::ZhHans => (format!("{}{}", s.1, g.1), Language::ZhHans),
        Language::En if place == "SG" || place == "MY" => {
            (format!("{} {}", g.2, s.2), Language::En)
        }
        Language::En => (rng.pick(INTERNATIONAL_NAMES).to_string(), Language::En),
    }
}

fn job_for(sector: &str, rng: &mut Rng) -> ((String, String, String), Value) {
    let roles: &[Tri] = &[
        ("出口業務經理", "出口业务经理", "Export Sales Manager"),
        ("產品設計師", "产品设计师", "Product Designer"),
        (
            "品質保證工程師",
            "品质保证工程师",
            "Quality Assurance Engineer",
        ),
        (
            "跨境電商專員",
            "跨境电商专员",
            "Cross-border E-commerce Specialist",
        ),
        ("供應鏈分析員", "供应链分析员", "Supply Chain Analyst"),
        ("見習管理人員", "见习管理人员", "Management Trainee"),
    ];
    let r = rng.pick(roles);
    let min = 18_000 + 1000 * rng.below(20) as i64;
    let kind = if r.2 == "Management Trainee" {
        "graduate_programme"
    } else {
        "full_time"
    };
    let _ = sector;
    (
        (r.0.to_string(), r.1.to_string(), r.2.to_string()),
        json!({"employment_type": kind, "salary_min": min, "salary_max": min + 8000, "currency": "HKD", "remote": rng.chance(20)}),
    )
}

async fn other_markets(
    b: &mut sc_storage::Batch<'_>,
    rng: &mut Rng,
    hash: &str,
    sum: &mut Summary,
    progress: &Progress,
) -> Result<usize, StorageError> {
    let mut listings = 0;
    let firms: &[(OrgKind, Tri, &str, &str, Tri)] = &[
        (
            OrgKind::ServiceFirm,
            (
                "德信會計師事務所",
                "德信会计师事务所",
                "Tak Shun CPA Limited",
            ),
            "HK",
            "accounting",
            (
                "內地企業來港上市及審計服務",
                "内地企业来港上市及审计服务",
                "Listing and audit services for Mainland firms in Hong Kong",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("海濱律師行", "海滨律师行", "Seaside Solicitors"),
            "HK",
            "legal",
            (
                "跨境商業合約及知識產權",
                "跨境商业合约及知识产权",
                "Cross-border commercial contracts and intellectual property",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("灣區物流集團", "湾区物流集团", "Bayside Logistics Group"),
            "CN-GD-SZ",
            "logistics",
            (
                "粵港跨境陸運及空運",
                "粤港跨境陆运及空运",
                "Guangdong–Hong Kong road and air freight",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("明珠品牌策略", "明珠品牌策略", "Pearl Brand Strategy"),
            "HK",
            "branding",
            (
                "出海品牌定位及東南亞市場推廣",
                "出海品牌定位及东南亚市场推广",
                "Brand positioning for going global and marketing in South-East Asia",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            (
                "卓越檢測認證",
                "卓越检测认证",
                "Excelsior Testing & Certification",
            ),
            "CN-GD-DG",
            "quality_control",
            (
                "CE、FCC及RoHS產品測試",
                "CE、FCC及RoHS产品测试",
                "CE, FCC and RoHS product testing",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("永利保險經紀", "永利保险经纪", "Wing Lee Insurance Brokers"),
            "HK",
            "insurance",
            (
                "貨運及產品責任保險",
                "货运及产品责任保险",
                "Cargo and product liability insurance",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("嶺南人力資源", "岭南人力资源", "Lingnan HR Consulting"),
            "CN-GD-GZ",
            "human_resources",
            (
                "粵港澳人才招聘及薪酬顧問",
                "粤港澳人才招聘及薪酬顾问",
                "GBA recruitment and payroll advisory",
            ),
        ),
        (
            OrgKind::ServiceFirm,
            ("銀河市場研究", "银河市场研究", "Galaxy Market Research"),
            "SG",
            "market_research",
            (
                "中東及東盟消費者調研",
                "中东及东盟消费者调研",
                "Consumer research in the Middle East and ASEAN",
            ),
        ),
    ];
    for (kind, name, place, category, offer) in firms {
        let input = OrganisationInput {
            kind: *kind,
            name: LocalizedText::new(name.0, name.1, name.2),
            description: LocalizedText::new(offer.0, offer.1, offer.2),
            sectors: vec!["professional_services".into()],
            markets_served: vec![loc("HK"), loc("CN-GD-SZ"), loc("CN-GD-GZ")],
            location: loc(place),
            website: None,
        };
        let l = ListingInput {
            kind: ListingKind::ServiceOffer,
            title: LocalizedText::new(offer.0, offer.1, offer.2),
            description: LocalizedText::default(),
            codes: vec![],
            target_regions: vec![loc("HK"), loc("CN-GD-SZ")],
            attributes: obj(
                json!({"category": category, "languages": ["zh-Hant", "zh-Hans", "en"], "fee_from": 8000, "currency": "HKD"}),
            ),
            status: ListingStatus::Published,
        };
        listings += organisation_with_staff(b, rng, hash, sum, input, true, Some(l)).await?;
        progress.step("services");
    }

    let investors: &[(Tri, &str, bool)] = &[
        (
            ("灣區綠色基金", "湾区绿色基金", "Bayside Green Fund"),
            "HK",
            false,
        ),
        (
            ("海灣伊斯蘭資本", "海湾伊斯兰资本", "Gulf Islamic Capital"),
            "AE",
            true,
        ),
        (
            (
                "東方可持續投資",
                "东方可持续投资",
                "Oriental Sustainable Investments",
            ),
            "SG",
            false,
        ),
    ];
    for (name, place, shariah) in investors {
        let input = OrganisationInput {
            kind: OrgKind::Investor,
            name: LocalizedText::new(name.0, name.1, name.2),
            description: LocalizedText::default(),
            sectors: vec!["green_energy".into(), "fintech".into()],
            markets_served: vec![loc("HK"), loc("CN-GD-SZ")],
            location: loc(place),
            website: None,
        };
        let l = ListingInput {
            kind: ListingKind::InvestorMandate,
            title: LocalizedText::new(
                "大灣區可再生能源項目股權及債權投資",
                "大湾区可再生能源项目股权及债权投资",
                "Equity and debt for renewable-energy projects in the GBA",
            ),
            description: LocalizedText::default(),
            codes: vec![],
            target_regions: vec![loc("HK"), loc("CN-GD-GZ"), loc("CN-GD-SZ")],
            attributes: obj(
                json!({"taxonomies": ["hk_green_classification", "common_ground_taxonomy"], "ticket_min": 5_000_000, "ticket_max": 80_000_000, "currency": "USD", "shariah_only": shariah}),
            ),
            status: ListingStatus::Published,
        };
        listings += organisation_with_staff(b, rng, hash, sum, input, true, Some(l)).await?;
    }

    let projects: &[(Tri, &str, f64, bool)] = &[
        (
            (
                "肇慶分布式屋頂光伏項目",
                "肇庆分布式屋顶光伏项目",
                "Zhaoqing distributed rooftop solar",
            ),
            "CN-GD-ZQ",
            28_000_000.0,
            false,
        ),
        (
            (
                "江門海上風電配套儲能站",
                "江门海上风电配套储能站",
                "Jiangmen offshore-wind battery storage",
            ),
            "CN-GD-JM",
            65_000_000.0,
            false,
        ),
        (
            (
                "香港電動巴士充電網絡",
                "香港电动巴士充电网络",
                "Hong Kong electric-bus charging network",
            ),
            "HK",
            40_000_000.0,
            true,
        ),
        (
            (
                "東莞工業園節能改造",
                "东莞工业园节能改造",
                "Dongguan industrial-park energy retrofit",
            ),
            "CN-GD-DG",
            12_000_000.0,
            true,
        ),
    ];
    for (title, place, amount, shariah) in projects {
        let input = OrganisationInput {
            kind: OrgKind::Company,
            name: LocalizedText::new(
                &format!("{}項目公司", title.0),
                &format!("{}项目公司", title.1),
                &format!("{} Project Co.", title.2),
            ),
            description: LocalizedText::default(),
            sectors: vec!["green_energy".into()],
            markets_served: vec![loc(place)],
            location: loc(place),
            website: None,
        };
        let l = ListingInput {
            kind: ListingKind::GreenProject,
            title: LocalizedText::new(title.0, title.1, title.2),
            description: LocalizedText::default(),
            codes: vec![],
            target_regions: vec![loc("HK")],
            attributes: obj(
                json!({"taxonomy": "hk_green_classification", "amount_sought": amount, "currency": "USD", "instrument": if *shariah { "sukuk" } else { "loan" }, "shariah_compliant": shariah}),
            ),
            status: ListingStatus::Published,
        };
        listings += organisation_with_staff(b, rng, hash, sum, input, false, Some(l)).await?;
    }

    let uni = OrganisationInput {
        kind: OrgKind::University,
        name: LocalizedText::new(
            "灣區科技大學",
            "湾区科技大学",
            "Bay Area University of Science and Technology",
        ),
        description: LocalizedText::new(
            "與大灣區創科企業合作的畢業生配對計劃",
            "与大湾区创科企业合作的毕业生配对计划",
            "Graduate placement with GBA innovation firms",
        ),
        sectors: vec!["education".into(), "ict".into()],
        markets_served: vec![loc("HK"), loc("CN-GD-SZ")],
        location: loc("HK"),
        website: None,
    };
    organisation_with_staff(b, rng, hash, sum, uni, true, None).await?;
    let chamber = OrganisationInput {
        kind: OrgKind::ChamberOfCommerce,
        name: LocalizedText::new(
            "港深中小企商會",
            "港深中小企商会",
            "Hong Kong–Shenzhen SME Chamber of Commerce",
        ),
        description: LocalizedText::default(),
        sectors: vec!["professional_services".into()],
        markets_served: vec![loc("HK"), loc("CN-GD-SZ")],
        location: loc("HK"),
        website: None,
    };
    b.insert_organisation(&chamber.validated().expect("valid"), true)
        .await?;
    sum.organisations += 1;
    Ok(listings)
}

/// Inserts an organisation with one staff administrator and, optionally, one listing.
async fn organisation_with_staff(
    b: &mut sc_storage::Batch<'_>,
    rng: &mut Rng,
    hash: &str,
    sum: &mut Summary,
    input: OrganisationInput,
    verified: bool,
    listing: Option<ListingInput>,
) -> Result<usize, StorageError> {
    let place = input.location.code();
    let org = b
        .insert_organisation(
            &input.validated().expect("demo organisations are valid"),
            verified,
        )
        .await?;
    sum.organisations += 1;
    let staff = staff_account(b, rng, hash, place, sum.organisations).await?;
    b.insert_membership(org, staff, OrgRole::Admin).await?;
    match listing {
        Some(l) => {
            b.insert_listing(
                Owner::Organisation(org),
                &l.validated().expect("demo listings are valid"),
                staff,
            )
            .await?;
            Ok(1)
        }
        None => Ok(0),
    }
}

/// Midnight at the start of the demo fair's first day, Hong Kong time, in ms since the epoch.
const FAIR_FIRST_DAY_MS: i64 = 1_796_659_200_000;
const HOUR_MS: i64 = 3_600_000;

/// The fair as if it had run: six in ten buyers walk the halls over the four days between ten
/// and six, scanning booths (mostly in their own sectors' neighbourhood, the rest anywhere);
/// some bookmark online in the weeks after; some ask exhibitors to get in touch. Gives the
/// organiser's dashboard, exhibitors' leads and buyers' "My fair" something to show.
async fn fair_history(
    b: &mut sc_storage::Batch<'_>,
    rng: &mut Rng,
    fair: i64,
    booths: &[(i64, i64)],
    buyers: &[(i64, Language)],
) -> Result<usize, StorageError> {
    let mut scans = 0;
    for &(user, lang) in buyers {
        if !rng.chance(60) {
            continue;
        }
        let day = rng.below(4) as i64;
        let mut at =
            FAIR_FIRST_DAY_MS + day * 24 * HOUR_MS + 10 * HOUR_MS + rng.below(6) as i64 * HOUR_MS;
        // Walk along a stretch of the hall with an occasional detour.
        let mut pos = rng.below(booths.len());
        for _ in 0..2 + rng.below(10) {
            pos = if rng.chance(75) {
                (pos + 1 + rng.below(4)) % booths.len()
            } else {
                rng.below(booths.len())
            };
            let (booth, org) = booths[pos];
            at += (3 + rng.below(25) as i64) * 60_000;
            b.insert_visit(fair, booth, org, user, lang.code(), at, true)
                .await?;
            scans += 1;
            if rng.chance(8) {
                let message = match lang {
                    Language::ZhHant => "你好，請寄上價目表及最低訂購量，謝謝。",
                    Language::ZhHans => "你好，请发送价目表及最低订购量，谢谢。",
                    Language::En => "Hello, please send your price list and MOQ. Thank you.",
                };
                b.insert_contact_request(
                    fair,
                    org,
                    user,
                    message,
                    &sc_text::Analyzer::shared().fold(message),
                    rng.chance(60),
                    at + 60_000,
                )
                .await?;
            }
        }
    }
    // The online fair afterwards.
    for &(user, _) in buyers {
        if !rng.chance(25) {
            continue;
        }
        for _ in 0..1 + rng.below(3) {
            let (booth, org) = booths[rng.below(booths.len())];
            let at = FAIR_FIRST_DAY_MS
                + (4 + rng.below(40) as i64) * 24 * HOUR_MS
                + rng.below(24) as i64 * HOUR_MS;
            b.insert_visit(fair, booth, org, user, "", at, false)
                .await?;
        }
    }
    Ok(scans)
}

async fn staff_account(
    b: &mut sc_storage::Batch<'_>,
    rng: &mut Rng,
    hash: &str,
    place: &str,
    n: usize,
) -> Result<i64, StorageError> {
    let (name, lang) = person_name(rng, place);
    b.insert_user(&NewUser {
        email: format!("staff{n:03}@demo.example.com"),
        password_hash: hash.to_string(),
        display_name: name,
        preferred_language: lang,
        location: loc(place),
        platform_role: PlatformRole::User,
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
    }

    #[tokio::test]
    async fn loading_twice_loads_once_and_the_fair_is_complete() {
        let store = Store::open(&sc_storage::testing::sqlite_url())
            .await
            .unwrap();
        let first = load(&store, false).await.unwrap();
        assert!(
            first.organisations >= 200 && first.products >= 2000 && first.buyers >= 500,
            "{first}"
        );
        let second = load(&store, false).await.unwrap();
        assert!(second.already_loaded);
        let fair = store.fair_id_by_slug(DEMO_SLUG).await.unwrap().unwrap();
        assert_eq!(
            store.booths(Some(fair), None).await.unwrap().len(),
            EXHIBITORS
        );
        let page = store
            .list_organisations(
                &Default::default(),
                sc_storage::PageRequest::new(None, Some(1)),
            )
            .await
            .unwrap();
        assert_eq!(page.total as usize, first.organisations);
        let products = store
            .list_listings(
                &sc_storage::ListingFilter {
                    kind: Some(ListingKind::Product),
                    ..Default::default()
                },
                sc_storage::PageRequest::new(None, Some(1)),
            )
            .await
            .unwrap();
        assert_eq!(products.total as usize, first.products);
        // All three languages appear, as at a real Hong Kong fair.
        let orgs = store
            .list_organisations(
                &Default::default(),
                sc_storage::PageRequest::new(None, Some(100)),
            )
            .await
            .unwrap();
        for lang in Language::ALL {
            assert!(
                orgs.items.iter().any(|o| o.name.in_lang(lang).is_some()),
                "no organisation named in {lang}"
            );
        }
        assert!(
            orgs.items.iter().any(|o| o.name.zh_hant.is_none()),
            "some profiles lack Traditional text"
        );
    }
}
