//! Finding the few candidates worth scoring among hundreds of thousands: inverted lists over
//! the wanted side's texts and classification codes (for the features that compare them), the
//! viewer's neighbourhood (what people like them wanted) and the most wanted overall (so a
//! newcomer who said nothing still gets a list). Only these are scored exactly.

use std::collections::HashMap;

use crate::features::{Compiled, code_share};
use crate::pool::Prepared;
use crate::{Behaviour, Compare, EntityId, Neighbourhood, Pool, Side};

/// How many candidates the inverted lists hand to exact scoring.
pub const FROM_CONTENT: usize = 800;
/// How many from the neighbourhood.
pub const FROM_NEIGHBOURS: usize = 300;
/// How many of the most wanted.
pub const FROM_POPULAR: usize = 100;
/// A query word found in more texts than this is skipped once enough candidates are found.
const COMMON: usize = 20_000;

thread_local! {
    static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<bool>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

#[derive(Default)]
struct Lists {
    /// (wanted field, term) → (candidate, weight).
    text: HashMap<(u16, u32), Vec<(EntityId, f32)>>,
    /// (wanted field, code prefix) → candidates.
    codes: HashMap<(u16, String), Vec<EntityId>>,
    popular: Vec<EntityId>,
}

/// The inverted lists for both viewer sides.
#[derive(Default)]
pub struct Retrieval {
    lists: [Lists; 2],
    /// Entities of each side added or changed since the lists were built: always retrieved
    /// (they are few between rebuilds), so a new listing is a candidate at once.
    fresh: [Vec<EntityId>; 2],
}

fn prefixes(code: &str) -> Vec<String> {
    if code.bytes().all(|b| b.is_ascii_digit()) {
        (1..=code.len() / 2)
            .map(|l| code[..2 * l].to_string())
            .chain((code.len() % 2 == 1).then(|| code.to_string()))
            .collect()
    } else {
        let parts: Vec<&str> = code.split('.').collect();
        (1..=parts.len()).map(|l| parts[..l].join(".")).collect()
    }
}

impl Retrieval {
    pub(crate) fn build(pool: &Pool, compiled: &Compiled, behaviour: &Behaviour) -> Retrieval {
        let mut r = Retrieval::default();
        for side in [Side::A, Side::B] {
            let other = side.other();
            let lists = &mut r.lists[side.ix()];
            for slot in compiled.slots(side) {
                let Some(field) = slot.wanted_field else {
                    continue;
                };
                if !matches!(slot.compare, Compare::Text | Compare::Codes) {
                    continue;
                }
                for c in 0..pool.len(other) as EntityId {
                    match pool.field(other, c, Some(field)) {
                        Some(Prepared::Text(v)) if slot.compare == Compare::Text => {
                            for &(t, w) in v {
                                lists.text.entry((field, t)).or_default().push((c, w));
                            }
                        }
                        Some(Prepared::Codes(codes)) if slot.compare == Compare::Codes => {
                            for code in codes {
                                for p in prefixes(pool.value_name(*code)) {
                                    let l = lists.codes.entry((field, p)).or_default();
                                    if l.last() != Some(&c) {
                                        l.push(c);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            let mut by: Vec<(u32, EntityId)> = (0..pool.len(other) as EntityId)
                .map(|c| (behaviour.popularity(side, c), c))
                .filter(|(n, _)| *n > 0)
                .collect();
            by.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            lists.popular = by.into_iter().take(FROM_POPULAR).map(|(_, c)| c).collect();
        }
        r
    }

    /// Notes an entity added or changed after the build.
    pub(crate) fn freshen(&mut self, side: Side, id: EntityId) {
        let f = &mut self.fresh[side.ix()];
        if !f.contains(&id) {
            f.push(id);
        }
    }

    /// How many entities changed since the build (a caller rebuilds when they grow many).
    pub(crate) fn fresh_count(&self) -> usize {
        self.fresh[0].len() + self.fresh[1].len()
    }

    /// Candidates of the other side for `v` worth scoring exactly (unfiltered, no repeats).
    pub(crate) fn retrieve(
        &self,
        pool: &Pool,
        compiled: &Compiled,
        side: Side,
        v: EntityId,
        nb: &Neighbourhood,
    ) -> Vec<EntityId> {
        let lists = &self.lists[side.ix()];
        let n = pool.len(side.other());
        // Scratch space per thread, cleared where used: zeroing a fresh accumulator for half a
        // million candidates on every query would cost more than the lists.
        let (mut acc, mut credited) = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        if acc.len() < n {
            acc.resize(n, 0.0);
            credited.resize(n, false);
        }
        let mut touched: Vec<EntityId> = Vec::new();
        fn add(c: EntityId, x: f32, acc: &mut [f32], touched: &mut Vec<EntityId>) {
            if acc[c as usize] == 0.0 {
                touched.push(c);
            }
            acc[c as usize] += x.max(1e-6);
        }
        // Text first, strongest query words first; codes from the deepest level up, a level
        // shallower only while too few candidates are found (a chapter of HS codes can hold a
        // fifth of all products).
        for slot in compiled.slots(side) {
            let (Some(mine), Some(theirs)) = (slot.wanting_field, slot.wanted_field) else {
                continue;
            };
            match (slot.compare, pool.field(side, v, Some(mine))) {
                (Compare::Text, Some(Prepared::Text(q))) => {
                    let mut q = q.clone();
                    q.sort_by(|a, b| b.1.total_cmp(&a.1));
                    for (t, w) in q {
                        if let Some(list) = lists.text.get(&(theirs, t)) {
                            if list.len() > COMMON && touched.len() >= FROM_CONTENT {
                                continue;
                            }
                            for &(c, wc) in list {
                                add(c, w * wc, &mut acc, &mut touched);
                            }
                        }
                    }
                }
                (Compare::Codes, Some(Prepared::Codes(q))) => {
                    let mut levels: Vec<(f32, String)> = q
                        .iter()
                        .map(|c| pool.value_name(*c))
                        .flat_map(|code| {
                            prefixes(code)
                                .into_iter()
                                .map(move |p| (code_share(code, &p).1 as f32, p))
                        })
                        .collect();
                    levels.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.len().cmp(&a.1.len())));
                    for (share, p) in levels {
                        if touched.len() >= FROM_CONTENT && share < 1.0 {
                            break;
                        }
                        if let Some(list) = lists.codes.get(&(theirs, p)) {
                            for &c in list {
                                if !credited[c as usize] {
                                    credited[c as usize] = true;
                                    add(c, share, &mut acc, &mut touched);
                                }
                            }
                        }
                    }
                    for c in &touched {
                        credited[*c as usize] = false;
                    }
                }
                _ => {}
            }
        }
        for c in &touched {
            credited[*c as usize] = false;
        }
        if touched.len() > FROM_CONTENT {
            touched.select_nth_unstable_by(FROM_CONTENT - 1, |a, b| {
                acc[*b as usize].total_cmp(&acc[*a as usize]).then(a.cmp(b))
            });
        }
        for c in &touched {
            acc[*c as usize] = 0.0;
        }
        SCRATCH.with(|s| *s.borrow_mut() = (acc, credited));
        touched.truncate(FROM_CONTENT);
        let mut out = touched;
        if let Neighbourhood::Map(m) = nb {
            let mut from: Vec<(f32, EntityId)> = m.iter().map(|(c, (s, _))| (*s, *c)).collect();
            if from.len() > FROM_NEIGHBOURS {
                from.select_nth_unstable_by(FROM_NEIGHBOURS - 1, |a, b| {
                    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
                });
                from.truncate(FROM_NEIGHBOURS);
            }
            out.extend(from.into_iter().map(|(_, c)| c));
        }
        out.extend(lists.popular.iter().copied());
        out.extend(self.fresh[side.other().ix()].iter().copied());
        out.sort_unstable();
        out.dedup();
        out
    }
}
