//! What people did, as the engine needs it: per entity, whom it wanted, saw and refused, and
//! who wanted it. Updated one event at a time, so the next ranking sees the last bookmark.

use std::collections::HashMap;

use crate::{EntityId, Event, Meaning, Pool, Side};

/// Neighbours kept per viewer (the most similar), bounding the cost of a ranking.
const MAX_NEIGHBOURS: usize = 200;

#[derive(Default, Clone)]
struct Acts {
    /// Targets this entity wanted, sorted.
    wanted: Vec<EntityId>,
    /// Targets it refused, sorted.
    refused: Vec<EntityId>,
    exposures: u32,
}

#[derive(Default, Clone)]
struct Received {
    /// Who wanted this entity, sorted.
    by: Vec<EntityId>,
    exposures: u32,
}

/// The behaviour state of both sides.
#[derive(Clone)]
pub struct Behaviour {
    acts: [Vec<Acts>; 2],
    received: [Vec<Received>; 2],
    /// Per acting side: successes and exposures in all.
    totals: [(u64, u64); 2],
}

/// The people like one viewer (who wanted what the viewer wanted) and what they wanted:
/// candidate → (sum of similarities, how many).
#[derive(Default, Clone)]
pub enum Neighbourhood {
    /// Behaviour is off, or the viewer has done nothing yet.
    #[default]
    Empty,
    Map(HashMap<EntityId, (f32, u32)>),
}

impl Neighbourhood {
    pub fn get(&self, c: EntityId) -> (f32, u32) {
        match self {
            Neighbourhood::Empty => (0.0, 0),
            Neighbourhood::Map(m) => m.get(&c).copied().unwrap_or((0.0, 0)),
        }
    }
}

fn insert_sorted(v: &mut Vec<EntityId>, x: EntityId) -> bool {
    match v.binary_search(&x) {
        Ok(_) => false,
        Err(i) => {
            v.insert(i, x);
            true
        }
    }
}

