//! The product sheet: one row per product, tied to its exhibitor by the organiser's exhibitor
//! reference and keyed by a product reference, so that importing the same sheet again updates.

use sc_domain::ErrorCode;
use std::collections::HashMap;

use sc_domain::LocalizedText;
use sc_domain::listing::{ListingInput, ListingStatus};
use sc_domain::market::ListingKind;
use serde_json::{Map, Value};

use crate::exhibitors::parse_location;
use crate::{FileError, Parsed, Row, RowError, encoding, field_errors, sheet};

#[derive(Debug, Clone, PartialEq)]
pub struct ProductRow {
    /// The exhibitor's reference in the exhibitor sheet.
    pub exhibitor: String,
    /// The product's reference, unique within its exhibitor.
    pub reference: String,
    pub listing: ListingInput,
}

const COLUMNS: sheet::Columns = &[
    (
        "exhibitor",
        &[
            "exhibitor",
            "exhibitor_reference",
            "exhibitor_ref",
            "exhibitor_id",
            "參展商編號",
            "参展商编号",
            "參考編號",
            "参考编号",
        ],
    ),
    (
        "reference",
        &[
            "reference",
            "product_reference",
            "product_ref",
            "sku",
            "product_id",
            "產品編號",
            "产品编号",
            "型號",
            "型号",
        ],
    ),
    (
        "name_zh_hant",
        &[
            "name_zh_hant",
            "name_zh-hant",
            "產品名稱（繁）",
            "產品名稱(繁)",
            "產品名稱",
        ],
    ),
    (
        "name_zh_hans",
        &[
            "name_zh_hans",
            "name_zh-hans",
            "产品名称（简）",
            "产品名称(简)",
            "产品名称",
        ],
    ),
    (
        "name_en",
        &[
            "name_en",
            "name",
            "product",
            "product_name",
            "英文名稱",
            "英文名称",
        ],
    ),
    (
        "description_zh_hant",
        &["description_zh_hant", "簡介（繁）", "簡介(繁)", "說明"],
    ),
    (
        "description_zh_hans",
        &["description_zh_hans", "简介（简）", "简介(简)", "说明"],
    ),
    (
        "description_en",
        &["description_en", "description", "英文簡介", "英文简介"],
    ),
    (
        "hs",
        &[
            "hs",
            "hs_code",
            "hs_codes",
            "hscode",
            "海關編碼",
            "海关编码",
            "hs編碼",
            "hs编码",
        ],
    ),
    (
        "markets",
        &[
            "markets",
            "target_markets",
            "target_regions",
            "目標市場",
            "目标市场",
        ],
    ),
    (
        "moq",
        &[
            "moq",
            "minimum_order",
            "最低訂購量",
            "最低订购量",
            "起訂量",
            "起订量",
        ],
    ),
    (
        "unit_price",
        &["unit_price", "price", "單價", "单价", "價格", "价格"],
    ),
    ("currency", &["currency", "貨幣", "货币"]),
    (
        "lead_time_days",
        &["lead_time_days", "lead_time", "交貨期", "交货期"],
    ),
    (
        "certifications",
        &["certifications", "certification", "認證", "认证"],
    ),
    ("status", &["status", "狀態", "状态"]),
];

