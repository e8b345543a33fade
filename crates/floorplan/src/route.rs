//! Routes along the aisles: the hall is cut into half-metre cells, cells under a booth are
//! walls, and a breadth-first search finds the shortest walk to the aisle in front of a booth.
//! Several stops are visited nearest first (a greedy tour: close to the best for the handful
//! of bookmarks a buyer has, and instant).

use std::collections::VecDeque;

use crate::{Dm, HallPlan, Point};

/// Cell side, in decimetres.
const CELL: Dm = 5;

/// Where the walk begins.
#[derive(Debug, Clone, Copy)]
pub enum Start<'a> {
    Entrance,
    /// "You are here": the aisle in front of this booth (the one whose QR code was scanned).
    Booth(&'a str),
}

/// One walk from the previous stop to the next booth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    pub to: String,
    /// Turning points, the first where the leg starts and the last in front of the booth.
    pub points: Vec<Point>,
    /// Walking distance in decimetres.
    pub length: Dm,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub legs: Vec<Leg>,
    /// Stops that are not on this plan or cannot be reached.
    pub unreachable: Vec<String>,
}

struct Grid {
    cols: usize,
    rows: usize,
    blocked: Vec<bool>,
}

impl Grid {
    fn new(plan: &HallPlan) -> Grid {
        let cols = (plan.width.max(1) as usize).div_ceil(CELL as usize);
        let rows = (plan.height.max(1) as usize).div_ceil(CELL as usize);
        let mut blocked = vec![false; cols * rows];
        for b in &plan.booths {
            let Some((i0, j0, i1, j1)) = cells_under(b.rect, cols, rows) else {
                continue;
            };
            for j in j0..=j1 {
                for i in i0..=i1 {
                    blocked[j * cols + i] = true;
                }
            }
        }
        Grid {
            cols,
            rows,
            blocked,
        }
    }

    fn centre(&self, c: usize) -> Point {
        Point {
            x: (c % self.cols) as Dm * CELL + CELL / 2,
            y: (c / self.cols) as Dm * CELL + CELL / 2,
        }
    }

    fn cell_at(&self, p: Point) -> usize {
        let i = ((p.x.max(0) / CELL) as usize).min(self.cols - 1);
        let j = ((p.y.max(0) / CELL) as usize).min(self.rows - 1);
        j * self.cols + i
    }

    /// Free cells touching the booth's sides: where a visitor stands to visit it.
    fn fronts(&self, r: crate::Rect) -> Vec<usize> {
        let Some((i0, j0, i1, j1)) = cells_under(r, self.cols, self.rows) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut push = |i: isize, j: isize| {
            if i >= 0 && j >= 0 && (i as usize) < self.cols && (j as usize) < self.rows {
                let c = j as usize * self.cols + i as usize;
                if !self.blocked[c] {
                    out.push(c);
                }
            }
        };
        for i in i0..=i1 {
            push(i as isize, j0 as isize - 1);
            push(i as isize, j1 as isize + 1);
        }
        for j in j0..=j1 {
            push(i0 as isize - 1, j as isize);
            push(i1 as isize + 1, j as isize);
        }
        out
    }

    /// Distances (in cells) and predecessors from `seeds`, over free cells.
    fn bfs(&self, seeds: &[usize]) -> (Vec<u32>, Vec<u32>) {
        let n = self.cols * self.rows;
        let mut dist = vec![u32::MAX; n];
        let mut prev = vec![u32::MAX; n];
        let mut q = VecDeque::new();
        for &s in seeds {
            if dist[s] == u32::MAX {
                dist[s] = 0;
                q.push_back(s);
            }
        }
        while let Some(c) = q.pop_front() {
            let (i, j) = (c % self.cols, c / self.cols);
            let mut visit = |d: usize| {
                if !self.blocked[d] && dist[d] == u32::MAX {
                    dist[d] = dist[c] + 1;
                    prev[d] = c as u32;
                    q.push_back(d);
                }
            };
            if i > 0 {
                visit(c - 1);
            }
            if i + 1 < self.cols {
                visit(c + 1);
            }
            if j > 0 {
                visit(c - self.cols);
            }
            if j + 1 < self.rows {
                visit(c + self.cols);
            }
        }
        (dist, prev)
    }
}

/// The cell range a rectangle covers, clipped to the grid.
fn cells_under(r: crate::Rect, cols: usize, rows: usize) -> Option<(usize, usize, usize, usize)> {
    if r.w <= 0 || r.h <= 0 || r.right() <= 0 || r.bottom() <= 0 {
        return None;
    }
    let i0 = (r.x.max(0) / CELL) as usize;
    let j0 = (r.y.max(0) / CELL) as usize;
    let i1 = (((r.right() - 1) / CELL) as usize).min(cols - 1);
    let j1 = (((r.bottom() - 1) / CELL) as usize).min(rows - 1);
    (i0 <= i1 && j0 <= j1).then_some((i0, j0, i1, j1))
}

