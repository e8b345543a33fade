//! Floor plans of fair halls. A hall is a rectangle with an entrance; each booth is a rectangle
//! inside it. Plans come from the organiser (JSON or CSV of rectangles, see [`parse`]) or are
//! laid out as a grid ([`grid`]); routes run along the aisles between booths ([`route`]); the
//! plan is drawn as SVG ([`svg`]).
//!
//! Lengths are whole decimetres: exact in the database on both engines, fine enough for booths
//! (organisers write metres, with decimals if they like).

pub mod parse;
pub mod route;
pub mod svg;

use sc_domain::ErrorCode;
use serde::{Deserialize, Serialize};

/// Decimetres.
pub type Dm = i32;

/// The largest hall side we accept: 2 km, far beyond any exhibition hall.
pub const MAX_SIDE: Dm = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rect {
    pub x: Dm,
    pub y: Dm,
    pub w: Dm,
    pub h: Dm,
}

impl Rect {
    pub fn right(&self) -> Dm {
        self.x + self.w
    }
    pub fn bottom(&self) -> Dm {
        self.y + self.h
    }
    /// Whether the interiors overlap (touching edges is fine: booths share walls).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub fn centre(&self) -> Point {
        Point {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub x: Dm,
    pub y: Dm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothShape {
    pub code: String,
    pub rect: Rect,
}

/// One hall's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HallPlan {
    pub width: Dm,
    pub height: Dm,
    pub entrance: Point,
    pub booths: Vec<BoothShape>,
}

/// One problem with an uploaded plan: which row (1-based data row, or booth index in JSON),
/// which field, why (a stable code readers get translated, and an English message), and the
/// booths involved (their numbers, which need no translation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanError {
    pub row: Option<usize>,
    pub field: String,
    pub code: ErrorCode,
    pub message: String,
    /// The booth at fault, where there is one.
    pub booth: Option<String>,
    /// The other booth (or row) it clashes with.
    pub other: Option<String>,
}

impl PlanError {
    pub fn new(
        row: Option<usize>,
        field: &str,
        code: ErrorCode,
        message: impl Into<String>,
    ) -> Self {
        PlanError {
            row,
            field: field.into(),
            code,
            message: message.into(),
            booth: None,
            other: None,
        }
    }

    pub fn booths(mut self, booth: &str, other: Option<&str>) -> Self {
        self.booth = Some(booth.to_string());
        self.other = other.map(str::to_string);
        self
    }
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(r) => write!(f, "row {r}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

/// Standard shell-scheme booth and aisle sizes for a generated layout.
const BOOTH: Dm = 30;
const AISLE: Dm = 30;
/// Booths per row segment before a cross aisle.
const SEGMENT: usize = 8;

/// Lays booths out as a grid in the order given: pairs of rows back to back, each row facing an
/// aisle, cross aisles every eight booths, an aisle all round, the entrance at the middle of the
/// bottom wall. What an organiser gets before drawing a real plan.
pub fn grid(codes: &[String]) -> HallPlan {
    let n = codes.len().max(1);
    // Roughly twice as wide as deep: columns of booths per row.
    let per_row = ((n as f64 * 2.0).sqrt().ceil() as usize).clamp(4, 40);
    let segments = per_row.div_ceil(SEGMENT);
    let rows = n.div_ceil(per_row);
    let blocks = rows.div_ceil(2);
    let width = AISLE + per_row as Dm * BOOTH + segments as Dm * AISLE;
    let height = AISLE + blocks as Dm * (2 * BOOTH + AISLE);
    let booths = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let row = i / per_row;
            let col = i % per_row;
            let x = AISLE + col as Dm * BOOTH + (col / SEGMENT) as Dm * AISLE;
            let y = AISLE + (row / 2) as Dm * (2 * BOOTH + AISLE) + (row % 2) as Dm * BOOTH;
            BoothShape {
                code: code.clone(),
                rect: Rect {
                    x,
                    y,
                    w: BOOTH,
                    h: BOOTH,
                },
            }
        })
        .collect();
    HallPlan {
        width,
        height,
        entrance: Point {
            x: width / 2,
            y: height,
        },
        booths,
    }
}

