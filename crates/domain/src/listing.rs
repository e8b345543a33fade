//! Listings: what an organisation or a person offers or needs, in one market.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::Timestamp;
use crate::error::{Invalid, Problems};
use crate::lang::LocalizedText;
use crate::location::Location;
use crate::market::{ListingKind, Market, validate_attributes};
use crate::organisation::OrgId;
use crate::person::UserId;

pub type ListingId = i64;

/// Who a listing belongs to: an organisation, or a person acting for themself (a talent
/// profile, an individual investor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Organisation(OrgId),
    Person(UserId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    /// Visible to its owner only.
    Draft,
    /// Visible to everyone.
    Published,
    /// Kept for the record; visible to its owner only.
    Archived,
}

impl ListingStatus {
    pub fn code(self) -> &'static str {
        match self {
            ListingStatus::Draft => "draft",
            ListingStatus::Published => "published",
            ListingStatus::Archived => "archived",
        }
    }
    pub fn parse(s: &str) -> Option<ListingStatus> {
        [
            ListingStatus::Draft,
            ListingStatus::Published,
            ListingStatus::Archived,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }
}

/// What a client sends to create or replace a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ListingInput {
    pub kind: ListingKind,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    /// Classification codes. Trade listings use HS codes (2, 4, 6, 8 or 10 digits).
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub target_regions: Vec<Location>,
    /// Market-specific attributes, checked against the kind's schema.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub attributes: Map<String, Value>,
    #[serde(default = "published")]
    pub status: ListingStatus,
}

fn published() -> ListingStatus {
    ListingStatus::Published
}

/// A listing as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Listing {
    pub id: ListingId,
    pub owner: Owner,
    pub kind: ListingKind,
    pub market: Market,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub codes: Vec<String>,
    pub target_regions: Vec<Location>,
    #[schema(value_type = Object)]
    pub attributes: Map<String, Value>,
    pub status: ListingStatus,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Checks one HS code: digits only, 2 to 10 of them, an even count.
pub fn is_hs_code(code: &str) -> bool {
    let n = code.len();
    (2..=10).contains(&n) && n.is_multiple_of(2) && code.bytes().all(|b| b.is_ascii_digit())
}

impl ListingInput {
    pub fn validated(mut self) -> Result<Self, Invalid> {
        self.title = self.title.normalized();
        self.description = self.description.normalized();
        for c in self.codes.iter_mut() {
            *c = c.trim().replace('.', "");
        }
        self.codes.retain(|c| !c.is_empty());
        self.codes.sort();
        self.codes.dedup();
        self.target_regions.dedup();
        let mut p = Problems::new();
        self.title.validate("title", 300, true, &mut p);
        self.description
            .validate("description", 20_000, false, &mut p);
        if self.codes.len() > 20 {
            p.push(
                "codes",
                ErrorCode::TooMany,
                "at most 20 classification codes",
            );
        }
        for (i, c) in self.codes.iter().enumerate() {
            match self.kind.code_scheme() {
                Some("hs") if !is_hs_code(c) => p.push(
                    format!("codes[{i}]"),
                    ErrorCode::NotHsCode,
                    format!("{c:?} is not an HS code (2–10 digits, even count)"),
                ),
                None if c.len() > 40
                    || !c
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || "-_:".contains(ch)) =>
                {
                    p.push(
                        format!("codes[{i}]"),
                        ErrorCode::BadCode,
                        "codes are up to 40 letters, digits, '-', '_' or ':'",
                    )
                }
                _ => {}
            }
        }
        if self.target_regions.len() > 50 {
            p.push("target_regions", ErrorCode::TooMany, "at most 50 regions");
        }
        validate_attributes(self.kind, &self.attributes, &mut p);
        p.finish().map(|_| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hs_codes_are_checked_for_trade_only() {
        let mut l: ListingInput = serde_json::from_value(json!({
            "kind": "product", "title": {"en": "Charger"}, "codes": ["8504.40", "85"]
        }))
        .unwrap();
        assert_eq!(l.clone().validated().unwrap().codes, vec!["85", "850440"]);
        l.codes = vec!["ABC".into()];
        assert_eq!(
            l.clone().validated().unwrap_err().0[0].code,
            ErrorCode::NotHsCode
        );
        l.kind = ListingKind::Job;
        l.attributes = json!({"employment_type": "full_time"})
            .as_object()
            .unwrap()
            .clone();
        assert!(l.validated().is_ok());
    }

    #[test]
    fn unknown_kinds_and_locations_fail_to_parse() {
        assert!(
            serde_json::from_value::<ListingInput>(
                json!({"kind": "spaceship", "title": {"en": "x"}})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<ListingInput>(
                json!({"kind": "job", "title": {"en": "x"}, "target_regions": ["Narnia"]})
            )
            .is_err()
        );
    }
}
