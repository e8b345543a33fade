//! The four markets and what a listing in each must say. Markets are data in one model: a
//! listing has a kind, the kind belongs to a market, and the market's attribute schema is checked
//! by one validator. Adding a market is adding rows here, not copying code.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::error::Problems;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Market {
    /// Products and sourcing requests (buyers ↔ exhibitors and suppliers).
    Trade,
    /// Professional services for enterprises (accounting, legal, logistics …).
    Services,
    /// Jobs and talent profiles.
    Talent,
    /// Green projects and investor mandates.
    Capital,
}

/// What a listing is. Each kind is one side of one market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    Product,
    SourcingRequest,
    ServiceOffer,
    ServiceRequest,
    Job,
    TalentProfile,
    GreenProject,
    InvestorMandate,
}

/// The type of one market-specific attribute.
#[derive(Debug, Clone, Copy)]
pub enum AttrType {
    Text {
        max: usize,
    },
    Integer {
        min: i64,
        max: i64,
    },
    Number {
        min: f64,
        max: f64,
    },
    Bool,
    OneOf(&'static [&'static str]),
    ManyOf(&'static [&'static str]),
    /// HS codes (2–10 digits, an even count; dots allowed as written), at most `max`.
    HsCodes {
        max: usize,
    },
    /// Sector codes from [`crate::sector::SECTORS`] (named in `sectors.ftl`).
    Sectors,
    /// Location codes ([`crate::Location`]: HK, MO, CN, CN-GD-xx, ISO countries).
    Places,
    /// Names (of companies, say), each 1–200 characters, at most `max`.
    Names {
        max: usize,
    },
}

/// One attribute a kind of listing may or must carry.
#[derive(Debug, Clone, Copy)]
pub struct AttrSpec {
    pub key: &'static str,
    pub ty: AttrType,
    pub required: bool,
}

impl AttrSpec {
    /// The catalogue key of this field's label (`attr-moq`), in `locales/*/markets.ftl`.
    pub fn label_key(&self) -> String {
        format!("attr-{}", self.key)
    }
}

/// The catalogue key of an option's label (`option-full_time`), in `locales/*/markets.ftl`.
pub fn option_key(value: &str) -> String {
    format!("option-{value}")
}

pub const CURRENCIES: &[&str] = &[
    "HKD", "CNY", "MOP", "USD", "EUR", "GBP", "JPY", "SGD", "AED", "SAR",
];
pub const SERVICE_CATEGORIES: &[&str] = &[
    "accounting",
    "legal",
    "financing",
    "insurance",
    "logistics",
    "advertising",
    "branding",
    "quality_control",
    "market_research",
    "human_resources",
    "executive_training",
];
pub const GREEN_TAXONOMIES: &[&str] = &[
    "hk_green_classification",
    "china_green_bond_catalogue",
    "eu_taxonomy",
    "common_ground_taxonomy",
    "climate_bonds_standard",
];

const fn attr(key: &'static str, ty: AttrType, required: bool) -> AttrSpec {
    AttrSpec { key, ty, required }
}

