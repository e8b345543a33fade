//! Organisations: companies, chambers, semi-official bodies, universities, investors and
//! service firms.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Timestamp;
use crate::error::{Invalid, Problems};
use crate::lang::LocalizedText;
use crate::location::Location;
use crate::sector::is_sector;

pub type OrgId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    ChamberOfCommerce,
    SemiOfficialBody,
    University,
    Investor,
    ServiceFirm,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::Company,
        OrgKind::ChamberOfCommerce,
        OrgKind::SemiOfficialBody,
        OrgKind::University,
        OrgKind::Investor,
        OrgKind::ServiceFirm,
    ];
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Company => "company",
            OrgKind::ChamberOfCommerce => "chamber_of_commerce",
            OrgKind::SemiOfficialBody => "semi_official_body",
            OrgKind::University => "university",
            OrgKind::Investor => "investor",
            OrgKind::ServiceFirm => "service_firm",
        }
    }
    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// What a client sends to create or replace an organisation's public profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OrganisationInput {
    pub kind: OrgKind,
    pub name: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub markets_served: Vec<Location>,
    pub location: Location,
    #[serde(default)]
    pub website: Option<String>,
}

/// An organisation as stored and shown publicly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Organisation {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub sectors: Vec<String>,
    pub markets_served: Vec<Location>,
    pub location: Location,
    pub website: Option<String>,
    /// Checked by an organiser or administrator (a credible employer, a real exhibitor).
    pub verified: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl OrganisationInput {
    /// Trims text, drops duplicates and checks every field.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        self.name = self.name.normalized();
        self.description = self.description.normalized();
        self.sectors.sort();
        self.sectors.dedup();
        self.markets_served.dedup();
        let mut p = Problems::new();
        self.name.validate("name", 200, true, &mut p);
        self.description
            .validate("description", 10_000, false, &mut p);
        for (i, s) in self.sectors.iter().enumerate() {
            if !is_sector(s) {
                p.push(
                    format!("sectors[{i}]"),
                    ErrorCode::UnknownCode,
                    format!("{s:?} is not a sector code"),
                );
            }
        }
        if self.sectors.len() > 20 {
            p.push("sectors", ErrorCode::TooMany, "at most 20 sectors");
        }
        if self.markets_served.len() > 50 {
            p.push("markets_served", ErrorCode::TooMany, "at most 50 markets");
        }
        if let Some(w) = &self.website {
            let w = w.trim();
            if w.is_empty() {
                self.website = None;
            } else if !(w.starts_with("https://") || w.starts_with("http://"))
                || w.len() > 500
                || w.contains(char::is_whitespace)
            {
                p.push(
                    "website",
                    ErrorCode::NotAUrl,
                    "expected an http(s):// address of at most 500 characters",
                );
            } else {
                self.website = Some(w.to_string());
            }
        }
        p.finish().map(|_| self)
    }
}
