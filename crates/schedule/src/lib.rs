//! The meeting scheduler of a fair: given the slots of its meeting sessions, the tables, each
//! person's availability and cap and the requested meetings (weighted by priority), choose which
//! meetings to hold and give each a slot and a table, so that nobody is in two places at once, no
//! table holds two meetings, the total weight is as high as possible and people's days are
//! compact. No I/O; the instance format is in docs/MEETINGS.md.
//!
//! - Exact where it can be: with a bipartite request graph (buyers ↔ exhibitors), nobody
//!   unavailable and the same tables in every slot, a maximum-weight flow chooses the meetings
//!   (each person at most their cap, at most slots × tables in all) and König's edge colouring
//!   with de Werra's balancing puts every chosen meeting in a slot: the result is optimal.
//! - Otherwise a greedy in the flow's order with repairs (ejection chains two deep), scored
//!   against the flow over a relaxation of the same problem, which bounds every schedule.
//! - Published meetings stay where they are unless the caller compiles without them.

pub mod bound;
pub mod colour;
pub mod generate;
pub mod instance;
pub mod state;

pub(crate) mod flow;

use serde::Serialize;

pub use instance::{Instance, InstanceError, Problem};
use state::{NONE, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Flow and edge colouring: proven optimal.
    Exact,
    /// Greedy with repairs, scored against the flow bound.
    Heuristic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub request: usize,
    pub slot: usize,
    /// From 1.
    pub table: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub method: Method,
    pub meetings: Vec<Meeting>,
    /// Total weight of the meetings held.
    pub weight: u64,
    /// No schedule can hold more weight than this (equal to `weight` when exact).
    pub bound: u64,
    /// Idle slots between meetings, summed over people and days.
    pub gaps: u64,
    pub warnings: Vec<String>,
}

impl Schedule {
    /// Weight held as a share of the bound (1 when nothing was asked).
    pub fn share(&self) -> f64 {
        if self.bound == 0 {
            1.0
        } else {
            self.weight as f64 / self.bound as f64
        }
    }
}

/// Schedules a compiled problem.
pub fn schedule(pr: &Problem) -> Schedule {
    schedule_with(pr, &mut |_| {})
}

/// A step of the scheduler, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Choosing the meetings (the flow).
    Selecting,
    /// Giving them slots (colouring, or insertion and repairs: done of total).
    Placing { done: usize, total: usize },
    /// Shortening people's days.
    Compacting,
}

/// [`schedule`], telling `progress` what it is doing.
pub fn schedule_with(pr: &Problem, progress: &mut dyn FnMut(Step)) -> Schedule {
    progress(Step::Selecting);
    let sides = bound::sides(pr);
    let (state, method, bound) = if pr.is_uniform()
        && let Some(side) = sides.as_deref()
    {
        let (state, weight) = exact(pr, side, progress);
        (state, Method::Exact, weight)
    } else {
        let (bound, chosen) = bound::upper_bound(pr, sides.as_deref());
        (
            heuristic(pr, &chosen, bound, progress),
            Method::Heuristic,
            bound,
        )
    };
    let mut state = state;
    progress(Step::Compacting);
    compact(&mut state);
    finish(pr, &state, method, bound)
}

/// The baseline a plain booking tool gives: first come, first served, each request in the
/// order it arrived into the earliest slot both people are free. No selection, no repairs; for
/// benchmarks, beside [`schedule`].
pub fn first_fit(pr: &Problem) -> Schedule {
    let mut st = State::new(pr);
    for r in 0..pr.requests.len() {
        if st.slot_of[r] != NONE {
            continue;
        }
        if let Some(s) = (0..pr.slots).find(|&s| st.can_place(r, s)) {
            st.place(r, s);
        }
    }
    st.commit();
    let (bound, _) = bound::upper_bound(pr, bound::sides(pr).as_deref());
    finish(pr, &st, Method::Heuristic, bound)
}

