//! Plans as organisers upload them, in metres: JSON
//! (`{"width": 60, "height": 40, "entrance": {"x": 30, "y": 40}, "booths": [{"booth": "1A01",
//! "x": 3, "y": 3, "width": 3, "height": 3}]}`) or CSV with the columns `booth, x, y, width,
//! height` (headers also in Chinese). A CSV has no hall outline: the hall is the booths' extent
//! plus a 3 m aisle all round, entered from the middle of the bottom wall.

use sc_domain::ErrorCode;
use serde::Deserialize;

use crate::{BoothShape, Dm, HallPlan, PlanError, Point, Rect};

fn unreadable(message: impl Into<String>) -> PlanError {
    PlanError::new(None, "file", ErrorCode::PlanUnreadable, message)
}

fn not_a_length(row: Option<usize>, field: &str, message: impl Into<String>) -> PlanError {
    PlanError::new(row, field, ErrorCode::NotALength, message)
}

/// Metres to decimetres, refusing what is not a plain finite length.
fn metres(v: f64) -> Result<Dm, String> {
    if !v.is_finite() {
        return Err("is not a number".into());
    }
    if v < 0.0 {
        return Err("must not be negative".into());
    }
    if v > (crate::MAX_SIDE / 10) as f64 {
        return Err(format!("must be at most {} m", crate::MAX_SIDE / 10));
    }
    Ok((v * 10.0).round() as Dm)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPlan {
    width: f64,
    height: f64,
    entrance: Option<JsonPoint>,
    booths: Vec<JsonBooth>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPoint {
    x: f64,
    y: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonBooth {
    #[serde(alias = "code")]
    booth: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// Reads a JSON plan and checks it; every problem is reported.
pub fn json(text: &str) -> Result<HallPlan, Vec<PlanError>> {
    let p: JsonPlan = serde_json::from_str(text).map_err(|e| vec![unreadable(e.to_string())])?;
    let mut errs = Vec::new();
    let mut m = |row: Option<usize>, field: &str, v: f64| {
        metres(v).unwrap_or_else(|e| {
            errs.push(not_a_length(row, field, e));
            0
        })
    };
    let width = m(None, "width", p.width);
    let height = m(None, "height", p.height);
    let entrance = match &p.entrance {
        Some(e) => Point {
            x: m(None, "entrance.x", e.x),
            y: m(None, "entrance.y", e.y),
        },
        None => Point {
            x: width / 2,
            y: height,
        },
    };
    let booths = p
        .booths
        .iter()
        .enumerate()
        .map(|(i, b)| BoothShape {
            code: b.booth.trim().to_string(),
            rect: Rect {
                x: m(Some(i + 1), "x", b.x),
                y: m(Some(i + 1), "y", b.y),
                w: m(Some(i + 1), "width", b.width),
                h: m(Some(i + 1), "height", b.height),
            },
        })
        .collect();
    finish(
        HallPlan {
            width,
            height,
            entrance,
            booths,
        },
        errs,
    )
}

fn finish(plan: HallPlan, mut errs: Vec<PlanError>) -> Result<HallPlan, Vec<PlanError>> {
    if errs.is_empty() {
        plan.check()?;
        return Ok(plan);
    }
    if let Err(more) = plan.check() {
        // Lengths already refused would be reported twice.
        let rows: Vec<Option<usize>> = errs.iter().map(|e| e.row).collect();
        errs.extend(more.into_iter().filter(|e| !rows.contains(&e.row)));
    }
    Err(errs)
}

const COLUMNS: [(&str, &[&str]); 5] = [
    (
        "booth",
        &[
            "booth",
            "code",
            "booth no",
            "攤位",
            "摊位",
            "攤位號碼",
            "摊位号码",
        ],
    ),
    ("x", &["x"]),
    ("y", &["y"]),
    ("width", &["width", "w", "寬", "宽", "寬度", "宽度"]),
    (
        "height",
        &["height", "h", "depth", "深", "深度", "高", "高度"],
    ),
];

/// Reads a CSV of booth rectangles (already decoded to text) and checks it.
pub fn csv(text: &str) -> Result<HallPlan, Vec<PlanError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| vec![unreadable(e.to_string())])?
        .clone();
    let mut at = [usize::MAX; 5];
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{FEFF}').trim().to_lowercase();
        for (k, (_, names)) in COLUMNS.iter().enumerate() {
            if at[k] == usize::MAX && names.contains(&h.as_str()) {
                at[k] = i;
            }
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(at)
        .filter(|(_, i)| *i == usize::MAX)
        .map(|((name, _), _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(vec![
            PlanError::new(
                None,
                "header",
                ErrorCode::PlanMissingColumns,
                format!("missing columns: {}", missing.join(", ")),
            )
            .booths("", Some(&missing.join(", "))),
        ]);
    }
    let mut errs = Vec::new();
    let mut booths = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = Some(n + 1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errs.push(PlanError::new(
                    row,
                    "row",
                    ErrorCode::PlanUnreadable,
                    e.to_string(),
                ));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |k: usize| record.get(at[k]).unwrap_or("");
        let mut len = |k: usize| {
            let (field, _) = COLUMNS[k];
            let s = cell(k);
            match s.parse::<f64>() {
                Ok(v) => metres(v).unwrap_or_else(|e| {
                    errs.push(not_a_length(row, field, e));
                    0
                }),
                Err(_) => {
                    errs.push(not_a_length(
                        row,
                        field,
                        format!("{s:?} is not a length in metres"),
                    ));
                    0
                }
            }
        };
        let rect = Rect {
            x: len(1),
            y: len(2),
            w: len(3),
            h: len(4),
        };
        booths.push(BoothShape {
            code: cell(0).to_string(),
            rect,
        });
    }
    let margin = 30;
    let width = booths.iter().map(|b| b.rect.right()).max().unwrap_or(0) + margin;
    let height = booths.iter().map(|b| b.rect.bottom()).max().unwrap_or(0) + margin;
    finish(
        HallPlan {
            width,
            height,
            entrance: Point {
                x: width / 2,
                y: height,
            },
            booths,
        },
        errs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_metres_becomes_decimetres() {
        let p = json(r#"{"width": 12.5, "height": 8, "booths": [{"booth": "A1", "x": 1.5, "y": 1, "width": 3, "height": 2.5}]}"#).unwrap();
        assert_eq!((p.width, p.height), (125, 80));
        assert_eq!(p.entrance, Point { x: 62, y: 80 });
        assert_eq!(
            p.booths[0].rect,
            Rect {
                x: 15,
                y: 10,
                w: 30,
                h: 25
            }
        );
    }

    #[test]
    fn json_errors_name_the_booth_and_field() {
        let e = json(r#"{"width": 10, "height": 10, "booths": [{"booth": "A1", "x": -1, "y": 0, "width": 3, "height": 3}, {"booth": "A2", "x": 9, "y": 0, "width": 3, "height": 3}]}"#).unwrap_err();
        assert!(
            e.iter()
                .any(|e| e.row == Some(1) && e.field == "x" && e.message.contains("negative")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|e| e.row == Some(2) && e.message.contains("outside")),
            "{e:?}"
        );
        let e = json(r#"{"width": 10, "height": 10, "booths": [], "colour": "red"}"#).unwrap_err();
        assert!(e[0].message.contains("colour"), "{e:?}");
        assert!(json("not json").is_err());
        assert!(json(r#"{"width": 1e308, "height": 10, "booths": []}"#).is_err());
    }

    #[test]
    fn csv_with_chinese_headers_and_its_extent() {
        let p = csv("\u{FEFF}攤位,x,y,寬度,深度\n1A01,3,3,3,3\n1A02,6,3,3,3\n\n").unwrap();
        assert_eq!(p.booths.len(), 2);
        assert_eq!((p.width, p.height), (120, 90));
        p.check().unwrap();
    }

    #[test]
    fn csv_errors_name_row_and_column() {
        let e = csv("booth,x,y,width,height\nA1,3,3,3,3\nA2,abc,3,3,3\nA3,4,4,3,3\n").unwrap_err();
        assert!(
            e.iter()
                .any(|e| e.row == Some(2) && e.field == "x" && e.message.contains("\"abc\"")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|e| e.row == Some(3) && e.message.contains("overlaps")),
            "{e:?}"
        );
        let e = csv("booth,x,y\nA1,1,1\n").unwrap_err();
        assert!(e[0].message.contains("width, height"), "{e:?}");
    }
}