const REQUIRED: &[&str] = &["exhibitor", "reference"];

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', ',', '、', '；', '，', '/', '／', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Reads a product sheet. Every row is checked; problems are collected, never thrown.
pub fn parse(bytes: &[u8]) -> Result<Parsed<ProductRow>, FileError> {
    let (text, encoding) = encoding::decode(bytes)?;
    let (h, rows) = sheet::open(&text, COLUMNS)?;
    h.require(REQUIRED, ["name_zh_hant", "name_zh_hans", "name_en"])?;
    let header_of = |field: &str| h.header_of(field);
    let mut parsed = Parsed {
        rows: vec![],
        errors: vec![],
        encoding,
    };
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    for row in rows {
        let (line, record) = match row {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        let cell = |col: &str| h.cell(&record, col);
        let mut errors = vec![];
        let err = |col: &str, code: sc_domain::ErrorCode, message: String| RowError {
            line,
            column: header_of(col).or(Some(col.to_string())),
            code,
            message,
        };
        let exhibitor = cell("exhibitor").to_string();
        let reference = cell("reference").to_string();
        if exhibitor.is_empty() {
            errors.push(err(
                "exhibitor",
                ErrorCode::Required,
                "which exhibitor (its reference in the exhibitor sheet)".into(),
            ));
        }
        if reference.is_empty() {
            errors.push(err(
                "reference",
                ErrorCode::Required,
                "every product needs a reference".into(),
            ));
        } else if reference.chars().count() > 64 {
            errors.push(err(
                "reference",
                ErrorCode::TooLong,
                "at most 64 characters".into(),
            ));
        } else if let Some(first) = seen.insert((exhibitor.clone(), reference.clone()), line) {
            errors.push(err(
                "reference",
                ErrorCode::DuplicateReference,
                format!("this exhibitor's product {reference} is also on line {first}"),
            ));
        }
        let mut attributes = Map::new();
        for (col, integer) in [
            ("moq", true),
            ("unit_price", false),
            ("lead_time_days", true),
        ] {
            let v = cell(col).replace([',', '，'], "");
            if v.is_empty() {
                continue;
            }
            let num = if integer {
                v.parse::<i64>().ok().map(Value::from)
            } else {
                v.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Value::from)
            };
            match num {
                Some(n) => {
                    attributes.insert(col.into(), n);
                }
                None => errors.push(err(
                    col,
                    ErrorCode::NotANumber,
                    format!(
                        "{v:?} is not a {}",
                        if integer { "whole number" } else { "number" }
                    ),
                )),
            }
        }
        for col in ["currency", "certifications"] {
            let v = cell(col);
            if !v.is_empty() {
                let v = if col == "currency" {
                    v.to_uppercase()
                } else {
                    v.to_string()
                };
                attributes.insert(col.into(), Value::from(v));
            }
        }
        let mut target_regions = vec![];
        for m in split_list(cell("markets")) {
            match parse_location(m) {
                Some(l) => target_regions.push(l),
                None => errors.push(err(
                    "markets",
                    ErrorCode::UnknownLocation,
                    format!("{m:?} is not a place this platform knows"),
                )),
            }
        }
        let status = match cell("status").to_lowercase().as_str() {
            "" | "published" | "已發佈" | "已发布" => ListingStatus::Published,
            "draft" | "草稿" => ListingStatus::Draft,
            other => {
                errors.push(err(
                    "status",
                    ErrorCode::NotAnOption,
                    format!("{other:?}: use published or draft"),
                ));
                ListingStatus::Published
            }
        };
        let input = ListingInput {
            kind: ListingKind::Product,
            title: LocalizedText::new(cell("name_zh_hant"), cell("name_zh_hans"), cell("name_en")),
            description: LocalizedText::new(
                cell("description_zh_hant"),
                cell("description_zh_hans"),
                cell("description_en"),
            ),
            codes: split_list(cell("hs")).map(|c| c.replace('.', "")).collect(),
            target_regions,
            attributes,
            status,
        };
        let listing = match input.validated() {
            Ok(l) => Some(l),
            Err(inv) => {
                let map = |f: &str| -> Option<String> {
                    let col = match f.split(['.', '[']).next().unwrap_or("") {
                        "title" => format!(
                            "name_{}",
                            f.split('.')
                                .nth(1)
                                .unwrap_or("en")
                                .replace('-', "_")
                                .to_lowercase()
                        ),
                        "codes" => "hs".into(),
                        "target_regions" => "markets".into(),
                        "attributes" => f.split('.').nth(1).unwrap_or("").to_string(),
                        other => other.replace(['.', '-'], "_").to_lowercase(),
                    };
                    header_of(&col).or_else(|| {
                        ["name_en", "name_zh_hant", "name_zh_hans"]
                            .iter()
                            .find_map(|c| header_of(c))
                            .filter(|_| f.starts_with("title"))
                    })
                };
                errors.extend(field_errors(line, map, inv.0));
                None
            }
        };
        match (errors.is_empty(), listing) {
            (true, Some(listing)) => parsed.rows.push(Row {
                line,
                value: ProductRow {
                    exhibitor,
                    reference,
                    listing,
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
    fn a_sheet_with_chinese_headers_reads_products_with_attributes() {
        let csv = "參展商編號,產品編號,產品名稱,英文名稱,HS編碼,最低訂購量,單價,貨幣,目標市場\n\
                   HK-001,P1,氮化鎵充電器,GaN charger,8504.40,\"1,000\",12.5,hkd,香港；深圳\n\
                   HK-001,P2,,USB-C cable,854442,,,,\n";
        let p = parse(csv.as_bytes()).unwrap();
        assert!(p.is_clean(), "{:?}", p.errors);
        let first = &p.rows[0].value;
        assert_eq!(
            (first.exhibitor.as_str(), first.reference.as_str()),
            ("HK-001", "P1")
        );
        assert_eq!(first.listing.codes, ["850440"]);
        assert_eq!(first.listing.attributes["moq"], 1000);
        assert_eq!(first.listing.attributes["currency"], "HKD");
        assert_eq!(first.listing.target_regions.len(), 2);
        assert_eq!(
            p.rows[1].value.listing.title.en.as_deref(),
            Some("USB-C cable")
        );
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column() {
        let csv = "exhibitor,reference,name_en,hs,moq,currency,markets\n\
                   E1,P1,Lamp,12345,10,HKD,HK\n\
                   E1,P1,Lamp again,850440,ten,HKD,HK\n\
                   ,P3,Thing,850440,1,XYZ,Atlantis\n\
                   E1,P4,,850440,1,HKD,HK\n\
                   E1,P5\n";
        let p = parse(csv.as_bytes()).unwrap();
        let has = |line: u64, col: &str, code: &str| {
            p.errors.iter().any(|e| {
                e.line == line && e.column.as_deref() == Some(col) && e.code.as_str() == code
            })
        };
        assert!(has(2, "hs", "not_hs_code"), "{:?}", p.errors);
        assert!(has(3, "reference", "duplicate_reference"), "{:?}", p.errors);
        assert!(has(3, "moq", "not_a_number"), "{:?}", p.errors);
        assert!(has(4, "exhibitor", "required"), "{:?}", p.errors);
        assert!(has(4, "markets", "unknown_location"), "{:?}", p.errors);
        assert!(
            p.errors
                .iter()
                .any(|e| e.line == 4 && e.column.as_deref() == Some("currency")),
            "{:?}",
            p.errors
        );
        assert!(
            p.errors
                .iter()
                .any(|e| e.line == 5 && e.column.as_deref() == Some("name_en")),
            "{:?}",
            p.errors
        );
        assert!(
            p.errors
                .iter()
                .any(|e| e.line == 6 && e.code == ErrorCode::RaggedRow),
            "{:?}",
            p.errors
        );
        assert!(p.rows.is_empty());
    }

    #[test]
    fn a_sheet_without_the_key_columns_is_refused_whole() {
        assert!(
            matches!(parse(b"name_en\nLamp\n"), Err(FileError::MissingColumns(m)) if m.contains("exhibitor") && m.contains("reference"))
        );
    }
}