/// The exact case: the flow selects, the colouring assigns slots.
fn exact<'a>(pr: &'a Problem, side: &[u8], progress: &mut dyn FnMut(Step)) -> (State<'a>, u64) {
    let slots = pr.slots;
    let tables = pr.tables[0] as usize;
    let all: Vec<usize> = (0..pr.requests.len()).collect();
    let (weight, chosen) = bound::select(pr, &all, &pr.cap, (slots * tables) as u64, Some(side));
    let edges: Vec<(u32, u32)> = chosen
        .iter()
        .map(|&r| (pr.requests[r].a, pr.requests[r].b))
        .collect();
    progress(Step::Placing {
        done: 0,
        total: chosen.len(),
    });
    let mut colour = colour::colour_bipartite(pr.people, &edges, slots);
    colour::balance(pr.people, &edges, &mut colour, slots, tables);
    // Colours are interchangeable: order them so people's days are compact.
    let order = order_colours(pr, &edges, &colour);
    let mut st = State::new(pr);
    for (i, &r) in chosen.iter().enumerate() {
        st.place(r, order[colour[i] as usize]);
    }
    st.commit();
    (st, weight)
}

/// Maps colours to slots, swapping pairs while the total of idle slots falls.
fn order_colours(pr: &Problem, edges: &[(u32, u32)], colour: &[u16]) -> Vec<usize> {
    let k = pr.slots;
    let mut per_person: Vec<Vec<u16>> = vec![Vec::new(); pr.people];
    for (e, &(a, b)) in edges.iter().enumerate() {
        per_person[a as usize].push(colour[e]);
        per_person[b as usize].push(colour[e]);
    }
    let cost = |perm: &[usize]| -> u64 {
        let mut total = 0u64;
        let mut used = vec![false; k];
        for cs in &per_person {
            if cs.len() < 2 {
                continue;
            }
            used.fill(false);
            for &c in cs {
                used[perm[c as usize]] = true;
            }
            let mut s = 0;
            while s < k {
                let mut e = s;
                while e < k && pr.day[e] == pr.day[s] {
                    e += 1;
                }
                let idx: Vec<usize> = (s..e).filter(|&i| used[i]).collect();
                if let (Some(f), Some(l)) = (idx.first(), idx.last()) {
                    total += (l - f + 1 - idx.len()) as u64;
                }
                s = e;
            }
        }
        total
    };
    let mut perm: Vec<usize> = (0..k).collect();
    let mut best = cost(&perm);
    for _round in 0..8 {
        let mut better = false;
        for i in 0..k {
            for j in i + 1..k {
                perm.swap(i, j);
                let c = cost(&perm);
                if c < best {
                    best = c;
                    better = true;
                } else {
                    perm.swap(i, j);
                }
            }
        }
        if !better {
            break;
        }
    }
    perm
}

