//! What people say about themselves for matching, as data like the markets' schemas: a buyer's
//! profile (what they source, how much, for where) and an organisation's wishes (whom it wants
//! to meet). Both are optional, attribute by attribute; forms and the API are built from these
//! schemas, and one validator checks them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::error::{Invalid, Problems};
use crate::market::{AttrSpec, AttrType, validate_schema};

/// What kind of buyer someone is (and whom an exhibitor wants to meet); named in
/// `markets.ftl` as `option-CODE`.
pub const BUYER_TYPES: &[&str] = &[
    "importer",
    "wholesaler",
    "distributor",
    "retailer",
    "e_commerce",
    "brand_owner",
    "sourcing_agent",
    "manufacturer",
];

/// Languages one does business in (the options of a service offer's languages).
pub const BUSINESS_LANGUAGES: &[&str] = &["zh-Hant", "zh-Hans", "en", "yue"];

/// Which profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// A person's buyer profile.
    Buyer,
    /// An organisation's wishes: the buyers it wants to meet.
    Wishes,
}

const fn attr(key: &'static str, ty: AttrType) -> AttrSpec {
    AttrSpec {
        key,
        ty,
        required: false,
    }
}

const ORDER: AttrType = AttrType::Integer {
    min: 1,
    max: 1_000_000_000,
};

static BUYER: &[AttrSpec] = &[
    attr("company", AttrType::Text { max: 200 }),
    attr("job_role", AttrType::Text { max: 100 }),
    attr("buyer_type", AttrType::OneOf(BUYER_TYPES)),
    attr("sources", AttrType::Text { max: 1000 }),
    attr("hs_codes", AttrType::HsCodes { max: 20 }),
    attr("sectors", AttrType::Sectors),
    attr("order_size", ORDER),
    attr("target_markets", AttrType::Places),
    attr("avoid_markets", AttrType::Places),
    attr("business_languages", AttrType::ManyOf(BUSINESS_LANGUAGES)),
    attr("discoverable", AttrType::Bool),
];

static WISHES: &[AttrSpec] = &[
    attr("buyer_types", AttrType::ManyOf(BUYER_TYPES)),
    attr("buyer_regions", AttrType::Places),
    attr("min_order", ORDER),
    attr("avoid_regions", AttrType::Places),
    attr("looking_for", AttrType::Text { max: 1000 }),
    attr("needs", AttrType::Text { max: 1000 }),
    attr(
        "needs_services",
        AttrType::ManyOf(crate::market::SERVICE_CATEGORIES),
    ),
    attr("competitors", AttrType::Names { max: 50 }),
];

impl ProfileKind {
    pub const ALL: [ProfileKind; 2] = [ProfileKind::Buyer, ProfileKind::Wishes];

    pub fn schema(self) -> &'static [AttrSpec] {
        match self {
            ProfileKind::Buyer => BUYER,
            ProfileKind::Wishes => WISHES,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ProfileKind::Buyer => "buyer",
            ProfileKind::Wishes => "wishes",
        }
    }

    /// Checks a profile's attributes; HS codes are stored without dots, lists without
    /// repeats or blank items, texts trimmed, and empty values dropped.
    pub fn validated(
        self,
        mut attributes: Map<String, Value>,
    ) -> Result<Map<String, Value>, Invalid> {
        attributes.retain(|_, v| match v {
            Value::Null => false,
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        });
        for (key, v) in attributes.iter_mut() {
            match v {
                Value::String(s) => *s = s.trim().to_string(),
                Value::Array(items) => {
                    let hs = self
                        .schema()
                        .iter()
                        .any(|s| s.key == key && matches!(s.ty, AttrType::HsCodes { .. }));
                    for i in items.iter_mut() {
                        if let Value::String(s) = i {
                            *s = if hs {
                                s.trim().replace('.', "")
                            } else {
                                s.trim().to_string()
                            };
                        }
                    }
                    items.retain(|i| i.as_str() != Some(""));
                    let mut seen = Vec::new();
                    items.retain(|i| {
                        let k = i.to_string();
                        let fresh = !seen.contains(&k);
                        seen.push(k);
                        fresh
                    });
                }
                _ => {}
            }
        }
        attributes.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
        let mut p = Problems::new();
        let subject = match self {
            ProfileKind::Buyer => "buyer profiles",
            ProfileKind::Wishes => "organisation wishes",
        };
        validate_schema(self.schema(), subject, &attributes, &mut p);
        p.finish().map(|_| attributes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(
        kind: ProfileKind,
        v: Value,
    ) -> Result<Map<String, Value>, Vec<(String, &'static str)>> {
        kind.validated(v.as_object().unwrap().clone()).map_err(|e| {
            e.0.into_iter()
                .map(|f| (f.field, f.code.as_str()))
                .collect()
        })
    }

    #[test]
    fn a_buyer_profile_is_cleaned_and_checked() {
        let ok = check(
            ProfileKind::Buyer,
            json!({"sources": " 充電器 power banks ", "hs_codes": ["8507.60", "850760", "85"],
                   "sectors": ["electronics"], "order_size": 5000, "target_markets": ["HK", "JP"],
                   "company": "", "discoverable": true}),
        )
        .unwrap();
        assert_eq!(ok["sources"], "充電器 power banks");
        assert_eq!(ok["hs_codes"], json!(["850760", "85"]));
        assert!(!ok.contains_key("company"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = check(
            ProfileKind::Buyer,
            json!({"hs_codes": ["85x"], "sectors": ["nope"], "order_size": 0,
                   "target_markets": ["Atlantis"], "buyer_type": "pirate", "shoe_size": 42}),
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|(f, _)| f.as_str()).collect();
        for f in [
            "attributes.hs_codes[0]",
            "attributes.sectors[0]",
            "attributes.order_size",
            "attributes.target_markets[0]",
            "attributes.buyer_type",
            "attributes.shoe_size",
        ] {
            assert!(fields.contains(&f), "{f} missing from {fields:?}");
        }
        assert!(bad.contains(&("attributes.hs_codes[0]".into(), "not_hs_code")));
    }

    #[test]
    fn wishes_take_buyer_types_and_regions() {
        let ok = check(
            ProfileKind::Wishes,
            json!({"buyer_types": ["importer", "retailer"], "buyer_regions": ["CN-GD-SZ"], "min_order": 100}),
        )
        .unwrap();
        assert_eq!(ok.len(), 3);
        assert!(check(ProfileKind::Wishes, json!({"buyer_types": ["spy"]})).is_err());
    }
}
