//! The signals of one direction of one pair: the specification's content comparisons, then the
//! behaviour signals every market shares.

use crate::pool::Prepared;
use crate::{Behaviour, Compare, EntityId, Model, Neighbourhood, Pool, Reason, Side, Signal, Spec};

/// The behaviour signals, after the content ones, in this order.
pub const BEHAVIOUR_SIGNALS: [&str; 5] = [
    "similar_people",
    "popularity",
    "appeal",
    "eagerness",
    "interested_in_you",
];

/// One direction's signal values (each content feature as value and "missing" flag, then the
/// behaviour signals), with what the reasons need.
#[derive(Debug, Clone)]
pub struct Signals {
    pub values: Vec<f64>,
    similar: u32,
    popular: u32,
}

pub(crate) struct Slot {
    pub(crate) name: String,
    pub(crate) compare: Compare,
    pub(crate) wanting_field: Option<u16>,
    pub(crate) wanted_field: Option<u16>,
    pub(crate) weight_by: Option<u16>,
}

/// The specification resolved against the pool's field names.
pub(crate) struct Compiled {
    slots: [Vec<Slot>; 2],
    names: [Vec<String>; 2],
}

impl Compiled {
    pub(crate) fn new(pool: &Pool, spec: &Spec) -> Compiled {
        let mut slots: [Vec<Slot>; 2] = [vec![], vec![]];
        let mut names: [Vec<String>; 2] = [vec![], vec![]];
        for f in &spec.features {
            slots[f.wanting.ix()].push(Slot {
                name: f.name.clone(),
                compare: f.compare,
                wanting_field: pool.field_id(&f.wanting_field),
                wanted_field: pool.field_id(&f.wanted_field),
                weight_by: f.weight_by.as_deref().and_then(|b| pool.field_id(b)),
            });
        }
        for side in [Side::A, Side::B] {
            for s in &slots[side.ix()] {
                names[side.ix()].push(s.name.clone());
                names[side.ix()].push(format!("{}:missing", s.name));
            }
            for b in BEHAVIOUR_SIGNALS {
                names[side.ix()].push(b.to_string());
            }
        }
        Compiled { slots, names }
    }

    pub(crate) fn slots(&self, side: Side) -> &[Slot] {
        &self.slots[side.ix()]
    }

    pub(crate) fn names(&self, side: Side) -> &[String] {
        &self.names[side.ix()]
    }
}

fn num(p: Option<&Prepared>) -> Option<f64> {
    match p {
        Some(Prepared::Num(n)) => Some(*n),
        _ => None,
    }
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s as f64
}

/// Shared depth of two codes, in whole levels: two digits per level for HS-like codes, dotted
/// segments otherwise. Returns (shared length in characters, shared share of `wanting`).
pub(crate) fn code_share(wanting: &str, wanted: &str) -> (usize, f64) {
    let digits =
        wanting.bytes().all(|b| b.is_ascii_digit()) && wanted.bytes().all(|b| b.is_ascii_digit());
    if digits {
        let common = wanting
            .bytes()
            .zip(wanted.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let common = common - common % 2;
        (common, common as f64 / wanting.len().max(1) as f64)
    } else {
        let a: Vec<&str> = wanting.split('.').collect();
        let b: Vec<&str> = wanted.split('.').collect();
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let chars = a[..common].iter().map(|s| s.len()).sum::<usize>() + common.saturating_sub(1);
        (chars, common as f64 / a.len().max(1) as f64)
    }
}

fn best_code<'p>(pool: &'p Pool, a: &[u32], b: &[u32]) -> Option<(f64, &'p str)> {
    let mut best: Option<(f64, &'p str)> = None;
    for x in a {
        let x = pool.value_name(*x);
        for y in b {
            let y = pool.value_name(*y);
            let (len, share) = code_share(x, y);
            if len > 0 && best.as_ref().is_none_or(|(s, _)| share > *s) {
                best = Some((share, &y[..len]));
            }
        }
    }
    best
}

fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .filter(|x| b.binary_search(x).is_ok())
        .copied()
        .collect()
}

