//! The exhibitor sheet: one row per exhibitor with its booth, in any of the three languages'
//! column names.

use sc_domain::ErrorCode;
use std::collections::HashMap;

use sc_domain::organisation::{OrgKind, OrganisationInput};
use std::sync::LazyLock;

use sc_domain::sector::{SECTORS, sector_key};
use sc_domain::{Language, LocalizedText, Location};
use sc_i18n::Words;

use crate::{FileError, Parsed, Row, RowError, encoding, field_errors, sheet};

/// One exhibitor as the sheet gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExhibitorRow {
    /// The organiser's own reference: what makes a re-import update rather than duplicate.
    pub reference: String,
    pub hall: String,
    pub booth: String,
    pub organisation: OrganisationInput,
    /// Whom to invite as the exhibitor's administrator.
    pub contact_email: Option<String>,
}

/// Column → the names it may carry in a header (compared case-insensitively, spaces ignored).
const COLUMNS: sheet::Columns = &[
    (
        "reference",
        &[
            "reference",
            "ref",
            "exhibitor_id",
            "exhibitorid",
            "參考編號",
            "参考编号",
            "參展商編號",
            "参展商编号",
        ],
    ),
    ("hall", &["hall", "展館", "展馆", "展覽廳", "展览厅"]),
    (
        "booth",
        &[
            "booth",
            "booth_no",
            "boothno",
            "stand",
            "攤位",
            "展位",
            "攤位號碼",
            "展位号",
        ],
    ),
    (
        "name_zh_hant",
        &[
            "name_zh_hant",
            "name_zh-hant",
            "名稱（繁）",
            "名稱(繁)",
            "中文名稱",
            "公司名稱",
        ],
    ),
    (
        "name_zh_hans",
        &[
            "name_zh_hans",
            "name_zh-hans",
            "名称（简）",
            "名称(简)",
            "中文名称",
            "公司名称",
        ],
    ),
    (
        "name_en",
        &[
            "name_en",
            "name",
            "english_name",
            "company",
            "英文名稱",
            "英文名称",
        ],
    ),
    (
        "description_zh_hant",
        &["description_zh_hant", "簡介（繁）", "簡介(繁)"],
    ),
    (
        "description_zh_hans",
        &["description_zh_hans", "简介（简）", "简介(简)"],
    ),
    (
        "description_en",
        &["description_en", "description", "英文簡介", "英文简介"],
    ),
    ("kind", &["kind", "type", "類型", "类型"]),
    (
        "location",
        &[
            "location",
            "based_in",
            "country",
            "city",
            "所在地",
            "地區",
            "地区",
        ],
    ),
    (
        "sectors",
        &["sectors", "sector", "industry", "行業", "行业"],
    ),
    ("website", &["website", "url", "web", "網站", "网站"]),
    (
        "email",
        &["email", "e-mail", "contact_email", "電郵", "电邮", "邮箱"],
    ),
];

const REQUIRED: &[&str] = &["reference", "booth", "location"];

/// Reads a location written as a code (`HK`, `CN-GD-SZ`) or as a name in any of the three
/// languages ("香港", "深圳", "Singapore").
pub fn parse_location(s: &str) -> Option<Location> {
    let s = s.trim();
    Location::parse(s)
        .ok()
        .or_else(|| PLACE_NAMES.get(&s.to_lowercase()).copied())
}

/// Every place's name in the three languages (lower-cased), from the catalogues.
static PLACE_NAMES: LazyLock<HashMap<String, Location>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for l in Location::all() {
        for lang in Language::ALL {
            names
                .entry(Words::new(lang).t(&l.label_key()).to_lowercase())
                .or_insert(l);
        }
    }
    names
});

/// Reads sectors separated by `;`, `,`, `、` or `／`, each a code or a label in any language.
fn parse_sectors(s: &str) -> Result<Vec<String>, String> {
    s.split([';', ',', '、', '；', '，', '/', '／'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            SECTORS
                .iter()
                .find(|code| {
                    p.eq_ignore_ascii_case(code)
                        || Language::ALL.iter().any(|lang| {
                            Words::new(*lang)
                                .t(&sector_key(code))
                                .eq_ignore_ascii_case(p)
                        })
                })
                .map(|code| code.to_string())
                .ok_or_else(|| format!("{p:?} is not a sector"))
        })
        .collect()
}

