//! Industry sectors: a small shared vocabulary so that a buyer's interests, an organisation's
//! sectors and a fair's zones line up across languages.

/// Sector codes; their names are in `locales/*/sectors.ftl` (`sector-CODE`).
pub static SECTORS: &[&str] = &[
    "electronics",
    "lighting",
    "household",
    "gifts_toys",
    "fashion",
    "jewellery",
    "food_beverage",
    "health_beauty",
    "medical",
    "machinery",
    "auto_parts",
    "green_energy",
    "ict",
    "fintech",
    "logistics",
    "professional_services",
    "education",
    "creative",
    "biotech",
    "real_estate",
];

pub fn is_sector(code: &str) -> bool {
    SECTORS.contains(&code)
}

/// The catalogue key of a sector's name (`sector-electronics`).
pub fn sector_key(code: &str) -> String {
    format!("sector-{code}")
}
