//! Generated instances for tests and benchmarks: a fair's buyers asking its exhibitors for
//! meetings, with popular exhibitors asked far more often (a Zipf-like law), caps per person and,
//! if asked, blocks of booth duty and talks when people cannot meet.

use std::collections::HashSet;

use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::{RngCore, SeedableRng};

use crate::instance::{Instance, Person, Request, Slot};

#[derive(Debug, Clone)]
pub struct Spec {
    pub people: usize,
    pub requests: usize,
    pub slots: usize,
    /// Slots are split evenly over this many days.
    pub days: usize,
    pub tables: u32,
    /// Share of people with unavailable slots (0 to 1).
    pub unavailable: f64,
    /// Weights are drawn from 1 to this.
    pub max_weight: u32,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            people: 1000,
            requests: 10_000,
            slots: 16,
            days: 2,
            tables: 60,
            unavailable: 0.0,
            max_weight: 1,
            seed: 1,
        }
    }
}

struct Rng(Pcg64Mcg);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// An instance after `spec`: 30 % of the people are exhibitors (`e…`), the rest buyers (`b…`);
/// requests run buyer → exhibitor, never twice for a pair.
pub fn instance(spec: &Spec) -> Instance {
    let mut rng = Rng(Pcg64Mcg::seed_from_u64(spec.seed));
    let days = spec.days.clamp(1, spec.slots.max(1));
    let per_day = spec.slots.div_ceil(days);
    let slots: Vec<Slot> = (0..spec.slots)
        .map(|s| Slot {
            id: format!("d{}-{:02}", s / per_day + 1, s % per_day + 1),
            day: (s / per_day) as u32,
            tables: None,
        })
        .collect();
    let exhibitors = (spec.people * 3 / 10).max(1);
    let buyers = spec.people.saturating_sub(exhibitors).max(1);
    let mut people = Vec::with_capacity(buyers + exhibitors);
    for i in 0..buyers + exhibitors {
        let exhibitor = i >= buyers;
        let id = if exhibitor {
            format!("e{}", i - buyers)
        } else {
            format!("b{i}")
        };
        let cap = if exhibitor {
            None
        } else {
            Some((spec.slots / 4 + rng.below(spec.slots - spec.slots / 4 + 1)).max(1) as u32)
        };
        let mut unavailable = Vec::new();
        if spec.slots > 1 && rng.unit() < spec.unavailable {
            // A block of booth duty or a talk: two to six slots in a row.
            let len = (2 + rng.below(5)).min(spec.slots - 1);
            let start = rng.below(spec.slots - len + 1);
            unavailable.extend((start..start + len).map(|s| slots[s].id.clone()));
            // And one more slot elsewhere, now and then.
            if rng.unit() < 0.5 {
                let s = rng.below(spec.slots);
                if !(start..start + len).contains(&s) {
                    unavailable.push(slots[s].id.clone());
                }
            }
        }
        people.push(Person {
            id,
            cap,
            unavailable,
            available: None,
        });
    }
    // Exhibitor popularity: weight 1/(rank+1)^0.8, sampled through the cumulative sum.
    let cumulative: Vec<f64> = (0..exhibitors)
        .scan(0.0, |acc, r| {
            *acc += 1.0 / ((r + 1) as f64).powf(0.8);
            Some(*acc)
        })
        .collect();
    let total = *cumulative.last().unwrap_or(&1.0);
    let wanted = spec.requests.min(buyers * exhibitors);
    let mut pairs = HashSet::with_capacity(wanted);
    let mut requests = Vec::with_capacity(wanted);
    let mut attempts = 0usize;
    while requests.len() < wanted && attempts < wanted * 50 {
        attempts += 1;
        let b = rng.below(buyers);
        let x = rng.unit() * total;
        let e = cumulative.partition_point(|&c| c < x).min(exhibitors - 1);
        if pairs.insert((b, e)) {
            let weight = 1 + rng.below(spec.max_weight.max(1) as usize) as u32;
            requests.push(Request {
                id: None,
                a: people[b].id.clone(),
                b: people[buyers + e].id.clone(),
                weight,
            });
        }
    }
    // Uniformly at random for what the skew could not place.
    while requests.len() < wanted {
        let (b, e) = (rng.below(buyers), rng.below(exhibitors));
        if pairs.insert((b, e)) {
            requests.push(Request {
                id: None,
                a: people[b].id.clone(),
                b: people[buyers + e].id.clone(),
                weight: 1,
            });
        }
    }
    Instance {
        slots,
        tables: spec.tables,
        people,
        requests,
        fixed: Vec::new(),
    }
}
