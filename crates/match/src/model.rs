//! One direction's model: logistic regression over the standardised signals, fitted by
//! Newton's method with an L2 penalty (a few dozen weights; exact, deterministic, no tuning of
//! step sizes), and the examples it learns from, replayed from the event log in time order.

use std::collections::{HashMap, HashSet};

use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::{RngCore, SeedableRng};

use crate::{Engine, EntityId, Event, Meaning, Side};

/// Negatives drawn per positive where the log says nothing of what people saw.
const NEGATIVES_PER_POSITIVE: usize = 4;
/// Examples kept per direction (drawn evenly when there are more).
const MAX_EXAMPLES: usize = 400_000;
const L2: f64 = 1.0;
const ITERATIONS: usize = 25;

/// A fitted direction.
#[derive(Debug, Clone)]
pub struct Model {
    pub names: Vec<String>,
    pub weights: Vec<f64>,
    pub bias: f64,
    mean: Vec<f64>,
    scale: Vec<f64>,
    /// Examples it was fitted on (positives, all).
    pub examples: (usize, usize),
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
fn solve(a: &mut [f64], b: &mut [f64], n: usize) -> bool {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d <= 1e-12 {
            return false;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= a[k * n + i] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    true
}

impl Model {
    /// Fits on `x` (rows of signals) and labels `y`; `None` without both outcomes.
    pub fn fit(x: &[Vec<f64>], y: &[bool], names: &[String]) -> Option<Model> {
        let pos = y.iter().filter(|&&b| b).count();
        if pos == 0 || pos == y.len() {
            return None;
        }
        let d = names.len();
        let n = x.len() as f64;
        let mut mean = vec![0.0; d];
        for row in x {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut scale = vec![0.0; d];
        for row in x {
            for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        for s in &mut scale {
            *s = if *s > 1e-12 { s.sqrt() } else { 0.0 };
        }
        let z = |row: &[f64], out: &mut Vec<f64>| {
            out.clear();
            out.push(1.0);
            for ((v, m), s) in row.iter().zip(&mean).zip(&scale) {
                out.push(if *s > 0.0 { (v - m) / s } else { 0.0 });
            }
        };
        let p = d + 1;
        let mut beta = vec![0.0; p];
        let prior = pos as f64 / n;
        beta[0] = (prior / (1.0 - prior)).ln();
        let mut row = Vec::with_capacity(p);
        for _ in 0..ITERATIONS {
            let mut grad = vec![0.0; p];
            let mut hess = vec![0.0; p * p];
            for (xi, &yi) in x.iter().zip(y) {
                z(xi, &mut row);
                let eta: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
                let mu = sigmoid(eta);
                let r = f64::from(yi) - mu;
                let w = (mu * (1.0 - mu)).max(1e-9);
                for i in 0..p {
                    if row[i] == 0.0 {
                        continue;
                    }
                    grad[i] += r * row[i];
                    let wi = w * row[i];
                    for j in 0..=i {
                        hess[i * p + j] += wi * row[j];
                    }
                }
            }
            for i in 0..p {
                for j in 0..i {
                    hess[j * p + i] = hess[i * p + j];
                }
            }
            for i in 1..p {
                grad[i] -= L2 * beta[i];
                hess[i * p + i] += L2;
            }
            hess[0] += 1e-9;
            for i in 1..p {
                if scale[i - 1] == 0.0 {
                    hess[i * p + i] += 1.0;
                }
            }
            if !solve(&mut hess, &mut grad, p) {
                break;
            }
            let step: f64 = grad.iter().map(|g| g.abs()).fold(0.0, f64::max);
            for (b, g) in beta.iter_mut().zip(&grad) {
                *b += g;
            }
            if step < 1e-7 {
                break;
            }
        }
        Some(Model {
            names: names.to_vec(),
            weights: beta[1..].to_vec(),
            bias: beta[0],
            mean,
            scale,
            examples: (pos, y.len()),
        })
    }

    pub fn logit(&self, values: &[f64]) -> f64 {
        self.bias
            + (0..self.weights.len())
                .map(|i| self.contribution(i, values[i]))
                .sum::<f64>()
    }

    pub fn probability(&self, values: &[f64]) -> f64 {
        sigmoid(self.logit(values))
    }

    /// What signal `i` at value `x` adds to the logit, against an average pair.
    pub fn contribution(&self, i: usize, x: f64) -> f64 {
        if self.scale[i] > 0.0 {
            self.weights[i] * (x - self.mean[i]) / self.scale[i]
        } else {
            0.0
        }
    }
}

/// Each direction's examples (signals, label), replayed from `events` in time order: an
/// example's signals are the behaviour state just before its event. A first exposure is an
/// example, positive when the same pair's success follows in the log; a first success without
/// an exposure is a positive, and where the wanting side's log has no exposure that went
/// without success (none at all, or every one answered), random candidates it never wanted are
/// drawn as negatives beside each positive; a refusal is a negative.
pub(crate) fn examples(
    engine: &mut Engine,
    events: &[Event],
    seed: u64,
) -> [(Vec<Vec<f64>>, Vec<bool>); 2] {
    let mut order: Vec<&Event> = events.iter().collect();
    order.sort_by_key(|e| e.time);
    let mut succeeds: [HashSet<(EntityId, EntityId)>; 2] = [HashSet::new(), HashSet::new()];
    for e in &order {
        if e.meaning == Meaning::Success {
            succeeds[e.actor_side.ix()].insert((e.actor, e.target));
        }
    }
    // Negatives are drawn where the log cannot give them: no exposures for that side, or no
    // exposure that went without success (a fair where every scan bookmarks).
    let mut unanswered = [false, false];
    for e in &order {
        if e.meaning == Meaning::Exposure
            && !succeeds[e.actor_side.ix()].contains(&(e.actor, e.target))
        {
            unanswered[e.actor_side.ix()] = true;
        }
    }
    let sampled = [!unanswered[0], !unanswered[1]];
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut pools: HashMap<(Side, EntityId), Vec<EntityId>> = HashMap::new();
    let mut done: [HashSet<(EntityId, EntityId)>; 2] = [HashSet::new(), HashSet::new()];
    let mut out: [(Vec<Vec<f64>>, Vec<bool>); 2] = [(vec![], vec![]), (vec![], vec![])];
    let mut i = 0;
    while i < order.len() {
        let t = order[i].time;
        let mut j = i;
        while j < order.len() && order[j].time == t {
            j += 1;
        }
        let mut nbs: HashMap<(Side, EntityId), crate::Neighbourhood> = HashMap::new();
        for e in &order[i..j] {
            let s = e.actor_side;
            let pair = (e.actor, e.target);
            if done[s.ix()].contains(&pair) || engine.behaviour.wanted(s, e.actor, e.target) {
                continue;
            }
            let label = match e.meaning {
                Meaning::Exposure => succeeds[s.ix()].contains(&pair),
                Meaning::Success => true,
                Meaning::Refusal => false,
                Meaning::Other => continue,
            };
            done[s.ix()].insert(pair);
            let nb = nbs
                .entry((s, e.actor))
                .or_insert_with(|| engine.neighbourhood(s, e.actor));
            let v = engine.signals(s, e.actor, e.target, Some(nb)).values;
            out[s.ix()].0.push(v);
            out[s.ix()].1.push(label);
            if label && sampled[s.ix()] {
                let cands = pools
                    .entry((s, e.actor))
                    .or_insert_with(|| engine.candidates(s, e.actor));
                if cands.is_empty() {
                    continue;
                }
                let mut drawn = 0;
                for _ in 0..NEGATIVES_PER_POSITIVE * 4 {
                    if drawn == NEGATIVES_PER_POSITIVE {
                        break;
                    }
                    let c = cands[(rng.next_u64() % cands.len() as u64) as usize];
                    if succeeds[s.ix()].contains(&(e.actor, c)) {
                        continue;
                    }
                    let v = engine.signals(s, e.actor, c, Some(nb)).values;
                    out[s.ix()].0.push(v);
                    out[s.ix()].1.push(false);
                    drawn += 1;
                }
            }
        }
        for e in &order[i..j] {
            engine.record(e);
        }
        i = j;
    }
    for (x, y) in &mut out {
        if x.len() > MAX_EXAMPLES {
            let step = x.len() as f64 / MAX_EXAMPLES as f64;
            let keep: Vec<usize> = (0..MAX_EXAMPLES)
                .map(|k| (k as f64 * step) as usize)
                .collect();
            *x = keep.iter().map(|&k| x[k].clone()).collect();
            *y = keep.iter().map(|&k| y[k]).collect();
        }
    }
    out
}