/// Reads an exhibitor sheet. Every row is checked; problems are collected, never thrown.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ExhibitorRow>, FileError> {
    let (text, encoding) = encoding::decode(bytes)?;
    // Which file column holds each known column; unknown headers are ignored (organisers'
    // sheets carry their own notes).
    let (h, rows) = sheet::open(&text, COLUMNS)?;
    h.require(REQUIRED, ["name_zh_hant", "name_zh_hans", "name_en"])?;
    let header_of = |field: &str| h.header_of(field);

    let mut parsed = Parsed {
        rows: vec![],
        errors: vec![],
        encoding,
    };
    let mut seen_refs: HashMap<String, u64> = HashMap::new();
    let mut seen_booths: HashMap<(String, String), u64> = HashMap::new();
    for row in rows {
        let (line, record) = match row {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        let cell = |col: &str| h.cell(&record, col).to_string();
        let mut errors = vec![];
        let err = |col: &str, code: sc_domain::ErrorCode, message: String| RowError {
            line,
            column: header_of(col).or(Some(col.to_string())),
            code,
            message,
        };

        let reference = cell("reference");
        if reference.is_empty() {
            errors.push(err(
                "reference",
                ErrorCode::Required,
                "every exhibitor needs the organiser's reference".into(),
            ));
        } else if let Some(first) = seen_refs.insert(reference.clone(), line) {
            errors.push(err(
                "reference",
                ErrorCode::DuplicateReference,
                format!("also on line {first}"),
            ));
        }
        let booth = cell("booth");
        let hall = match cell("hall") {
            h if !h.is_empty() => h,
            _ => booth.split('-').next().unwrap_or("").to_string(),
        };
        if booth.is_empty() {
            errors.push(err(
                "booth",
                ErrorCode::Required,
                "every exhibitor needs a booth number".into(),
            ));
        } else if booth.chars().count() > 32 || booth.chars().any(|c| c.is_control()) {
            errors.push(err(
                "booth",
                ErrorCode::BadBooth,
                "a booth number is at most 32 characters".into(),
            ));
        } else if let Some(first) = seen_booths.insert((hall.clone(), booth.clone()), line) {
            errors.push(err(
                "booth",
                ErrorCode::DuplicateBooth,
                format!("booth {booth} is also given on line {first}"),
            ));
        }
        let location = match parse_location(&cell("location")) {
            Some(l) => Some(l),
            None => {
                errors.push(err("location", ErrorCode::UnknownLocation, format!("{:?} is not a place this platform knows (use HK, CN-GD-SZ, a city or country name)", cell("location"))));
                None
            }
        };
        let kind = match cell("kind") {
            k if k.is_empty() => OrgKind::Company,
            k => OrgKind::parse(&k.to_lowercase()).unwrap_or_else(|| {
                errors.push(err(
                    "kind",
                    ErrorCode::NotAnOption,
                    format!("{k:?} is not an organisation kind"),
                ));
                OrgKind::Company
            }),
        };
        let sectors = parse_sectors(&cell("sectors")).unwrap_or_else(|m| {
            errors.push(err("sectors", ErrorCode::UnknownCode, m));
            vec![]
        });
        let contact_email = match cell("email") {
            e if e.is_empty() => None,
            e => match sc_domain::person::normalize_email(&e) {
                Ok(e) => Some(e),
                Err(m) => {
                    errors.push(err("email", ErrorCode::NotAnEmail, m.into()));
                    None
                }
            },
        };
        let input = OrganisationInput {
            kind,
            name: LocalizedText::new(
                &cell("name_zh_hant"),
                &cell("name_zh_hans"),
                &cell("name_en"),
            ),
            description: LocalizedText::new(
                &cell("description_zh_hant"),
                &cell("description_zh_hans"),
                &cell("description_en"),
            ),
            sectors,
            markets_served: vec![],
            location: location.unwrap_or(Location::HongKong),
            website: Some(cell("website")).filter(|w| !w.is_empty()),
        };
        let organisation = match input.validated() {
            Ok(o) => Some(o),
            Err(inv) => {
                let map = |f: &str| -> Option<String> {
                    // `name.en` is reported under the column the English name came from; `name`
                    // (none given at all) under the first name column the sheet has.
                    let col = f.replace(['.', '-'], "_").to_lowercase();
                    header_of(&col).or_else(|| header_of(f)).or_else(|| {
                        ["_en", "_zh_hant", "_zh_hans"]
                            .iter()
                            .find_map(|suffix| header_of(&format!("{f}{suffix}")))
                    })
                };
                errors.extend(field_errors(line, map, inv.0));
                None
            }
        };
        match (errors.is_empty(), organisation) {
            (true, Some(organisation)) => parsed.rows.push(Row {
                line,
                value: ExhibitorRow {
                    reference,
                    hall,
                    booth,
                    organisation,
                    contact_email,
                },
            }),
            _ => parsed.errors.extend(errors),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_sheet_in_chinese_headers_reads_every_row() {
        let csv = "參考編號,攤位,名稱（繁）,英文名稱,所在地,行業,電郵\n\
                   HK-001,1A-A01,華南電子有限公司,Huanan Electronics Ltd,香港,電子產品,Sales@Huanan.example.com\n\
                   CN-002,1A-A02,,Shenzhen Lighting Co,深圳,lighting; 照明,\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert!(p.is_clean(), "{:?}", p.errors);
        assert_eq!(p.rows.len(), 2);
        let first = &p.rows[0].value;
        assert_eq!(
            (
                first.reference.as_str(),
                first.hall.as_str(),
                first.booth.as_str()
            ),
            ("HK-001", "1A", "1A-A01")
        );
        assert_eq!(first.organisation.location, Location::HongKong);
        assert_eq!(first.organisation.sectors, vec!["electronics"]);
        assert_eq!(
            first.contact_email.as_deref(),
            Some("sales@huanan.example.com")
        );
        assert_eq!(
            p.rows[1].value.organisation.location,
            Location::parse("CN-GD-SZ").unwrap()
        );
        assert_eq!(
            p.rows[1].value.organisation.sectors,
            vec!["lighting"],
            "the same sector twice counts once"
        );
        assert_eq!(p.rows[1].line, 3);
    }

    #[test]
    fn every_bad_row_is_named_with_line_column_and_reason() {
        let csv = "ref,booth,name_en,location,email\n\
                   A1,1A-A01,Good Co,HK,\n\
                   A1,1A-A02,Dup Ref Co,HK,\n\
                   A3,1A-A01,Dup Booth Co,HK,\n\
                   A4,1A-A04,,Atlantis,not-an-email\n\
                   A5,1A-A05\n\
                   \"A6\",\"1A-A06\",\"=HYPERLINK(\"\"http://evil\"\")\",HK,\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert!(!p.is_clean());
        let find = |line: u64, code: &str| {
            p.errors
                .iter()
                .find(|e| e.line == line && e.code.as_str() == code)
                .unwrap_or_else(|| panic!("no {code} on line {line}: {:?}", p.errors))
                .clone()
        };
        assert_eq!(
            find(3, "duplicate_reference").column.as_deref(),
            Some("ref")
        );
        assert!(find(4, "duplicate_booth").message.contains("line 2"));
        assert_eq!(
            find(5, "unknown_location").column.as_deref(),
            Some("location")
        );
        assert_eq!(find(5, "not_an_email").column.as_deref(), Some("email"));
        assert_eq!(
            find(5, "required").column.as_deref(),
            Some("name_en"),
            "a row without any name"
        );
        assert!(
            find(6, "ragged_row")
                .message
                .contains("expected 5 columns, found 2")
        );
        // A formula is only text here; exports neutralise it (see `cells`).
        assert!(p.rows.iter().any(|r| r.line == 7
            && r.value.organisation.name.en.as_deref() == Some("=HYPERLINK(\"http://evil\")")));
        assert_eq!(p.rows.len(), 2);
    }

    #[test]
    fn missing_columns_refuse_the_whole_file() {
        assert_eq!(
            parse(b"name_en,location\nX,HK\n").unwrap_err(),
            FileError::MissingColumns("reference, booth".into())
        );
        assert!(
            matches!(parse(b"ref,booth,location\nA,1,HK\n").unwrap_err(), FileError::MissingColumns(m) if m.contains("name_en"))
        );
    }

    #[test]
    fn big5_sheets_from_older_systems_read_the_same() {
        let csv = "參考編號,攤位,名稱（繁）,所在地\nHK-001,1A-A01,華南電子有限公司,香港\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(csv);
        let p = parse(&big5).unwrap();
        assert_eq!(p.encoding, "Big5");
        assert_eq!(
            p.rows[0].value.organisation.name.zh_hant.as_deref(),
            Some("華南電子有限公司")
        );
    }
}
