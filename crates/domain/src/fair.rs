//! Fairs, halls and booths: the first cut the demo needs; the EXHIBITION+ work extends it.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{Invalid, Problems};
use crate::lang::LocalizedText;
use crate::organisation::OrgId;

pub type FairId = i64;
pub type HallId = i64;
pub type BoothId = i64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FairInput {
    pub name: LocalizedText,
    #[serde(default)]
    pub venue: LocalizedText,
    /// First day on site, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day on site, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Last day the online fair stays open, `YYYY-MM-DD`; on or after `ends_on`.
    pub online_until: String,
    /// IANA time zone of the venue.
    #[serde(default = "hong_kong")]
    pub time_zone: String,
}

fn hong_kong() -> String {
    "Asia/Hong_Kong".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Fair {
    pub id: FairId,
    pub name: LocalizedText,
    pub venue: LocalizedText,
    pub starts_on: String,
    pub ends_on: String,
    pub online_until: String,
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Hall {
    pub id: HallId,
    pub fair_id: FairId,
    pub code: String,
    pub name: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Booth {
    pub id: BoothId,
    pub hall_id: HallId,
    /// Booth number as printed on the floor, e.g. `1C-A12`.
    pub code: String,
    pub organisation_id: Option<OrgId>,
}

/// Checks a calendar date written `YYYY-MM-DD` (Gregorian, with leap years).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

impl FairInput {
    pub fn validated(mut self) -> Result<Self, Invalid> {
        self.name = self.name.normalized();
        self.venue = self.venue.normalized();
        let mut p = Problems::new();
        self.name.validate("name", 200, true, &mut p);
        self.venue.validate("venue", 300, false, &mut p);
        for (f, v) in [
            ("starts_on", &self.starts_on),
            ("ends_on", &self.ends_on),
            ("online_until", &self.online_until),
        ] {
            if !is_iso_date(v) {
                p.push(f, ErrorCode::NotADate, "expected a date written YYYY-MM-DD");
            }
        }
        // ISO dates compare correctly as strings.
        if is_iso_date(&self.starts_on)
            && is_iso_date(&self.ends_on)
            && self.ends_on < self.starts_on
        {
            p.push(
                "ends_on",
                ErrorCode::BeforeStart,
                "the fair cannot end before it starts",
            );
        }
        if is_iso_date(&self.ends_on)
            && is_iso_date(&self.online_until)
            && self.online_until < self.ends_on
        {
            p.push(
                "online_until",
                ErrorCode::BeforeEnd,
                "the online fair runs until the physical fair ends or later",
            );
        }
        let tz_ok = !self.time_zone.is_empty()
            && self.time_zone.len() <= 64
            && self
                .time_zone
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
        if !tz_ok {
            p.push(
                "time_zone",
                ErrorCode::NotATimeZone,
                "expected an IANA zone such as Asia/Hong_Kong",
            );
        }
        p.finish().map(|_| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("2024-1-01"));
        assert!(!is_iso_date("２０２４-01-01"));
    }
}