/// The general case: insert in the flow's order, then repair what did not fit.
fn heuristic<'a>(
    pr: &'a Problem,
    chosen: &[usize],
    bound: u64,
    progress: &mut dyn FnMut(Step),
) -> State<'a> {
    let mut st = State::new(pr);
    let mut in_bound = vec![false; pr.requests.len()];
    for &r in chosen {
        in_bound[r] = true;
    }
    let common = |r: usize| {
        let q = pr.requests[r];
        (0..pr.slots)
            .filter(|&s| pr.available(q.a, s) && pr.available(q.b, s))
            .count()
    };
    let options: Vec<usize> = (0..pr.requests.len()).map(common).collect();
    let mut order: Vec<usize> = (0..pr.requests.len()).filter(|&r| !st.pinned[r]).collect();
    order.sort_by_key(|&r| {
        (
            !in_bound[r],
            std::cmp::Reverse(pr.requests[r].weight),
            options[r],
            r,
        )
    });
    let total_tables: u32 = pr.tables.iter().sum();
    let total = order.len();
    for (i, &r) in order.iter().enumerate() {
        if i % 4096 == 0 {
            progress(Step::Placing {
                done: i,
                total: 2 * total,
            });
        }
        insert(&mut st, r, &[]);
    }
    st.commit();
    // Placement checks the searches may spend, in proportion to the problem.
    let budget_work =
        (200 * (pr.requests.len() as u64 + pr.people as u64) * pr.slots as u64).max(20_000_000);
    for _pass in 0..4 {
        if st.work > budget_work / 2 {
            break;
        }
        let mut improved = false;
        for (i, &r) in order.iter().enumerate() {
            if i % 4096 == 0 {
                progress(Step::Placing {
                    done: total + i,
                    total: 2 * total,
                });
            }
            if st.held() as u32 >= total_tables || st.work > budget_work / 2 {
                break;
            }
            if st.slot_of[r] == NONE && repair(&mut st, r, 2) {
                st.commit();
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    swap_for_weight(&mut st, &order);
    st.commit();
    let budget = (50 * order.len()).clamp(20_000, 400_000);
    force_in(
        &mut st,
        &order,
        bound,
        budget,
        budget / 2,
        budget_work,
        2026,
    );
    st
}

/// Places `r` directly in the best slot it fits (never `not`); false if none.
fn insert(st: &mut State, r: usize, not: &[usize]) -> bool {
    let q = st.pr.requests[r];
    let mut best: Option<(u32, u32, usize)> = None;
    for s in 0..st.pr.slots {
        if not.contains(&s) || !st.can_place(r, s) {
            continue;
        }
        let near = st.neighbours(q.a, s) + st.neighbours(q.b, s);
        let free = st.pr.tables[s] - st.load(s);
        let key = (near, free, s);
        if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
            best = Some(key);
        }
    }
    match best {
        Some((_, _, s)) => {
            st.place(r, s);
            true
        }
        None => false,
    }
}

/// Makes room for `r` in some slot by moving the meetings in its way elsewhere (recursively,
/// `depth` deep); leaves everything as it was if it cannot.
fn repair(st: &mut State, r: usize, depth: u32) -> bool {
    let q = st.pr.requests[r];
    if !st.has_room(q.a) || !st.has_room(q.b) {
        return false;
    }
    st.pinned[r] = true;
    let mut done = false;
    for s in 0..st.pr.slots {
        if !st.pr.available(q.a, s) || !st.pr.available(q.b, s) || st.pr.tables[s] == 0 {
            continue;
        }
        let blockers: Vec<usize> = [st.meets(q.a, s), st.meets(q.b, s)]
            .into_iter()
            .filter(|&m| m != NONE)
            .map(|m| m as usize)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if blockers.iter().any(|&m| st.pinned[m]) {
            continue;
        }
        let mark = st.mark();
        for &m in &blockers {
            st.remove(m);
        }
        if st.load(s) >= st.pr.tables[s] && !make_room(st, s, depth + 1, &mut vec![s]) {
            st.rollback(mark);
            continue;
        }
        if !st.can_place(r, s) {
            st.rollback(mark);
            continue;
        }
        st.place(r, s);
        let mut ok = true;
        for &m in &blockers {
            st.pinned[r] = true;
            if !(insert(st, m, &[s]) || (depth > 1 && repair(st, m, depth - 1))) {
                ok = false;
                break;
            }
        }
        if ok {
            done = true;
            break;
        }
        st.rollback(mark);
    }
    st.pinned[r] = false;
    done
}

const MAKE_ROOM_CANDIDATES: usize = 12;

/// Frees a table in a full slot by moving one of its meetings to another slot: directly, or
/// into a full slot that frees a table in turn (a chain through the slots, `depth` long).
fn make_room(st: &mut State, s: usize, depth: u32, visited: &mut Vec<usize>) -> bool {
    // A few candidates suffice: meetings of a slot are alike, and a full search over every
    // table of every slot is what makes chains slow.
    let candidates: Vec<u32> = st
        .in_slot(s)
        .iter()
        .copied()
        .take(MAKE_ROOM_CANDIDATES)
        .collect();
    for &m in &candidates {
        let m = m as usize;
        if st.pinned[m] {
            continue;
        }
        let mark = st.mark();
        st.remove(m);
        if insert(st, m, visited) {
            return true;
        }
        st.rollback(mark);
    }
    if depth <= 1 {
        return false;
    }
    // No meeting moves directly: move one into a full slot where its people are free, after
    // making room there.
    for &m in &candidates {
        let m = m as usize;
        if st.pinned[m] {
            continue;
        }
        let q = st.pr.requests[m];
        for t in 0..st.pr.slots {
            if visited.contains(&t)
                || !st.pr.available(q.a, t)
                || !st.pr.available(q.b, t)
                || st.meets(q.a, t) != NONE
                || st.meets(q.b, t) != NONE
            {
                continue;
            }
            let mark = st.mark();
            st.remove(m);
            st.pinned[m] = true;
            visited.push(t);
            let ok = make_room(st, t, depth - 1, visited);
            visited.pop();
            st.pinned[m] = false;
            if ok && st.can_place(m, t) {
                st.place(m, t);
                return true;
            }
            st.rollback(mark);
        }
    }
    false
}

/// Ruin and recreate: a request left out is forced into a slot, whatever is in its way is
/// taken out and put back where it fits; kept if the total weight does not fall (sideways
/// moves let the search walk off plateaus). Stops at the bound or after `budget` tries.
fn force_in(
    st: &mut State,
    order: &[usize],
    bound: u64,
    budget: usize,
    stall: usize,
    work: u64,
    seed: u64,
) {
    let mut rng = seed | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut weight = st.weight();
    let mut since_better = 0usize;
    let mut tries = 0;
    while tries < budget && weight < bound {
        let out: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&r| st.slot_of[r] == NONE)
            .collect();
        if out.is_empty() {
            return;
        }
        let mut progressed = false;
        for _ in 0..out.len().min(budget - tries) {
            tries += 1;
            // A tournament of two: heavier requests are tried more often.
            let (x, y) = (
                out[(next() % out.len() as u64) as usize],
                out[(next() % out.len() as u64) as usize],
            );
            let r = if st.pr.requests[y].weight > st.pr.requests[x].weight {
                y
            } else {
                x
            };
            if st.slot_of[r] != NONE {
                continue;
            }
            let q = st.pr.requests[r];
            let slots: Vec<usize> = (0..st.pr.slots)
                .filter(|&s| {
                    st.pr.available(q.a, s) && st.pr.available(q.b, s) && st.pr.tables[s] > 0
                })
                .collect();
            if slots.is_empty() {
                continue;
            }
            let s = slots[(next() % slots.len() as u64) as usize];
            let mark = st.mark();
            let mut taken: Vec<usize> = Vec::new();
            let mut blocked = false;
            for m in [st.meets(q.a, s), st.meets(q.b, s)] {
                if m != NONE && !taken.contains(&(m as usize)) {
                    taken.push(m as usize);
                }
            }
            for p in [q.a, q.b] {
                if !st.has_room(p)
                    && !taken.iter().any(|&m| {
                        let x = st.pr.requests[m];
                        x.a == p || x.b == p
                    })
                {
                    // The lightest of the person's meetings makes way.
                    let lightest = (0..st.pr.slots)
                        .map(|t| st.meets(p, t))
                        .filter(|&m| m != NONE && !st.pinned[m as usize])
                        .min_by_key(|&m| (st.pr.requests[m as usize].weight, next() % 1024));
                    match lightest {
                        Some(m) => taken.push(m as usize),
                        None => blocked = true,
                    }
                }
            }
            if blocked || taken.iter().any(|&m| st.pinned[m]) {
                continue;
            }
            for &m in &taken {
                st.remove(m);
            }
            if st.load(s) >= st.pr.tables[s] {
                let here: Vec<u32> = st
                    .in_slot(s)
                    .iter()
                    .copied()
                    .filter(|&m| !st.pinned[m as usize])
                    .collect();
                if here.is_empty() {
                    st.rollback(mark);
                    continue;
                }
                let m = here[(next() % here.len() as u64) as usize] as usize;
                st.remove(m);
                taken.push(m);
            }
            if !st.can_place(r, s) {
                st.rollback(mark);
                continue;
            }
            st.place(r, s);
            st.pinned[r] = true;
            for &m in &taken {
                if !insert(st, m, &[]) {
                    repair(st, m, 1);
                }
            }
            st.pinned[r] = false;
            let after = st.weight();
            since_better = if after > weight { 0 } else { since_better + 1 };
            if after > weight || (after == weight && next() % 4 != 0) {
                progressed |= after > weight;
                weight = after;
                st.commit();
                // What was displaced may fit now that things moved.
                for &m in &taken {
                    if st.slot_of[m] == NONE && (insert(st, m, &[]) || repair(st, m, 1)) {
                        weight += u64::from(st.pr.requests[m].weight);
                        st.commit();
                    }
                }
            } else {
                st.rollback(mark);
            }
            if weight >= bound || since_better > stall || st.work > work {
                return;
            }
        }
        let _ = progressed;
    }
}