fn intersection(a: &[EntityId], b: &[EntityId]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

impl Behaviour {
    pub fn new(pool: &Pool) -> Behaviour {
        let mut b = Behaviour {
            acts: [vec![], vec![]],
            received: [vec![], vec![]],
            totals: [(0, 0); 2],
        };
        b.grow(pool);
        b
    }

    /// Makes room for entities added to the pool since.
    pub fn grow(&mut self, pool: &Pool) {
        for side in [Side::A, Side::B] {
            let n = pool.len(side);
            self.acts[side.ix()].resize(n, Acts::default());
            self.received[side.ix()].resize(n, Received::default());
        }
    }

    fn ensure(&mut self, side: Side, id: EntityId) {
        let n = id as usize + 1;
        if self.acts[side.ix()].len() < n {
            self.acts[side.ix()].resize(n, Acts::default());
            self.received[side.ix()].resize(n, Received::default());
        }
    }

    pub fn record(&mut self, e: &Event) {
        let (s, o) = (e.actor_side, e.actor_side.other());
        self.ensure(s, e.actor);
        self.ensure(o, e.target);
        match e.meaning {
            Meaning::Success => {
                if insert_sorted(&mut self.acts[s.ix()][e.actor as usize].wanted, e.target) {
                    insert_sorted(&mut self.received[o.ix()][e.target as usize].by, e.actor);
                    self.totals[s.ix()].0 += 1;
                }
            }
            Meaning::Exposure => {
                self.acts[s.ix()][e.actor as usize].exposures += 1;
                self.received[o.ix()][e.target as usize].exposures += 1;
                self.totals[s.ix()].1 += 1;
            }
            Meaning::Refusal => {
                insert_sorted(&mut self.acts[s.ix()][e.actor as usize].refused, e.target);
            }
            Meaning::Other => {}
        }
    }

    /// Forgets everything `id` of `side` did and everything done to it (an account deleted):
    /// its wishes leave the lists of those it wanted, others' wishes for it leave theirs.
    /// Exposure counts are kept per entity, not per pair, so only its own are dropped.
    pub fn forget(&mut self, side: Side, id: EntityId) {
        let (s, o) = (side.ix(), side.other().ix());
        let Some(acts) = self.acts[s].get_mut(id as usize).map(std::mem::take) else {
            return;
        };
        for c in &acts.wanted {
            if let Some(r) = self.received[o].get_mut(*c as usize)
                && let Ok(i) = r.by.binary_search(&id)
            {
                r.by.remove(i);
            }
        }
        self.totals[s].0 -= acts.wanted.len() as u64;
        self.totals[s].1 -= acts.exposures as u64;
        let received = std::mem::take(&mut self.received[s][id as usize]);
        for u in &received.by {
            if let Some(a) = self.acts[o].get_mut(*u as usize)
                && let Ok(i) = a.wanted.binary_search(&id)
            {
                a.wanted.remove(i);
                self.totals[o].0 -= 1;
            }
        }
    }

    /// Whether `w` of `side` already wanted `c`.
    pub fn wanted(&self, side: Side, w: EntityId, c: EntityId) -> bool {
        self.acts[side.ix()]
            .get(w as usize)
            .is_some_and(|a| a.wanted.binary_search(&c).is_ok())
    }

    pub fn wanted_list(&self, side: Side, w: EntityId) -> &[EntityId] {
        self.acts[side.ix()]
            .get(w as usize)
            .map(|a| a.wanted.as_slice())
            .unwrap_or(&[])
    }

    /// Candidates `w` refused, sorted.
    pub fn refused(&self, side: Side, w: EntityId) -> &[EntityId] {
        self.acts[side.ix()]
            .get(w as usize)
            .map(|a| a.refused.as_slice())
            .unwrap_or(&[])
    }

    /// How many of `side` wanted `c` (of the other side).
    pub fn popularity(&self, side: Side, c: EntityId) -> u32 {
        self.received[side.other().ix()]
            .get(c as usize)
            .map_or(0, |r| r.by.len() as u32)
    }

    /// Share of `side`'s members who, having seen `c`, wanted it; shrunk towards the side's
    /// overall rate when `c` has been seen rarely. Where the log has no exposures, the rate is
    /// the count of those who wanted it over the side's average.
    pub fn appeal(&self, side: Side, c: EntityId) -> f64 {
        let (succ, exp) = self.totals[side.ix()];
        let prior = if exp > 0 {
            (succ as f64 / exp as f64).min(1.0)
        } else {
            0.0
        };
        let r = self.received[side.other().ix()].get(c as usize);
        let (wanted, seen) = r.map_or((0.0, 0.0), |r| (r.by.len() as f64, r.exposures as f64));
        if exp == 0 {
            return 0.0;
        }
        (wanted + 5.0 * prior) / (seen + 5.0)
    }

    /// Share of what `w` saw that it wanted, shrunk towards its side's rate.
    pub fn eagerness(&self, side: Side, w: EntityId) -> f64 {
        let (succ, exp) = self.totals[side.ix()];
        if exp == 0 {
            return 0.0;
        }
        let prior = (succ as f64 / exp as f64).min(1.0);
        let a = self.acts[side.ix()].get(w as usize);
        let (wanted, seen) = a.map_or((0.0, 0.0), |a| (a.wanted.len() as f64, a.exposures as f64));
        (wanted + 5.0 * prior) / (seen + 5.0)
    }

    /// The people like `w` and what they wanted (user-based collaborative filtering): those who
    /// wanted any of what `w` wanted, weighed by cosine similarity of the two sets, the most
    /// similar kept.
    pub fn neighbourhood(&self, side: Side, w: EntityId) -> Neighbourhood {
        let mine = self.wanted_list(side, w);
        if mine.is_empty() {
            return Neighbourhood::Empty;
        }
        let other = side.other();
        let mut overlap: HashMap<EntityId, u32> = HashMap::new();
        for &j in mine {
            if let Some(r) = self.received[other.ix()].get(j as usize) {
                for &u in &r.by {
                    if u != w {
                        *overlap.entry(u).or_default() += 1;
                    }
                }
            }
        }
        let mut sims: Vec<(f32, EntityId)> = overlap
            .into_iter()
            .map(|(u, n)| {
                let theirs = self.wanted_list(side, u).len().max(1);
                (n as f32 / ((mine.len() * theirs) as f32).sqrt(), u)
            })
            .collect();
        if sims.len() > MAX_NEIGHBOURS {
            sims.select_nth_unstable_by(MAX_NEIGHBOURS - 1, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            sims.truncate(MAX_NEIGHBOURS);
        }
        let mut out: HashMap<EntityId, (f32, u32)> = HashMap::new();
        for (sim, u) in sims {
            for &c in self.wanted_list(side, u) {
                let e = out.entry(c).or_default();
                e.0 += sim;
                e.1 += 1;
            }
        }
        Neighbourhood::Map(out)
    }

    /// Neighbourhood-free form for one pair: Σ over those who wanted `c` of their similarity to
    /// `w` (cheap when few wanted `c`).
    pub fn similar_for_pair(&self, side: Side, w: EntityId, c: EntityId) -> (f32, u32) {
        let mine = self.wanted_list(side, w);
        if mine.is_empty() {
            return (0.0, 0);
        }
        let Some(r) = self.received[side.other().ix()].get(c as usize) else {
            return (0.0, 0);
        };
        let (mut sum, mut n) = (0.0f32, 0u32);
        for &u in &r.by {
            if u == w {
                continue;
            }
            let theirs = self.wanted_list(side, u);
            let k = intersection(mine, theirs);
            if k > 0 {
                sum += k as f32 / ((mine.len() * theirs.len()) as f32).sqrt();
                n += 1;
            }
        }
        (sum, n)
    }
}