impl HallPlan {
    /// Every problem with the plan: booths outside the hall, overlapping, duplicated, of no size;
    /// an entrance off the walls.
    pub fn check(&self) -> Result<(), Vec<PlanError>> {
        let mut errs = Vec::new();
        let mut err = |e: PlanError| errs.push(e);
        if !(1..=MAX_SIDE).contains(&self.width) {
            err(PlanError::new(
                None,
                "width",
                ErrorCode::HallSize,
                format!("must be between 0.1 and {} m", MAX_SIDE / 10),
            ));
        }
        if !(1..=MAX_SIDE).contains(&self.height) {
            err(PlanError::new(
                None,
                "height",
                ErrorCode::HallSize,
                format!("must be between 0.1 and {} m", MAX_SIDE / 10),
            ));
        }
        let e = self.entrance;
        if e.x < 0 || e.y < 0 || e.x > self.width || e.y > self.height {
            err(PlanError::new(
                None,
                "entrance",
                ErrorCode::EntranceOutside,
                "must lie inside the hall",
            ));
        }
        let mut seen = std::collections::HashMap::new();
        for (i, b) in self.booths.iter().enumerate() {
            let row = Some(i + 1);
            let r = b.rect;
            if b.code.trim().is_empty() {
                err(PlanError::new(
                    row,
                    "booth",
                    ErrorCode::BoothUnnamed,
                    "is empty",
                ));
            } else if let Some(first) = seen.insert(b.code.as_str(), i + 1) {
                err(PlanError::new(
                    row,
                    "booth",
                    ErrorCode::BoothRepeated,
                    format!("{:?} is also on row {first}", b.code),
                )
                .booths(&b.code, Some(&first.to_string())));
            }
            if r.w <= 0 || r.h <= 0 {
                err(PlanError::new(
                    row,
                    "width",
                    ErrorCode::BoothNoSize,
                    "booths need a width and a height above 0",
                )
                .booths(&b.code, None));
            } else if r.x < 0 || r.y < 0 || r.right() > self.width || r.bottom() > self.height {
                err(PlanError::new(
                    row,
                    "x",
                    ErrorCode::BoothOutside,
                    "the booth reaches outside the hall",
                )
                .booths(&b.code, None));
            }
        }
        // Sweep by left edge: only booths whose x-ranges meet can overlap.
        let mut order: Vec<usize> = (0..self.booths.len()).collect();
        order.sort_by_key(|&i| self.booths[i].rect.x);
        for (k, &i) in order.iter().enumerate() {
            let a = self.booths[i].rect;
            for &j in &order[k + 1..] {
                let b = self.booths[j].rect;
                if b.x >= a.right() {
                    break;
                }
                if a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.overlaps(&b) {
                    let (first, second) = (i.min(j), i.max(j));
                    err(PlanError::new(
                        Some(second + 1),
                        "x",
                        ErrorCode::BoothOverlap,
                        format!(
                            "booth {:?} overlaps booth {:?} (row {})",
                            self.booths[second].code,
                            self.booths[first].code,
                            first + 1
                        ),
                    )
                    .booths(&self.booths[second].code, Some(&self.booths[first].code)));
                }
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    pub fn booth(&self, code: &str) -> Option<&BoothShape> {
        self.booths.iter().find(|b| b.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("A{i:03}")).collect()
    }

    #[test]
    fn a_grid_is_a_valid_plan_with_every_booth() {
        for n in [0, 1, 7, 44, 220, 2000] {
            let p = grid(&codes(n));
            assert_eq!(p.booths.len(), n);
            p.check().unwrap_or_else(|e| panic!("{n} booths: {e:?}"));
        }
    }

    #[test]
    fn a_grid_leaves_every_booth_on_an_aisle() {
        let p = grid(&codes(100));
        for b in &p.booths {
            assert!(
                route::route(&p, route::Start::Entrance, &[b.code.as_str()]).is_some(),
                "no way to {}",
                b.code
            );
        }
    }

    #[test]
    fn check_names_each_problem_with_its_row() {
        let p = HallPlan {
            width: 100,
            height: 100,
            entrance: Point { x: 50, y: 100 },
            booths: vec![
                BoothShape {
                    code: "A1".into(),
                    rect: Rect {
                        x: 0,
                        y: 0,
                        w: 30,
                        h: 30,
                    },
                },
                BoothShape {
                    code: "A2".into(),
                    rect: Rect {
                        x: 20,
                        y: 20,
                        w: 30,
                        h: 30,
                    },
                },
                BoothShape {
                    code: "A1".into(),
                    rect: Rect {
                        x: 60,
                        y: 0,
                        w: 30,
                        h: 30,
                    },
                },
                BoothShape {
                    code: "A4".into(),
                    rect: Rect {
                        x: 90,
                        y: 0,
                        w: 30,
                        h: 30,
                    },
                },
                BoothShape {
                    code: "A5".into(),
                    rect: Rect {
                        x: 0,
                        y: 60,
                        w: 0,
                        h: 30,
                    },
                },
            ],
        };
        let errs = p.check().unwrap_err();
        let has = |row: usize, needle: &str| {
            errs.iter()
                .any(|e| e.row == Some(row) && e.message.contains(needle))
        };
        assert!(has(2, "overlaps booth \"A1\" (row 1)"), "{errs:?}");
        assert!(has(3, "also on row 1"), "{errs:?}");
        assert!(has(4, "outside the hall"), "{errs:?}");
        assert!(has(5, "width and a height"), "{errs:?}");
        assert_eq!(errs.len(), 4, "{errs:?}");
    }

    #[test]
    fn booths_sharing_a_wall_do_not_overlap() {
        let a = Rect {
            x: 0,
            y: 0,
            w: 30,
            h: 30,
        };
        assert!(!a.overlaps(&Rect {
            x: 30,
            y: 0,
            w: 30,
            h: 30
        }));
        assert!(!a.overlaps(&Rect {
            x: 0,
            y: 30,
            w: 30,
            h: 30
        }));
        assert!(a.overlaps(&Rect {
            x: 29,
            y: 29,
            w: 30,
            h: 30
        }));
    }
}