/// Where a person's cap is full, a heavier request left out takes the place of a lighter
/// meeting in the same slot if it fits there.
fn swap_for_weight(st: &mut State, order: &[usize]) {
    if st
        .pr
        .requests
        .iter()
        .all(|q| q.weight == st.pr.requests[0].weight)
    {
        return;
    }
    for &r in order {
        if st.slot_of[r] != NONE {
            continue;
        }
        let q = st.pr.requests[r];
        let mut best: Option<(u32, usize, usize)> = None;
        for s in 0..st.pr.slots {
            if !st.pr.available(q.a, s) || !st.pr.available(q.b, s) {
                continue;
            }
            for m in [st.meets(q.a, s), st.meets(q.b, s)] {
                if m == NONE || st.pinned[m as usize] {
                    continue;
                }
                let w = st.pr.requests[m as usize].weight;
                if w < q.weight && best.is_none_or(|b| w < b.0) {
                    best = Some((w, m as usize, s));
                }
            }
        }
        if let Some((_, m, s)) = best {
            let mark = st.mark();
            st.remove(m);
            if st.can_place(r, s) {
                st.place(r, s);
                st.commit();
            } else {
                st.rollback(mark);
            }
        }
    }
}

/// Moves single meetings to slots where both people's days get shorter.
fn compact(st: &mut State) {
    for _round in 0..4 {
        let mut moved = false;
        for r in 0..st.pr.requests.len() {
            let s = st.slot_of[r];
            if s == NONE || st.pinned[r] {
                continue;
            }
            let q = st.pr.requests[r];
            let before = st.gaps(q.a) + st.gaps(q.b);
            if before == 0 {
                continue;
            }
            let mark = st.mark();
            st.remove(r);
            let mut best = (before, s as usize);
            for t in 0..st.pr.slots {
                if t != s as usize && st.can_place(r, t) {
                    st.place(r, t);
                    let g = st.gaps(q.a) + st.gaps(q.b);
                    if g < best.0 {
                        best = (g, t);
                    }
                    st.remove(r);
                }
            }
            st.rollback(mark);
            if best.1 != s as usize {
                st.remove(r);
                st.place(r, best.1);
                moved = true;
            }
            st.commit();
        }
        if !moved {
            break;
        }
    }
}

