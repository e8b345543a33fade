//! The selection: which requests to hold at all. Without unavailability it is exact for a
//! bipartite request graph (buyers ↔ exhibitors): a maximum-weight flow under each person's cap
//! and the total of tables, because König and de Werra then give slots for every selected
//! meeting. With unavailability the same flow over a relaxed problem (caps cut to the slots a
//! person is free, only pairs with a common free slot) is an upper bound on any schedule, and
//! scores the heuristic.

use crate::flow::Flow;
use crate::instance::Problem;

/// Two-colours the request graph; `None` if it has an odd cycle.
pub fn sides(pr: &Problem) -> Option<Vec<u8>> {
    let mut adj = vec![Vec::new(); pr.people];
    for r in &pr.requests {
        adj[r.a as usize].push(r.b);
        adj[r.b as usize].push(r.a);
    }
    let mut side = vec![u8::MAX; pr.people];
    let mut stack = Vec::new();
    for start in 0..pr.people {
        if side[start] != u8::MAX {
            continue;
        }
        side[start] = 0;
        stack.push(start as u32);
        while let Some(v) = stack.pop() {
            for &w in &adj[v as usize] {
                if side[w as usize] == u8::MAX {
                    side[w as usize] = 1 - side[v as usize];
                    stack.push(w);
                } else if side[w as usize] == side[v as usize] {
                    return None;
                }
            }
        }
    }
    Some(side)
}

/// A maximum-weight selection of `candidates` with at most `degree[p]` per person and `total`
/// in all. On a bipartite graph it is exact; otherwise it solves the bipartite double cover and
/// halves it, which bounds the fractional optimum. Returns the weight (the bound) and the
/// requests the flow uses.
pub fn select(
    pr: &Problem,
    candidates: &[usize],
    degree: &[u32],
    total: u64,
    sides: Option<&[u8]>,
) -> (u64, Vec<usize>) {
    let n = pr.people;
    let (s, hub, t) = (0, 1, 2);
    let left = |p: usize| 3 + p;
    let right = |p: usize| 3 + n + p;
    let mut g = Flow::new(3 + 2 * n);
    let doubled = sides.is_none();
    let scale = if doubled { 2 } else { 1 };
    g.edge(s, hub, (total * scale).min(i32::MAX as u64) as i32, 0);
    for p in 0..n {
        let d = degree[p] as i32;
        if d == 0 {
            continue;
        }
        match sides {
            Some(side) if side[p] == 1 => {
                g.edge(right(p), t, d, 0);
            }
            Some(_) => {
                g.edge(hub, left(p), d, 0);
            }
            None => {
                g.edge(hub, left(p), d, 0);
                g.edge(right(p), t, d, 0);
            }
        }
    }
    let mut arcs = Vec::with_capacity(candidates.len());
    for &r in candidates {
        let q = pr.requests[r];
        let (a, b) = (q.a as usize, q.b as usize);
        let w = -i64::from(q.weight);
        match sides {
            Some(side) => {
                let (l, rt) = if side[a] == 0 { (a, b) } else { (b, a) };
                arcs.push((r, g.edge(left(l), right(rt), 1, w), None));
            }
            None => {
                let one = g.edge(left(a), right(b), 1, w);
                let two = g.edge(left(b), right(a), 1, w);
                arcs.push((r, one, Some(two)));
            }
        }
    }
    let cost = -g.min_cost(s, t);
    let chosen = arcs
        .iter()
        .filter(|(_, one, two)| g.flow(*one) > 0 || two.is_some_and(|e| g.flow(e) > 0))
        .map(|&(r, _, _)| r)
        .collect();
    let weight = if doubled {
        cost as u64 / 2
    } else {
        cost as u64
    };
    (weight, chosen)
}

/// The upper bound of the general problem: the selection over the relaxation.
pub fn upper_bound(pr: &Problem, sides: Option<&[u8]>) -> (u64, Vec<usize>) {
    let mut free = vec![0u32; pr.people];
    let mut kept = vec![0u32; pr.people];
    let fixed_slot: std::collections::HashSet<(u32, usize)> = pr
        .fixed
        .iter()
        .flat_map(|&(r, s, _)| [(pr.requests[r].a, s), (pr.requests[r].b, s)])
        .collect();
    for &(r, _, _) in &pr.fixed {
        kept[pr.requests[r].a as usize] += 1;
        kept[pr.requests[r].b as usize] += 1;
    }
    for (p, free) in free.iter_mut().enumerate() {
        *free = (0..pr.slots)
            .filter(|&s| {
                (pr.available(p as u32, s) && pr.tables[s] > 0)
                    || fixed_slot.contains(&(p as u32, s))
            })
            .count() as u32;
    }
    let degree: Vec<u32> = (0..pr.people)
        .map(|p| pr.cap[p].max(kept[p]).min(free[p]))
        .collect();
    let is_fixed: std::collections::HashSet<usize> = pr.fixed.iter().map(|f| f.0).collect();
    let candidates: Vec<usize> = (0..pr.requests.len())
        .filter(|&r| {
            let q = pr.requests[r];
            is_fixed.contains(&r)
                || (0..pr.slots)
                    .any(|s| pr.tables[s] > 0 && pr.available(q.a, s) && pr.available(q.b, s))
        })
        .collect();
    let total: u64 = pr.tables.iter().map(|&t| u64::from(t)).sum();
    select(pr, &candidates, &degree, total, sides)
}
