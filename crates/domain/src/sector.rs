//! Industry sectors: a small shared vocabulary so that a buyer's interests, an organisation's
//! sectors and a fair's zones line up across languages.

use crate::lang::Language;

/// Code, English, Traditional, Simplified.
pub static SECTORS: &[(&str, &str, &str, &str)] = &[
    ("electronics", "Electronics", "電子產品", "电子产品"),
    ("lighting", "Lighting", "照明", "照明"),
    ("household", "Household products", "家庭用品", "家庭用品"),
    ("gifts_toys", "Gifts and toys", "禮品及玩具", "礼品及玩具"),
    (
        "fashion",
        "Fashion and textiles",
        "時裝及紡織",
        "时装及纺织",
    ),
    ("jewellery", "Jewellery", "珠寶", "珠宝"),
    (
        "food_beverage",
        "Food and beverage",
        "食品及飲品",
        "食品及饮品",
    ),
    (
        "health_beauty",
        "Health and beauty",
        "健康及美容",
        "健康及美容",
    ),
    ("medical", "Medical devices", "醫療器材", "医疗器材"),
    ("machinery", "Machinery", "機械", "机械"),
    ("auto_parts", "Auto parts", "汽車零部件", "汽车零部件"),
    ("green_energy", "Green energy", "綠色能源", "绿色能源"),
    (
        "ict",
        "Information and communication technology",
        "資訊及通訊科技",
        "信息及通信科技",
    ),
    ("fintech", "Financial technology", "金融科技", "金融科技"),
    ("logistics", "Logistics", "物流", "物流"),
    (
        "professional_services",
        "Professional services",
        "專業服務",
        "专业服务",
    ),
    (
        "education",
        "Education and training",
        "教育及培訓",
        "教育及培训",
    ),
    (
        "creative",
        "Design and creative industries",
        "設計及創意產業",
        "设计及创意产业",
    ),
    ("biotech", "Biotechnology", "生物科技", "生物科技"),
    (
        "real_estate",
        "Real estate and construction",
        "地產及建造",
        "地产及建造",
    ),
];

pub fn is_sector(code: &str) -> bool {
    SECTORS.iter().any(|(c, ..)| *c == code)
}

/// Label of a sector in the reader's language; `None` for an unknown code.
pub fn sector_label(code: &str, lang: Language) -> Option<&'static str> {
    SECTORS
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|(_, en, hant, hans)| match lang {
            Language::En => *en,
            Language::ZhHant => *hant,
            Language::ZhHans => *hans,
        })
}