/// Tables: kept meetings keep theirs; the others take the table their exhibitor (the `b`
/// side) or visitor sat at in the slot before if it is free, else the lowest free one.
fn finish(pr: &Problem, st: &State, method: Method, bound: u64) -> Schedule {
    let mut table_of = vec![0u32; pr.requests.len()];
    for &(r, _, t) in &pr.fixed {
        table_of[r] = t;
    }
    let mut last_table = vec![0u32; pr.people];
    let mut meetings = Vec::new();
    for s in 0..pr.slots {
        let mut taken = vec![false; pr.tables[s] as usize + 1];
        let mut here: Vec<usize> = st.in_slot(s).iter().map(|&r| r as usize).collect();
        here.sort_unstable();
        for &r in &here {
            if table_of[r] != 0 {
                taken[table_of[r] as usize] = true;
            }
        }
        for &r in &here {
            if table_of[r] == 0 {
                let q = pr.requests[r];
                let wish = [last_table[q.b as usize], last_table[q.a as usize]]
                    .into_iter()
                    .find(|&t| t != 0 && (t as usize) < taken.len() && !taken[t as usize]);
                let t = wish.unwrap_or_else(|| {
                    (1..taken.len())
                        .find(|&t| !taken[t])
                        .expect("a slot holds more meetings than tables") as u32
                });
                taken[t as usize] = true;
                table_of[r] = t;
            }
            let q = pr.requests[r];
            last_table[q.a as usize] = table_of[r];
            last_table[q.b as usize] = table_of[r];
            meetings.push(Meeting {
                request: r,
                slot: s,
                table: table_of[r],
            });
        }
    }
    let weight = pr.total_weight(meetings.iter().map(|m| m.request));
    let gaps = (0..pr.people as u32).map(|p| u64::from(st.gaps(p))).sum();
    Schedule {
        method,
        meetings,
        weight,
        bound: bound.max(weight),
        gaps,
        warnings: pr.warnings.clone(),
    }
}