static PRODUCT: &[AttrSpec] = &[
    attr(
        "moq",
        AttrType::Integer {
            min: 1,
            max: 1_000_000_000,
        },
        false,
    ),
    attr(
        "unit_price",
        AttrType::Number {
            min: 0.0,
            max: 1e12,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
    attr(
        "lead_time_days",
        AttrType::Integer { min: 0, max: 3650 },
        false,
    ),
    attr("certifications", AttrType::Text { max: 500 }, false),
];
static SOURCING_REQUEST: &[AttrSpec] = &[
    attr(
        "quantity",
        AttrType::Integer {
            min: 1,
            max: 1_000_000_000,
        },
        true,
    ),
    attr(
        "target_price",
        AttrType::Number {
            min: 0.0,
            max: 1e12,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
    attr("deadline", AttrType::Text { max: 10 }, false),
];
static SERVICE_OFFER: &[AttrSpec] = &[
    attr("category", AttrType::OneOf(SERVICE_CATEGORIES), true),
    attr(
        "languages",
        AttrType::ManyOf(&["zh-Hant", "zh-Hans", "en", "yue"]),
        false,
    ),
    attr(
        "fee_from",
        AttrType::Number {
            min: 0.0,
            max: 1e12,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
];
static SERVICE_REQUEST: &[AttrSpec] = &[
    attr("category", AttrType::OneOf(SERVICE_CATEGORIES), true),
    attr(
        "budget",
        AttrType::Number {
            min: 0.0,
            max: 1e12,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
];
static JOB: &[AttrSpec] = &[
    attr(
        "employment_type",
        AttrType::OneOf(&[
            "full_time",
            "part_time",
            "contract",
            "internship",
            "graduate_programme",
        ]),
        true,
    ),
    attr(
        "salary_min",
        AttrType::Integer {
            min: 0,
            max: 100_000_000,
        },
        false,
    ),
    attr(
        "salary_max",
        AttrType::Integer {
            min: 0,
            max: 100_000_000,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
    attr(
        "years_experience",
        AttrType::Integer { min: 0, max: 60 },
        false,
    ),
    attr("remote", AttrType::Bool, false),
];
static TALENT_PROFILE: &[AttrSpec] = &[
    attr(
        "years_experience",
        AttrType::Integer { min: 0, max: 60 },
        true,
    ),
    attr(
        "highest_degree",
        AttrType::OneOf(&["secondary", "diploma", "bachelor", "master", "doctorate"]),
        false,
    ),
    attr("open_to_relocation", AttrType::Bool, false),
    attr(
        "salary_expected",
        AttrType::Integer {
            min: 0,
            max: 100_000_000,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), false),
];
static GREEN_PROJECT: &[AttrSpec] = &[
    attr("taxonomy", AttrType::OneOf(GREEN_TAXONOMIES), true),
    attr(
        "amount_sought",
        AttrType::Number {
            min: 0.0,
            max: 1e13,
        },
        true,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), true),
    attr(
        "instrument",
        AttrType::OneOf(&["loan", "bond", "equity", "sukuk"]),
        false,
    ),
    attr("shariah_compliant", AttrType::Bool, false),
];
static INVESTOR_MANDATE: &[AttrSpec] = &[
    attr("taxonomies", AttrType::ManyOf(GREEN_TAXONOMIES), false),
    attr(
        "ticket_min",
        AttrType::Number {
            min: 0.0,
            max: 1e13,
        },
        false,
    ),
    attr(
        "ticket_max",
        AttrType::Number {
            min: 0.0,
            max: 1e13,
        },
        false,
    ),
    attr("currency", AttrType::OneOf(CURRENCIES), true),
    attr("shariah_only", AttrType::Bool, false),
];

impl ListingKind {
    pub const ALL: [ListingKind; 8] = [
        ListingKind::Product,
        ListingKind::SourcingRequest,
        ListingKind::ServiceOffer,
        ListingKind::ServiceRequest,
        ListingKind::Job,
        ListingKind::TalentProfile,
        ListingKind::GreenProject,
        ListingKind::InvestorMandate,
    ];

    pub fn market(self) -> Market {
        match self {
            ListingKind::Product | ListingKind::SourcingRequest => Market::Trade,
            ListingKind::ServiceOffer | ListingKind::ServiceRequest => Market::Services,
            ListingKind::Job | ListingKind::TalentProfile => Market::Talent,
            ListingKind::GreenProject | ListingKind::InvestorMandate => Market::Capital,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ListingKind::Product => "product",
            ListingKind::SourcingRequest => "sourcing_request",
            ListingKind::ServiceOffer => "service_offer",
            ListingKind::ServiceRequest => "service_request",
            ListingKind::Job => "job",
            ListingKind::TalentProfile => "talent_profile",
            ListingKind::GreenProject => "green_project",
            ListingKind::InvestorMandate => "investor_mandate",
        }
    }

    pub fn parse(s: &str) -> Option<ListingKind> {
        ListingKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The market-specific attributes of this kind.
    pub fn schema(self) -> &'static [AttrSpec] {
        match self {
            ListingKind::Product => PRODUCT,
            ListingKind::SourcingRequest => SOURCING_REQUEST,
            ListingKind::ServiceOffer => SERVICE_OFFER,
            ListingKind::ServiceRequest => SERVICE_REQUEST,
            ListingKind::Job => JOB,
            ListingKind::TalentProfile => TALENT_PROFILE,
            ListingKind::GreenProject => GREEN_PROJECT,
            ListingKind::InvestorMandate => INVESTOR_MANDATE,
        }
    }

    /// Classification scheme the `codes` of this kind use: HS codes for goods.
    pub fn code_scheme(self) -> Option<&'static str> {
        match self.market() {
            Market::Trade => Some("hs"),
            _ => None,
        }
    }

    /// The catalogue key of this kind's name (`listing_kind-product`).
    pub fn label_key(self) -> String {
        format!("listing_kind-{}", self.code())
    }
}

impl Market {
    pub const ALL: [Market; 4] = [
        Market::Trade,
        Market::Services,
        Market::Talent,
        Market::Capital,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Market::Trade => "trade",
            Market::Services => "services",
            Market::Talent => "talent",
            Market::Capital => "capital",
        }
    }

    pub fn parse(s: &str) -> Option<Market> {
        Market::ALL.into_iter().find(|m| m.code() == s)
    }

    /// The catalogue key of this market's name (`market-trade`).
    pub fn label_key(self) -> String {
        format!("market-{}", self.code())
    }
}

/// Checks `attributes` against the schema of `kind`: unknown keys, missing required keys and
/// values of the wrong type are each reported with their field path.
pub fn validate_attributes(
    kind: ListingKind,
    attributes: &Map<String, Value>,
    problems: &mut Problems,
) {
    validate_schema(
        kind.schema(),
        &format!("{} listings", kind.code()),
        attributes,
        problems,
    )
}

/// Checks `attributes` against `schema` (a listing kind's, a profile's): unknown keys, required
/// ones, each value's type and range. `subject` names what is checked in messages.
pub fn validate_schema(
    schema: &[AttrSpec],
    subject: &str,
    attributes: &Map<String, Value>,
    problems: &mut Problems,
) {
    for key in attributes.keys() {
        if !schema.iter().any(|s| s.key == key) {
            let known: Vec<_> = schema.iter().map(|s| s.key).collect();
            problems.push(
                format!("attributes.{key}"),
                ErrorCode::UnknownAttribute,
                format!(
                    "{subject} have no attribute {key:?}; known: {}",
                    known.join(", ")
                ),
            );
        }
    }
    for spec in schema {
        let field = format!("attributes.{}", spec.key);
        let Some(value) = attributes.get(spec.key).filter(|v| !v.is_null()) else {
            if spec.required {
                problems.push(
                    field,
                    ErrorCode::Required,
                    format!("{subject} need {}", spec.key),
                );
            }
            continue;
        };
        match spec.ty {
            AttrType::Text { max } => match value.as_str() {
                Some(s) => problems.text(&field, s, max),
                None => problems.push(field, ErrorCode::NotText, "expected a string"),
            },
            AttrType::Integer { min, max } => match value.as_i64() {
                Some(n) if (min..=max).contains(&n) => {}
                Some(_) => problems.push(
                    field,
                    ErrorCode::OutOfRange,
                    format!("expected a whole number from {min} to {max}"),
                ),
                None => problems.push(field, ErrorCode::NotInteger, "expected a whole number"),
            },
            AttrType::Number { min, max } => match value.as_f64() {
                Some(n) if n.is_finite() && n >= min && n <= max => {}
                Some(_) => problems.push(
                    field,
                    ErrorCode::OutOfRange,
                    format!("expected a number from {min} to {max}"),
                ),
                None => problems.push(field, ErrorCode::NotNumber, "expected a number"),
            },
            AttrType::Bool => {
                if !value.is_boolean() {
                    problems.push(field, ErrorCode::NotBoolean, "expected true or false")
                }
            }
            AttrType::OneOf(options) => match value.as_str() {
                Some(s) if options.contains(&s) => {}
                _ => problems.push(
                    field,
                    ErrorCode::NotAnOption,
                    format!("expected one of: {}", options.join(", ")),
                ),
            },
            AttrType::ManyOf(options) => match value.as_array() {
                Some(items)
                    if items
                        .iter()
                        .all(|i| i.as_str().is_some_and(|s| options.contains(&s))) => {}
                _ => problems.push(
                    field,
                    ErrorCode::NotAnOption,
                    format!("expected a list drawn from: {}", options.join(", ")),
                ),
            },
            AttrType::HsCodes { max } => {
                list_of(value, &field, max, problems, |s| {
                    crate::listing::is_hs_code(&s.replace('.', ""))
                        .then_some(())
                        .ok_or((
                            ErrorCode::NotHsCode,
                            format!("{s:?} is not an HS code (2–10 digits, even count)"),
                        ))
                });
            }
            AttrType::Sectors => {
                list_of(value, &field, crate::sector::SECTORS.len(), problems, |s| {
                    crate::sector::is_sector(s)
                        .then_some(())
                        .ok_or((ErrorCode::NotAnOption, format!("{s:?} is not a sector")))
                });
            }
            AttrType::Names { max } => {
                list_of(value, &field, max, problems, |s| {
                    let n = s.chars().count();
                    if n == 0 || n > 200 {
                        Err((ErrorCode::TooLong, "a name of 1 to 200 characters".into()))
                    } else {
                        Ok(())
                    }
                });
            }
            AttrType::Places => {
                list_of(value, &field, 50, problems, |s| {
                    crate::Location::parse(s)
                        .map(|_| ())
                        .map_err(|e| (ErrorCode::NotAnOption, e))
                });
            }
        }
    }
}

/// A list attribute: an array of at most `max` strings, each checked by `check`.
fn list_of(
    value: &Value,
    field: &str,
    max: usize,
    problems: &mut Problems,
    check: impl Fn(&str) -> Result<(), (ErrorCode, String)>,
) {
    let Some(items) = value.as_array() else {
        problems.push(field, ErrorCode::NotText, "expected a list of codes");
        return;
    };
    if items.len() > max {
        problems.push(field, ErrorCode::TooMany, format!("at most {max}"));
    }
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => {
                if let Err((code, message)) = check(s.trim()) {
                    problems.push(format!("{field}[{i}]"), code, message);
                }
            }
            None => problems.push(
                format!("{field}[{i}]"),
                ErrorCode::NotText,
                "expected a code",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(kind: ListingKind, v: Value) -> Vec<(String, &'static str)> {
        let mut p = Problems::new();
        validate_attributes(kind, v.as_object().unwrap(), &mut p);
        p.finish()
            .err()
            .map(|e| {
                e.0.into_iter()
                    .map(|f| (f.field, f.code.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_valid_product_passes() {
        assert!(
            check(
                ListingKind::Product,
                json!({"moq": 500, "unit_price": 3.5, "currency": "HKD"})
            )
            .is_empty()
        );
    }

    #[test]
    fn each_problem_is_named_with_its_field() {
        let errs = check(
            ListingKind::GreenProject,
            json!({"taxonomy": "made_up", "amount_sought": -1, "colour": "green"}),
        );
        assert!(errs.contains(&("attributes.colour".into(), "unknown_attribute")));
        assert!(errs.contains(&("attributes.taxonomy".into(), "not_an_option")));
        assert!(errs.contains(&("attributes.amount_sought".into(), "out_of_range")));
        assert!(errs.contains(&("attributes.currency".into(), "required")));
    }

    #[test]
    fn every_kind_belongs_to_a_market_and_round_trips() {
        for k in ListingKind::ALL {
            assert_eq!(ListingKind::parse(k.code()), Some(k));
            assert!(Market::ALL.contains(&k.market()));
        }
    }
}