fn pearson(a: &[(u32, f64)], b: &[(u32, f64)]) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .filter_map(|(k, x)| {
            b.binary_search_by_key(k, |(j, _)| *j)
                .ok()
                .map(|i| (*x, b[i].1))
        })
        .collect();
    if pairs.len() < 3 {
        return None;
    }
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

fn fit(a: &[(u32, f64)], b: &[(u32, f64)]) -> Option<f64> {
    let max_b = b.iter().map(|p| p.1).fold(0.0f64, f64::max);
    let (mut num, mut den) = (0.0, 0.0);
    for (k, x) in a {
        if let Ok(i) = b.binary_search_by_key(k, |(j, _)| *j) {
            num += x * b[i].1;
            den += x * max_b;
        }
    }
    (den > 0.0).then(|| num / den)
}

fn compare(slot: &Slot, pool: &Pool, wanting: Side, w: EntityId, c: EntityId) -> Option<f64> {
    let mine = pool.field(wanting, w, slot.wanting_field);
    let theirs = pool.field(wanting.other(), c, slot.wanted_field);
    let value = match slot.compare {
        Compare::Own => num(mine)?,
        Compare::Their => num(theirs)?,
        _ => {
            let (mine, theirs) = (mine?, theirs?);
            match (slot.compare, mine, theirs) {
                (Compare::Text, Prepared::Text(a), Prepared::Text(b)) => dot(a, b),
                (Compare::Codes, Prepared::Codes(a), Prepared::Codes(b)) => {
                    best_code(pool, a, b).map_or(0.0, |(s, _)| s)
                }
                (Compare::Overlap, Prepared::Set(a), Prepared::Set(b)) => {
                    shared(a, b).len() as f64 / a.len() as f64
                }
                (Compare::Same, Prepared::Set(a), Prepared::Set(b)) => {
                    f64::from(!shared(a, b).is_empty())
                }
                (Compare::AtLeast, Prepared::Num(a), Prepared::Num(b)) => {
                    if b >= a || *a <= 0.0 {
                        1.0
                    } else {
                        (b / a).max(0.0)
                    }
                }
                (Compare::AtMost, Prepared::Num(a), Prepared::Num(b)) => {
                    if b <= a || *b <= 0.0 {
                        1.0
                    } else {
                        (a / b).max(0.0)
                    }
                }
                (Compare::Near(scale), Prepared::Num(a), Prepared::Num(b)) => {
                    (-(a - b).abs() / scale).exp()
                }
                (Compare::Correlation, Prepared::Vector(a), Prepared::Vector(b)) => pearson(a, b)?,
                (Compare::Dot, Prepared::Vector(a), Prepared::Vector(b)) => fit(a, b)?,
                _ => return None,
            }
        }
    };
    match slot.weight_by {
        Some(by) => Some(value * num(pool.field(wanting, w, Some(by)))?),
        None => Some(value),
    }
}

/// The signals of `w` (of `wanting`) wanting `c`. `nb` is `w`'s neighbourhood, or `None` to
/// work out the similar-people signal for this pair alone.
#[allow(clippy::too_many_arguments)]
pub(crate) fn signals(
    compiled: &Compiled,
    pool: &Pool,
    behaviour: &Behaviour,
    wanting: Side,
    w: EntityId,
    c: EntityId,
    nb: Option<&Neighbourhood>,
    use_behaviour: bool,
) -> Signals {
    let slots = &compiled.slots[wanting.ix()];
    let mut values = Vec::with_capacity(slots.len() * 2 + BEHAVIOUR_SIGNALS.len());
    for slot in slots {
        match compare(slot, pool, wanting, w, c) {
            Some(v) => values.extend([v, 0.0]),
            None => values.extend([0.0, 1.0]),
        }
    }
    let (mut similar, mut popular) = (0, 0);
    if use_behaviour {
        let (sim, n) = match nb {
            Some(nb) => nb.get(c),
            None => behaviour.similar_for_pair(wanting, w, c),
        };
        similar = n;
        popular = behaviour.popularity(wanting, c);
        values.extend([
            (sim as f64).ln_1p(),
            (popular as f64).ln_1p(),
            behaviour.appeal(wanting, c),
            behaviour.eagerness(wanting, w),
            f64::from(behaviour.wanted(wanting.other(), c, w)),
        ]);
    } else {
        values.extend([0.0; BEHAVIOUR_SIGNALS.len()]);
    }
    Signals {
        values,
        similar,
        popular,
    }
}