/// Keeps only the points where the walk turns.
fn corners(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = (b.x - a.x) * (p.y - b.y) == (b.y - a.y) * (p.x - b.x);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The walk from `start` through every booth in `stops`, nearest first.
pub fn route(plan: &HallPlan, start: Start<'_>, stops: &[&str]) -> Option<Route> {
    let grid = Grid::new(plan);
    let mut seeds = match start {
        Start::Entrance => vec![grid.cell_at(plan.entrance)],
        Start::Booth(code) => {
            let f = grid.fronts(plan.booth(code)?.rect);
            if f.is_empty() {
                return None;
            }
            f
        }
    };
    let mut route = Route::default();
    let mut remaining: Vec<(&str, Vec<usize>)> = Vec::new();
    for code in stops {
        match plan.booth(code).map(|b| grid.fronts(b.rect)) {
            Some(f) if !f.is_empty() => remaining.push((code, f)),
            _ => route.unreachable.push(code.to_string()),
        }
    }
    while !remaining.is_empty() {
        let (dist, prev) = grid.bfs(&seeds);
        // The nearest remaining stop and the front cell that reaches it.
        let best = remaining
            .iter()
            .enumerate()
            .filter_map(|(k, (_, fronts))| {
                fronts
                    .iter()
                    .filter(|&&c| dist[c] != u32::MAX)
                    .min_by_key(|&&c| dist[c])
                    .map(|&c| (k, c, dist[c]))
            })
            .min_by_key(|&(_, _, d)| d);
        let Some((k, end, d)) = best else {
            route
                .unreachable
                .extend(remaining.drain(..).map(|(c, _)| c.to_string()));
            break;
        };
        let mut cells = vec![end];
        while prev[*cells.last().unwrap()] != u32::MAX {
            cells.push(prev[*cells.last().unwrap()] as usize);
        }
        cells.reverse();
        let mut points: Vec<Point> = cells.iter().map(|&c| grid.centre(c)).collect();
        if route.legs.is_empty() && matches!(start, Start::Entrance) {
            points.insert(0, plan.entrance);
        }
        let (code, _) = remaining.remove(k);
        route.legs.push(Leg {
            to: code.to_string(),
            points: corners(points),
            length: d as Dm * CELL,
        });
        seeds = vec![end];
    }
    Some(route)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BoothShape, Rect};

    fn booth(code: &str, x: Dm, y: Dm, w: Dm, h: Dm) -> BoothShape {
        BoothShape {
            code: code.into(),
            rect: Rect { x, y, w, h },
        }
    }

    /// A 20 m × 10 m hall with a wall of booths across the middle and one gap at the right.
    fn walled() -> HallPlan {
        HallPlan {
            width: 200,
            height: 100,
            entrance: Point { x: 0, y: 100 },
            booths: vec![
                booth("WALL", 0, 40, 170, 20),
                booth("TOP", 0, 0, 30, 30),
                booth("BOTTOM", 100, 70, 30, 30),
            ],
        }
    }

    #[test]
    fn a_route_goes_round_booths_not_through_them() {
        let r = route(&walled(), Start::Entrance, &["TOP"]).unwrap();
        assert!(r.unreachable.is_empty());
        let leg = &r.legs[0];
        // Through the gap at the right (x ≥ 170) to the top-left booth.
        assert!(leg.points.iter().any(|p| p.x >= 170), "{:?}", leg.points);
        // Length: at least the detour, right ~18 m, up ~5 m, left ~14 m.
        assert!(leg.length >= 170 + 50 + 140, "{}", leg.length);
        let grid = Grid::new(&walled());
        assert_eq!(leg.points[0], walled().entrance);
        // After the step from the door into the first aisle cell:
        for w in leg.points[1..].windows(2) {
            // Every turning point and each straight stretch between them is in the aisle.
            let (a, b) = (w[0], w[1]);
            assert!(a.x == b.x || a.y == b.y, "diagonal step {a:?} → {b:?}");
            for p in [a, b] {
                assert!(!grid.blocked[grid.cell_at(p)], "{p:?} is inside a booth");
            }
        }
    }

    #[test]
    fn stops_are_visited_nearest_first_and_unknown_ones_reported() {
        let r = route(&walled(), Start::Entrance, &["TOP", "NOPE", "BOTTOM"]).unwrap();
        let order: Vec<&str> = r.legs.iter().map(|l| l.to.as_str()).collect();
        assert_eq!(order, ["BOTTOM", "TOP"]);
        assert_eq!(r.unreachable, ["NOPE"]);
        // The second leg starts where the first ended.
        assert_eq!(r.legs[1].points[0], *r.legs[0].points.last().unwrap());
    }

    #[test]
    fn you_are_here_starts_in_front_of_the_scanned_booth() {
        let r = route(&walled(), Start::Booth("BOTTOM"), &["BOTTOM"]).unwrap();
        assert_eq!(r.legs[0].length, 0);
        assert!(route(&walled(), Start::Booth("NOPE"), &["TOP"]).is_none());
    }

    #[test]
    fn a_booth_walled_in_is_unreachable() {
        let mut p = walled();
        p.booths = vec![
            booth("IN", 50, 50, 10, 10),
            booth("N", 40, 40, 30, 10),
            booth("S", 40, 60, 30, 10),
            booth("W", 40, 50, 10, 10),
            booth("E", 60, 50, 10, 10),
        ];
        let r = route(&p, Start::Entrance, &["IN", "N"]).unwrap();
        assert_eq!(r.unreachable, ["IN"]);
        assert_eq!(r.legs.len(), 1);
    }
}
