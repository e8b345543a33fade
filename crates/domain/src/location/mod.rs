//! Where an organisation or person is based. This decides, later, which cross-boundary data
//! rules apply (the GBA Standard Contract covers the nine Guangdong cities and Hong Kong, or
//! Macau; not the rest of the Mainland, not overseas), so it is a closed type, never free text.

mod countries;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The nine Guangdong cities of the Greater Bay Area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GbaCity {
    Guangzhou,
    Shenzhen,
    Zhuhai,
    Foshan,
    Huizhou,
    Dongguan,
    Zhongshan,
    Jiangmen,
    Zhaoqing,
}

impl GbaCity {
    pub const ALL: [GbaCity; 9] = [
        GbaCity::Guangzhou,
        GbaCity::Shenzhen,
        GbaCity::Zhuhai,
        GbaCity::Foshan,
        GbaCity::Huizhou,
        GbaCity::Dongguan,
        GbaCity::Zhongshan,
        GbaCity::Jiangmen,
        GbaCity::Zhaoqing,
    ];

    /// Code suffix after `CN-GD-`.
    fn suffix(self) -> &'static str {
        match self {
            GbaCity::Guangzhou => "GZ",
            GbaCity::Shenzhen => "SZ",
            GbaCity::Zhuhai => "ZH",
            GbaCity::Foshan => "FS",
            GbaCity::Huizhou => "HZ",
            GbaCity::Dongguan => "DG",
            GbaCity::Zhongshan => "ZS",
            GbaCity::Jiangmen => "JM",
            GbaCity::Zhaoqing => "ZQ",
        }
    }
}

/// Where someone is based, at the resolution the data rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// One of the nine Guangdong GBA cities; code `CN-GD-xx`.
    Gba(GbaCity),
    /// Hong Kong SAR; code `HK`.
    HongKong,
    /// Macau SAR; code `MO`.
    Macau,
    /// The Mainland outside the nine GBA cities; code `CN`.
    MainlandOther,
    /// Any other country or territory, by ISO 3166-1 alpha-2 code (index into the table).
    Country(u16),
}

impl Location {
    /// The stable code stored and exchanged: `HK`, `MO`, `CN`, `CN-GD-SZ`, or ISO alpha-2.
    pub fn code(&self) -> &'static str {
        match self {
            Location::Gba(c) => match c {
                GbaCity::Guangzhou => "CN-GD-GZ",
                GbaCity::Shenzhen => "CN-GD-SZ",
                GbaCity::Zhuhai => "CN-GD-ZH",
                GbaCity::Foshan => "CN-GD-FS",
                GbaCity::Huizhou => "CN-GD-HZ",
                GbaCity::Dongguan => "CN-GD-DG",
                GbaCity::Zhongshan => "CN-GD-ZS",
                GbaCity::Jiangmen => "CN-GD-JM",
                GbaCity::Zhaoqing => "CN-GD-ZQ",
            },
            Location::HongKong => "HK",
            Location::Macau => "MO",
            Location::MainlandOther => "CN",
            Location::Country(i) => countries::COUNTRIES[*i as usize],
        }
    }

    /// Parses a code as produced by [`code`](Self::code); case-insensitive.
    pub fn parse(code: &str) -> Result<Location, String> {
        let up = code.trim().to_ascii_uppercase();
        match up.as_str() {
            "HK" => return Ok(Location::HongKong),
            "MO" => return Ok(Location::Macau),
            "CN" => return Ok(Location::MainlandOther),
            _ => {}
        }
        if let Some(suffix) = up.strip_prefix("CN-GD-") {
            return GbaCity::ALL
                .into_iter()
                .find(|c| c.suffix() == suffix)
                .map(Location::Gba)
                .ok_or_else(|| format!("{code:?} is not one of the nine GBA cities (CN-GD-GZ, -SZ, -ZH, -FS, -HZ, -DG, -ZS, -JM, -ZQ)"));
        }
        countries::COUNTRIES
            .iter()
            .position(|c| *c == up)
            .map(|i| Location::Country(i as u16))
            .ok_or_else(|| format!("{code:?} is not a location code: use HK, MO, CN, CN-GD-xx for a GBA city, or an ISO 3166-1 alpha-2 country code"))
    }

    /// The catalogue key of this place's name (`place-CN-GD-SZ`, `place-JP`): names are in
    /// `locales/*/places.ftl` and `countries.ftl`.
    pub fn label_key(&self) -> String {
        format!("place-{}", self.code())
    }

    /// In the nine Guangdong cities or Hong Kong: the parties the Mainland–Hong Kong GBA
    /// Standard Contract covers.
    pub fn in_gba_hk_contract_area(&self) -> bool {
        matches!(self, Location::Gba(_) | Location::HongKong)
    }

    /// On the Mainland (any part), as opposed to the SARs or abroad.
    pub fn is_mainland(&self) -> bool {
        matches!(self, Location::Gba(_) | Location::MainlandOther)
    }

    /// Every location a form may offer: GBA cities, HK, MO, rest of Mainland, then countries.
    pub fn all() -> impl Iterator<Item = Location> {
        let special = [Location::HongKong, Location::Macau]
            .into_iter()
            .chain(GbaCity::ALL.into_iter().map(Location::Gba))
            .chain([Location::MainlandOther]);
        let skip = ["HK", "MO", "CN"];
        special.chain(
            (0..countries::COUNTRIES.len() as u16)
                .filter(move |i| !skip.contains(&countries::COUNTRIES[*i as usize]))
                .map(Location::Country),
        )
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Location::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Location {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "HK, MO, CN (Mainland outside the GBA), CN-GD-GZ/SZ/ZH/FS/HZ/DG/ZS/JM/ZQ (GBA cities), or ISO 3166-1 alpha-2",
            ))
            .examples(["CN-GD-SZ"])
            .into()
    }
}
impl utoipa::ToSchema for Location {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for l in Location::all() {
            assert_eq!(Location::parse(l.code()), Ok(l), "{}", l.code());
        }
        assert_eq!(Location::all().count(), 249 - 3 + 3 + 9);
    }

    #[test]
    fn hong_kong_and_macau_are_not_countries_here() {
        assert_eq!(Location::parse("hk"), Ok(Location::HongKong));
        assert_eq!(Location::parse("MO"), Ok(Location::Macau));
        assert!(
            Location::parse("cn-gd-sz")
                .unwrap()
                .in_gba_hk_contract_area()
        );
        assert!(!Location::parse("CN").unwrap().in_gba_hk_contract_area());
        assert!(!Location::Macau.in_gba_hk_contract_area());
        assert!(!Location::parse("SG").unwrap().is_mainland());
    }

    #[test]
    fn bad_codes_say_what_is_expected() {
        assert!(
            Location::parse("CN-GD-XX")
                .unwrap_err()
                .contains("nine GBA cities")
        );
        assert!(
            Location::parse("Hong Kong")
                .unwrap_err()
                .contains("ISO 3166-1")
        );
        assert!(Location::parse("").is_err());
    }
}