/// A direction nobody's events taught (a one-sided log's other side, a new platform): the mean
/// of its content signals that lie in [0, 1], a signal not stated counting as one half (not
/// known either way), so that stating more of what one wants does not by itself sink a pair.
pub(crate) fn untrained(compiled: &Compiled, wanting: Side, values: &[f64]) -> f64 {
    let slots = &compiled.slots[wanting.ix()];
    let (mut sum, mut n, mut known) = (0.0, 0, 0);
    for (i, slot) in slots.iter().enumerate() {
        if matches!(slot.compare, Compare::Own | Compare::Their) || slot.weight_by.is_some() {
            continue;
        }
        n += 1;
        if values[2 * i + 1] > 0.0 {
            sum += 0.5;
            continue;
        }
        known += 1;
        let v = values[2 * i];
        let v = if slot.compare == Compare::Correlation {
            (v + 1.0) / 2.0
        } else {
            v
        };
        sum += v.clamp(0.0, 1.0);
    }
    if known == 0 {
        0.5
    } else {
        0.05 + 0.9 * sum / n as f64
    }
}

/// The reasons one direction gives: each signal that raised the pair's logit, as data.
pub(crate) fn explain(
    compiled: &Compiled,
    pool: &Pool,
    model: Option<&Model>,
    wanting: Side,
    w: EntityId,
    c: EntityId,
    s: &Signals,
) -> Vec<Reason> {
    let slots = &compiled.slots[wanting.ix()];
    let contribution = |i: usize| -> f64 {
        match model {
            Some(m) => m.contribution(i, s.values[i]),
            None if i < slots.len() * 2 && i.is_multiple_of(2) => s.values[i] - 0.3,
            None => 0.0,
        }
    };
    let mut out = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        if s.values[2 * i + 1] > 0.0 || s.values[2 * i] <= 0.0 {
            continue;
        }
        let weight = contribution(2 * i);
        if weight <= 0.0 {
            continue;
        }
        let mine = pool.field(wanting, w, slot.wanting_field);
        let theirs = pool.field(wanting.other(), c, slot.wanted_field);
        let feature = slot.name.clone();
        let signal = match (slot.compare, mine, theirs) {
            (Compare::Text, Some(Prepared::Text(a)), Some(Prepared::Text(b))) => {
                let mut common: Vec<(f32, u32)> = a
                    .iter()
                    .filter_map(|(t, x)| {
                        b.binary_search_by_key(t, |(u, _)| *u)
                            .ok()
                            .map(|j| (x * b[j].1, *t))
                    })
                    .collect();
                common.sort_by(|x, y| y.0.total_cmp(&x.0));
                let words = common
                    .iter()
                    .take(3)
                    .map(|(_, t)| pool.term_display(*t).to_string())
                    .collect();
                Signal::Words { feature, words }
            }
            (Compare::Codes, Some(Prepared::Codes(a)), Some(Prepared::Codes(b))) => {
                match best_code(pool, a, b) {
                    Some((_, code)) => Signal::Code {
                        feature,
                        code: code.to_string(),
                    },
                    None => continue,
                }
            }
            (Compare::Overlap | Compare::Same, Some(Prepared::Set(a)), Some(Prepared::Set(b))) => {
                Signal::Shared {
                    feature,
                    values: shared(a, b)
                        .into_iter()
                        .map(|v| pool.value_name(v).to_string())
                        .collect(),
                }
            }
            _ => Signal::Fits { feature },
        };
        out.push(Reason {
            wanting,
            signal,
            weight,
        });
    }
    let base = slots.len() * 2;
    let behaviour = [
        (0, Signal::Similar { count: s.similar }, s.similar > 0),
        (1, Signal::Popular { count: s.popular }, s.popular > 0),
        (2, Signal::Responsive, true),
        (4, Signal::InterestedInYou, s.values[base + 4] > 0.0),
    ];
    for (i, signal, applies) in behaviour {
        if !applies || model.is_none() {
            continue;
        }
        let weight = contribution(base + i);
        if weight > 0.0 {
            out.push(Reason {
                wanting,
                signal,
                weight,
            });
        }
    }
    out
}