/// Checks a schedule against its problem: every rule, with the first broken one named.
pub fn check(pr: &Problem, schedule: &Schedule) -> Result<(), String> {
    let mut busy = std::collections::HashSet::new();
    let mut table = std::collections::HashSet::new();
    let mut count = vec![0u32; pr.people];
    let mut held = std::collections::HashSet::new();
    let kept: std::collections::HashMap<usize, (usize, u32)> =
        pr.fixed.iter().map(|&(r, s, t)| (r, (s, t))).collect();
    for m in &schedule.meetings {
        let q = pr.requests[m.request];
        if !held.insert(m.request) {
            return Err(format!("request {} is held twice", m.request));
        }
        if m.table == 0 || m.table > pr.tables[m.slot] {
            return Err(format!(
                "request {} sits at table {} of {}",
                m.request, m.table, pr.tables[m.slot]
            ));
        }
        if !table.insert((m.slot, m.table)) {
            return Err(format!(
                "table {} is double-booked in slot {}",
                m.table, m.slot
            ));
        }
        let is_kept = kept.get(&m.request) == Some(&(m.slot, m.table));
        for p in [q.a, q.b] {
            if !busy.insert((p, m.slot)) {
                return Err(format!("person {p} is double-booked in slot {}", m.slot));
            }
            if !is_kept && !pr.available(p, m.slot) {
                return Err(format!("person {p} is unavailable in slot {}", m.slot));
            }
            count[p as usize] += 1;
        }
    }
    for (r, (s, t)) in &kept {
        if !schedule
            .meetings
            .iter()
            .any(|m| m.request == *r && m.slot == *s && m.table == *t)
        {
            return Err(format!("kept meeting of request {r} moved or dropped"));
        }
    }
    let kept_per_person = |p: usize| {
        pr.fixed
            .iter()
            .filter(|f| pr.requests[f.0].a as usize == p || pr.requests[f.0].b as usize == p)
            .count() as u32
    };
    for (p, &c) in count.iter().enumerate() {
        if c > pr.cap[p].max(kept_per_person(p)) {
            return Err(format!("person {p} has {c} meetings, cap {}", pr.cap[p]));
        }
    }
    Ok(())
}

/// The schedule in the instance's names, as `meetings schedule` writes it.
#[derive(Debug, Serialize)]
pub struct Output {
    pub method: Method,
    pub meetings: Vec<OutputMeeting>,
    pub unscheduled: Vec<String>,
    pub weight: u64,
    pub bound: u64,
    pub share_of_bound: f64,
    pub gaps: u64,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct OutputMeeting {
    pub request: String,
    pub a: String,
    pub b: String,
    pub slot: String,
    pub table: u32,
}

impl Output {
    pub fn new(instance: &Instance, schedule: &Schedule) -> Output {
        let mut held = vec![false; instance.requests.len()];
        let meetings = schedule
            .meetings
            .iter()
            .map(|m| {
                held[m.request] = true;
                let q = &instance.requests[m.request];
                OutputMeeting {
                    request: instance.request_id(m.request),
                    a: q.a.clone(),
                    b: q.b.clone(),
                    slot: instance.slots[m.slot].id.clone(),
                    table: m.table,
                }
            })
            .collect();
        let unscheduled = (0..instance.requests.len())
            .filter(|&r| !held[r])
            .map(|r| instance.request_id(r))
            .collect();
        Output {
            method: schedule.method,
            meetings,
            unscheduled,
            weight: schedule.weight,
            bound: schedule.bound,
            share_of_bound: schedule.share(),
            gaps: schedule.gaps,
            warnings: schedule.warnings.clone(),
        }
    }
}
